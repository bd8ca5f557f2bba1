// The curated chronology (config/chronology/events.tsv and an operator's own file in the same format): day-one history
// for /timeline and /ceasefire-status. Pure parsing and validation: every problem is reported with its row (the file's
// line number, header = 1) and column, so an operator can fix a file from one run of `newsbot chronology validate`.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AliasEntity } from '../5-cluster/aliases.js'

export const DEFAULT_CHRONOLOGY_PATH = fileURLToPath(new URL('../../config/chronology/events.tsv', import.meta.url))

export const CHRONOLOGY_COLUMNS = ['date', 'type', 'title_en', 'title_ja', 'participants', 'place', 'ceasefire_effect', 'source_url', 'source_note'] as const

/**
 * The file's types onto the /timeline vocabulary (config/event-types.json). The file writes ids with underscores;
 * "summit" is a meeting of leaders, which the live vocabulary calls a meeting (the title still says summit).
 */
export const CHRONOLOGY_TYPES: Record<string, string> = {
  agreement: 'agreement',
  call: 'call',
  meeting: 'meeting',
  summit: 'meeting',
  prisoner_exchange: 'prisoner-exchange',
  'prisoner-exchange': 'prisoner-exchange',
  proposal: 'proposal',
  sanctions: 'sanctions',
  statement: 'statement',
  talks: 'talks',
  truce: 'truce',
  withdrawal: 'withdrawal',
  strike: 'strike',
  mobilisation: 'mobilisation',
}

/** config/chronology/NOTES.md: "none" = ceasefire-related but no truce; empty = not about the war's ceasefire. */
export const CEASEFIRE_EFFECTS = ['', 'none', 'talks', 'proposed', 'partial', 'agreed', 'collapsed'] as const
export type CeasefireEffect = (typeof CEASEFIRE_EFFECTS)[number]

export interface ChronologyEvent {
  /** Line in its file (header = 1): how problems and entries name it. */
  row: number
  file: string
  date: string
  /** A /timeline event type id. */
  type: string
  title: { en: string; ja: string }
  /** Alias-dictionary ids, in the file's order. */
  participants: string[]
  place: string
  ceasefireEffect: CeasefireEffect
  sourceUrl: string
  sourceNote: string
}

export interface ChronologyProblem {
  row: number
  column: string
  message: string
}

export interface ChronologyResult {
  events: ChronologyEvent[]
  problems: ChronologyProblem[]
}

const ACTOR_KINDS = new Set(['person', 'country', 'org'])
const fold = (s: string) => s.normalize('NFKC').toLowerCase().trim()

/** Participant name → alias id: an exact (case-insensitive) name of a person, country or organisation. */
export function participantResolver(entities: AliasEntity[]): (name: string) => string | null {
  const byName = new Map<string, string>()
  for (const e of entities) {
    if (!ACTOR_KINDS.has(e.kind)) continue
    for (const n of Object.values(e.names).flat()) if (!n.includes('*')) byName.set(fold(n), e.id)
  }
  return (name) => byName.get(fold(name)) ?? null
}

function validDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

function httpUrl(s: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol)
  } catch {
    return false
  }
}

export function parseChronology(text: string, entities: AliasEntity[], file = 'chronology'): ChronologyResult {
  const resolve = participantResolver(entities)
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const problems: ChronologyProblem[] = []
  const events: ChronologyEvent[] = []
  const header = (lines[0] ?? '').split('\t')
  if (CHRONOLOGY_COLUMNS.some((c, i) => header[i] !== c)) {
    problems.push({ row: 1, column: 'header', message: `expected the tab-separated columns ${CHRONOLOGY_COLUMNS.join(', ')}` })
    return { events, problems }
  }
  lines.forEach((line, i) => {
    const row = i + 1
    if (row === 1 || line.trim() === '') return
    const cells = line.split('\t')
    const problem = (column: string, message: string) => problems.push({ row, column, message })
    if (cells.length !== CHRONOLOGY_COLUMNS.length) {
      problem('row', `has ${cells.length} tab-separated cells, expected ${CHRONOLOGY_COLUMNS.length}`)
      return
    }
    const [date, type, titleEn, titleJa, participants, place, effect, sourceUrl, sourceNote] = cells.map((c) => c.trim()) as string[] as [string, string, string, string, string, string, string, string, string]
    const before = problems.length
    if (!validDay(date)) problem('date', `"${date}" is not a valid YYYY-MM-DD date`)
    const mapped = CHRONOLOGY_TYPES[type]
    if (!mapped) problem('type', `"${type}" is not one of ${Object.keys(CHRONOLOGY_TYPES).join(', ')}`)
    if (!titleEn) problem('title_en', 'is empty')
    if (!(CEASEFIRE_EFFECTS as readonly string[]).includes(effect)) problem('ceasefire_effect', `"${effect}" is not one of: (empty), ${CEASEFIRE_EFFECTS.slice(1).join(', ')}`)
    if (!httpUrl(sourceUrl)) problem('source_url', `"${sourceUrl}" is not an http(s) URL`)
    const names = participants.split('|').map((n) => n.trim()).filter(Boolean)
    if (names.length === 0) problem('participants', 'is empty')
    const ids: string[] = []
    for (const name of names) {
      const id = resolve(name)
      if (id) ids.push(id)
      else problem('participants', `"${name}" is not a person, country or organisation in config/aliases.json`)
    }
    if (problems.length > before) return
    events.push({
      row,
      file,
      date,
      type: mapped!,
      title: { en: titleEn, ja: titleJa || titleEn },
      participants: [...new Set(ids)],
      place,
      ceasefireEffect: effect as CeasefireEffect,
      sourceUrl,
      sourceNote,
    })
  })
  return { events, problems }
}

export function readChronology(path: string, entities: AliasEntity[]): ChronologyResult {
  return parseChronology(readFileSync(path, 'utf8'), entities, path)
}

export const formatProblem = (p: ChronologyProblem, file?: string) => `${file ? `${file}: ` : ''}row ${p.row}, column ${p.column}: ${p.message}`

/**
 * The shipped rows with an operator's on top: an operator row with the same date and type corrects (replaces) the
 * shipped one; any other adds to them. Date order, the file's order within a day.
 */
export function combineChronologies(shipped: ChronologyEvent[], operator: ChronologyEvent[]): ChronologyEvent[] {
  const key = (e: ChronologyEvent) => `${e.date}|${e.type}`
  const corrected = new Set(operator.map(key))
  return [...shipped.filter((e) => !corrected.has(key(e))), ...operator].sort((a, b) => a.date.localeCompare(b.date))
}
