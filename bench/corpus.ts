// A synthetic but realistic feed corpus for the ingestion benchmark: 50 feeds from 25 outlets in English,
// Japanese, Russian and Ukrainian; RSS 2.0, Atom and RSS 1.0; UTF-8 (one with a byte-order mark), windows-1251
// and Shift_JIS; tracking parameters on links, HTML bodies with figures, quotes, entities and tracking pixels;
// an aggregator that re-lists other outlets' articles. Everything comes from a seeded PRNG, so a given seed and
// size always give the same bytes.
import { gzipSync } from 'node:zlib'
import iconv from 'iconv-lite'
import { BANKS, type BenchLanguage, type LanguageBank } from './corpus-text.js'
import { rng } from './prng.js'

export type FeedFormat = 'rss2' | 'atom' | 'rss1'
type Charset = 'utf-8' | 'windows-1251' | 'Shift_JIS'
type UrlStyle = 'dated' | 'html' | 'ref' | 'numeric'

interface Outlet {
  slug: string
  name: string
  domain: string
  /** The language configured for the feed; null for the aggregator, whose items are detected one by one. */
  language: BenchLanguage | null
  text: BenchLanguage
  /** What the feed itself declares (<language>, xml:lang, dc:language). */
  declares: string | null
  country: string
  kind: string
  sections: string[]
  format: FeedFormat
  charset?: Exclude<Charset, 'utf-8'>
  /** Where a legacy charset is announced: the Content-Type header, the XML declaration, or both. */
  charsetIn?: 'header' | 'declaration' | 'both'
  /** UTC offset of the dates the feed writes, in minutes. */
  tz: number
  urls: UrlStyle
  /** Full body in content:encoded / <content> plus a short description / <summary>. */
  fullContent?: boolean
  /** Typographic quotes written as HTML entities. */
  entities?: boolean
  /** RSS description in CDATA rather than entity-escaped. */
  cdata?: boolean
  /** Tracking pixel and script at the end of each body. */
  tracking?: boolean
  bom?: boolean
  gzip?: boolean
  opaqueGuids?: boolean
  ttl?: number
  aggregator?: boolean
}

const OUTLETS: Outlet[] = [
  { slug: 'globalwire', name: 'Global Wire Service', domain: 'globalwire.example', language: 'en', text: 'en', declares: 'en-us', country: 'US', kind: 'wire', sections: ['world', 'europe', 'politics', 'business'], format: 'rss2', tz: 0, urls: 'dated', cdata: true, gzip: true, opaqueGuids: true },
  { slug: 'atlanticcourier', name: 'The Atlantic Courier', domain: 'atlanticcourier.example', language: 'en', text: 'en', declares: 'en', country: 'US', kind: 'newspaper', sections: ['world', 'europe'], format: 'atom', tz: -300, urls: 'dated', fullContent: true, entities: true, gzip: true },
  { slug: 'eemonitor', name: 'Eastern Europe Monitor', domain: 'eemonitor.example', language: 'en', text: 'en', declares: 'en-GB', country: 'GB', kind: 'online-outlet', sections: ['news', 'analysis'], format: 'rss1', tz: 0, urls: 'html', gzip: true },
  { slug: 'capitoldispatch', name: 'Capitol Dispatch', domain: 'capitoldispatch.example', language: 'en', text: 'en', declares: 'en-us', country: 'US', kind: 'newspaper', sections: ['national-security', 'politics'], format: 'rss2', tz: -300, urls: 'ref', fullContent: true, entities: true, tracking: true, gzip: true },
  { slug: 'lakesideradio', name: 'Lakeside Public Radio', domain: 'lakesideradio.example', language: 'en', text: 'en', declares: 'en', country: 'US', kind: 'public-broadcaster', sections: ['world', 'europe'], format: 'rss2', tz: -300, urls: 'numeric', ttl: 15 },
  { slug: 'kyivledger', name: 'Kyiv Ledger', domain: 'kyivledger.example', language: 'en', text: 'en', declares: 'en', country: 'UA', kind: 'online-outlet', sections: ['latest', 'war'], format: 'atom', tz: 120, urls: 'dated', gzip: true },
  { slug: 'policyreview', name: 'Policy Review Institute', domain: 'policyreview.example', language: 'en', text: 'en', declares: 'en-US', country: 'US', kind: 'think-tank', sections: ['commentary'], format: 'rss2', tz: -300, urls: 'dated', fullContent: true },
  { slug: 'tokyoenglish', name: 'Tokyo English Daily', domain: 'tokyoenglish.example', language: 'en', text: 'en', declares: 'en', country: 'JP', kind: 'newspaper', sections: ['world'], format: 'rss2', tz: 540, urls: 'html', cdata: true, gzip: true },
  { slug: 'newsfold', name: 'Newsfold', domain: 'newsfold.example', language: null, text: 'en', declares: null, country: 'US', kind: 'aggregator', sections: ['top', 'ukraine'], format: 'rss2', tz: 0, urls: 'numeric', cdata: true, gzip: true, opaqueGuids: true, aggregator: true },

  { slug: 'toto', name: '東都新聞', domain: 'toto-shimbun.example', language: 'ja', text: 'ja', declares: 'ja', country: 'JP', kind: 'newspaper', sections: ['kokusai', 'seiji'], format: 'rss2', charset: 'Shift_JIS', charsetIn: 'declaration', tz: 540, urls: 'html' },
  { slug: 'jpb', name: '日本公共放送', domain: 'jpb.example', language: 'ja', text: 'ja', declares: 'ja', country: 'JP', kind: 'public-broadcaster', sections: ['news', 'world', 'cat6'], format: 'rss2', tz: 540, urls: 'html', gzip: true, ttl: 5 },
  { slug: 'keizai', name: '経済日報', domain: 'keizai-nippo.example', language: 'ja', text: 'ja', declares: 'ja-JP', country: 'JP', kind: 'newspaper', sections: ['world', 'politics'], format: 'atom', tz: 540, urls: 'dated', fullContent: true, gzip: true },
  { slug: 'jpwire', name: 'ジャパン通信', domain: 'jp-wire.example', language: 'ja', text: 'ja', declares: 'ja', country: 'JP', kind: 'wire', sections: ['world', 'flash'], format: 'rss1', tz: 540, urls: 'numeric', gzip: true },
  { slug: 'yukan', name: '夕刊ニュース', domain: 'yukan.example', language: 'ja', text: 'ja', declares: 'ja', country: 'JP', kind: 'online-outlet', sections: ['world', 'ukraine'], format: 'rss2', charset: 'Shift_JIS', charsetIn: 'both', tz: 540, urls: 'ref', tracking: true },

  { slug: 'mosvestnik', name: 'Московский вестник', domain: 'mosvestnik.example', language: 'ru', text: 'ru', declares: 'ru', country: 'RU', kind: 'newspaper', sections: ['politics', 'world', 'war'], format: 'rss2', charset: 'windows-1251', charsetIn: 'header', tz: 180, urls: 'html', entities: true },
  { slug: 'sever', name: 'Агентство «Север»', domain: 'severnews.example', language: 'ru', text: 'ru', declares: 'ru-RU', country: 'RU', kind: 'wire', sections: ['main', 'world'], format: 'rss2', tz: 180, urls: 'numeric', gzip: true, opaqueGuids: true },
  { slug: 'mediabaltika', name: 'Медиа Балтика', domain: 'mediabaltika.example', language: 'ru', text: 'ru', declares: 'ru', country: 'LV', kind: 'online-outlet', sections: ['news', 'ukraine'], format: 'atom', tz: 120, urls: 'dated', gzip: true },
  { slug: 'russkaya', name: 'Русская служба', domain: 'russkaya-sluzhba.example', language: 'ru', text: 'ru', declares: 'ru', country: 'GB', kind: 'public-broadcaster', sections: ['main'], format: 'rss2', tz: 0, urls: 'ref', fullContent: true, gzip: true },
  { slug: 'vechernyaya', name: 'Вечерняя газета', domain: 'vechernyaya.example', language: 'ru', text: 'ru', declares: 'ru', country: 'RU', kind: 'newspaper', sections: ['all', 'world'], format: 'rss1', charset: 'windows-1251', charsetIn: 'declaration', tz: 180, urls: 'html' },
  { slug: 'gosagency', name: 'Госагентство', domain: 'gos-agency.example', language: 'ru', text: 'ru', declares: 'ru', country: 'RU', kind: 'state-media', sections: ['official'], format: 'rss2', tz: 180, urls: 'numeric', bom: true, ttl: 10 },

  { slug: 'kyivpravda', name: 'Київська правда', domain: 'kyivpravda.example', language: 'uk', text: 'uk', declares: 'uk', country: 'UA', kind: 'online-outlet', sections: ['news', 'war', 'politics'], format: 'rss2', tz: 120, urls: 'dated', cdata: true, gzip: true, tracking: true },
  { slug: 'natsagency', name: 'Національне агентство', domain: 'natsagency.example', language: 'uk', text: 'uk', declares: 'ua', country: 'UA', kind: 'wire', sections: ['main', 'war'], format: 'rss2', charset: 'windows-1251', charsetIn: 'both', tz: 120, urls: 'numeric', opaqueGuids: true },
  { slug: 'hromada', name: 'Громада Медіа', domain: 'hromadamedia.example', language: 'uk', text: 'uk', declares: 'uk', country: 'UA', kind: 'public-broadcaster', sections: ['news', 'world'], format: 'atom', tz: 120, urls: 'html', fullContent: true, gzip: true },
  { slug: 'tyzhnevyk', name: 'Тижневик', domain: 'tyzhnevyk.example', language: 'uk', text: 'uk', declares: 'uk-UA', country: 'UA', kind: 'newspaper', sections: ['all'], format: 'rss1', tz: 120, urls: 'dated', entities: true, gzip: true },
  { slug: 'ekonomoglyad', name: 'Економічний огляд', domain: 'ekonomoglyad.example', language: 'uk', text: 'uk', declares: 'uk', country: 'UA', kind: 'online-outlet', sections: ['news', 'world'], format: 'atom', tz: 120, urls: 'ref', gzip: true },
]

export interface BenchFeed {
  /** Index of the outlet: feeds of one outlet share a host. */
  host: number
  path: string
  name: string
  language: string | null
  country: string
  kind: string
  format: FeedFormat
  charset: Charset
  contentType: string
  /** The document as served without compression. */
  body: Buffer
  /** The gzip-compressed document, for outlets whose servers compress. */
  gzipped: Buffer | null
  items: number
}

export interface Corpus {
  seed: number
  feeds: BenchFeed[]
  hosts: number
  items: number
  bytes: number
  expected: {
    /** Items with a usable link. */
    valid: number
    /** Distinct articles, i.e. what the store should hold. */
    unique: number
    /** Items without a usable link (skipped by normalisation). */
    skipped: number
    /** Aggregator items that re-list another feed's article (same canonical URL). */
    duplicates: number
  }
}

interface Article {
  id: number
  link: string | null
  guid: string | null
  title: string
  html: string
  summary: string | null
  date: number
  author: string | null
  categories: string[]
  source: { name: string; url: string } | null
}

const BASE_DATE = Date.UTC(2026, 0, 15, 9, 0, 0)
const SPAN_MS = 21 * 24 * 3600_000
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number) => String(n).padStart(2, '0')

function zone(tz: number, colon: boolean): string {
  const sign = tz < 0 ? '-' : '+'
  const abs = Math.abs(tz)
  return `${sign}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`
}

function rfc822(ms: number, tz: number): string {
  const d = new Date(ms + tz * 60_000)
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} ${tz === 0 ? 'GMT' : zone(tz, false)}`
}

function iso(ms: number, tz: number): string {
  const d = new Date(ms + tz * 60_000)
  return `${d.toISOString().slice(0, 19)}${tz === 0 ? 'Z' : zone(tz, true)}`
}

const escXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

const ENTITIES: [RegExp, string][] = [
  [/’/g, '&rsquo;'],
  [/“/g, '&ldquo;'],
  [/”/g, '&rdquo;'],
  [/«/g, '&laquo;'],
  [/»/g, '&raquo;'],
  [/ — /g, '&nbsp;&mdash; '],
]

class ArticleMaker {
  private nextId = 100_000
  constructor(private readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!
  }

  chance(p: number): boolean {
    return this.random() < p
  }

  id(): number {
    return this.nextId++
  }

  fill(template: string, bank: LanguageBank): string {
    const first = this.pick(bank.short)
    const second = this.pick(bank.short.filter((s) => s !== first))
    return template.replace(/\{(\w+)\}/g, (_m, slot: string) => {
      switch (slot) {
        case 'p': return this.pick(bank.persons)
        case 'P': return first
        case 'P2': return second
        case 'city': return this.pick(bank.cities)
        case 'front': return this.pick(bank.front)
        case 'venue': return this.pick(bank.venues)
        case 'n': return String(this.int(2, 480))
        case 'm': return String(this.int(2, 40))
        case 'h': return String(this.int(3, 12))
        default: throw new Error(`corpus: unknown slot {${slot}}`)
      }
    })
  }

  link(outlet: Outlet, section: string, id: number, date: number): string {
    const d = new Date(date)
    const base = `https://www.${outlet.domain}`
    const url =
      outlet.urls === 'dated'
        ? `${base}/${section}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/story-${id}/`
        : outlet.urls === 'html'
          ? `${base}/${section}/${outlet.text === 'ja' ? 'K' : ''}${id}.html`
          : outlet.urls === 'ref'
            ? `${base}/articles/${id}?ref=rss`
            : `${base}/news/${id}`
    if (!this.chance(0.3)) return url
    const utm = `utm_source=rss&utm_medium=feed&utm_campaign=${section}`
    return `${url}${url.includes('?') ? '&' : '?'}${utm}`
  }

  paragraph(bank: LanguageBank, outlet: Outlet): string {
    const sentences = Array.from({ length: this.int(1, 3) }, () => escText(this.fill(this.pick(bank.sentences), bank)))
    if (this.chance(0.2)) sentences[0] = `<strong>${sentences[0]}</strong>`
    if (this.chance(0.1)) sentences.push(`<em>${escText(this.fill(this.pick(bank.sentences), bank))}</em>`)
    const text = sentences.join(outlet.text === 'ja' ? '' : ' ')
    return this.chance(0.08) ? `<blockquote><p>${text}</p></blockquote>` : `<p>${text}</p>`
  }

  body(bank: LanguageBank, outlet: Outlet, id: number): string {
    const target = 300 + Math.floor(this.random() ** 1.7 * 2200)
    const parts: string[] = []
    let length = 0
    if (this.chance(0.3)) {
      const caption = escText(this.fill(bank.caption, bank))
      parts.push(
        `<figure><img src="https://img.${outlet.domain}/${id}/main.jpg" alt="${caption}" width="1200" height="675"/><figcaption>${caption}</figcaption></figure>`,
      )
    }
    while (length < target) {
      const p = this.paragraph(bank, outlet)
      parts.push(p)
      length += p.length
    }
    if (this.chance(0.35)) {
      const related = `https://www.${outlet.domain}/news/${this.int(10_000, 99_999)}?utm_source=rss&amp;utm_medium=related`
      parts.push(`<p>${bank.readMore} <a href="${related}">${escText(this.fill(this.pick(bank.titles), bank))}</a></p>`)
    }
    if (outlet.tracking) {
      parts.push(
        `<img src="https://pixel.${outlet.domain}/t.gif?id=${id}" width="1" height="1" alt=""/><script>window.__t&&__t(${id})</script>`,
      )
    }
    let html = parts.join('\n')
    if (outlet.entities) for (const [pattern, entity] of ENTITIES) html = html.replace(pattern, entity)
    return html
  }

  article(outlet: Outlet, section: string, canSkip: boolean): Article {
    const bank = BANKS[outlet.text]
    const id = this.id()
    const date = BASE_DATE - Math.floor(this.random() * SPAN_MS / 60_000) * 60_000
    // A few items carry no usable link (and a non-URL GUID): normalisation must skip them.
    const linkless = canSkip && this.chance(1 / 400)
    const link = linkless ? null : this.link(outlet, section, id, date)
    const html = this.body(bank, outlet, id)
    const firstSentence = /<p>(?:<strong>)?([^<]*)/.exec(html)?.[1] ?? ''
    return {
      id,
      link,
      guid: linkless || outlet.opaqueGuids ? `${outlet.slug}:${id}` : null,
      title: this.fill(this.pick(bank.titles), bank),
      html,
      summary: outlet.fullContent ? firstSentence : null,
      date,
      author: this.chance(0.7) ? this.pick(bank.authors) : null,
      categories: Array.from(new Set([section, this.pick(bank.categories), this.pick(bank.categories)])),
      source: null,
    }
  }
}

const LANGUAGE_NAMES: Record<BenchLanguage, string> = { en: 'English', ja: '日本語', ru: 'Русский', uk: 'Українська' }

function rss2Item(a: Article, outlet: Outlet): string {
  const body = outlet.fullContent ? escText(a.summary ?? '') : outlet.cdata ? cdata(a.html) : escText(a.html)
  const guid = a.guid
    ? `<guid isPermaLink="false">${escText(a.guid)}</guid>`
    : `<guid isPermaLink="true">${escText(a.link!.replace(/[?&]utm_.*$/, ''))}</guid>`
  return [
    '<item>',
    `<title>${escText(a.title)}</title>`,
    a.link ? `<link>${escText(a.link)}</link>` : '',
    guid,
    `<pubDate>${rfc822(a.date, outlet.tz)}</pubDate>`,
    a.author ? `<dc:creator>${escText(a.author)}</dc:creator>` : '',
    ...a.categories.map((c) => `<category>${escText(c)}</category>`),
    `<description>${body}</description>`,
    outlet.fullContent ? `<content:encoded>${cdata(a.html)}</content:encoded>` : '',
    a.source ? `<source url="${escXml(a.source.url)}">${escText(a.source.name)}</source>` : '',
    '</item>',
  ]
    .filter(Boolean)
    .join('\n')
}

function atomEntry(a: Article, outlet: Outlet): string {
  return [
    '<entry>',
    `<title type="html">${escText(a.title)}</title>`,
    a.link ? `<link rel="alternate" type="text/html" href="${escXml(a.link)}"/>` : '',
    `<id>${escText(a.guid ?? `tag:${outlet.domain},2026:${a.id}`)}</id>`,
    `<published>${iso(a.date, outlet.tz)}</published>`,
    `<updated>${iso(a.date + 600_000, outlet.tz)}</updated>`,
    a.author ? `<author><name>${escText(a.author)}</name></author>` : '',
    ...a.categories.map((c) => `<category term="${escXml(c)}"/>`),
    a.summary ? `<summary type="text">${escText(a.summary)}</summary>` : '',
    `<content type="html">${escText(a.html)}</content>`,
    '</entry>',
  ]
    .filter(Boolean)
    .join('\n')
}

function rss1Item(a: Article, outlet: Outlet): string {
  return [
    `<item rdf:about="${escXml(a.link!)}">`,
    `<title>${escText(a.title)}</title>`,
    `<link>${escText(a.link!)}</link>`,
    `<description>${escText(a.html)}</description>`,
    `<dc:date>${iso(a.date, outlet.tz)}</dc:date>`,
    a.author ? `<dc:creator>${escText(a.author)}</dc:creator>` : '',
    `<dc:subject>${escText(a.categories[1] ?? a.categories[0] ?? '')}</dc:subject>`,
    '</item>',
  ]
    .filter(Boolean)
    .join('\n')
}

function feedDocument(outlet: Outlet, section: string, articles: Article[], charset: Charset): string {
  const home = `https://www.${outlet.domain}/${section}/`
  const self = `https://www.${outlet.domain}/rss/${section}.xml`
  const title = `${outlet.name}: ${section}`
  const description = `${outlet.name} (${LANGUAGE_NAMES[outlet.text]})`
  const head = `<?xml version="1.0" encoding="${charset}"?>`
  if (outlet.format === 'atom') {
    return [
      head,
      `<feed xmlns="http://www.w3.org/2005/Atom"${outlet.declares ? ` xml:lang="${outlet.declares}"` : ''}>`,
      `<title>${escText(title)}</title>`,
      `<link rel="alternate" href="${home}"/>`,
      `<link rel="self" href="${self}"/>`,
      `<id>tag:${outlet.domain},2026:${section}</id>`,
      `<updated>${iso(BASE_DATE, outlet.tz)}</updated>`,
      ...articles.map((a) => atomEntry(a, outlet)),
      '</feed>',
    ].join('\n')
  }
  if (outlet.format === 'rss1') {
    return [
      head,
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
      `<channel rdf:about="${self}">`,
      `<title>${escText(title)}</title>`,
      `<link>${home}</link>`,
      `<description>${escText(description)}</description>`,
      outlet.declares ? `<dc:language>${outlet.declares}</dc:language>` : '',
      '<items><rdf:Seq>',
      ...articles.map((a) => `<rdf:li rdf:resource="${escXml(a.link!)}"/>`),
      '</rdf:Seq></items>',
      '</channel>',
      ...articles.map((a) => rss1Item(a, outlet)),
      '</rdf:RDF>',
    ].join('\n')
  }
  return [
    head,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '<channel>',
    `<title>${escText(title)}</title>`,
    `<link>${home}</link>`,
    `<description>${escText(description)}</description>`,
    outlet.declares ? `<language>${outlet.declares}</language>` : '',
    `<lastBuildDate>${rfc822(BASE_DATE, outlet.tz)}</lastBuildDate>`,
    outlet.ttl ? `<ttl>${outlet.ttl}</ttl>` : '',
    `<atom:link href="${self}" rel="self" type="application/rss+xml"/>`,
    ...articles.map((a) => rss2Item(a, outlet)),
    '</channel>',
    '</rss>',
  ]
    .filter(Boolean)
    .join('\n')
}

const MEDIA_TYPES: Record<FeedFormat, string> = {
  rss2: 'application/rss+xml',
  atom: 'application/atom+xml',
  rss1: 'application/rdf+xml',
}

function encode(xml: string, outlet: Outlet): { body: Buffer; charset: Charset; contentType: string } {
  const charset: Charset = outlet.charset ?? 'utf-8'
  let body: Buffer
  if (charset === 'utf-8') {
    body = Buffer.from(xml, 'utf8')
    if (outlet.bom) body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body])
  } else {
    body = iconv.encode(xml, charset)
    // iconv-lite writes "?" for characters the charset lacks; a corpus that silently lost text would mislead.
    if (iconv.decode(body, charset) !== xml) throw new Error(`corpus: ${outlet.slug} has text that ${charset} cannot encode`)
  }
  const inHeader = charset === 'utf-8' || outlet.charsetIn !== 'declaration'
  const contentType = inHeader ? `${MEDIA_TYPES[outlet.format]}; charset=${charset}` : 'text/xml'
  return { body, charset, contentType }
}

/** Splits `total` over `count` parts with seeded, uneven weights (every part gets at least one). */
function split(total: number, count: number, random: () => number): number[] {
  const weights = Array.from({ length: count }, () => 0.4 + random() * 1.2)
  const sum = weights.reduce((a, b) => a + b, 0)
  const parts = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)))
  let rest = total - parts.reduce((a, b) => a + b, 0)
  for (let i = 0; rest > 0; i = (i + 1) % count, rest--) parts[i]!++
  return parts
}

export interface CorpusOptions {
  items: number
  seed: number
}

export function generateCorpus({ items, seed }: CorpusOptions): Corpus {
  const random = rng(seed)
  const gen = new ArticleMaker(random)
  const feedsOf = OUTLETS.flatMap((outlet, host) => outlet.sections.map((section) => ({ outlet, host, section })))
  const sizes = split(items, feedsOf.length, random)
  const articles = feedsOf.map(({ outlet, section }, i) =>
    outlet.aggregator ? [] : Array.from({ length: sizes[i]! }, () => gen.article(outlet, section, outlet.format !== 'rss1')),
  )

  // The aggregator: about a third of its items re-list English articles from the other feeds, with its own
  // GUIDs, tracking parameters and the outlet's name after the title, as news aggregators do.
  const originals = feedsOf
    .flatMap(({ outlet }, i) => (outlet.text === 'en' && !outlet.aggregator ? articles[i]!.map((a) => ({ a, outlet })) : []))
    .filter(({ a }) => a.link !== null)
  let duplicates = 0
  feedsOf.forEach(({ outlet, section }, i) => {
    if (!outlet.aggregator) return
    articles[i] = Array.from({ length: sizes[i]! }, () => {
      const own = gen.article(outlet, section, false)
      if (originals.length === 0 || !gen.chance(0.35)) return own
      const { a, outlet: from } = originals.splice(gen.int(0, originals.length - 1), 1)[0]!
      duplicates++
      return {
        ...own,
        link: `${a.link}${a.link!.includes('?') ? '&' : '?'}utm_source=newsfold&utm_medium=aggregator`,
        title: `${a.title} - ${from.name}`,
        html: a.html,
        date: a.date,
        author: null,
        source: { name: from.name, url: `https://www.${from.domain}/` },
      }
    })
  })

  const feeds = feedsOf.map(({ outlet, host, section }, i): BenchFeed => {
    const list = articles[i]!.sort((a, b) => b.date - a.date)
    const xml = feedDocument(outlet, section, list, outlet.charset ?? 'utf-8')
    const { body, charset, contentType } = encode(xml, outlet)
    return {
      host,
      path: `/${outlet.slug}/${section}.xml`,
      name: `${outlet.name}: ${section}`,
      language: outlet.language,
      country: outlet.country,
      kind: outlet.kind,
      format: outlet.format,
      charset,
      contentType,
      body,
      gzipped: outlet.gzip ? gzipSync(body) : null,
      items: list.length,
    }
  })
  const skipped = articles.flat().filter((a) => a.link === null).length
  return {
    seed,
    feeds,
    hosts: OUTLETS.length,
    items,
    bytes: feeds.reduce((n, f) => n + f.body.length, 0),
    expected: { valid: items - skipped, unique: items - skipped - duplicates, skipped, duplicates },
  }
}
