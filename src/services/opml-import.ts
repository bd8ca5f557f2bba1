// Feeds in and out of the store as OPML: the export lists every feed; the import adds the ones the store does not
// have, after the checks `/feeds add` makes (an http(s) address without credentials, read once through the guarded
// fetch). A feed that cannot be reached today is added anyway and reported, as a reading list moved between readers
// is worth keeping whole; one on a private address, or that is no feed, is refused.
import { canonicalUrl } from '../3-normalise/canonical-url.js'
import { FEED_KINDS, LANGUAGES } from '../config/app-config.js'
import type { FeedProbe, Localised } from '../../commands/types.js'
import type { FeedInput, FeedRecord } from '../7-store/types.js'
import { parseOpml, writeOpml, type OpmlFeed } from './opml.js'

export type ImportOutcome = 'added' | 'exists' | 'invalid' | 'unreachable'

export interface ImportResult {
  url: string
  name: string
  outcome: ImportOutcome
  /** Why it is invalid or unreachable, or the name it is already followed as. */
  detail: Localised | null
  kind: string | null
  language: string | null
}

export interface ImportDeps {
  feeds: { list(): Promise<FeedRecord[]>; sync(feeds: FeedInput[]): Promise<FeedRecord[]> }
  probeFeed(url: string): Promise<FeedProbe>
  /** "cli" (newsbot feeds import) or "chat" (/feeds import): who may remove the feeds later. */
  origin: 'cli' | 'chat'
  /** Kind of a feed whose categories name none of the project's kinds. */
  defaultKind: string
}

/** Feeds read at once: a list of slow servers takes minutes one by one, and they are nearly all on different hosts. */
const PROBES_AT_ONCE = 4

const KINDS: ReadonlySet<string> = new Set(FEED_KINDS)
const FEED_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGES)

/** Why an address cannot be a feed to follow, or null. */
function urlProblem(raw: string): Localised | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { en: 'not a URL', ja: 'URL ではありません' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { en: `${url.protocol} is not http(s)`, ja: `${url.protocol} は http(s) ではありません` }
  if (url.username || url.password) return { en: 'the address carries a user name or password', ja: 'URL にユーザー名またはパスワードが含まれています' }
  return null
}

/** What the guarded fetch says when it refuses an address (network-guard.ts), before any byte is sent. */
const REFUSED_ADDRESS = /a private or local address|not an IP address/

/** A failed read: "unreachable" when the network or server failed, "invalid" when the guard refused or it is no feed. */
function failedOutcome(error: string): ImportOutcome {
  return error.startsWith('fetch:') && !REFUSED_ADDRESS.test(error) ? 'unreachable' : 'invalid'
}

const sameFeed = (url: string) => canonicalUrl(url) ?? url

function kindOf(feed: OpmlFeed, fallback: string): string {
  return [...feed.categories].reverse().find((c) => KINDS.has(c.toLowerCase()))?.toLowerCase() ?? fallback
}

/** The outline's htmlUrl when it is an http(s) address: it is shown as a link, so nothing else is kept. */
function siteUrlOf(feed: OpmlFeed): string | null {
  return feed.htmlUrl && urlProblem(feed.htmlUrl) === null ? new URL(feed.htmlUrl).href : null
}

function languageOf(feed: OpmlFeed): string | null {
  const language = feed.language?.toLowerCase().split(/[-_]/)[0] ?? null
  return language && FEED_LANGUAGES.has(language) ? language : null
}

async function inTurns<T, R>(values: T[], limit: number, each: (value: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(values.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < values.length; i = next++) results[i] = await each(values[i]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker))
  return results
}

type Checked = ImportResult | { outline: OpmlFeed }

/** What can be told without reading the feed: a bad address, a feed already followed, a repeat within the file. */
function checkOutlines(outlines: OpmlFeed[], known: Map<string, string>): Checked[] {
  const claimed = new Set<string>()
  return outlines.map((outline): Checked => {
    const base = { url: outline.xmlUrl, name: outline.title || outline.xmlUrl, kind: null, language: null }
    const problem = urlProblem(outline.xmlUrl)
    if (problem) return { ...base, outcome: 'invalid', detail: problem }
    const key = sameFeed(outline.xmlUrl)
    const existing = known.get(key)
    if (existing !== undefined) return { ...base, outcome: 'exists', detail: { en: `as "${existing}"`, ja: `「${existing}」として` } }
    // The same feed twice in one file (a feed in two folders): the first one counts.
    if (claimed.has(key)) return { ...base, outcome: 'exists', detail: { en: 'earlier in this file', ja: 'このファイルの前の行で' } }
    claimed.add(key)
    return { outline }
  })
}

function probed(outline: OpmlFeed, probe: FeedProbe, defaultKind: string): ImportResult {
  const url = outline.xmlUrl
  if (!probe.ok && failedOutcome(probe.error) === 'invalid') return { url, name: outline.title || url, kind: null, language: null, outcome: 'invalid', detail: { en: probe.error, ja: probe.error } }
  const name = outline.title || (probe.ok && probe.title) || new URL(url).host
  return { url, name, kind: kindOf(outline, defaultKind), language: languageOf(outline), outcome: probe.ok ? 'added' : 'unreachable', detail: probe.ok ? null : { en: probe.error, ja: probe.error } }
}

/**
 * Imports the feeds of an OPML document (throws OpmlError when it is not one); one result per outline, in order.
 * Feeds are read a few at a time, then stored in the file's order, so that the store lists them as the file did.
 */
export async function importOpml(text: string, deps: ImportDeps): Promise<ImportResult[]> {
  const known = new Map((await deps.feeds.list()).map((f) => [sameFeed(f.url), f.name]))
  const checked = checkOutlines(parseOpml(text), known)
  const results = await inTurns(checked, PROBES_AT_ONCE, async (c) => ('outline' in c ? probed(c.outline, await deps.probeFeed(c.outline.xmlUrl), deps.defaultKind) : c))
  const added = results.flatMap((r, i) => {
    const { outline } = checked[i] as { outline?: OpmlFeed }
    if (!outline || (r.outcome !== 'added' && r.outcome !== 'unreachable')) return []
    return [{ url: new URL(r.url).href, name: r.name, language: r.language, country: null, kind: r.kind!, pollMinutes: null, origin: deps.origin, siteUrl: siteUrlOf(outline) }]
  })
  await deps.feeds.sync(added)
  return results
}

/** Every feed as OPML 2.0, the kind as its category, the site when known; `shownUrl` hides what only the operator may see (credentials). */
export function exportOpml(feeds: FeedRecord[], createdAt: Date, shownUrl: (url: string) => string = (url) => url): string {
  const outlines = feeds.map((f): OpmlFeed => ({ title: f.name, xmlUrl: shownUrl(f.url), htmlUrl: f.siteUrl ?? null, language: f.language, categories: [f.kind] }))
  return writeOpml('newsbot feeds', outlines, createdAt)
}

const OUTCOME_WORDS: Record<ImportOutcome, Localised> = {
  added: { en: 'added', ja: '追加' },
  unreachable: { en: 'added, unreachable', ja: '追加（取得できず）' },
  exists: { en: 'already there', ja: '登録済み' },
  invalid: { en: 'invalid', ja: '無効' },
}

export const outcomeWord = (outcome: ImportOutcome, lang: keyof Localised) => OUTCOME_WORDS[outcome][lang]

/** "3 added, 1 unreachable (added), 2 already there, 1 invalid" */
export function importSummary(results: ImportResult[], lang: keyof Localised): string {
  const count = (o: ImportOutcome) => results.filter((r) => r.outcome === o).length
  return lang === 'ja'
    ? `${results.length}件: 追加 ${count('added')}件、取得できず（追加済み）${count('unreachable')}件、登録済み ${count('exists')}件、無効 ${count('invalid')}件`
    : `${results.length} ${results.length === 1 ? 'feed' : 'feeds'}: ${count('added')} added, ${count('unreachable')} unreachable (added anyway), ${count('exists')} already there, ${count('invalid')} invalid`
}
