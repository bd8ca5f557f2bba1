// /feeds list|add|remove|resume: what newsbot reads and how each feed is doing (paused ones and why); managers can
// follow a new feed from chat, drop feeds added that way, and resume a paused one. Feeds in the config file belong
// to whoever edits it, so chat cannot remove them.
import { digestStrings } from '../src/i18n/strings.js'
import { redactSecrets } from '../src/redact.js'
import type { FeedHealth } from '../src/7-store/types.js'
import { formatDay, notice } from './shared.js'
import { exportFeeds, exportSubcommand, importFeeds, importSubcommand } from './feeds-opml.js'
import { resumeFeed, resumeSubcommand } from './feeds-resume.js'
import { pausedWhy } from '../src/services/feed-health.js'
import { UserError, type CommandDefinition, type CommandServices, type Invoker, type Lang, type OptionDefinition, type ReplyEntry, type ReplyLine, type Suggestion } from './types.js'

/** Kind of a feed added from chat: nothing is known about the outlet, and "online outlet" claims the least. */
export const CHAT_FEED_KIND = 'online-outlet'
const FEED_LANGUAGES = ['en', 'ja', 'ru', 'uk'] as const
const LANGUAGE_NAMES: Record<(typeof FEED_LANGUAGES)[number], Record<Lang, string>> = {
  en: { en: 'English', ja: '英語' },
  ja: { en: 'Japanese', ja: '日本語' },
  ru: { en: 'Russian', ja: 'ロシア語' },
  uk: { en: 'Ukrainian', ja: 'ウクライナ語' },
}

const urlOption = (autocomplete: boolean): OptionDefinition => ({
  name: 'url',
  type: 'string',
  description: { en: 'Feed address (RSS or Atom), https://…', ja: 'フィードの URL（RSS または Atom）' },
  required: true,
  maxLength: 500,
  ...(autocomplete && { autocomplete }),
})

/** An http(s) URL in its normal spelling; anything else, or one carrying a password, is the user's to fix. */
function checkedUrl(value: string): string {
  let url: URL | null = null
  try {
    url = new URL(value)
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UserError({ en: `Option "url": "${value}" is not an http(s) address.`, ja: `オプション「url」: 「${value}」は http(s) の URL ではありません。` })
  }
  if (url.username || url.password) {
    throw new UserError({ en: 'Option "url": leave user names and passwords out of the address; everyone can see it.', ja: 'オプション「url」: URL にユーザー名やパスワードを含めないでください（全員に表示されます）。' })
  }
  return url.href
}

function healthEntry(feed: FeedHealth, lang: Lang): ReplyEntry {
  const ja = lang === 'ja'
  const status = feed.lastStatus ?? (ja ? '未取得' : 'never polled')
  const failures = feed.consecutiveFailures > 0 ? (ja ? ` · 連続失敗 ${feed.consecutiveFailures}回` : ` · ${feed.consecutiveFailures} failures in a row`) : ''
  const success = feed.lastSuccessAt ? (ja ? ` · 最終成功 ${formatDay(feed.lastSuccessAt, lang)}` : ` · last success ${formatDay(feed.lastSuccessAt, lang)}`) : ''
  const items = ja ? `${feed.itemCount.toLocaleString('ja-JP')}件` : `${feed.itemCount.toLocaleString('en-GB')} ${feed.itemCount === 1 ? 'item' : 'items'}`
  const lines: ReplyLine[] = [[{ text: `${status}${failures} · ${items}${success}`, bold: feed.lastStatus === 'error' }]]
  if (feed.pausedAt) lines.unshift([{ text: `⏸ ${pausedWhy(feed, lang)}`, bold: true }])
  if (feed.lastError) lines.push([{ text: redactSecrets(feed.lastError).slice(0, 200) }])
  const kinds: Record<string, string> = digestStrings(lang).sourceKinds
  const kind = kinds[feed.kind] ?? feed.kind
  const origin = feed.origin === 'chat' ? (ja ? 'チャットで追加' : 'added from chat') : feed.origin === 'config' ? (ja ? '設定ファイル' : 'config file') : feed.origin
  // A feed URL may carry the operator's credentials; channel members see it without them.
  return { title: feed.name, url: redactSecrets(feed.url), lines, highlight: feed.lastStatus === 'error', footer: `${feed.language ?? (ja ? '言語自動判定' : 'language detected')} · ${kind} · ${origin}` }
}

async function list(services: CommandServices, lang: Lang) {
  const feeds = await services.store.feeds.list()
  const failing = feeds.filter((f) => f.lastStatus === 'error').length
  const paused = feeds.filter((f) => f.pausedAt).length
  const ja = lang === 'ja'
  return {
    kind: 'entries' as const,
    ephemeral: true,
    title: ja ? 'フィード' : 'Feeds',
    intro: feeds.length > 0 ? [[{ text: ja ? `${feeds.length}件（うち失敗中 ${failing}件${paused ? `、停止中 ${paused}件` : ''}）` : `${feeds.length} feeds, ${failing} failing${paused ? `, ${paused} paused` : ''}` }]] : [],
    entries: feeds.map((f) => healthEntry(f, lang)),
    empty: ja ? 'フィードがありません。' : 'No feeds.',
    pageSize: 10,
  }
}

async function add(options: Record<string, unknown>, services: CommandServices, invoker: Invoker) {
  const lang = invoker.locale
  const url = checkedUrl(options.url as string)
  // The reply is public: a token in the query string stays masked, as /feeds list shows it.
  const shown = redactSecrets(url)
  const known = await services.store.feeds.findByUrl(url)
  if (known) throw new UserError({ en: `Already following ${shown} as "${known.name}".`, ja: `${shown} は「${known.name}」としてすでに登録されています。` })
  const probe = await services.probeFeed(url)
  if (!probe.ok) throw new UserError({ en: `Could not read a feed at ${shown}: ${probe.error}`, ja: `${shown} からフィードを読み込めませんでした: ${probe.error}` })
  if (probe.items === 0) throw new UserError({ en: `${shown} is a feed but has no items with links; nothing to follow.`, ja: `${shown} はフィードですが、リンクのある記事がありません。` })
  const language = (options.language as string | undefined) ?? null
  const name = (options.name as string | undefined) ?? probe.title ?? new URL(url).host
  // The adding channel is the one told, in its language, if the feed is ever paused.
  const addedBy = { addedByPlatform: invoker.platform, addedByChannelId: invoker.channelId, addedByLang: lang }
  await services.store.feeds.sync([{ url, name, language, country: null, kind: CHAT_FEED_KIND, pollMinutes: null, origin: 'chat', ...addedBy }])
  const found = probe.language && probe.language in LANGUAGE_NAMES ? LANGUAGE_NAMES[probe.language as keyof typeof LANGUAGE_NAMES][lang] : probe.language
  const text =
    lang === 'ja'
      ? `フィード「${name}」を追加しました（${shown}）。記事 ${probe.items}件${found ? `、主に${found}` : ''}。1分以内に最初の取得を行います。`
      : `Now following "${name}" (${shown}): ${probe.items} ${probe.items === 1 ? 'item' : 'items'}${found ? `, mostly in ${found}` : ''}. The first poll runs within a minute.`
  return notice('ok', text, false)
}

async function remove(options: Record<string, unknown>, services: CommandServices, lang: Lang) {
  const url = checkedUrl(options.url as string)
  const feed = await services.store.feeds.findByUrl(url)
  if (!feed) throw new UserError({ en: `Not following ${url}; /feeds list shows the feeds.`, ja: `${url} は登録されていません。/feeds list で一覧を確認できます。` })
  if (feed.origin === 'config') {
    throw new UserError({
      en: `"${feed.name}" comes from the config file (config/newsbot.json, or the file NEWSBOT_CONFIG names); remove it there and restart newsbot.`,
      ja: `「${feed.name}」は設定ファイル（config/newsbot.json または NEWSBOT_CONFIG で指定したファイル）のフィードです。そのファイルから削除して newsbot を再起動してください。`,
    })
  }
  if (feed.origin !== 'chat') {
    throw new UserError({ en: `"${feed.name}" was added on the server (${feed.origin}), not from chat; it can only be removed there.`, ja: `「${feed.name}」はサーバー側（${feed.origin}）で追加されたフィードのため、チャットからは削除できません。` })
  }
  await services.store.feeds.remove(url)
  const text = lang === 'ja' ? `フィード「${feed.name}」を削除しました。保存済みの記事も削除されます。` : `Stopped following "${feed.name}"; its stored items were removed too.`
  return notice('ok', text, false)
}

async function suggestChatFeeds(typed: string, services: CommandServices): Promise<Suggestion[]> {
  const wanted = typed.trim().toLowerCase()
  return (await services.store.feeds.list())
    // Discord caps a suggestion's value at 100 characters.
    .filter((f) => f.origin === 'chat' && f.url.length <= 100 && (f.url.toLowerCase().includes(wanted) || f.name.toLowerCase().includes(wanted)))
    .slice(0, 25)
    .map((f) => ({ name: `${f.name} — ${f.url}`.slice(0, 100), value: f.url }))
}

export const feedsCommand: CommandDefinition = {
  name: 'feeds',
  description: { en: 'The feeds newsbot reads, and their health', ja: 'ニュースボットが読むフィードと取得状況' },
  slow: true,
  subcommands: [
    { name: 'list', description: { en: 'List feeds with their last status, failures and items', ja: 'フィードを最終状態・失敗回数・記事数つきで一覧' }, options: [] },
    {
      name: 'add',
      description: { en: 'Follow a new RSS or Atom feed', ja: '新しい RSS / Atom フィードを追加' },
      managerOnly: true,
      options: [
        urlOption(false),
        { name: 'name', type: 'string', description: { en: 'Name to show (default: the feed’s title)', ja: '表示名（既定: フィードのタイトル）' }, maxLength: 100 },
        {
          name: 'language',
          type: 'string',
          description: { en: 'Language of the feed (default: detected per item)', ja: 'フィードの言語（既定: 記事ごとに自動判定）' },
          choices: FEED_LANGUAGES.map((value) => ({ value, name: LANGUAGE_NAMES[value] })),
        },
      ],
    },
    { name: 'remove', description: { en: 'Stop following a feed added from chat', ja: 'チャットで追加したフィードを削除' }, managerOnly: true, options: [urlOption(true)] },
    exportSubcommand,
    importSubcommand,
    resumeSubcommand,
  ],
  async run({ subcommand, options, invoker, now }, services) {
    const lang = invoker.locale
    if (subcommand === 'export') return exportFeeds(services, lang, now)
    if (subcommand === 'import') return importFeeds(options, services, invoker, CHAT_FEED_KIND)
    if (subcommand === 'add') return add(options, services, invoker)
    // As given, not checked like a new address: a notice shows the URL with its credentials masked.
    if (subcommand === 'resume') return resumeFeed((options.url as string).trim(), services, lang, now)
    if (subcommand === 'remove') return remove(options, services, lang)
    return list(services, lang)
  },
  async suggest(_option, typed, services) {
    return suggestChatFeeds(typed, services)
  },
}
