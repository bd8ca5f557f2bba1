// Keeps StoryEvent rows current: the event of every story on the topics that is new, has grown, or had a headline
// rewritten since its event was worked out. Runs after clustering and, for the range it reads, before /timeline.
import type { EntityExtractor } from '../5-cluster/aliases.js'
import { storyEvent } from '../6-summarise/event.js'
import { defaultEventTypes, type EventTypeClassifier } from '../3-normalise/event-types.js'
import type { StoryEventRecord, Store } from '../7-store/types.js'

export interface StoryEventDeps {
  store: Store
  entities: EntityExtractor
  /** Default: the shipped vocabulary (config/event-types.json). */
  types?: EventTypeClassifier
}

const BATCH = 200

/** Works out the stale events among stories first published within the bounds (all stories without); returns how many. */
export async function refreshStoryEvents(deps: StoryEventDeps, bounds: { since?: Date; until?: Date } = {}): Promise<number> {
  const types = deps.types ?? defaultEventTypes()
  let done = 0
  for (;;) {
    const stale = await deps.store.events.stale({ ...bounds, limit: BATCH })
    const events = stale.flatMap(({ story, itemCount }): StoryEventRecord[] => {
      const event = storyEvent(story, { entities: deps.entities, types })
      return event ? [{ ...event, itemCount }] : []
    })
    if (events.length > 0) await deps.store.events.save(events)
    done += events.length
    // A story with no event (its members all gone) stays stale: stop once a batch makes no progress.
    if (stale.length < BATCH || events.length === 0) return done
  }
}
