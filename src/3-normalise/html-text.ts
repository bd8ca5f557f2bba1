// HTML (or entity-escaped text) to clean plain text: tags dropped, entities decoded, script/style removed,
// block elements turned into line breaks, whitespace folded.
import { decodeHTML } from 'entities'
import { visibleText } from './visible-text.js'

const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'table', 'section', 'article', 'figure', 'figcaption', 'hr', 'pre'])
/** Elements whose text is never the article's. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head'])
/** Elements whose content HTML reads as text up to their end tag: a "<" inside them starts no tag. */
const RAW_TEXT = new Set(['script', 'style', 'iframe', 'xmp', 'noembed', 'noframes'])
/** The same, but with character references decoded. */
const ESCAPABLE_RAW_TEXT = new Set(['title', 'textarea'])
const LONGEST_NAME = 10

const isAsciiLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d

/** Where the tag opened at `from` ends (after its ">"): a ">" inside a quoted attribute value does not end it. */
function tagEnd(html: string, from: number): number {
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i)
    if (c === 0x3e) return i + 1
    if (c !== 0x3d) continue
    let j = i + 1
    while (j < html.length && isSpace(html.charCodeAt(j))) j++
    const quote = html.charCodeAt(j)
    if (quote === 0x22 || quote === 0x27) {
      const close = html.indexOf(quote === 0x22 ? '"' : "'", j + 1)
      if (close === -1) return html.length
      i = close
    }
  }
  return html.length
}

const endTagPatterns = new Map([...RAW_TEXT, ...ESCAPABLE_RAW_TEXT].map((name) => [name, new RegExp(`</${name}`, 'gi')]))

/** Where the end tag of a raw-text element starts, in any letter case; -1 when it never comes. */
function endTag(html: string, name: string, from: number): number {
  const pattern = endTagPatterns.get(name)!
  pattern.lastIndex = from
  return pattern.exec(html)?.index ?? -1
}

/** Where a comment, declaration, CDATA section or processing instruction opened at `from` ends. */
function markupEnd(html: string, from: number): number {
  const [terminator, bodyStart] = html.startsWith('<!--', from) ? ['-->', from + 4] : html.startsWith('<![CDATA[', from) ? [']]>', from + 9] : ['>', from + 2]
  if (terminator === '-->' && (html.startsWith('>', bodyStart) || html.startsWith('->', bodyStart))) return html.indexOf('>', bodyStart) + 1
  const end = html.indexOf(terminator, bodyStart)
  return end === -1 ? html.length : end + terminator.length
}

/**
 * HTML to text in one scan: text runs are cut out between tags and entity-decoded, block elements become line
 * breaks, and the content of script, style and the like is dropped. It follows how browsers tokenise (quoted
 * attributes, raw-text elements, comments) without building an element tree, which text does not need; a full HTML
 * tokeniser cost more than half of normalising an item.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return foldWhitespace(visibleText(html))
  const parts: string[] = []
  let skipping = 0
  let textFrom = 0
  const addText = (end: number, decode = true) => {
    if (skipping === 0 && end > textFrom) {
      const text = html.slice(textFrom, end)
      parts.push(decode && text.includes('&') ? decodeHTML(text) : text)
    }
  }
  for (let lt = html.indexOf('<'); lt !== -1 && lt < html.length; lt = html.indexOf('<', lt + 1)) {
    const next = html.charCodeAt(lt + 1)
    const closing = next === 0x2f
    if (!isAsciiLetter(closing ? html.charCodeAt(lt + 2) : next)) {
      if (!closing && next !== 0x21 && next !== 0x3f) continue // a lone "<" is text
      addText(lt)
      textFrom = markupEnd(html, lt)
      lt = textFrom - 1
      continue
    }
    addText(lt)
    const nameFrom = lt + (closing ? 2 : 1)
    let nameEnd = nameFrom
    while (nameEnd < html.length && !isSpace(html.charCodeAt(nameEnd)) && html.charCodeAt(nameEnd) !== 0x2f && html.charCodeAt(nameEnd) !== 0x3e) nameEnd++
    const name = nameEnd - nameFrom <= LONGEST_NAME ? html.slice(nameFrom, nameEnd).toLowerCase() : ''
    textFrom = tagEnd(html, nameEnd)
    if (SKIP.has(name)) skipping = closing ? Math.max(0, skipping - 1) : skipping + 1
    else if (BLOCK.has(name)) parts.push('\n')
    const escapable = ESCAPABLE_RAW_TEXT.has(name)
    if (!closing && (escapable || RAW_TEXT.has(name))) {
      // Everything up to the end tag is this element's content; for a skipped element it is dropped unread.
      const close = endTag(html, name, textFrom)
      addText(close === -1 ? html.length : close, escapable)
      textFrom = close === -1 ? html.length : close
    }
    lt = textFrom - 1
  }
  addText(html.length)
  return foldWhitespace(visibleText(parts.join('')))
}

const VISIBLE = 0
const SPACE = 1
const NEWLINE = 2

/** What a character is to foldWhitespace: JavaScript's \s is whitespace (visibleText already took the controls). */
function kindOf(c: number): number {
  if (c > 0x20 && c < 0x7f) return VISIBLE
  if (c === 0x0a) return NEWLINE
  if (c === 0x09 || c === 0x0d || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)) return SPACE
  if (c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) return SPACE
  return VISIBLE
}

/**
 * Each run of whitespace becomes a line break if it holds one, else a space; none at either end. One pass copying
 * runs of visible text: this runs on every item's whole body.
 */
function foldWhitespace(text: string): string {
  let out = ''
  let separator = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const kind = kindOf(text.charCodeAt(i))
    if (kind === VISIBLE) continue
    if (from < i) {
      out += out ? separator + text.slice(from, i) : text.slice(from, i)
      separator = ''
    }
    from = i + 1
    if (kind === NEWLINE) separator = '\n'
    else if (kind === SPACE && !separator) separator = ' '
  }
  if (from === 0) return text
  if (from < text.length) out += out ? separator + text.slice(from) : text.slice(from)
  return out
}

/** Single-line text, for titles. */
export function htmlToLine(html: string): string {
  return htmlToText(html).replace(/\n/g, ' ')
}
