// One linear pass over a feed's text before xml2js reads it: rejects documents nested too deep, and turns markup
// inside titles (and Atom xhtml summaries and content) into CDATA. Every step moves forward through the text and
// none looks further than the token it is on, so hostile shapes (deep nesting, thousands of unclosed <title>s)
// cost what an ordinary feed of the same size costs.
import { ParseError } from './parse-error.js'

/**
 * Deepest element nesting accepted. Real feeds stay under 30 (rss/channel/item plus an HTML body); the limit keeps
 * xml2js and everything that walks its tree away from deep recursion.
 */
export const MAX_NESTING_DEPTH = 256

const RESCUED = /^(?:[\w.-]+:)?(title|summary|content)$/
const XHTML_TYPE = /\btype\s*=\s*["']xhtml["']/
const GT = 0x3e
const SLASH = 0x2f
const BANG = 0x21
const QUOTE = 0x22
const APOSTROPHE = 0x27
/** The name in `<name …>` or `</name>`. */
const NAME = /^<\/?([^\s/>]*)/
/** A well-formed closing tag: `</name>`, with nothing but spaces after the name. */
const CLOSING = /^<\/[^\s/>]+\s*>$/

/** A title, summary or content element whose text is being read, up to its first closing tag. */
interface OpenText {
  tag: string
  /** Whether its markup is to be kept as text: titles always, summaries and content when type="xhtml". */
  wanted: boolean
  innerStart: number
  hasCdata: boolean
}

/** Index just past the `>` ending the tag that starts at `at`, skipping `>` inside quoted attribute values; -1 if none. */
function tagEnd(text: string, at: number): number {
  let quote = 0
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (quote !== 0) {
      if (c === quote) quote = 0
    } else if (c === QUOTE || c === APOSTROPHE) quote = c
    else if (c === GT) return i + 1
  }
  return -1
}

/** Index just past `terminator` searched from `from`; -1 when the document ends first. */
function pastTerminator(text: string, from: number, terminator: string): number {
  const at = text.indexOf(terminator, from)
  return at === -1 ? -1 : at + terminator.length
}

/** The element name of an opening tag `<name …>` or a closing tag `</name>` spanning `at`…`end`. */
function tagName(text: string, at: number, end: number): string {
  return NAME.exec(text.slice(at, end))![1]!
}

/** Whether an element's text holds markup worth keeping as text, and nothing that would end a CDATA section early. */
function isMarkup(inner: string): boolean {
  return /<[A-Za-z]/.test(inner) && !inner.includes(']]>')
}

/**
 * Titles with element markup in them (Atom type="xhtml", or HTML a feed forgot to escape), and Atom xhtml summaries
 * and content, as CDATA: xml2js would otherwise split the text from the child elements and lose the words' order;
 * an xhtml title such as <div><p>Title</p></div> came out empty. The normalise stage reads all of them as HTML.
 * Throws a ParseError when elements nest deeper than MAX_NESTING_DEPTH.
 */
export function scanMarkup(text: string): string {
  const parts: string[] = []
  let copiedTo = 0
  let depth = 0
  let open: OpenText | null = null
  for (let at = text.indexOf('<'); at !== -1; ) {
    let end: number
    if (text.startsWith('<!--', at)) end = pastTerminator(text, at + 4, '-->')
    else if (text.startsWith('<![CDATA[', at)) {
      end = pastTerminator(text, at + 9, ']]>')
      if (open) open.hasCdata = true
    } else if (text.startsWith('<?', at)) end = pastTerminator(text, at + 2, '?>')
    else {
      end = tagEnd(text, at)
      if (end !== -1 && text.charCodeAt(at + 1) === SLASH) {
        depth = Math.max(0, depth - 1)
        if (open && CLOSING.test(text.slice(at, end)) && tagName(text, at, end) === open.tag) {
          const inner = text.slice(open.innerStart, at)
          if (open.wanted && !open.hasCdata && isMarkup(inner)) {
            parts.push(text.slice(copiedTo, open.innerStart), '<![CDATA[', inner, ']]>')
            copiedTo = at
          }
          open = null
        }
      } else if (end !== -1 && text.charCodeAt(at + 1) !== BANG && text.charCodeAt(end - 2) !== SLASH) {
        if (++depth > MAX_NESTING_DEPTH) throw new ParseError(`elements nested deeper than ${MAX_NESTING_DEPTH} levels`)
        const name = tagName(text, at, end)
        const rescued: RegExpExecArray | null = open ? null : RESCUED.exec(name)
        if (rescued) open = { tag: name, wanted: rescued[1] === 'title' || XHTML_TYPE.test(text.slice(at, end)), innerStart: end, hasCdata: false }
      }
    }
    // An unterminated comment, CDATA section or tag: the rest is left for xml2js to reject.
    if (end === -1) break
    at = text.indexOf('<', end)
  }
  parts.push(text.slice(copiedTo))
  return parts.join('')
}
