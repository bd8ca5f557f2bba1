// Options and reply pieces that several commands share: topics (shipped and the channel's own), languages, dates, and
// a story as a list entry.
import type { StoryRecord } from '../src/7-store/types.js'
import { searchForm } from '../src/7-store/search-text.js'
import { digestStrings, formatDaySpan } from '../src/i18n/strings.js'
import { UserError, type CommandServices, type Invoker, type Lang, type Localised, type OptionDefinition, type Reply, type ReplyEntry, type Suggestion } from './types.js'

/** A one-line answer: a confirmation, or (ephemeral by default) what went wrong. */
export function notice(tone: 'ok' | 'info' | 'error', text: string, ephemeral = true): Reply {
  return { kind: 'notice', ephemeral, tone, lines: [[{ text }]] }
}

/** Stored records are numbered with 32-bit integers (Prisma's Int, in SQLite and PostgreSQL alike): no id is larger. */
export const MAX_RECORD_ID = 2_147_483_647

export const topicOption = (required: boolean): OptionDefinition => ({
  name: 'topic',
  type: 'string',
  description: { en: 'Topic, e.g. ceasefire (see /topics)', ja: 'トピック（例: ceasefire。/topics で一覧）' },
  required,
  autocomplete: true,
  // A channel topic's suggestion is its key, "discord-server:<id>#<topic id>".
  maxLength: 100,
})

export const langOption: OptionDefinition = {
  name: 'lang',
  type: 'string',
  description: { en: 'Language of the reply', ja: '表示する言語' },
  choices: [
    { value: 'en', name: { en: 'English', ja: '英語' } },
    { value: 'ja', name: { en: 'Japanese', ja: '日本語' } },
  ],
}

/** The language a reading command answers in: its lang option when given, else the reader's own. */
export const replyLang = (options: Record<string, unknown>, invoker: Invoker): Lang => (options.lang === 'en' || options.lang === 'ja' ? options.lang : invoker.locale)

/** A shipped topic or, as /topics add makes them, one of a channel's own (issue 18): what resolving and suggesting read. */
interface KnownTopic {
  id: string
  /** What a user types: the shipped id, or the channel topic's own id (its key carries the scope). */
  typedId: string
  name: Localised
}

/**
 * The scopes whose channel topics this channel sees: its own, and its server's or workspace's when the config's
 * channelTopicScope is "server" (a direct message has no server).
 */
export function channelTopicScopes(services: CommandServices, invoker: Invoker): string[] {
  const server = services.config.channelTopicScope === 'server' && invoker.workspaceId && !invoker.inDirectMessage
  return [invoker.channelKey, ...(server ? [serverScope(invoker)] : [])]
}

/** Where /topics add stores a topic: the server's or workspace's scope when the operator allows it, else the channel's. */
export function addingScope(services: CommandServices, invoker: Invoker): string {
  return channelTopicScopes(services, invoker).at(-1)!
}

const serverScope = (invoker: Invoker) => `${invoker.platform === 'slack' ? 'slack-workspace' : `${invoker.platform}-server`}:${invoker.workspaceId}`

async function knownTopics(services: CommandServices, invoker: Invoker): Promise<KnownTopic[]> {
  const shipped = services.config.topics.map((t) => ({ id: t.id, typedId: t.id, name: t.name }))
  const own = await services.store.channelTopics.list(channelTopicScopes(services, invoker))
  return [...shipped, ...own.map((t) => ({ id: t.key, typedId: t.topicId, name: { en: t.name, ja: t.name } }))]
}

/** A topic's id and names in search form (searchForm: any case, full-width or not). */
const topicKeys = (topic: KnownTopic) => [topic.typedId, ...Object.values(topic.name)].map(searchForm)

/**
 * The topic id, checked against the configured topics and this channel's own: an id or a name in either language,
 * whole or a part only one topic's names contain ("停戦" for 停戦・和平交渉, "war" for War in Ukraine), as the
 * suggestions offer them. A channel topic resolves to its key ("<scope>#<id>"), which the store reads.
 */
export async function resolveTopic(services: CommandServices, typed: string, invoker: Invoker): Promise<string> {
  const wanted = searchForm(typed.trim())
  const topics = await knownTopics(services, invoker)
  const exact = topics.find((t) => t.id === typed || topicKeys(t).includes(wanted))
  if (exact) return exact.id
  const partial = wanted ? topics.filter((t) => topicKeys(t).some((k) => k.includes(wanted))) : []
  if (partial.length === 1) return partial[0]!.id
  const ids = (partial.length > 1 ? partial : topics).map((t) => (t.typedId === t.name.en ? t.typedId : `${t.typedId} (${t.name.en}, ${t.name.ja})`)).join(', ')
  if (partial.length > 1) throw new UserError({ en: `"${typed}" could be several topics: ${ids}.`, ja: `「${typed}」に当てはまるトピックが複数あります: ${ids}` })
  throw new UserError({ en: `Unknown topic "${typed}"; topics: ${ids}.`, ja: `「${typed}」というトピックはありません。トピック: ${ids}` })
}

/** A shipped topic's name; a channel topic is shown by its own id (the part of its key after the scope). */
export function topicName(services: CommandServices, id: string, lang: Lang): string {
  return services.config.topics.find((t) => t.id === id)?.name[lang] ?? id.slice(id.lastIndexOf('#') + 1)
}

export async function suggestTopics(services: CommandServices, typed: string, invoker: Invoker): Promise<Suggestion[]> {
  const wanted = searchForm(typed.trim())
  const lang = invoker.locale
  return (await knownTopics(services, invoker))
    .filter((t) => !wanted || topicKeys(t).some((k) => k.includes(wanted)))
    .slice(0, 25)
    .map((t) => ({ name: (t.typedId === t.name[lang] ? t.typedId : `${t.name[lang]} (${t.typedId})`).slice(0, 100), value: t.id }))
}

const DAY_MS = 86_400_000

/**
 * A calendar date, YYYY-MM-DD (the start of that UTC day, or its last millisecond with `endOfDay`), or a full ISO 8601
 * time on such a date; null for anything else. Date.UTC and Date.parse would roll 2025-02-30 or 2025-13-01 over into
 * the next month or year, and read years 0–99 as 1900–1999: a day that does not exist is a typo, not a date.
 */
export function readDate(value: string, endOfDay = false): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/i.exec(value.trim())
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const start = new Date(0)
  start.setUTCFullYear(year, month - 1, day)
  if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) return null
  if (match[4]) {
    const time = new Date(value.trim())
    return Number.isNaN(time.getTime()) ? null : time
  }
  return new Date(endOfDay ? start.getTime() + DAY_MS - 1 : start.getTime())
}

export function parseDateOption(option: string, value: string, endOfDay = false): Date {
  const date = readDate(value, endOfDay)
  if (!date) {
    throw new UserError({ en: `Option "${option}": "${value}" is not a date; use YYYY-MM-DD.`, ja: `オプション「${option}」: 「${value}」は日付ではありません。YYYY-MM-DD の形で指定してください。` })
  }
  return date
}

export function formatDay(date: Date, lang: Lang): string {
  return digestStrings(lang).formatDate(date, { timeZone: 'UTC' })
}

/** "16 Oct 2025 – 18 Oct 2025", or the day alone when both ends fall on it. */
export function formatDays(from: Date, to: Date, lang: Lang): string {
  return formatDaySpan(digestStrings(lang), from, to, { timeZone: 'UTC' })
}

const MAX_LISTED_SOURCES = 5

/** A story as one list entry: headline in the reader's language, when, how broadly covered, and where from. */
export function storyEntry(story: StoryRecord, lang: Lang): ReplyEntry {
  const strings = digestStrings(lang)
  const independent = story.items.filter((i) => !i.duplicateOf)
  const seen = new Set<string>()
  const sources = independent.filter((i) => !seen.has(i.source) && seen.add(i.source))
  const lead = sources.find((i) => i.language === lang) ?? sources[0]
  const shown = sources.slice(0, MAX_LISTED_SOURCES)
  const line = shown.flatMap((item, i) => [
    ...(i > 0 ? [{ text: ' · ' }] : []),
    { text: item.source, url: item.url },
    ...(item.sourceKind === 'state-media' ? [{ text: ` (${strings.sourceKinds['state-media']})`, bold: true }] : []),
  ])
  if (sources.length > shown.length) line.push({ text: ` +${sources.length - shown.length}` })
  return {
    title: story.headlines[lang]?.title ?? story.title,
    url: lead?.url ?? null,
    lines: line.length > 0 ? [line] : [],
    footer: `${formatDay(story.firstPublishedAt, lang)} · ${strings.outlets(story.outletCount, story.languages)} · #${story.id}`,
  }
}
