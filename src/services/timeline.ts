// What /timeline lists: the events of stories on the topics in a date range, one entry per real event (stories of
// one event merged), oldest first. A range with more events than a reply should hold keeps the most widely covered.
import { combineEvents, groupEvents } from '../6-summarise/event-merge.js'
import { defaultEventTypes, type EventTypeClassifier } from '../3-normalise/event-types.js'
import type { EntityExtractor } from '../5-cluster/aliases.js'
import type { EventSummary, Store } from '../7-store/types.js'
import type { ChronologyEvent } from '../config/chronology.js'
import { withBaseline, type TimelineEntry } from './baseline-timeline.js'

export interface TimelineQuery {
  from: Date
  to: Date
  topic?: string
  /** An alias-dictionary id of a person, country or organisation, e.g. person:putin. */
  actor?: string
  limit: number
}

export interface Timeline {
  /** How many events the range holds (stories, before merging, when `complete` is false). */
  total: number
  /** False when the range held more stories than were read to merge: `total` is then the stories' count. */
  complete: boolean
  /** Oldest first: live events, curated history rows, and live events joined to the row of their event. */
  events: TimelineEntry[]
}

export interface TimelineDeps {
  store: Store
  /** Whose side each participant is on (two contacts of different sides are two events). */
  entities: Pick<EntityExtractor, 'partyOf'>
  /** Default: the shipped vocabulary (config/event-types.json). */
  types?: EventTypeClassifier
  /** Curated history rows (src/services/baseline.ts); absent = live events only. */
  baseline?: ChronologyEvent[]
  /** The topics a curated row is on (rows carry no topics; their titles are matched as items' are). */
  topicsOf?: (row: ChronologyEvent) => string[]
}

const DAY = 86_400_000
/**
 * Stories read to recognise events across stories, most widely covered first: twice what a reply shows. In a range
 * holding more (a year of everything), smaller stories are neither merged nor listed; the entries shown are still
 * the most widely covered.
 */
export const MERGE_CANDIDATES_PER_ENTRY = 2

const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10)
/** Outlets of a group before its sources are loaded: an estimate for ranking (an outlet in two stories counts twice). */
const coverage = (group: EventSummary[]) => group.reduce((n, e) => n + e.outletCount, 0)
const firstDay = (group: EventSummary[]) => group.map((e) => e.day).reduce((a, b) => (b < a ? b : a))

/**
 * How far around a matching story (or curated row) other stories are read. An entry spans at most a day, but which
 * stories it takes depends on the rival joins of its neighbours a day further out, and a curated row takes the entry
 * a day from it that shares most with it: reading four days either side, a filter never cuts out a story that shapes
 * an entry it returns.
 */
const NEIGHBOURHOOD_DAYS = 4

/** Every story of the days around the given ones, the matched stories included. */
async function neighbourhood(store: Store, days: string[], matched: EventSummary[], limit: number): Promise<EventSummary[]> {
  const runs: { from: string; to: string }[] = []
  for (const day of [...new Set(days)].sort()) {
    const from = dayOf(Date.parse(day) - NEIGHBOURHOOD_DAYS * DAY)
    const to = dayOf(Date.parse(day) + NEIGHBOURHOOD_DAYS * DAY)
    const last = runs.at(-1)
    if (last && from <= dayOf(Date.parse(last.to) + DAY)) last.to = to
    else runs.push({ from, to })
  }
  const seen = new Map(matched.map((e) => [e.storyId, e]))
  for (const run of runs) for (const e of (await store.events.inRange({ ...run, limit })).events) if (!seen.has(e.storyId)) seen.set(e.storyId, e)
  return [...seen.values()]
}

/**
 * Events are worked out when clustering touches a story (clusterPending) and at start for stories that have none;
 * a query only reads them. A filter (topic, actor) chooses entries, never changes one: stories are grouped into
 * events with every story around them, a group is kept when one of its stories matches, and a curated row is joined
 * to its live event before either is filtered.
 */
export async function timeline(deps: TimelineDeps, query: TimelineQuery): Promise<Timeline> {
  const types = deps.types ?? defaultEventTypes()
  const from = dayOf(query.from.getTime())
  const to = dayOf(query.to.getTime())
  const candidates = query.limit * MERGE_CANDIDATES_PER_ENTRY
  const filtered = Boolean(query.topic || query.actor)
  // The day either side is read too: a story there may be the same event as one inside the range.
  const page = await deps.store.events.inRange({ from: dayOf(Date.parse(from) - DAY), to: dayOf(Date.parse(to) + DAY), topic: query.topic, actor: query.actor, limit: candidates })
  const matched = new Set(page.events.map((e) => e.storyId))
  const rows = (deps.baseline ?? []).filter((r) => r.date >= from && r.date <= to)
  const rowMatches = (r: ChronologyEvent) => (!query.actor || r.participants.includes(query.actor)) && (!query.topic || (deps.topicsOf?.(r) ?? []).includes(query.topic))
  const matchingRows = rows.filter(rowMatches)
  // Unfiltered, every story is read already; filtered, the stories around the matches and the matching rows too, so
  // that each entry is grouped, and joined to its row, exactly as without the filter.
  const nearby = filtered ? await neighbourhood(deps.store, [...page.events.map((e) => e.day), ...matchingRows.map((r) => r.date)], page.events, candidates) : page.events
  const judge = { types, partyOf: deps.entities.partyOf }
  const groups = groupEvents(nearby, judge).filter((g) => firstDay(g) >= from && firstDay(g) <= to)
  const nearRow = (g: EventSummary[]) => matchingRows.some((r) => Math.abs(Date.parse(r.date) - Date.parse(firstDay(g))) <= DAY)
  const relevant = groups.filter((g) => g.some((e) => matched.has(e.storyId)) || nearRow(g))
  const chosen = relevant.sort((a, b) => coverage(b) - coverage(a) || firstDay(a).localeCompare(firstDay(b))).slice(0, query.limit)
  const chosenIds = new Set(chosen.flat().map((e) => e.storyId))
  // Rows are joined to live events among every group around, as without a filter; only then are entries chosen.
  const full = new Map((await deps.store.events.get(groups.flat().map((e) => e.storyId))).map((e) => [e.storyId, e]))
  // A row can vanish between the two reads (a headline rewritten meanwhile): its story is left out of this reply.
  const events = groups
    .map((g) => g.flatMap((e) => full.get(e.storyId) ?? []))
    .filter((g) => g.length > 0)
    .map((g) => combineEvents(g, types))
    .sort((a, b) => a.day.localeCompare(b.day) || a.storyId - b.storyId)
  const complete = page.total <= candidates
  const entries = withBaseline(events, rows, judge).filter(
    (entry) => (entry.storyId !== null && entry.storyIds.some((id) => matched.has(id) && chosenIds.has(id))) || (entry.curated !== null && rowMatches(entry.curated)),
  )
  // Curated rows no live event joined are entries of their own.
  const added = entries.filter((e) => e.storyId === null).length
  return { total: (complete ? relevant.filter((g) => g.some((e) => matched.has(e.storyId))).length : page.total) + added, complete, events: entries }
}
