// The one definition of what feed text may show a reader. Ingest, every chat renderer and every terminal print pass
// text through it, so a character that hides, reorders or overdraws text is dropped wherever text comes from.
// It goes by Unicode properties, not by a list of code points, so characters added to those classes are covered.

/**
 * Controls (all but tab, line feed and carriage return, which are whitespace to fold), format characters (bidi
 * controls such as U+202E and U+061C, soft hyphen, zero-width characters, tag characters, U+180E) and every other
 * default-ignorable code point (Hangul fillers, U+034F, variation selectors but the one below). Lone surrogates go too.
 */
const NEVER_SHOWN = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\p{Cf}\p{Default_Ignorable_Code_Point}]/u
const MARK = /\p{M}/u
/**
 * A variation selector picks the glyph of the character before it (🕊️ rather than a plain dove, a kanji's variant):
 * one on a base character is kept; any other carries nothing visible (a run of them can smuggle bytes) and goes.
 */
const SELECTOR = /\p{Variation_Selector}/u

/**
 * Combining marks kept on one base character. Vietnamese stacks two, Devanagari, Thai and vocalised Arabic up to
 * three, Japanese dakuten one; "Zalgo" text stacks dozens to draw over the lines around it.
 */
export const MAX_MARKS_PER_BASE = 4

const PRINTABLE_ASCII = /^[\t\n\r\x20-\x7e]*$/
const KEEP = 0
const DROP = 1
const COMBINING = 2
const VARIATION = 3

const kindOfCodePoint = (ch: string): number => (SELECTOR.test(ch) ? VARIATION : NEVER_SHOWN.test(ch) ? DROP : MARK.test(ch) ? COMBINING : KEEP)

// Property classes in a regular expression cost about 10 ns per non-ASCII character, most of normalising a Russian
// or Japanese body; a table of the Basic Multilingual Plane, built from the same classes on first use, costs 1.
let bmpKinds: Uint8Array | undefined
function bmpTable(): Uint8Array {
  if (bmpKinds) return bmpKinds
  const kinds = new Uint8Array(0x10000)
  for (let c = 0; c < 0x10000; c++) kinds[c] = c >= 0xd800 && c <= 0xdfff ? DROP : kindOfCodePoint(String.fromCharCode(c))
  bmpKinds = kinds
  return kinds
}

/**
 * The text without characters that never show, with at most MAX_MARKS_PER_BASE marks and one variation selector on
 * any character.
 */
export function visibleText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text
  const kinds = bmpTable()
  let out = ''
  let from = 0
  let marks = 0
  let lastKept = DROP
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    let width = 1
    let kind = kinds[c]!
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        width = 2
        kind = kindOfCodePoint(text.slice(i, i + 2))
      }
    }
    // A dropped character between marks does not start a new base: the count goes on.
    if (kind === KEEP) marks = 0
    else if (kind === COMBINING) marks++
    const kept = kind === KEEP || (kind === COMBINING && marks <= MAX_MARKS_PER_BASE) || (kind === VARIATION && lastKept === KEEP)
    if (kept) lastKept = kind
    else {
      out += text.slice(from, i)
      from = i + width
    }
    i += width - 1
  }
  return from === 0 ? text : out + text.slice(from)
}
