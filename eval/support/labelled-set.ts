// A labelled feed set as real outlets would publish it: rows of (event, outlet, language, time, headline, lede)
// written out as one feed file per outlet, in that outlet's format (RSS 2.0, RSS 2.0 with tracking parameters on its
// links, Atom, RSS 1.0/RDF) and encoding (UTF-8, windows-1251, Shift_JIS; characters an encoding lacks become
// character references, as real feeds do), plus the gold map from each item's scoring URL to its event.
// The same layout as ../shared/eval/stories-dev/gen.py, so both sets are read and scored alike.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'

export interface LabelledRow {
  event: string
  outlet: string
  lang: string
  /** ISO 8601 with the outlet's offset. */
  published: string
  title: string
  description: string
}

export type FeedFormat = 'rss2' | 'rss2-utm' | 'atom' | 'rss1'

export interface OutletSpec {
  outlet: string
  feedTitle: string
  site: string
  format: FeedFormat
  encoding: string
  /** What the feed declares (<language>, dc:language); empty when it declares nothing. */
  declaredLanguage: string
  lang: string
  /** The source kind an operator would configure (wire, state-media …). */
  kind: string
}

export interface GoldItem {
  event: string
  lang: string
  outlet: string
  /** UTC, ISO 8601. */
  published: string
}

export interface BuiltSet {
  dir: string
  /** Feed file per outlet. */
  files: { outlet: OutletSpec; file: string }[]
  gold: Map<string, GoldItem>
}

/** Rows of a tab-separated file with a header line; no quoting (fields hold no tabs). */
export function readTsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '')
  const names = header!.split('\t')
  return lines.map((line, i) => {
    const cells = line.split('\t')
    if (cells.length !== names.length) throw new Error(`eval: ${file}:${i + 2} has ${cells.length} fields, the header ${names.length}`)
    return Object.fromEntries(names.map((n, j) => [n, cells[j]!]))
  })
}

/** The scorer's URL identity: no query, no fragment, no trailing slash. */
export function scoringUrl(url: string): string {
  const u = new URL(url)
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** RFC 822 date in the row's own offset, as an outlet's CMS writes it. */
function rfc822(iso: string): string {
  const m = /([+-])(\d\d):(\d\d)$/.exec(iso)
  const offsetMinutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
  const local = new Date(Date.parse(iso) + offsetMinutes * 60_000)
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const pad = (n: number) => String(n).padStart(2, '0')
  const zone = m ? `${m[1]}${m[2]}${m[3]}` : '+0000'
  return `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone}`
}

/** Text in a legacy encoding; what it cannot hold becomes a character reference (only inside XML text). */
function encode(xml: string, encoding: string): Buffer {
  if (/^utf-?8$/i.test(encoding)) return Buffer.from(xml, 'utf8')
  let out = ''
  for (const ch of xml) {
    const bytes = iconv.encode(ch, encoding)
    out += iconv.decode(bytes, encoding) === ch ? ch : `&#${ch.codePointAt(0)};`
  }
  return iconv.encode(out, encoding)
}

interface Placed extends LabelledRow {
  url: string
  guid: string
}

function feedXml(spec: OutletSpec, items: Placed[]): string {
  const { feedTitle, site, format, encoding, declaredLanguage } = spec
  const declaration = `<?xml version="1.0" encoding="${encoding}"?>\n`
  const description = (r: Placed) => `<p>${r.description}</p>`
  if (format === 'rss2' || format === 'rss2-utm') {
    const link = (r: Placed) => (format === 'rss2-utm' ? `${r.url}?utm_source=rss&utm_medium=feed&utm_campaign=world` : r.url)
    const body = items.map(
      (r) =>
        `<item>\n<title>${escapeXml(r.title)}</title>\n<link>${escapeXml(link(r))}</link>\n<guid isPermaLink="false">${r.guid}</guid>\n` +
        `<pubDate>${rfc822(r.published)}</pubDate>\n` +
        (/^utf-?8$/i.test(encoding) ? `<description><![CDATA[${description(r)}]]></description>\n` : `<description>${escapeXml(description(r))}</description>\n`) +
        `</item>\n`,
    )
    return `${declaration}<rss version="2.0">\n<channel>\n<title>${escapeXml(feedTitle)}</title>\n<link>${site}/</link>\n<description>${escapeXml(feedTitle)}</description>\n${declaredLanguage ? `<language>${declaredLanguage}</language>\n` : ''}${body.join('')}</channel>\n</rss>\n`
  }
  if (format === 'atom') {
    const body = items.map(
      (r) =>
        `<entry>\n<title>${escapeXml(r.title)}</title>\n<link href="${escapeXml(r.url)}"/>\n<id>${r.url}</id>\n<updated>${r.published}</updated>\n` +
        `<summary type="html">${escapeXml(description(r))}</summary>\n</entry>\n`,
    )
    return `${declaration}<feed xmlns="http://www.w3.org/2005/Atom"${declaredLanguage ? ` xml:lang="${declaredLanguage}"` : ''}>\n<title>${escapeXml(feedTitle)}</title>\n<link href="${site}/"/>\n<id>${site}/</id>\n<updated>${items[0]?.published ?? '2025-01-01T00:00:00Z'}</updated>\n${body.join('')}</feed>\n`
  }
  const seq = items.map((r) => `<rdf:li rdf:resource="${r.url}"/>\n`).join('')
  const body = items.map(
    (r) => `<item rdf:about="${r.url}">\n<title>${escapeXml(r.title)}</title>\n<link>${r.url}</link>\n<description>${escapeXml(r.description)}</description>\n<dc:date>${r.published}</dc:date>\n</item>\n`,
  )
  return (
    `${declaration}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n` +
    `<channel rdf:about="${site}/">\n<title>${escapeXml(feedTitle)}</title>\n<link>${site}/</link>\n<description>${escapeXml(feedTitle)}</description>\n` +
    `${declaredLanguage ? `<dc:language>${declaredLanguage}</dc:language>\n` : ''}<items><rdf:Seq>\n${seq}</rdf:Seq></items>\n</channel>\n${body.join('')}</rdf:RDF>\n`
  )
}

/** Writes one feed per outlet into `dir` (newest item first, as feeds list them) and returns the gold map. */
export function buildFeeds(rows: LabelledRow[], outlets: OutletSpec[], dir: string): BuiltSet {
  mkdirSync(dir, { recursive: true })
  const byOutlet = new Map(outlets.map((o) => [o.outlet, o]))
  const counters = new Map<string, number>()
  const placed: Placed[] = rows.map((r) => {
    const spec = byOutlet.get(r.outlet)
    if (!spec) throw new Error(`eval: unknown outlet "${r.outlet}" (event ${r.event})`)
    if (Number.isNaN(Date.parse(r.published))) throw new Error(`eval: bad date "${r.published}" (event ${r.event}, ${r.outlet})`)
    const n = (counters.get(r.outlet) ?? 0) + 1
    counters.set(r.outlet, n)
    const day = new Date(r.published).toISOString().slice(0, 10).replaceAll('-', '/')
    const url = `${spec.site}/${day}/story-${String(n).padStart(3, '0')}`
    return { ...r, url, guid: `${r.outlet}-${String(n).padStart(3, '0')}` }
  })
  const gold = new Map<string, GoldItem>()
  for (const r of placed) gold.set(scoringUrl(r.url), { event: r.event, lang: r.lang, outlet: r.outlet, published: new Date(r.published).toISOString() })
  const files = outlets
    .map((spec) => ({ spec, items: placed.filter((r) => r.outlet === spec.outlet).sort((a, b) => Date.parse(b.published) - Date.parse(a.published)) }))
    .filter(({ items }) => items.length > 0)
    .map(({ spec, items }) => {
      const file = path.join(dir, `${spec.outlet}.xml`)
      writeFileSync(file, encode(feedXml(spec, items), spec.encoding))
      return { outlet: spec, file }
    })
  writeFileSync(path.join(dir, 'gold.json'), `${JSON.stringify(Object.fromEntries(gold), null, 1)}\n`)
  return { dir, files, gold }
}
