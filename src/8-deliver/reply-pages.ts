// Long command replies as pages, decided once for every platform: a page holds at most `pageSize` entries and at
// most PAGE_TEXT characters of feed text, which fits one Discord embed description and one Slack message after
// escaping. An entry never spans two pages: its lines are cut instead.
import type { Reply, ReplyEntry, ReplyLine } from '../../commands/types.js'
import { cleanText, truncateAtWord } from './text.js'

export type EntriesReply = Extract<Reply, { kind: 'entries' }>

export const DEFAULT_PAGE_SIZE = 10
/** Raw characters (text and URLs) per page; markup and escaping stay well inside the platforms' 4096/8000. */
export const PAGE_TEXT = 2800
/** One entry's share, so that even a page of one entry fits with its intro. */
const ENTRY_TEXT = 900
const TITLE_TEXT = 200
/** An intro may take what one entry's share leaves of the first page; later pages have none. */
const INTRO_TEXT = PAGE_TEXT - ENTRY_TEXT

const spansLength = (line: ReplyLine) => line.reduce((n, s) => n + s.text.length + (s.url?.length ?? 0), 0)

export function entryLength(entry: ReplyEntry): number {
  return entry.title.length + (entry.url?.length ?? 0) + (entry.footer?.length ?? 0) + entry.lines.reduce((n, l) => n + spansLength(l) + 1, 0)
}

/** Cleans a span like any feed text, but keeps the single space that separates it from its neighbours. */
function cleanSpan(text: string): string {
  const inner = cleanText(text)
  if (!inner) return /\s/.test(text) ? ' ' : ''
  return `${/^\s/.test(text) ? ' ' : ''}${inner}${/\s$/.test(text) ? ' ' : ''}`
}

/** Cleans and caps one line's text, keeping its links whole. */
function fitLine(line: ReplyLine, max: number): ReplyLine {
  const out: ReplyLine = []
  let room = max
  for (const span of line) {
    const text = truncateAtWord(cleanSpan(span.text), Math.max(0, room - (span.url?.length ?? 0)))
    if (!text) break
    out.push({ ...span, text })
    room -= text.length + (span.url?.length ?? 0)
  }
  return out
}

function fitLines(lines: ReplyLine[], max: number): ReplyLine[] {
  const out: ReplyLine[] = []
  let room = max
  for (const line of lines) {
    const fitted = fitLine(line, room)
    if (fitted.length === 0) break
    out.push(fitted)
    room -= spansLength(fitted) + 1
  }
  return out
}

export function fitEntry(entry: ReplyEntry): ReplyEntry {
  const title = truncateAtWord(cleanText(entry.title), TITLE_TEXT) || '…'
  const footer = entry.footer === undefined ? undefined : truncateAtWord(cleanText(entry.footer), TITLE_TEXT)
  const room = ENTRY_TEXT - title.length - (entry.url?.length ?? 0) - (footer?.length ?? 0)
  return { ...entry, title, ...(footer !== undefined && { footer }), lines: fitLines(entry.lines, room) }
}

export interface ReplyPage {
  title: string
  intro: ReplyLine[]
  entries: ReplyEntry[]
  /** 1-based. */
  number: number
  count: number
}

/** Every page of an entries reply (one page, with the empty text as intro, when there are no entries). */
export function paginate(reply: EntriesReply): ReplyPage[] {
  const title = truncateAtWord(cleanText(reply.title), TITLE_TEXT) || '…'
  const intro = fitLines(reply.intro ?? [], INTRO_TEXT)
  const introLength = intro.reduce((n, line) => n + spansLength(line) + 1, 0)
  const size = Math.max(1, reply.pageSize ?? DEFAULT_PAGE_SIZE)
  const groups: ReplyEntry[][] = []
  let current: ReplyEntry[] = []
  let used = 0
  for (const entry of reply.entries.map(fitEntry)) {
    const length = entryLength(entry)
    const room = PAGE_TEXT - (groups.length === 0 ? introLength : 0)
    if (current.length > 0 && (current.length >= size || used + length > room)) {
      groups.push(current)
      current = []
      used = 0
    }
    current.push(entry)
    used += length
  }
  if (current.length > 0) groups.push(current)
  if (groups.length === 0) return [{ title, intro: [...intro, [{ text: reply.empty }]], entries: [], number: 1, count: 1 }]
  return groups.map((entries, i) => ({ title, intro: i === 0 ? intro : [], entries, number: i + 1, count: groups.length }))
}
