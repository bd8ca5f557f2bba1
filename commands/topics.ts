// /topics list|add|remove: the topics newsbot follows, and a channel's own (issue 18). A channel topic is written as a
// chat user can type it: term groups joined by "+", each group's alternatives by "|" ("witkoff|уиткофф|ウィトコフ +
// putin|путин*|プーチン"); an item is on it when it names a term of every group, matched like the shipped topics'
// terms (whole words, "stem*" for Russian and Ukrainian endings, capitals only in capitals, Japanese anywhere). Words
// only, no regular expressions, so no term can make matching slow. Items stored before the topic existed are tagged
// too: the newest BACKFILL_ITEMS, in the background when that takes longer than the reply can wait.
import { BACKFILL_ITEMS, backfillStart, tagChannelTopics } from '../src/services/channel-topics.js'
import type { ChannelTopicRecord } from '../src/7-store/types.js'
import { addingScope, channelTopicScopes, formatDay, langOption, notice, replyLang } from './shared.js'
import { UserError, type CommandDefinition, type CommandServices, type Invoker, type Lang, type ReplyEntry, type Suggestion } from './types.js'

export const MAX_TOPICS_PER_SCOPE = 25
export const MAX_GROUPS = 4
export const MAX_TERMS = 40
export const MAX_TERM_CHARS = 40
/** How long /topics add waits for the backfill before answering (the platforms allow 3 seconds). */
const BACKFILL_WAIT_MS = 2_000

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/
// Letters, marks and digits of any script, spaces between words, and the punctuation names carry (O'Neill, U.S., Аль-).
const TERM_PATTERN = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}.'’-]*$/u
const STEM_LETTERS = 3

/** The id as typed (full-width characters and capitals folded), checked. */
export function parseTopicId(typed: string): string {
  const id = typed.normalize('NFKC').trim().toLowerCase()
  if (!ID_PATTERN.test(id)) {
    throw new UserError({
      en: `Option "id": "${typed}" is not a topic id; use 2 to 32 lower-case letters, digits and dashes, e.g. witkoff-talks.`,
      ja: `オプション「id」: 「${typed}」はトピック ID として使えません。半角英小文字・数字・ハイフンで 2〜32 文字にしてください（例: witkoff-talks）。`,
    })
  }
  return id
}

function badTerm(term: string): UserError {
  return new UserError({
    en: `Option "terms": "${term}" is not a term. Terms are words or phrases (letters and digits of any language, spaces, - . '), each word optionally ending in * for any ending (at least ${STEM_LETTERS} letters before it); no regular expressions. Example: witkoff|уиткофф + putin|путин*|プーチン`,
    ja: `オプション「terms」: 「${term}」は語として使えません。語は単語または句（各言語の文字・数字・空白・- . '）で、各単語の末尾に * を付けると語尾を問いません（* の前に ${STEM_LETTERS} 文字以上）。正規表現は使えません。例: witkoff|уиткофф + putin|путин*|プーチン`,
  })
}

/** A word or phrase; each word of it may end in * (any ending), as the shipped topics' terms may. */
function checkTerm(term: string): string {
  const words = term.split(' ')
  const wordOk = (word: string) => {
    const stem = word.endsWith('*') ? word.slice(0, -1) : word
    return TERM_PATTERN.test(stem) && (stem === word ? true : [...stem].length >= STEM_LETTERS)
  }
  if (!words.every(wordOk)) throw badTerm(term)
  if ([...term.replace(/\*/g, '')].length < 2 || [...term].length > MAX_TERM_CHARS) {
    throw new UserError({
      en: `Option "terms": "${term}" must be 2 to ${MAX_TERM_CHARS} characters long.`,
      ja: `オプション「terms」: 「${term}」は 2〜${MAX_TERM_CHARS} 文字にしてください。`,
    })
  }
  return term
}

/** "a|b + c|d" as term groups; full-width ＋ and ｜ (as Japanese input methods type them) count too. */
export function parseTopicTerms(typed: string): string[][] {
  const groups = typed
    .normalize('NFKC')
    .split('+')
    .map((group) => [...new Set(group.split('|').map((term) => checkTerm(term.trim().replace(/\s+/gu, ' '))))])
  const count = groups.flat().length
  if (groups.length > MAX_GROUPS || count > MAX_TERMS) {
    throw new UserError({
      en: `Option "terms": at most ${MAX_GROUPS} groups joined by + and ${MAX_TERMS} terms in all (this has ${groups.length} and ${count}).`,
      ja: `オプション「terms」: + でつなぐグループは ${MAX_GROUPS} 個まで、語は全部で ${MAX_TERMS} 個までです（指定はグループ ${groups.length} 個・語 ${count} 個）。`,
    })
  }
  return groups
}

/** Terms as the user wrote them. */
export const formatTerms = (terms: string[][]) => terms.map((group) => group.join(' | ')).join(' + ')

async function visibleTopics(services: CommandServices, invoker: Invoker): Promise<ChannelTopicRecord[]> {
  return services.store.channelTopics.list(channelTopicScopes(services, invoker))
}

async function list(services: CommandServices, invoker: Invoker, lang: Lang) {
  const ja = lang === 'ja'
  const shipped: ReplyEntry[] = services.config.topics.map((t) => ({ title: t.name[lang], lines: [[{ text: t.description[lang] }]], footer: t.id }))
  const own = await Promise.all(
    (await visibleTopics(services, invoker)).map(async (t): Promise<ReplyEntry> => {
      const tagged = await services.store.channelTopics.countTagged(t.key)
      const where = t.scopeKey === invoker.channelKey ? (ja ? 'このチャンネル' : 'this channel') : ja ? 'サーバー全体' : 'whole server'
      const added = ja ? `${formatDay(t.createdAt, lang)} にユーザー ${t.createdBy} が追加` : `added by user ${t.createdBy} on ${formatDay(t.createdAt, lang)}`
      const items = ja ? `記事 ${tagged}件` : `${tagged} ${tagged === 1 ? 'item' : 'items'}`
      return { title: t.name, lines: [[{ text: formatTerms(t.terms) }], [{ text: `${added} · ${items}` }]], footer: `${t.topicId} · ${where}` }
    }),
  )
  return { kind: 'entries' as const, ephemeral: true, title: ja ? 'トピック' : 'Topics', entries: [...shipped, ...own], empty: ja ? 'トピックが設定されていません。' : 'No topics are configured.' }
}

async function add(options: Record<string, unknown>, services: CommandServices, invoker: Invoker, lang: Lang) {
  const topicId = parseTopicId(options.id as string)
  const terms = parseTopicTerms(options.terms as string)
  const name = typeof options.name === 'string' && options.name.trim() ? options.name.trim().replace(/\s+/gu, ' ') : topicId
  if (services.config.topics.some((t) => t.id === topicId)) {
    throw new UserError({ en: `"${topicId}" is a topic newsbot ships with; choose another id.`, ja: `「${topicId}」は newsbot に最初からあるトピックです。別の ID にしてください。` })
  }
  const visible = await visibleTopics(services, invoker)
  if (visible.some((t) => t.topicId === topicId)) {
    throw new UserError({ en: `This channel already has a topic "${topicId}"; /topics remove it first to change its terms.`, ja: `このチャンネルにはすでにトピック「${topicId}」があります。語を変えるには先に /topics remove で削除してください。` })
  }
  const scopeKey = addingScope(services, invoker)
  if (visible.filter((t) => t.scopeKey === scopeKey).length >= MAX_TOPICS_PER_SCOPE) {
    throw new UserError({ en: `At most ${MAX_TOPICS_PER_SCOPE} topics of your own; /topics remove one first.`, ja: `独自のトピックは ${MAX_TOPICS_PER_SCOPE} 個までです。先に /topics remove で削除してください。` })
  }
  const topic = await services.store.channelTopics.add({ scopeKey, topicId, name, terms, createdBy: invoker.userId, taggedThrough: await backfillStart(services.store) })
  if (!topic) throw new UserError({ en: `A topic "${topicId}" was just added here; /topics list shows it.`, ja: `トピック「${topicId}」はたった今追加されました。/topics list で確認できます。` })
  const tagging = tagChannelTopics(services.store)
  tagging.catch((err: Error) => services.log.error('channel topic backfill failed', { topic: topic.key, error: err.message }))
  // The terminal has no reply deadline; chat answers within it, and an unfinished backfill goes on after the reply.
  const finished = invoker.platform === 'console' ? await tagging : await Promise.race([tagging, new Promise<null>((resolve) => setTimeout(resolve, BACKFILL_WAIT_MS, null).unref())])
  const where = scopeKey === invoker.channelKey ? (lang === 'ja' ? 'このチャンネル' : 'this channel') : lang === 'ja' ? 'このサーバーの全チャンネル' : 'every channel of this server'
  const use = lang === 'ja' ? `${where}の /digest・/timeline・/subscribe で topic:${topicId} と指定できます。` : `Use it as topic:${topicId} with /digest, /timeline and /subscribe in ${where}.`
  if (!finished) {
    const text = lang === 'ja' ? `トピック「${name}」を追加しました。保存済みの直近 ${BACKFILL_ITEMS.toLocaleString('ja-JP')} 件の記事をバックグラウンドで照合しています。${use}` : `Added the topic "${name}"; the newest ${BACKFILL_ITEMS.toLocaleString('en-GB')} stored items are being matched in the background. ${use}`
    return notice('ok', text, false)
  }
  const tagged = await services.store.channelTopics.countTagged(topic.key)
  const text = lang === 'ja' ? `トピック「${name}」を追加しました。保存済みの記事 ${tagged}件が該当します。${use}` : `Added the topic "${name}": ${tagged} stored ${tagged === 1 ? 'item matches' : 'items match'}. ${use}`
  return notice('ok', text, false)
}

async function remove(options: Record<string, unknown>, services: CommandServices, invoker: Invoker, lang: Lang) {
  const typed = (options.id as string).normalize('NFKC').trim().toLowerCase()
  const visible = await visibleTopics(services, invoker)
  const topic = visible.find((t) => t.topicId === typed || t.key === (options.id as string))
  if (!topic) {
    const ids = visible.map((t) => t.topicId).join(', ')
    throw new UserError({
      en: `This channel has no topic of its own "${typed}"${ids ? `; its own: ${ids}` : ''}. Shipped topics are changed in the config file.`,
      ja: `このチャンネルに独自トピック「${typed}」はありません${ids ? `（独自トピック: ${ids}）` : ''}。最初からあるトピックは設定ファイルで変更します。`,
    })
  }
  const subscribed = (await services.store.subscriptions.listAll()).filter((s) => s.topic === topic.key)
  if (subscribed.length > 0) {
    const here = subscribed.some((s) => s.channelKey === invoker.channelKey)
    throw new UserError({
      en: `${subscribed.length} ${subscribed.length === 1 ? 'channel subscribes' : 'channels subscribe'} to "${topic.topicId}"${here ? ', this one included' : ''}; /unsubscribe topic:${topic.topicId} there first.`,
      ja: `「${topic.topicId}」を登録しているチャンネルが ${subscribed.length} 件あります${here ? '（このチャンネルを含む）' : ''}。先にそのチャンネルで /unsubscribe topic:${topic.topicId} を実行してください。`,
    })
  }
  await services.store.channelTopics.remove(topic.key)
  const text = lang === 'ja' ? `トピック「${topic.name}」を削除しました。` : `Removed the topic "${topic.name}".`
  return notice('ok', text, false)
}

async function suggestOwnTopics(typed: string, services: CommandServices, invoker: Invoker): Promise<Suggestion[]> {
  const wanted = typed.normalize('NFKC').trim().toLowerCase()
  return (await visibleTopics(services, invoker))
    .filter((t) => t.topicId.includes(wanted) || t.name.toLowerCase().includes(wanted))
    .slice(0, 25)
    .map((t) => ({ name: (t.name === t.topicId ? t.topicId : `${t.name} (${t.topicId})`).slice(0, 100), value: t.topicId }))
}

const idOption = (autocomplete: boolean) => ({
  name: 'id',
  type: 'string' as const,
  description: { en: 'Topic id: lower-case letters, digits and dashes', ja: 'トピック ID（半角英小文字・数字・ハイフン）' },
  required: true,
  maxLength: 64,
  ...(autocomplete && { autocomplete }),
})

export const topicsCommand: CommandDefinition = {
  name: 'topics',
  description: { en: 'The topics newsbot follows, and this channel’s own', ja: 'ニュースボットが追うトピックとチャンネル独自のトピック' },
  defaultSubcommand: 'list',
  subcommands: [
    { name: 'list', description: { en: 'List the topics and their ids', ja: 'トピックと ID の一覧' }, options: [langOption] },
    {
      name: 'add',
      description: { en: 'Add a topic of this channel’s own', ja: 'このチャンネル独自のトピックを追加' },
      managerOnly: true,
      channelOnly: true,
      options: [
        idOption(false),
        {
          name: 'terms',
          type: 'string',
          description: { en: 'Terms: alternatives joined by |, groups that must all match by +', ja: '語: 言い換えは | で、すべて必要なグループは + でつなぐ' },
          required: true,
          maxLength: 1000,
        },
        { name: 'name', type: 'string', description: { en: 'Name to show (default: the id)', ja: '表示名（既定: ID）' }, maxLength: 60 },
      ],
    },
    { name: 'remove', description: { en: 'Remove a topic of this channel’s own', ja: 'このチャンネル独自のトピックを削除' }, managerOnly: true, channelOnly: true, options: [idOption(true)] },
  ],
  async run({ subcommand, options, invoker }, services) {
    const lang = replyLang(options, invoker)
    if (subcommand === 'add') return add(options, services, invoker, lang)
    if (subcommand === 'remove') return remove(options, services, invoker, lang)
    return list(services, invoker, lang)
  },
  async suggest(_option, typed, services, invoker) {
    return suggestOwnTopics(typed, services, invoker)
  },
}
