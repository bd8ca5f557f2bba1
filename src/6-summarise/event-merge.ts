// One real event, one timeline entry: stories the clusterer kept apart (a Ukrainian report it could not match, a
// Kremlin reaction the next morning) are folded together when they report a kind of event that can be the same
// (config/event-types.json's sameEventAs) within a day, with the same sides when they are contacts, naming enough of
// the same specific things: people, places, figures. Countries alone are not enough: Russia and Ukraine are named by
// every story on the beat.
import type { EventSource, EventSummary, StoryEventRecord } from '../7-store/types.js'
import { primaryType, type EventTypeClassifier, type TypeScores } from '../3-normalise/event-types.js'
import { METONYMS } from '../5-cluster/event-frame.js'
import { NAMED_DAY_EVIDENCE } from './event.js'

/** What tells two stories' events apart: the event vocabulary, and whose side each participant is on. */
export interface EventJudge {
  types: EventTypeClassifier
  partyOf(id: string): string | undefined
}

/** What a shared name or figure says about two reports being of the same event, by kind (the alias id's prefix). */
const EVIDENCE_WEIGHT: Record<string, number> = { person: 2, place: 1.5, term: 1.5, org: 1, country: 0.5 }
/**
 * Key terms that name a kind of event or the beat's constant background rather than one event: every round of talks
 * has a delegation and a memorandum, every week has strikes and a front line. They count as little as a country.
 */
const GENERIC_TERMS = new Set(
  'ceasefire truce peace-talks peace-plan peace-deal memorandum summit phone-call meeting envoy delegation ambassador sanctions tariffs front-line occupation offensive missile-strike drone-attack long-range-strikes air-defence military-aid weapons-deliveries prisoner-exchange pow security-guarantees elections'
    .split(' ')
    .map((t) => `term:${t}`),
)
const WEAK = 0.5
/** "390 prisoners", "6,000 bodies" single an event out; "5 killed", "3 days" recur every week. */
const figureWeight = (key: string) => (Number(key.slice(2)) >= 100 ? 2 : 1)
/** Enough shared evidence for two stories of compatible types within a day: e.g. a person and a figure. */
export const SAME_EVENT_EVIDENCE = 3
/** A bare statement (no event cue) reacts to many things: it joins an event only on more, including a person. */
export const STATEMENT_EVIDENCE = 4
const DAY = 86_400_000

export interface TimelineEvent {
  day: string
  type: string
  /** The lead story's title, and a headline per language from any merged story. */
  title: string
  titles: Record<string, string>
  participants: string[]
  place: string | null
  /** The lead (most widely covered) story. */
  storyId: number
  storyIds: number[]
  sources: EventSource[]
  outletCount: number
}

const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / DAY

function sharedEvidence(a: EventSummary, b: EventSummary): { weight: number; specific: boolean; person: boolean } {
  const theirs = new Set(b.evidence)
  let weight = 0
  let specific = false
  let person = false
  for (const key of a.evidence) {
    if (!theirs.has(key) || key.startsWith(NAMED_DAY_EVIDENCE)) continue
    const kind = key.slice(0, key.indexOf(':'))
    const weak = kind === 'country' || GENERIC_TERMS.has(key) || METONYMS.has(key)
    weight += weak ? WEAK : kind === 'n' ? figureWeight(key) : (EVIDENCE_WEIGHT[kind] ?? 0)
    if (!weak) specific = true
    if (kind === 'person') person = true
  }
  return { weight, specific, person }
}

/** Each names where it happened, and the places differ (and neither report names the other's): two events. */
function elsewhere(a: EventSummary, b: EventSummary): boolean {
  const place = (e: EventSummary) => (e.place && !METONYMS.has(e.place) ? e.place : null)
  const [pa, pb] = [place(a), place(b)]
  return pa !== null && pb !== null && pa !== pb && !a.evidence.includes(pb) && !b.evidence.includes(pa)
}

const MAIN_PARTIES = new Set(['Moscow', 'Kyiv', 'Washington'])
const CONTACT_TYPES = new Set(['call', 'meeting', 'talks'])

/** The main sides taking part, by the participating people and institutions (by the states when there are none). */
function sidesOf(e: Pick<EventSummary, 'participants'>, judge: EventJudge): Set<string> {
  const main = (ids: string[]) => new Set(ids.map((id) => judge.partyOf(id) ?? '').filter((p) => MAIN_PARTIES.has(p)))
  const actors = main(e.participants.filter((id) => id.startsWith('person:') || id.startsWith('org:')))
  return actors.size ? actors : main(e.participants)
}

/** Two contacts (calls, meetings, talks) of different sides are two events: Trump's call with Putin, then with Zelensky. */
export function otherSides(a: Pick<EventSummary, 'type' | 'participants'>, b: Pick<EventSummary, 'type' | 'participants'>, judge: EventJudge): boolean {
  if (!CONTACT_TYPES.has(a.type) || !CONTACT_TYPES.has(b.type)) return false
  const [sa, sb] = [sidesOf(a, judge), sidesOf(b, judge)]
  return sa.size > 0 && sb.size > 0 && ([...sa].some((s) => !sb.has(s)) || [...sb].some((s) => !sa.has(s)))
}

/** States outside the main sides, by the side they stand for (Turkey for Ankara) or themselves (India). */
function thirdStates(ids: string[], judge: EventJudge): string[] {
  return ids.filter((id) => id.startsWith('country:') && !MAIN_PARTIES.has(judge.partyOf(id) ?? '')).map((id) => judge.partyOf(id) || id)
}

/**
 * A contact (call, meeting, talks) and a story about a state the contact's reports never mention are two events:
 * Witkoff's Kremlin meeting and the same day's tariffs on India over its Russian oil.
 */
function aboutAnotherState(contact: EventSummary, other: EventSummary, judge: EventJudge): boolean {
  if (!CONTACT_TYPES.has(contact.type)) return false
  const mentioned = new Set(contact.evidence.flatMap((id) => [id, judge.partyOf(id) ?? id]))
  return thirdStates(other.participants, judge).some((state) => !mentioned.has(state))
}

const namedDayOf = (e: EventSummary) => e.evidence.find((key) => key.startsWith(NAMED_DAY_EVIDENCE))?.slice(NAMED_DAY_EVIDENCE.length) ?? null

/**
 * Two kinds of event on two days their reports name are two events, though a day apart and compatible: the talks and
 * the exchange they agreed the next day, the Paris talks and the next day's expired moratorium. (A bare statement may
 * be the next morning's reaction to the event: it is judged on its evidence.)
 */
function otherNamedDays(a: EventSummary, b: EventSummary, judge: EventJudge): boolean {
  if (a.type === b.type || a.type === judge.types.fallback || b.type === judge.types.fallback) return false
  const [da, db] = [namedDayOf(a), namedDayOf(b)]
  return da !== null && db !== null && da !== db
}

/** What rules out two stories' events being one: more than a day apart, elsewhere, kinds that cannot be one, other sides. */
function ruledOut(a: EventSummary, b: EventSummary, judge: EventJudge): boolean {
  const { types } = judge
  if (daysApart(a.day, b.day) > 1 || otherNamedDays(a, b, judge)) return true
  const statement = a.type === types.fallback || b.type === types.fallback
  // A reaction can come from anywhere; two meetings, talks or strikes in different places are two events.
  if (!statement && elsewhere(a, b)) return true
  return !types.sameEventAs(a.type, b.type) || otherSides(a, b, judge) || aboutAnotherState(a, b, judge) || aboutAnotherState(b, a, judge)
}

/** Whether two stories' events are one event. */
export function sameEvent(a: EventSummary, b: EventSummary, judge: EventJudge): boolean {
  if (ruledOut(a, b, judge)) return false
  const statement = a.type === judge.types.fallback || b.type === judge.types.fallback
  const shared = sharedEvidence(a, b)
  if (!shared.specific) return false
  return statement ? shared.person && shared.weight >= STATEMENT_EVIDENCE : shared.weight >= SAME_EVENT_EVIDENCE
}

/** People, then countries, then organisations, as each story lists its participants. */
const kindRank = (id: string) => ['person', 'country', 'org'].indexOf(id.slice(0, id.indexOf(':')))

/** One entry from the stories of one event. */
export function combineEvents(members: StoryEventRecord[], types: EventTypeClassifier): TimelineEvent {
  // The most widely covered story leads: its title, its place, its participants first.
  const sorted = [...members].sort((a, b) => b.outletCount - a.outletCount || a.day.localeCompare(b.day) || a.storyId - b.storyId)
  const lead = sorted[0]!
  const scores: TypeScores = {}
  for (const m of sorted) for (const [type, s] of Object.entries(m.typeScores)) scores[type] = (scores[type] ?? 0) + s
  const titles: Record<string, string> = {}
  for (const m of sorted) for (const [lang, title] of Object.entries(m.titles)) titles[lang] ??= title
  const outlets = new Set<string>()
  const sources = sorted.flatMap((m) => m.sources).filter((s) => !outlets.has(s.name) && outlets.add(s.name))
  return {
    day: sorted.map((m) => m.day).reduce((a, b) => (b < a ? b : a)),
    type: members.length === 1 ? lead.type : primaryType(scores, types),
    title: lead.title,
    titles,
    participants: [...new Set(sorted.flatMap((m) => m.participants))].sort((a, b) => kindRank(a) - kindRank(b)),
    place: lead.place ?? sorted.find((m) => m.place)?.place ?? null,
    storyId: lead.storyId,
    storyIds: sorted.map((m) => m.storyId),
    sources,
    // The story's own count leaves out near-copies; merged stories count the outlets they bring together.
    outletCount: members.length === 1 ? lead.outletCount : sources.length,
  }
}

/**
 * The stories of each real event, in date order: same-event pairs joined, unless the join would put in one event two
 * stories that nothing but a chain links and that cannot be one (the Paris talks, the next day's expired moratorium
 * and the Easter truce after it, each a day from the next).
 */
export function groupEvents<T extends EventSummary>(events: T[], judge: EventJudge): T[][] {
  const byDay = [...events].sort((a, b) => a.day.localeCompare(b.day) || a.storyId - b.storyId)
  const pairs: { i: number; j: number; weight: number }[] = []
  for (let i = 0; i < byDay.length; i++) {
    // Sorted by day, so only the next day's worth of events can match.
    for (let j = i + 1; j < byDay.length && daysApart(byDay[i]!.day, byDay[j]!.day) <= 1; j++) {
      if (sameEvent(byDay[i]!, byDay[j]!, judge)) pairs.push({ i, j, weight: sharedEvidence(byDay[i]!, byDay[j]!).weight })
    }
  }
  // Strongest pairs first: which of two rival joins wins then depends on the pairs themselves, not on which other
  // stories a query happened to read, so a filter never regroups an entry.
  pairs.sort((a, b) => b.weight - a.weight || a.i - b.i || a.j - b.j)
  const parent = byDay.map((_, i) => i)
  const members = byDay.map((_, i) => [i])
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)))
  for (const { i, j } of pairs) {
    const [ri, rj] = [root(i), root(j)]
    if (ri === rj || members[ri]!.some((a) => members[rj]!.some((b) => ruledOut(byDay[a]!, byDay[b]!, judge)))) continue
    parent[rj] = ri
    members[ri]!.push(...members[rj]!)
  }
  const groups = new Map<number, T[]>()
  byDay.forEach((e, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), e]))
  return [...groups.values()]
}

/** One entry per real event, oldest first. */
export function mergeEvents(events: StoryEventRecord[], judge: EventJudge): TimelineEvent[] {
  return groupEvents(events, judge)
    .map((g) => combineEvents(g, judge.types))
    .sort((a, b) => a.day.localeCompare(b.day) || a.storyId - b.storyId)
}
