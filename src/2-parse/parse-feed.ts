// Feed text to plain records with rss-parser (RSS 0.9x/1.0/2.0, Atom). No cleaning here: values stay as the
// feed wrote them (HTML, date strings) for the normalise stage. Failures are ParseErrors prefixed "parse:".
import Parser from 'rss-parser'

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

export class ParseError extends Error {
  override name = 'ParseError'
  constructor(message: string) {
    super(`parse: ${message}`)
  }
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
 * Titles with element markup in them (Atom type="xhtml", or HTML a feed forgot to escape), and Atom xhtml summaries
 * and content, as CDATA. xml2js would otherwise split the text from the child elements and lose the words' order;
 * an xhtml title such as <div><p>Title</p></div> came out empty. The normalise stage reads all of them as HTML.
 */
const MARKUP_TEXT = new RegExp(
  [
    // CDATA sections and comments come first, so that nothing inside them is touched.
    String.raw`<!\[CDATA\[[\s\S]*?\]\]>`,
    String.raw`<!--[\s\S]*?-->`,
    // <title ...>inner</title>, also prefixed (atom:title), summary and content; not self-closing, no CDATA inside.
    String.raw`<((?:[\w.-]+:)?(title|summary|content))(\s[^>]*)?(?<!\/)>((?:(?!<!\[CDATA\[|<\/\1\s*>)[\s\S])*)<\/\1\s*>`,
  ].join('|'),
  'g',
)

function markupTextAsCdata(text: string): string {
  return text.replace(MARKUP_TEXT, (whole, tag?: string, local?: string, attrs = '', inner = '') => {
    if (!tag || !/<[A-Za-z]/.test(inner) || inner.includes(']]>')) return whole
    if (local !== 'title' && !/\btype\s*=\s*["']xhtml["']/.test(attrs)) return whole
    return `<${tag}${attrs}><![CDATA[${inner}]]></${tag}>`
  })
}

/**
 * xml2js validator: rss-parser turns Atom entry dates into ISO strings with a toISOString() that throws on an
 * unreadable date, failing the whole feed; such dates are dropped instead (the normalise stage could not read them
 * either, and falls back to the fetch time).
 */
function dropUnreadableAtomDate(xpath: string, _previous: unknown, value: unknown): unknown {
  if (!/^\/feed\/entry\/(published|updated)$/.test(xpath) || typeof value !== 'string') return value
  return Number.isNaN(new Date(value).getTime()) ? '' : value
}

export async function parseFeed(text: string): Promise<ParsedFeed> {
  // One parser per document: a shared instance can carry xml2js state over from a failed parse.
  const parser = new Parser({
    customFields: { feed: ['dc:language'], item: ['source', 'description', 'id', 'issued', 'modified'] },
    // <rss> without a version attribute: read as RSS 2.0 rather than rejecting the feed.
    defaultRSS: 2,
    xml2js: { validator: dropUnreadableAtomDate },
  })
  let feed: Loose & { items?: Loose[] }
  try {
    feed = (await parser.parseString(markupTextAsCdata(text))) as unknown as Loose & { items?: Loose[] }
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
