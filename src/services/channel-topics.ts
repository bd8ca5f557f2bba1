// Tags stored items with the channels' own topics (issue 18), on the main thread, after items are stored: parse
// workers get the shipped topics once at start, while channel topics come and go at any time. Each topic remembers
// the last item it was matched against (taggedThrough), so one pass serves both the items a poll just stored and a new
// topic's backfill, and a pass cut short (a restart, the reply deadline) goes on where it stopped.
import { compileTopics, type TopicMatcher } from '../3-normalise/topics.js'
import { defaultEventTypes, type EventTypeClassifier } from '../3-normalise/event-types.js'
import { LEDE_CHARS } from '../3-normalise/normalise-item.js'
import type { ChannelTopicRecord, Store } from '../7-store/types.js'

/** A new topic looks back over this many of the newest stored items (about three weeks of the shipped feeds). */
export const BACKFILL_ITEMS = 20_000
const BATCH = 500

let eventTypes: EventTypeClassifier | undefined

/**
 * The shipped topics' matcher over channel topics, without the "other subjects" rule: that rule keeps sport or a
 * disaster out of the beat's topics, but a channel may well follow the Olympics.
 */
export function compileChannelTopics(topics: ChannelTopicRecord[]): TopicMatcher {
  eventTypes ??= defaultEventTypes()
  const configs = topics.map((t) => ({ id: t.key, name: { en: t.name, ja: t.name }, description: { en: t.name, ja: t.name }, require: t.terms.map((terms) => ({ en: terms })) }))
  return compileTopics(configs, { otherSubjects: { subjects: {} }, eventTypes })
}

/** Where a topic added now starts matching: a bounded distance below the newest item. */
export async function backfillStart(store: Store): Promise<number> {
  return Math.max(0, (await store.channelTopics.lastItemId()) - BACKFILL_ITEMS)
}

export interface TagRun {
  items: number
  tags: number
}

/** One pass: every topic matched against the items above its taggedThrough, a batch at a time. */
async function tagOnce(store: Store): Promise<TagRun> {
  const run = { items: 0, tags: 0 }
  let topics = await store.channelTopics.list()
  while (topics.length > 0) {
    const from = Math.min(...topics.map((t) => t.taggedThrough))
    const items = await store.channelTopics.itemsAfter(from, BATCH)
    if (items.length === 0) break
    const match = compileChannelTopics(topics)
    const behind = new Map(topics.map((t) => [t.key, t.taggedThrough]))
    const tags = items.flatMap((item) =>
      match(item.title, item.text.slice(0, LEDE_CHARS))
        .filter((key) => item.id > behind.get(key)!)
        .map((key) => ({ key, itemId: item.id })),
    )
    const last = items.at(-1)!.id
    await store.channelTopics.tag(tags, new Map(topics.map((t) => [t.key, Math.max(t.taggedThrough, last)])))
    run.items += items.length
    run.tags += tags.length
    if (items.length < BATCH) break
    topics = await store.channelTopics.list()
  }
  return run
}

const running = new WeakMap<Store, { pass: Promise<TagRun>; queued: Promise<TagRun> | null }>()

/**
 * Brings every channel topic up to the newest item. Polls of many feeds call this side by side: one pass runs at a
 * time per store, and a call made while one runs waits for the next, which sees the items stored meanwhile.
 */
export function tagChannelTopics(store: Store): Promise<TagRun> {
  const runner = running.get(store)
  if (!runner) return startPass(store)
  runner.queued ??= runner.pass.catch(() => undefined).then(() => startPass(store))
  return runner.queued
}

function startPass(store: Store): Promise<TagRun> {
  const pass = tagOnce(store)
  running.set(store, { pass, queued: null })
  void pass
    .catch(() => undefined)
    .finally(() => {
      if (running.get(store)?.pass === pass) running.delete(store)
    })
  return pass
}
