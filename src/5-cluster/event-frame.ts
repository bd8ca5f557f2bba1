// What event an item reports, as evidence that two reports are of different events (not merely weights that add
// up): its kind (call, talks, prisoner exchange …, from its headline), which of the three main sides its headline
// names as taking part (who met or spoke with whom), where it happened, and the day it puts the event on. The frame
// rides in the item's features under its own prefixes, so a story's frame is the sum of its members' and is stored
// with its centroid; the similarity ignores these features.
import { clauseRanges } from '../3-normalise/clauses.js'
import { speakerPrefix, splitSentences } from '../3-normalise/sentences.js'
import type { EventTypeClassifier } from '../3-normalise/event-types.js'
import type { EntityExtractor } from './aliases.js'
import { dateLede, reportEventDating } from './event-date.js'
import type { FeatureInput, Features } from './features.js'
import type { StoryProfile } from './similarity.js'

/** Capitals stand for governments ("Kyiv says", "European allies") more often than for where something happened. */
export const METONYMS = new Set(['place:kyiv', 'place:moscow', 'place:washington', 'place:white-house', 'place:europe'])

/** The sides whose contacts make the beat's events: a call of Trump with Putin is not his call with Zelensky. */
const MAIN_PARTIES = new Set(['Moscow', 'Kyiv', 'Washington'])
/** Events defined by who took part: the same people the next day is another call; other people, another meeting. */
const CONTACT_TYPES = new Set(['call', 'meeting', 'talks'])

const TYPE = 'y:'
const LEAD_TYPE = 'l:'
const HEADLINE_SIDE = 's:'
const HEADLINE_PERSON = 'h:'
const NAMED_SIDE = 'a:'
const ACTING_SIDE = 'r:'
const PLACE = 'p:'
const DAY = 'e:'
const NAMED_DAY = 'x:'
const THIRD_STATE = 'o:'
const MENTIONED_STATE = 'm:'

export interface FrameDeps {
  entities: EntityExtractor
  types: EventTypeClassifier
}

/**
 * The clause of a headline that names its event, with the cue-less clauses before it ("Russia, Ukraine swap …"):
 * "Trump phones Putin from White House talks, starts arranging Putin–Zelensky meeting" is a contact of Trump and
 * Putin; "Trump also speaks to Zelensky after Putin call", of Trump and Zelensky.
 */
function mainClause(headline: string, types: EventTypeClassifier): string {
  const ranges = clauseRanges(headline)
  const at = ranges.findIndex((range) => types(headline.slice(range.start, range.end)).some((t) => t !== types.fallback))
  if (at < 0) return headline
  // A list the comma cut goes on ("talks of Ukraine, the US and Russia"): a few words joined by a conjunction, naming
  // no cue, not even "says".
  let end = at
  while (end + 1 < ranges.length && isListTail(headline.slice(ranges[end + 1]!.start, ranges[end + 1]!.end), types)) end++
  return headline.slice(0, ranges[end]!.end)
}

const LIST_TAIL_WORDS = 4
const CONJUNCTION = /(?<![\p{L}])(?:and|or|и|или|і|й|та|або)(?![\p{L}])/iu
function isListTail(clause: string, types: EventTypeClassifier): boolean {
  return clause.split(/\s+/u).length <= LIST_TAIL_WORDS && CONJUNCTION.test(clause) && types(clause).length === 0
}

/**
 * The main sides a headline names as taking part: by its people and institutions ("Trump floats US ownership of
 * Ukrainian power plants in call with Zelensky" is Washington and Kyiv); by its states only when it names neither
 * ("Russia, Ukraine swap 175 POWs", 「米ロ首脳が電話会談」), since a state's adjective often names an object, not an actor.
 */
function headlineSides(headlineActors: string[], entities: EntityExtractor): Set<string> {
  const named = headlineActors.filter((id) => MAIN_PARTIES.has(entities.partyOf(id) ?? ''))
  const actors = named.filter((id) => entities.kindOf(id) === 'person' || entities.kindOf(id) === 'org')
  return new Set((actors.length ? actors : named).map((id) => entities.partyOf(id)!))
}

/** "with" as a contact's counterpart takes it: talks with the US, переговоры с США, зустріч з командою, 米国との協議. */
const WITH = /(?<![\p{L}])(?:with|с|со|з|із|зі)\s|との/iu

/**
 * The sides of a headline's contact: those its clause names, and the speaker's when a speaker tells of a contact
 * with one other side ("Karasin: dialogue with US intense but useful", "Умєров: зустріч з американською командою").
 */
function contactSides(prefix: string | undefined, body: string, deps: FrameDeps): Set<string> {
  const sides = headlineSides([...deps.entities(body).keys()], deps.entities)
  if (prefix === undefined || sides.size !== 1 || !WITH.test(body) || !deps.types(body).some((t) => CONTACT_TYPES.has(t))) return sides
  return new Set([...sides, ...headlineSides([...deps.entities(prefix).keys()], deps.entities)])
}

/**
 * Of a headline's kinds, the one it names first: what it leads with. "Russia and Ukraine swap 157 prisoners in deal
 * agreed at Abu Dhabi talks" is an exchange that names the talks behind it.
 */
function leadType(headline: string, types: string[], classify: EventTypeClassifier): string | null {
  if (types.length < 2) return types[0] ?? null
  for (const end of headline.matchAll(/(?<=[\p{L}\p{N}])(?![\p{L}\p{N}])/gu)) {
    const named = classify(headline.slice(0, end.index)).filter((type) => types.includes(type))
    if (named.length) return named[0]!
  }
  return types[0]!
}

export function frameFeatures(item: FeatureInput, deps: FrameDeps): [string, number][] {
  const out: [string, number][] = []
  const speaker = speakerPrefix(item.title)
  const body = mainClause(speaker?.body ?? item.title, deps.types)
  // The headline's kind only: a lede tells the background too ("without the Tomahawk missiles" is no strike).
  const types = deps.types(item.title).filter((type) => type !== deps.types.fallback)
  for (const type of types) out.push([`${TYPE}${type}`, 1])
  const lead = leadType(item.title, types, deps.types)
  if (lead) out.push([`${LEAD_TYPE}${lead}`, 1])
  const actors = [...deps.entities(body).keys()]
  for (const side of contactSides(speaker?.prefix, body, deps)) out.push([`${HEADLINE_SIDE}${side}`, 1])
  for (const id of actors) if (deps.entities.kindOf(id) === 'person') out.push([`${HEADLINE_PERSON}${id}`, 1])
  // The headline and the first two sentences of the lede: where a report says what happened, who took part and when;
  // where it happened, from the headline and first sentence (the second often recalls an earlier event elsewhere).
  const lede = dateLede(item)
  const named = [...deps.entities(`${item.title}\n${lede}`).keys()]
  const sideOf = (id: string) => deps.entities.partyOf(id) ?? ''
  for (const side of new Set(named.map(sideOf))) if (MAIN_PARTIES.has(side)) out.push([`${NAMED_SIDE}${side}`, 1])
  // Sides by their people and institutions: "talks on ending the war in Ukraine" names Ukraine, not Kyiv taking part.
  const acting = named.filter((id) => deps.entities.kindOf(id) === 'person' || deps.entities.kindOf(id) === 'org')
  for (const side of new Set(acting.map(sideOf))) if (MAIN_PARTIES.has(side)) out.push([`${ACTING_SIDE}${side}`, 1])
  // States outside the main sides, by the side they stand for (Britain for Europe) or themselves (India): the ones the
  // headline names, and every one the headline and lede mention, so that a story counts who it ever speaks of.
  const thirdState = (id: string) => (deps.entities.kindOf(id) === 'country' && !MAIN_PARTIES.has(sideOf(id)) ? sideOf(id) || id : null)
  for (const state of new Set(actors.map(thirdState))) if (state) out.push([`${THIRD_STATE}${state}`, 1])
  for (const state of new Set(named.map(thirdState))) if (state) out.push([`${MENTIONED_STATE}${state}`, 1])
  const firstSentence = splitSentences(lede, item.language)[0] ?? ''
  for (const id of deps.entities(`${item.title}\n${firstSentence}`).keys()) if (deps.entities.kindOf(id) === 'place' && !METONYMS.has(id)) out.push([`${PLACE}${id}`, 1])
  const dating = reportEventDating(item, lede)
  out.push([`${DAY}${dating.day}`, 1])
  if (dating.namesOwnDay) out.push([`${NAMED_DAY}${dating.day}`, 1])
  return out
}

/** A frame read back from features (an item's, or a story's sums): each value is the share of members naming it. */
export interface Frame {
  types: Map<string, number>
  /** The kind each headline leads with (leadType). */
  leads: Map<string, number>
  sides: Map<string, number>
  persons: Map<string, number>
  named: Map<string, number>
  acting: Map<string, number>
  places: Map<string, number>
  days: Map<string, number>
  /** Days same-day reports name as their event's ("on Thursday" in Thursday's copy): reportEventDating. */
  namedDays: Map<string, number>
  thirdStates: Map<string, number>
  mentionedStates: Map<string, number>
}

const PARTS: [string, keyof Frame][] = [
  [TYPE, 'types'],
  [LEAD_TYPE, 'leads'],
  [HEADLINE_SIDE, 'sides'],
  [HEADLINE_PERSON, 'persons'],
  [NAMED_SIDE, 'named'],
  [ACTING_SIDE, 'acting'],
  [PLACE, 'places'],
  [DAY, 'days'],
  [NAMED_DAY, 'namedDays'],
  [THIRD_STATE, 'thirdStates'],
  [MENTIONED_STATE, 'mentionedStates'],
]

export function frameOf(features: Features, size: number): Frame {
  const frame: Frame = { types: new Map(), leads: new Map(), sides: new Map(), persons: new Map(), named: new Map(), acting: new Map(), places: new Map(), days: new Map(), namedDays: new Map(), thirdStates: new Map(), mentionedStates: new Map() }
  for (const [key, value] of features) {
    if (key[1] !== ':') continue
    const part = PARTS.find(([prefix]) => key[0] === prefix[0])
    if (part) frame[part[1]].set(key.slice(2), value / size)
  }
  return frame
}

// A story's frame is read once per size: its features change only when an independent member joins.
const storyFrames = new WeakMap<StoryProfile, { size: number; frame: Frame }>()
function storyFrame(story: StoryProfile): Frame {
  const cached = storyFrames.get(story)
  if (cached && cached.size === story.size) return cached.frame
  const frame = frameOf(story.features, story.size)
  storyFrames.set(story, { size: story.size, frame })
  return frame
}

const DAY_MS = 86_400_000
/** Days at least this share of a story's members put its event on: an item dated two days from all of them is another event. */
const STORY_DAY_SHARE = 0.25
/** Shares of the members a story's frame feature covers at least, to count as the story's. */
const STORY_TYPE_SHARE = 0.4
const STORY_PLACE_SHARE = 0.5
const PRINCIPAL_SIDE_SHARE = 0.6
/** A story is a contact (call, meeting, talks) when this share of its headlines says so. */
const CONTACT_SHARE = 0.25
/** A side the story's headlines name this rarely is not one of its participants. */
const ABSENT_SIDE_SHARE = 0.3

const keys = (m: Map<string, number>, min = 0) => [...m].filter(([, v]) => v >= min).map(([k]) => k)
const share = (m: Map<string, number>, key: string) => m.get(key) ?? 0

/**
 * Who met or spoke with whom, read from the clause of the headline that names its event (mainClause). Against a story
 * of a contact (a call, a meeting, talks), an item whose headline names a side the story's headlines do not, and whose
 * people the story's reports do not mention, is another contact: a call with that side (Trump's call with Zelensky
 * after his call with Putin), a meeting or talks with none of the story's people (trilateral talks the day after a
 * bilateral meeting in the Kremlin); so is an item whose headline leaves out a side the story's headlines nearly
 * always name (Zelensky's account of his own talk with Trump, against the story of Trump's call with Putin).
 */
function counterpartConflict(item: Frame, story: Frame): boolean {
  if (!keys(story.types, CONTACT_SHARE).some((t) => CONTACT_TYPES.has(t))) return false
  // A headline about a state no report of the contact ever mentions (tariffs on India, against the envoy's Kremlin
  // meeting the same day) is about something else.
  if (keys(item.thirdStates).some((state) => !story.mentionedStates.has(state))) return true
  const absent = keys(item.sides).filter((side) => share(story.sides, side) < ABSENT_SIDE_SHARE)
  if (absent.length === 0) return false
  const newcomer = absent.some((side) => share(story.acting, side) < ABSENT_SIDE_SHARE)
  // A call has two sides: another side on the line is another call, whoever placed it.
  if (newcomer && item.types.has('call') && share(story.types, 'call') >= CONTACT_SHARE) return true
  const samePeople = keys(item.persons).some((p) => share(story.persons, p) >= ABSENT_SIDE_SHARE)
  if (newcomer && !samePeople && keys(item.types).some((t) => CONTACT_TYPES.has(t))) return true
  return keys(story.sides, PRINCIPAL_SIDE_SHARE).some((side) => !item.sides.has(side))
}

/**
 * Why an item cannot be a report of a story's event, or null: it dates the event two or more days from every day the
 * story's reports give; its kind cannot be the story's (a call is not a meeting, a swap carried out is not a call);
 * for contacts, its headline names another side as taking part (counterpartConflict); or each names where it
 * happened and the places differ, neither naming the other's.
 */
export function frameConflict(item: Frame, storyProfile: StoryProfile, types: EventTypeClassifier): string | null {
  const story = storyFrame(storyProfile)
  if (story.days.size === 0) return null // a story stored before frames existed
  const itemDay = keys(item.days)[0]
  const days = keys(story.days, STORY_DAY_SHARE).map(Date.parse)
  if (itemDay && days.length && days.every((d) => Math.abs(Date.parse(itemDay) - d) >= 2 * DAY_MS)) return 'day'
  if (otherNamedDay(item, story)) return 'day'
  const itemTypes = keys(item.types)
  const storyTypes = keys(story.types, STORY_TYPE_SHARE)
  if (itemTypes.length && storyTypes.length && !itemTypes.some((a) => storyTypes.some((b) => types.sameEventAs(a, b)))) return 'type'
  if (counterpartConflict(item, story)) return 'counterpart'
  const itemPlaces = keys(item.places)
  const storyPlaces = keys(story.places, STORY_PLACE_SHARE)
  if (itemTypes.length && itemPlaces.length && storyPlaces.length && !itemPlaces.some((p) => story.places.has(p)) && !storyPlaces.some((p) => item.places.has(p))) return 'place'
  return null
}

/** Of the story's same-day reports that name their day, the share naming one day for it to count as the story's. */
const NAMED_DAY_SHARE = 0.5

/**
 * A same-day report of another kind that names its day as its event's ("on Thursday" in Thursday's copy) against a
 * story whose same-day reports mostly name another day: the prisoner exchange the day after the talks that agreed it, the outcome announced
 * the morning after a round. Reports of one kind a day apart can be one event (the second day of talks, a strike
 * through the night), so the kind must differ too.
 */
function otherNamedDay(item: Frame, story: Frame): boolean {
  const day = keys(item.namedDays)[0]
  if (!day || keys(item.leads).some((t) => share(story.leads, t) >= STORY_TYPE_SHARE)) return false
  const named = [...story.namedDays.values()].reduce((a, b) => a + b, 0)
  const storyDays = [...story.namedDays].filter(([, v]) => v / named >= NAMED_DAY_SHARE).map(([d]) => d)
  return storyDays.length > 0 && !storyDays.includes(day)
}

/**
 * Whether an item reports the story's event by every frame measure: the same day, the same kind, the same sides
 * (none new, one of the story's principal ones), no other place. Then fewer shared names and figures are enough
 * (a Japanese headline shares few words with the Russian and English reports of the same call).
 */
export function frameAgreement(item: Frame, storyProfile: StoryProfile): boolean {
  const story = storyFrame(storyProfile)
  const day = keys(item.days)[0]
  if (!day || share(story.days, day) < STORY_DAY_SHARE) return false
  if (!keys(item.types).some((t) => share(story.types, t) >= STORY_TYPE_SHARE)) return false
  const sides = keys(item.sides)
  if (sides.length === 0 || sides.some((side) => share(story.sides, side) < ABSENT_SIDE_SHARE) || !sides.some((side) => share(story.sides, side) >= PRINCIPAL_SIDE_SHARE)) return false
  const places = keys(item.places)
  return places.length === 0 || places.some((p) => story.places.has(p))
}

