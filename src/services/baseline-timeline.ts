// Curated history beside live events in /timeline: each chronology row in the range is an entry marked "curated"
// with the page that confirms it, and a live event of the same real event joins that entry (its sources added)
// instead of making a second one. Same event = within a day, kinds that can be one event, the same sides for a
// contact, and shared participants: the judgement /timeline applies between live stories.
import { otherSides, type EventJudge, type TimelineEvent } from '../6-summarise/event-merge.js'
import type { ChronologyEvent } from '../config/chronology.js'

export type Basis = 'baseline' | 'feeds' | 'both'

/** A timeline entry: a live event, a curated row, or both (storyId null for a row no live story reported). */
export interface TimelineEntry extends Omit<TimelineEvent, 'storyId'> {
  storyId: number | null
  basis: Basis
  /** The chronology row behind the entry, when there is one. */
  curated: ChronologyEvent | null
}

/** The source kind that marks curated history (the renderers print unknown kinds as they are). */
export const CURATED_KIND = 'curated'
const DAY = 86_400_000

/** How much two participant lists say it is the same event: a person counts fully, a state or organisation by half. */
function sharedWeight(row: ChronologyEvent, live: TimelineEvent): number {
  const theirs = new Set(live.participants)
  return row.participants.filter((p) => theirs.has(p)).reduce((n, p) => n + (p.startsWith('person:') ? 1 : 0.5), 0)
}

/** One shared person, or two shared states/organisations (rows that name only parties). */
export const BASELINE_MATCH_WEIGHT = 1

export function matchesRow(row: ChronologyEvent, live: TimelineEvent, judge: EventJudge): boolean {
  return (
    Math.abs(Date.parse(row.date) - Date.parse(live.day)) <= DAY &&
    judge.types.sameEventAs(row.type, live.type) &&
    !otherSides(row, live, judge) &&
    sharedWeight(row, live) >= BASELINE_MATCH_WEIGHT
  )
}

export const curatedSource = (row: ChronologyEvent) => ({ name: 'Curated chronology', url: row.sourceUrl, language: 'en', kind: CURATED_KIND })

function rowEntry(row: ChronologyEvent): TimelineEntry {
  return {
    day: row.date,
    type: row.type,
    title: row.title.en,
    titles: { en: row.title.en, ja: row.title.ja },
    participants: row.participants,
    place: row.place || null,
    storyId: null,
    storyIds: [],
    sources: [curatedSource(row)],
    outletCount: 1,
    basis: 'baseline',
    curated: row,
  }
}

/** A live event that is a curated row's event: the row's checked title and date lead; the live sources are added. */
function joined(row: ChronologyEvent, live: TimelineEvent): TimelineEntry {
  const base = rowEntry(row)
  return {
    ...base,
    participants: [...new Set([...row.participants, ...live.participants])],
    place: base.place ?? live.place,
    storyId: live.storyId,
    storyIds: live.storyIds,
    sources: [...live.sources, curatedSource(row)],
    outletCount: live.outletCount + 1,
    basis: 'both',
  }
}

/**
 * Live events and curated rows of one range as entries, oldest first. Each row, in date order, takes the live event
 * of its event that shares most with it (then the most widely covered): a choice that depends only on the row and
 * the events around it, so the same row joins the same event whatever else the reply holds.
 */
export function withBaseline(live: TimelineEvent[], rows: ChronologyEvent[], judge: EventJudge): TimelineEntry[] {
  const claimed = new Map<TimelineEvent, ChronologyEvent>()
  const byRow = new Map<ChronologyEvent, TimelineEvent>()
  for (const row of [...rows].sort((a, b) => a.date.localeCompare(b.date) || a.row - b.row)) {
    const best = live
      .filter((e) => !claimed.has(e) && matchesRow(row, e, judge))
      .sort((a, b) => sharedWeight(row, b) - sharedWeight(row, a) || b.outletCount - a.outletCount || a.storyId - b.storyId)[0]
    if (!best) continue
    claimed.set(best, row)
    byRow.set(row, best)
  }
  const alone: TimelineEntry[] = live.filter((e) => !claimed.has(e)).map((event) => ({ ...event, basis: 'feeds', curated: null }))
  const curated = rows.map((r) => (byRow.has(r) ? joined(r, byRow.get(r)!) : rowEntry(r)))
  return [...curated, ...alone].sort((a, b) => a.day.localeCompare(b.day) || (a.storyId ?? 0) - (b.storyId ?? 0))
}
