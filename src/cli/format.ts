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

/** Terminal columns taken by a string: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
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

export function isoOrDash(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-'
}
