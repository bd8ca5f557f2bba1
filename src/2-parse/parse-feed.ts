// Feed text to plain records with rss-parser (RSS 0.9x/1.0/2.0, Atom). No cleaning here: values stay as the
// feed wrote them (HTML, date strings) for the normalise stage. Failures are ParseErrors prefixed "parse:".
import Parser from 'rss-parser'
import { scanMarkup } from './markup-scan.js'
import { ParseError } from './parse-error.js'

export interface RawItem {
  guid: string | null
  link: string | null
  title: string
  /** HTML or text body: full content when the feed has it, else the description/summary. */
  body: string
  /** Short description/summary when the feed has both it and a full body. */
  summary: string
  date: string | null
  author: string | null
  language: string | null
  /** The original outlet named by aggregators (RSS <source>). */
  sourceName: string | null
  categories: string[]
}

export interface ParsedFeed {
  title: string
  link: string | null
  language: string | null
  ttlMinutes: number | null
  items: RawItem[]
}


type Loose = Record<string, unknown>

/** Text of an xml2js value: a string, {_: text, $: attrs}, or an array of either. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return textOf(value[0])
  if (value && typeof value === 'object' && '_' in value) return textOf((value as Loose)._)
  return ''
}

function optionalText(value: unknown): string | null {
  const text = textOf(value).trim()
  return text === '' ? null : text
}

function itemRecord(item: Loose): RawItem {
  const full = textOf(item['content:encoded']) || textOf(item.content)
  const summary = textOf(item.summary) || textOf(item.description)
  const categories = Array.isArray(item.categories) ? item.categories.map(textOf).filter((c) => c.trim() !== '') : []
  return {
    guid: optionalText(item.guid) ?? optionalText(item.id) ?? optionalText(item['rdf:about']),
    link: optionalText(item.link),
    title: textOf(item.title),
    body: full || summary,
    summary: full ? summary : '',
    // Atom 0.3 names them issued and modified; rss-parser only knows Atom 1.0's published and updated.
    date:
      optionalText(item.isoDate) ??
      optionalText(item.pubDate) ??
      optionalText(item.date) ??
      optionalText(item.issued) ??
      optionalText(item.modified),
    author: optionalText(item.creator) ?? optionalText(item.author),
    language: optionalText(item.language),
    sourceName: optionalText(item.source),
    categories,
  }
}

/**
 * rss-parser turns Atom entry dates into ISO strings with a toISOString() that throws on an unreadable date, failing
 * the whole feed; such dates are dropped instead (the normalise stage could not read them either, and falls back to
 * the fetch time). A value processor sees only the element's name, never its path: an xml2js validator would, but
 * xml2js builds that path from the whole open-element stack at every closing tag, quadratic in nesting depth.
 */
function dropUnreadableAtomDate(value: string, name: string): string {
  if (name !== 'published' && name !== 'updated') return value
  return Number.isNaN(new Date(value).getTime()) ? '' : value
}

export async function parseFeed(text: string): Promise<ParsedFeed> {
  // One parser per document: a shared instance can carry xml2js state over from a failed parse.
  const parser = new Parser({
    customFields: { feed: ['dc:language'], item: ['source', 'description', 'id', 'issued', 'modified'] },
    // <rss> without a version attribute: read as RSS 2.0 rather than rejecting the feed.
    defaultRSS: 2,
    // A blank element never reaches the value processors: made empty, rss-parser skips it rather than read the date.
    xml2js: { valueProcessors: [dropUnreadableAtomDate], emptyTag: () => '' },
  })
  const scanned = scanMarkup(text)
  let feed: Loose & { items?: Loose[] }
  try {
    feed = (await parser.parseString(scanned)) as unknown as Loose & { items?: Loose[] }
  } catch (err) {
    throw new ParseError(((err as Error).message || String(err)).split('\n')[0] ?? 'unreadable feed')
  }
  const ttl = Number(textOf(feed.ttl))
  return {
    title: textOf(feed.title).trim(),
    link: optionalText(feed.link),
    language: optionalText(feed.language) ?? optionalText(feed['dc:language']),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: (feed.items ?? []).map(itemRecord),
  }
}
