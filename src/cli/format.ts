// Plain-text tables and progress for the terminal. Everything printed is what a reader sees (visibleText): feed
// text cannot reorder a line (U+202E), hide in it or move the cursor.
import { visibleText } from '../3-normalise/visible-text.js'
import { cleanText } from '../8-deliver/text.js'

/** Command output goes to stdout; logs and progress go to stderr. */
export const print = (text: string): void => void process.stdout.write(`${visibleText(text)}\n`)

/** A table cell is one line, so that the columns stay aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((cell) => cleanText(String(cell))))]
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => displayWidth(r[c] ?? ''))))
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell + ' '.repeat(Math.max(0, (widths[c] ?? 0) - displayWidth(cell))))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n')
}

// East Asian Wide and Fullwidth code points (EastAsianWidth.txt of Unicode 14, W and F, unassigned gaps included), which
// terminals draw two columns wide: Hangul Jamo, the CJK blocks, kana, Hangul syllables, full-width forms, emoji
// pictographs, the supplementary ideographic planes. Ordered and disjoint, for a binary search.
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x3247], [0x3250, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff],
  [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x16ff0, 0x16ff1], [0x17000, 0x18d08], [0x1aff0, 0x1affe],
  [0x1b000, 0x1b2fb], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251], [0x1f260, 0x1f265], [0x1f300, 0x1f320], [0x1f32d, 0x1f335], [0x1f337, 0x1f37c], [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca], [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440], [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e], [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a], [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc], [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7], [0x1f6dc, 0x1f6df], [0x1f6eb, 0x1f6ec],
  [0x1f6f4, 0x1f6fc], [0x1f7e0, 0x1f7eb], [0x1f7f0, 0x1f7f0], [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
]

function isWide(code: number): boolean {
  let lo = 0
  let hi = WIDE.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [from, to] = WIDE[mid]!
    if (code < from) hi = mid - 1
    else if (code > to) lo = mid + 1
    else return true
  }
  return false
}

/** Drawn on the character before (accents, variation selectors) or not at all (zero-width space and joiners). */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]/u

/** Terminal columns taken by a string: East Asian Wide and Fullwidth characters take two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += ZERO_WIDTH.test(ch) ? 0 : isWide(ch.codePointAt(0)!) ? 2 : 1
  return width
}

/** One clean line of at most `width` columns. */
export function truncate(text: string, width: number): string {
  let out = ''
  for (const ch of cleanText(text)) {
    if (displayWidth(out + ch) > width - 1) return `${out}…`
    out += ch
  }
  return out
}

/** A one-line progress indicator on stderr, only when a person is watching. */
export function progress(label: string): { update(done: number, total: number, detail: string): void; end(): void } {
  if (!process.stderr.isTTY) return { update() {}, end() {} }
  return {
    update(done, total, detail) {
      process.stderr.write(`\r\x1b[2K${label} ${done}/${total} ${truncate(detail, 50)}`)
    },
    end() {
      process.stderr.write('\r\x1b[2K')
    },
  }
}
