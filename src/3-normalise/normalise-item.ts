// Parsed feed records to stored-item shape: clean text, canonical URL, UTC date, language and topic tags.
import { createHash } from 'node:crypto'
import type { ParsedFeed, RawItem } from '../2-parse/parse-feed.js'
import { canonicalUrl } from './canonical-url.js'
import { itemDate } from './dates.js'
import { htmlToLine, htmlToText } from './html-text.js'
import { languageCode, resolveLanguage } from './language.js'
import type { TopicMatcher } from './topics.js'

/** Longer bodies are cut (at a line break where possible): digests need the lede, not a 50 KB page. */
export const MAX_TEXT_CHARS = 20_000
const MAX_TITLE_CHARS = 500
/**
 * What an item is about is in its headline and lede: topics and language are read there (a passing mention deep in a
 * long article is not its topic), which also keeps their cost independent of article length.
 */
export const LEDE_CHARS = 1_500

export interface NormalisedItem {
  guid: string
  url: string
  title: string
  text: string
  language: string
  author: string | null
  sourceName: string | null
  publishedAt: Date
  publishedAtEstimated: boolean
  topics: string[]
  contentHash: string
}

export interface NormaliseContext {
  /** Where the feed was fetched from (after redirects), to resolve relative links. */
  feedUrl: string
  /** The operator's language for this feed, which wins over what the feed declares. */
  configuredLanguage: string | null
  fetchedAt: Date
  matchTopics: TopicMatcher
}

export interface NormaliseResult {
  items: NormalisedItem[]
  skipped: { title: string; reason: string }[]
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const slice = text.slice(0, max)
  const lineBreak = slice.lastIndexOf('\n')
  return (lineBreak > max * 0.8 ? slice.slice(0, lineBreak) : slice.replace(/\s+\S*$/, '')).trimEnd() + '…'
}

function fallbackTitle(text: string): string {
  const firstLine = text.split('\n')[0] ?? ''
  return firstLine.length > 120 ? `${firstLine.slice(0, 120).replace(/\s+\S*$/, '')}…` : firstLine
}

function normaliseItem(raw: RawItem, feedLanguage: string | null, ctx: NormaliseContext): NormalisedItem | string {
  const link = raw.link ?? (raw.guid && /^https?:\/\//i.test(raw.guid) ? raw.guid : null)
  const url = link ? canonicalUrl(link, ctx.feedUrl) : null
  if (!url) return 'no usable link'
  const text = cut(htmlToText(raw.body || raw.summary), MAX_TEXT_CHARS)
  const title = cut(htmlToLine(raw.title), MAX_TITLE_CHARS) || fallbackTitle(text)
  if (!title && !text) return 'no title or text'
  const date = itemDate(raw.date, ctx.fetchedAt)
  const declared = ctx.configuredLanguage ?? languageCode(raw.language) ?? feedLanguage
  const lede = `${title}\n${text.slice(0, LEDE_CHARS)}`
  const language = resolveLanguage(declared, lede)
  const contentHash = createHash('sha1').update(`${title}\u0000${text}\u0000${date.at.toISOString()}`).digest('hex')
  return {
    guid: raw.guid ?? url,
    url,
    title,
    text,
    language,
    author: raw.author ? htmlToLine(raw.author).slice(0, 200) || null : null,
    sourceName: raw.sourceName ? htmlToLine(raw.sourceName).slice(0, 200) || null : null,
    publishedAt: date.at,
    publishedAtEstimated: date.estimated,
    topics: ctx.matchTopics(title, text.slice(0, LEDE_CHARS)),
    contentHash,
  }
}

export function normaliseFeed(feed: ParsedFeed, ctx: NormaliseContext): NormaliseResult {
  const feedLanguage = languageCode(feed.language)
  const result: NormaliseResult = { items: [], skipped: [] }
  const seen = new Set<string>()
  for (const raw of feed.items) {
    const item = normaliseItem(raw, feedLanguage, ctx)
    if (typeof item === 'string') result.skipped.push({ title: raw.title.slice(0, 80), reason: item })
    else if (seen.has(item.url)) result.skipped.push({ title: item.title.slice(0, 80), reason: 'repeated in the same feed' })
    else {
      seen.add(item.url)
      result.items.push(item)
    }
  }
  return result
}
