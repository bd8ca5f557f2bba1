// Topic tags from the multilingual term lists in the config. An item is on a topic when it is about it, not when a
// name appears once among other subjects:
//   - every term group of the topic matches its headline or lede (in any language), and
//   - its headline names the topic itself (one of the topic's headline groups: the war's topic needs Ukraine there,
//     not only a word like "talks"), or names an event of the beat (a call, talks, a truce, a strike, a swap …)
//     together with one of the topic's terms ("Russia launches 450 drones at energy sites"), and
//   - its headline is not about another subject (sport, a disaster, a pope, prices, another war: config/other-subjects.json)
//     unless that headline, anchored, also names an event of the beat.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { TopicConfig } from '../config/app-config.js'
import { defaultEventTypes, type EventTypeClassifier } from './event-types.js'
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
  const otherSubject = (title: string) => otherSubjects.match(title).size > 0
  const beatEvent = (title: string) => context.eventTypes(title).some((type) => !GENERIC_TYPES.has(type))

  return (title, lede) => {
    const inTitle = index.match(title)
    if (inTitle.size === 0) return []
    const found = index.match(`${title}\n${lede}`)
    const other = otherSubject(title)
    const event = beatEvent(title)
    const tags: string[] = []
    for (let t = 0; t < topics.length; t++) {
      if (!groupKeys[t]!.every((key) => found.has(key))) continue
      const anchored = headlineKeys[t]!.some((key) => inTitle.has(key)) && (!other || event)
      const eventOnTopic = event && !other && groupKeys[t]!.some((key) => inTitle.has(key))
      if (anchored || eventOnTopic) tags.push(topics[t]!.id)
    }
    return tags
  }
}
