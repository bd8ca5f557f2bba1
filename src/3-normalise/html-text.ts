// HTML (or entity-escaped text) to clean plain text: tags dropped, entities decoded, script/style removed,
// block elements turned into line breaks, whitespace folded.
import { Parser } from 'htmlparser2'

const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'table', 'section', 'article', 'figure', 'figcaption', 'hr', 'pre'])
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head'])

export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return foldWhitespace(html)
  const parts: string[] = []
  let skipping = 0
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIP.has(name)) skipping++
        else if (BLOCK.has(name)) parts.push('\n')
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1)
        else if (BLOCK.has(name)) parts.push('\n')
      },
      ontext(text) {
        if (skipping === 0) parts.push(text)
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  return foldWhitespace(parts.join(''))
}

const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]/g

/** Control and zero-width characters dropped; each run of whitespace becomes a line break if it holds one, else a space. */
function foldWhitespace(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .trim()
    .replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : ' '))
}

/** Single-line text, for titles. */
export function htmlToLine(html: string): string {
  return htmlToText(html).replace(/\n/g, ' ')
}
