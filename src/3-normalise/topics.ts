// Topic tags from the multilingual term lists in the config. An item is on a topic when it is about it, not when a
// name appears once among other subjects:
//   - its headline names the topic itself (one of the topic's headline groups: the war's topic needs Ukraine there,
//     not only a word like "talks"), or names an event of the beat (a call, talks, a truce, a strike, a swap …)
//     together with one of the topic's terms ("Russia launches 450 drones at energy sites");
//   - every term group of the topic is named in one statement: the headline, or one clause of the lede (a Japanese
//     lede sentence, whose 、 joins the clauses of one statement). "The EU will buy US energy, which would help replace
//     Russian gas" names Washington and Moscow in two statements, so it says nothing about their relations. Only a
//     headline reporting an event of the beat lets its lede complete the groups anywhere;
//   - its headline is not about another subject (sport, a disaster, a pope, prices, another war, a crime:
//     config/other-subjects.json) unless it reports an event of the beat that is the topic's own: in a clause that
//     names no other subject, or that names every group of the topic ("Trump meets Xi, they discuss Ukraine" is a
//     meeting of another subject's leader; "Trump and Zelensky meet before the pope's funeral" is the beat's).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { TopicConfig } from '../config/app-config.js'
import { defaultEventTypes, type EventTypeClassifier } from './event-types.js'
import { clauseRanges, sentences } from './clauses.js'
import { TermIndex } from './terms.js'

export interface TopicMatcher {
  (title: string, lede: string): string[]
}

const termsByLanguage = z.partialRecord(z.enum(['en', 'ja', 'ru', 'uk']), z.array(z.string().min(1)))
const otherSubjectsSchema = z.object({ $comment: z.string().optional(), subjects: z.record(z.string(), termsByLanguage) }).strict()
export type OtherSubjects = z.infer<typeof otherSubjectsSchema>

export const DEFAULT_OTHER_SUBJECTS_PATH = fileURLToPath(new URL('../../config/other-subjects.json', import.meta.url))

export function loadOtherSubjects(path = DEFAULT_OTHER_SUBJECTS_PATH): OtherSubjects {
  const parsed = otherSubjectsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`normalise: other subjects ${path} are invalid at ${issue.path.join('.')}: ${issue.message}`)
  }
  return parsed.data
}

/** Event types that do not make a headline part of the beat by themselves: everyone says and agrees things. */
const GENERIC_TYPES = new Set(['statement', 'agreement'])

export interface TopicContext {
  otherSubjects: OtherSubjects
  eventTypes: EventTypeClassifier
}

export const defaultTopicContext = (): TopicContext => ({ otherSubjects: loadOtherSubjects(), eventTypes: defaultEventTypes() })

/**
 * Whether a headline is about a subject outside the beat (config/other-subjects.json): the clusterer keeps such an
 * item, when the topic filter left it untagged, out of the beat's stories, however many names and dates it shares
 * with one (the splashdown of a crew with a Russian cosmonaut the morning after a Trump–Putin call).
 */
export function compileOtherSubjects(subjects: OtherSubjects = loadOtherSubjects()): (headline: string) => boolean {
  const index = new TermIndex<string>()
  for (const [subject, terms] of Object.entries(subjects.subjects)) for (const term of Object.values(terms).flat()) index.add(term, subject)
  return (headline) => index.match(headline).size > 0
}

let shippedOtherSubjects: ((headline: string) => boolean) | null = null
/** The shipped subjects, compiled on first use. */
export const defaultOtherSubjects = () => (shippedOtherSubjects ??= compileOtherSubjects())

export function compileTopics(topics: TopicConfig[], context: TopicContext = defaultTopicContext()): TopicMatcher {
  const index = new TermIndex<string>()
  const groupKeys = topics.map((topic, t) => topic.require.map((_, g) => `${t}:${g}`))
  topics.forEach((topic, t) =>
    topic.require.forEach((group, g) => {
      for (const term of Object.values(group).flat()) index.add(term, groupKeys[t]![g]!)
    }),
  )
  const headlineKeys = topics.map((topic, t) => (topic.headline ?? topic.require.map((_, g) => g)).map((g) => groupKeys[t]![g]!))
  const otherSubjects = new TermIndex<string>()
  for (const [subject, terms] of Object.entries(context.otherSubjects.subjects)) for (const term of Object.values(terms).flat()) otherSubjects.add(term, subject)
  const beatEvent = (text: string) => context.eventTypes(text).some((type) => !GENERIC_TYPES.has(type))
  const names = (found: Map<string, number>, t: number) => groupKeys[t]!.every((key) => found.has(key))
  /** The headline's clauses that report a beat event: null for one that names no other subject, else its topic terms. */
  const ownEventClauses = (title: string) =>
    clauseRanges(title).flatMap((r) => {
      const clause = title.slice(r.start, r.end)
      if (!beatEvent(clause)) return []
      return [otherSubjects.match(clause).size > 0 ? index.match(clause) : null]
    })

  return (title, lede) => {
    const inTitle = index.match(title)
    if (inTitle.size === 0) return []
    const inItem = index.match(`${title}\n${lede}`)
    const candidates = topics.flatMap((_, t) => (names(inItem, t) ? [t] : []))
    if (candidates.length === 0) return []
    const other = otherSubjects.match(title).size > 0
    const event = beatEvent(title)
    // A headline reporting a beat event lets its lede complete the groups anywhere; otherwise one statement names them all.
    let ledeFound: Map<string, number>[] | undefined
    const namedTogether = (t: number) =>
      (event && !other) || names(inTitle, t) || (ledeFound ??= ledeStatements(lede).map((text) => index.match(text))).some((found) => names(found, t))
    const ownEvents = event && other ? ownEventClauses(title) : []
    const tags: string[] = []
    for (const t of candidates) {
      if (!namedTogether(t)) continue
      const ownEvent = ownEvents.some((terms) => terms === null || names(terms, t))
      const anchored = headlineKeys[t]!.some((key) => inTitle.has(key)) && (!other || ownEvent)
      const eventOnTopic = event && !other && groupKeys[t]!.some((key) => inTitle.has(key))
      if (anchored || eventOnTopic) tags.push(topics[t]!.id)
    }
    return tags
  }
}

const KANA = /[\u3040-\u30ff]/u
// Russian and Ukrainian set off every subordinate clause with a comma; English does not ("the election that Trump won"),
// so an English relative or reported clause starts a statement of its own at its pronoun.
const ENGLISH_SUBORDINATE = /\s+(?=(?:that|which|who|whom|whose)\s)/iu

/** The statements of a lede: its clauses, and each Japanese sentence whole. */
function ledeStatements(lede: string): string[] {
  return sentences(lede).flatMap((sentence) =>
    KANA.test(sentence) ? [sentence] : clauseRanges(sentence).flatMap((r) => sentence.slice(r.start, r.end).split(ENGLISH_SUBORDINATE)),
  )
}
