// What /timeline lists. For now a timeline entry is a story, dated by its first report; a later issue replaces
// stories with the events extracted from them, behind this same query.
import type { StoryRecord, Store } from '../7-store/types.js'

export interface TimelineQuery {
  from: Date
  to: Date
  topic?: string
  /** An alias-dictionary id of a person, country or organisation, e.g. person:putin. */
  actor?: string
  limit: number
}

export interface TimelineEntry {
  at: Date
  story: StoryRecord
}

export interface Timeline {
  /** How many entries the range holds in all; `entries` keeps the most widely covered `limit` of them. */
  total: number
  /** Oldest first. */
  entries: TimelineEntry[]
}

export async function timeline(store: Store, query: TimelineQuery): Promise<Timeline> {
  const { total, stories } = await store.stories.inRange({ from: query.from, to: query.to, topic: query.topic, entity: query.actor, limit: query.limit })
  return { total, entries: stories.map((story) => ({ at: story.firstPublishedAt, story })) }
}
