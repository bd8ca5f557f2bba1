// The one event a story on the topics reports: when it happened, what kind of event, who took part and where, in
// canonical alias-dictionary ids, and the outlets that reported it. Read from headlines and ledes only: that is where
// a report says what happened; the rest of an article is background.
import type { EntityExtractor } from '../5-cluster/aliases.js'
import { mentionedDates, mentionedNumbers } from '../5-cluster/features.js'
import type { EventSource, StoryEventRecord, StoryItem, StoryRecord } from '../7-store/types.js'
import { dateLede, eventDay, reportEventDating } from '../5-cluster/event-date.js'
import { METONYMS } from '../5-cluster/event-frame.js'
import { primaryType, typeScores, type EventTypeClassifier } from '../3-normalise/event-types.js'

export interface EventDeps {
  entities: EntityExtractor
  types: EventTypeClassifier
}

const ACTOR_KINDS = new Set(['person', 'country', 'org'])
interface Salience {
  /** Independent reports naming it in their headline. */
  headlines: number
  /** Independent reports naming it in their lede. */
  ledes: number
}

const score = (s: Salience) => 2 * s.headlines + s.ledes

/** Alias ids named in each report's headline and lede, counted once per report and part. */
function salience(reports: { title: string; lede: string }[], entities: EntityExtractor): Map<string, Salience> {
  const out = new Map<string, Salience>()
  for (const { title, lede } of reports) {
    const inTitle = new Set(entities(title).keys())
    const inLede = new Set(entities(lede).keys())
    for (const id of new Set([...inTitle, ...inLede])) {
      const s = out.get(id) ?? { headlines: 0, ledes: 0 }
      if (inTitle.has(id)) s.headlines++
      if (inLede.has(id)) s.ledes++
      out.set(id, s)
    }
  }
  return out
}

const bySalience = (named: Map<string, Salience>) => [...named].sort((a, b) => score(b[1]) - score(a[1]) || a[0].localeCompare(b[0]))

/**
 * Who took part: actors in a headline, or in the ledes of at least half the reports. One outlet's passing mention
 * ("Biden condemned it") is context, not a participant.
 */
function participantsOf(named: Map<string, Salience>, reports: number, kindOf: EntityExtractor['kindOf']): string[] {
  const quorum = Math.max(1, Math.ceil(reports / 2))
  const kinds = [...ACTOR_KINDS]
  // People first ("Putin, Trump"), then countries, then organisations; each by prominence.
  return bySalience(named)
    .filter(([id, s]) => ACTOR_KINDS.has(kindOf(id) ?? '') && (s.headlines > 0 || s.ledes >= quorum))
    .map(([id]) => id)
    .sort((a, b) => kinds.indexOf(kindOf(a)!) - kinds.indexOf(kindOf(b)!))
}

function placeOf(named: Map<string, Salience>, kindOf: EntityExtractor['kindOf']): string | null {
  const places = bySalience(named).filter(([id]) => kindOf(id) === 'place')
  return (places.find(([id]) => !METONYMS.has(id)) ?? places[0])?.[0] ?? null
}

/** One source per outlet: its earliest report (near-copies included: an aggregator reprinting a wire is still a source). */
function sourcesOf(items: StoryItem[]): EventSource[] {
  const seen = new Set<string>()
  return items
    .filter((i) => !seen.has(i.source) && seen.add(i.source))
    .map((i) => ({ name: i.source, url: i.url, language: i.language, kind: i.sourceKind }))
}

/** What identifies the event beyond its type and day: every alias id named, and the figures (n:1200, n:36). */
function evidenceOf(named: Map<string, Salience>, reports: { title: string; lede: string }[], items: StoryItem[]): string[] {
  const numbers = new Set<string>()
  reports.forEach(({ title, lede }, i) => {
    for (const part of [title, lede]) for (const n of mentionedNumbers(mentionedDates(part, items[i]!.publishedAt).rest)) numbers.add(`n:${n}`)
  })
  return [...named.keys(), ...numbers].sort()
}

/** Evidence key of the day the story's reports name for their event (NAMED_DAY_EVIDENCE + YYYY-MM-DD). */
export const NAMED_DAY_EVIDENCE = 'day:'

/**
 * The day most of the story's same-day reports name as their event's ("on Thursday" in Thursday's copy, 「5日」 in the
 * 5th's), or null when they are split or none does: the next day's exchange after talks names its own day.
 */
function namedDay(items: StoryItem[], timeZone: string | undefined): string | null {
  const days = items.map((i) => reportEventDating(i, dateLede(i), timeZone)).filter((d) => d.namesOwnDay).map((d) => d.day)
  const counts = new Map<string, number>()
  for (const day of days) counts.set(day, (counts.get(day) ?? 0) + 1)
  const [best] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return best && best[1] * 2 > days.length ? best[0] : null
}

/** What a story's event is; the store adds which version of the story it was worked out from. */
export type StoryEvent = Omit<StoryEventRecord, 'itemCount'>

/** The story's event, or null for a story on none of the configured topics. */
export function storyEvent(story: StoryRecord, deps: EventDeps): StoryEvent | null {
  if (story.topics.length === 0 || story.items.length === 0) return null
  // Near-copies repeat their original's words: counted once, they would vote twice.
  const independent = story.items.filter((i) => !i.duplicateOf)
  const reporting = independent.length > 0 ? independent : story.items
  const reports = reporting.map((i) => ({ title: i.title, lede: dateLede(i) }))
  const named = salience(reports, deps.entities)
  const scores = typeScores(reports, deps.types)
  const titles: Record<string, string> = {}
  for (const item of reporting) titles[item.language] ??= story.headlines[item.language]?.title ?? item.title
  const place = placeOf(named, deps.entities.kindOf)
  const timeZone = place ? deps.entities.timeZoneOf(place) : undefined
  const day = namedDay(reporting, timeZone)
  return {
    storyId: story.id,
    day: eventDay(reporting, timeZone),
    type: primaryType(scores, deps.types),
    typeScores: scores,
    participants: participantsOf(named, reports.length, deps.entities.kindOf),
    place,
    title: story.title,
    titles,
    sources: sourcesOf(story.items),
    evidence: [...evidenceOf(named, reports, reporting), ...(day ? [`${NAMED_DAY_EVIDENCE}${day}`] : [])],
    outletCount: story.outletCount,
  }
}
