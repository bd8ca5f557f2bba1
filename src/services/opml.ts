// OPML 2.0 in and out, as pure text functions: the feed list other readers (Miniflux, Feedly, NetNewsWire …) import
// and export. Reading is a single forward pass written for this one shape of XML instead of a general parser, so
// that a hostile file cannot cost more than its size: a document type (where entities are declared, and with them
// the billion-laughs expansion) is refused outright, only XML's five named entities and character references are
// decoded, and size, nesting and feed count are capped before anything is fetched.
import type { Localised } from '../../commands/types.js'

export interface OpmlFeed {
  title: string
  xmlUrl: string
  htmlUrl: string | null
  language: string | null
  /** Category paths and the titles of the folders the outline sat in, outermost first. */
  categories: string[]
}

/** Larger than any real reading list (a thousand feeds is about 250 KB), small enough to read at once. */
export const OPML_MAX_BYTES = 1 << 20
/** Feeds per file: each is fetched once on import. */
export const OPML_MAX_FEEDS = 500
/** Folders inside folders; readers nest two or three deep. */
export const OPML_MAX_DEPTH = 32

export class OpmlError extends Error {
  override name = 'OpmlError'
  constructor(readonly text: Localised) {
    super(`opml: ${text.en}`)
  }
}

const fail = (en: string, ja: string): never => {
  throw new OpmlError({ en, ja })
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** An attribute value with its references decoded; anything else after `&` is not well-formed XML. */
function decodeReferences(value: string): string {
  return value.replace(/&([^;&]{0,10});|&/g, (_whole, name: string | undefined, at: number) => {
    if (name !== undefined) {
      const named = NAMED_ENTITIES[name]
      if (named !== undefined) return named
      const code = /^#x([0-9a-f]{1,6})$/i.exec(name) ? parseInt(name.slice(2), 16) : /^#[0-9]{1,7}$/.test(name) ? parseInt(name.slice(1), 10) : NaN
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) return String.fromCodePoint(code)
    }
    const shown = value.slice(at, at + 12).split(/(?<=;)/)[0]
    return fail(`"${shown}" is not an XML entity; only &lt; &gt; &amp; &quot; &apos; and &#…; are read.`, `「${shown}」は XML の実体参照ではありません（&lt; &gt; &amp; &quot; &apos; と &#…; のみ使えます）。`)
  })
}

const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y
const TAG_NAME = /<\/?([A-Za-z_][\w.:-]*)/y

interface Tag {
  name: string
  closing: boolean
  selfClosing: boolean
  attributes: Map<string, string>
  end: number
}

/** The tag starting at `at` (a `<` followed by a name), read forward to its `>`. */
function readTag(text: string, at: number): Tag {
  TAG_NAME.lastIndex = at
  const named = TAG_NAME.exec(text)
  if (!named) return fail(`a "<" at character ${at} starts no tag.`, `${at} 文字目の「<」がタグになっていません。`)
  const closing = text[at + 1] === '/'
  const attributes = new Map<string, string>()
  let position = TAG_NAME.lastIndex
  for (;;) {
    ATTRIBUTE.lastIndex = position
    const attribute = closing ? null : ATTRIBUTE.exec(text)
    if (!attribute) break
    const key = attribute[1]!.toLowerCase()
    if (attributes.has(key)) fail(`attribute "${attribute[1]}" given twice in one tag.`, `一つのタグに属性「${attribute[1]}」が二つあります。`)
    attributes.set(key, decodeReferences(attribute[2] ?? attribute[3] ?? ''))
    position = ATTRIBUTE.lastIndex
  }
  const rest = /\s*(\/?)>/y
  rest.lastIndex = position
  const ending = rest.exec(text)
  if (!ending || (closing && ending[1])) return fail(`the tag <${named[1]}> at character ${at} is not well-formed.`, `${at} 文字目のタグ <${named[1]}> の書式が正しくありません。`)
  return { name: named[1]!, closing, selfClosing: ending[1] === '/', attributes, end: rest.lastIndex }
}

/** Index just past `terminator`, or a refusal naming what was left open. */
function skipPast(text: string, from: number, terminator: string, what: string): number {
  const at = text.indexOf(terminator, from)
  if (at === -1) fail(`${what} is never closed.`, `${what} が閉じられていません。`)
  return at + terminator.length
}

const nonEmpty = (value: string | undefined) => (value?.trim() ? value.trim() : null)

/** Category paths ("/News/wire", "wire, blog") as their segments. */
const categorySegments = (value: string | undefined) => (value ?? '').split(/[,/]/).map((s) => s.trim()).filter((s) => s !== '')

/**
 * The feeds (outlines with an xmlUrl) of an OPML 1.0 or 2.0 document, nested folders flattened in document order.
 * Throws an OpmlError, in en and ja, for anything that is not a well-formed OPML file within the limits.
 */
export function parseOpml(source: string): OpmlFeed[] {
  if (source.length > OPML_MAX_BYTES) fail(`the file is larger than ${OPML_MAX_BYTES / 1024} KB.`, `ファイルが ${OPML_MAX_BYTES / 1024} KB を超えています。`)
  const text = source.replace(/^\uFEFF/, '')
  const open: { name: string; folder: string | null }[] = []
  const feeds: OpmlFeed[] = []
  let root: string | null = null
  let after = 0
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', after)) {
    if (text.startsWith('<!--', at)) after = skipPast(text, at + 4, '-->', 'a comment')
    else if (text.startsWith('<![CDATA[', at)) after = skipPast(text, at + 9, ']]>', 'a CDATA section')
    else if (text.startsWith('<?', at)) after = skipPast(text, at + 2, '?>', 'a processing instruction')
    else if (text.startsWith('<!', at)) {
      return fail('the file declares a document type (<!DOCTYPE or <!ENTITY); OPML needs none, and its entities are not expanded.', 'ファイルに文書型宣言（<!DOCTYPE や <!ENTITY）があります。OPML には不要で、実体の展開は行いません。')
    } else {
      const tag = readTag(text, at)
      after = tag.end
      if (tag.closing) {
        const top = open.pop()
        if (top?.name !== tag.name) fail(`</${tag.name}> closes ${top ? `<${top.name}>` : 'nothing'}.`, `</${tag.name}> に対応する開始タグがありません。`)
        continue
      }
      if (root === null) {
        root = tag.name
        if (tag.name !== 'opml') fail(`the document is <${tag.name}>, not <opml>.`, `文書が <opml> ではなく <${tag.name}> です。`)
        if (!/^[12]\.\d+$/.test(tag.attributes.get('version') ?? '')) fail('<opml> has no version 1.x or 2.x.', '<opml> に 1.x または 2.x の version がありません。')
      } else if (open.length === 0) fail('content after the end of <opml>.', '</opml> の後に内容があります。')
      if (tag.name === 'outline') addOutline(tag.attributes, open, feeds)
      if (!tag.selfClosing) {
        if (open.length >= OPML_MAX_DEPTH) fail(`elements are nested deeper than ${OPML_MAX_DEPTH} levels.`, `要素の入れ子が ${OPML_MAX_DEPTH} 段を超えています。`)
        open.push({ name: tag.name, folder: tag.name === 'outline' && !tag.attributes.has('xmlurl') ? nonEmpty(tag.attributes.get('title') ?? tag.attributes.get('text')) : null })
      }
    }
  }
  if (root === null) fail('no <opml> element; is this an OPML file?', '<opml> 要素がありません。OPML ファイルですか？')
  if (open.length > 0) fail(`<${open[open.length - 1]!.name}> is never closed.`, `<${open[open.length - 1]!.name}> が閉じられていません。`)
  return feeds
}

function addOutline(attributes: Map<string, string>, open: { folder: string | null }[], feeds: OpmlFeed[]): void {
  const xmlUrl = nonEmpty(attributes.get('xmlurl'))
  if (!xmlUrl) return
  if (feeds.length >= OPML_MAX_FEEDS) fail(`more than ${OPML_MAX_FEEDS} feeds in one file; split it.`, `1ファイルのフィードが ${OPML_MAX_FEEDS} 件を超えています。分けてください。`)
  const folders = open.flatMap((o) => (o.folder ? [o.folder] : []))
  feeds.push({
    title: nonEmpty(attributes.get('title')) ?? nonEmpty(attributes.get('text')) ?? '',
    xmlUrl,
    htmlUrl: nonEmpty(attributes.get('htmlurl')),
    language: nonEmpty(attributes.get('language')),
    categories: [...folders, ...categorySegments(attributes.get('category'))],
  })
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

function escapeAttribute(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // A raw line break or tab in an attribute would be read back as a space.
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}

const escapeText = (value: string) => value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function outline(feed: OpmlFeed): string {
  const attributes: [string, string | null][] = [
    ['type', 'rss'],
    ['text', feed.title],
    ['title', feed.title],
    ['xmlUrl', feed.xmlUrl],
    ['htmlUrl', feed.htmlUrl],
    ['language', feed.language],
    ['category', feed.categories.length > 0 ? feed.categories.join(',') : null],
  ]
  return `    <outline ${attributes.flatMap(([name, value]) => (value === null ? [] : [`${name}="${escapeAttribute(value)}"`])).join(' ')}/>`
}

/** An OPML 2.0 document listing `feeds`, dated `createdAt` (RFC 822, as the spec asks). */
export function writeOpml(title: string, feeds: OpmlFeed[], createdAt: Date): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeText(title)}</title>`,
    `    <dateCreated>${createdAt.toUTCString()}</dateCreated>`,
    '    <docs>https://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    ...feeds.map(outline),
    '  </body>',
    '</opml>',
    '',
  ].join('\n')
}
