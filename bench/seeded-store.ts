// A store holding bench:stories' multilingual en/ja/ru/uk stream (tagged by the shipped topic matcher, entities read
// by the shipped alias dictionary) in stories of about 3 items, for the benches that read one (bench:commands,
// bench:startup). Seeded through the store's interface, the fast honest way: items.upsert, then stories.apply with
// cluster batches built here from the generated events (each event's items split into stories of 1–5), so the
// build takes seconds instead of a clustering run.
import { compileTopics } from '../src/3-normalise/topics.js'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { extractFeatures } from '../src/5-cluster/features.js'
import { newStory, addMember } from '../src/5-cluster/story-profile.js'
import type { StoryState, Store } from '../src/7-store/types.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { refreshStoryEvents } from '../src/services/story-events.js'
import { FEEDS, type StreamItem } from './story-corpus.js'

const entities = compileAliases(loadAliases())
const matchTopics = compileTopics(loadAppConfig().topics)

export interface SeedStory {
  items: StreamItem[]
  /** The clustering state the store gets, with a placeholder id. */
  state: StoryState
}

/** Each event's items (already in publication order) in consecutive stories of 1–5 items, about 3 on average. */
export function buildStories(stream: StreamItem[], random: () => number): SeedStory[] {
  const byEvent = new Map<number, StreamItem[]>()
  for (const s of stream) {
    s.item.topics = matchTopics(s.item.title, s.item.text)
    byEvent.set(s.event, [...(byEvent.get(s.event) ?? []), s])
  }
  const stories: SeedStory[] = []
  for (const items of byEvent.values()) {
    for (let i = 0; i < items.length; ) {
      const group = items.slice(i, (i += 1 + Math.floor(random() * 5)))
      const members = group.map((s, k) => ({
        id: k,
        title: s.item.title,
        language: s.item.language,
        source: s.feed,
        publishedAt: s.item.publishedAt,
        topics: s.item.topics,
        features: extractFeatures(s.item, entities),
      }))
      const state = newStory(-(stories.length + 1), members[0]!)
      for (const m of members.slice(1)) addMember(state, m, true)
      stories.push({ items: group, state })
    }
  }
  return stories.sort((a, b) => a.state.firstPublishedAt.getTime() - b.state.firstPublishedAt.getTime())
}

/** Stores a slice of stories' items, then applies one batch creating the stories and assigning the items. */
async function seedSlice(store: Store, feedIds: Map<string, number>, slice: SeedStory[]): Promise<void> {
  const items = slice.flatMap((s) => s.items)
  const byFeed = new Map<string, StreamItem[]>()
  for (const s of items) byFeed.set(s.feed, [...(byFeed.get(s.feed) ?? []), s])
  for (const [feed, list] of byFeed) await store.items.upsert(feedIds.get(feed)!, list.map((s) => s.item), { backfill: false, seenAt: list[0]!.item.publishedAt })
  // Everything older is clustered, so the pending items are exactly this slice's; matched back by what identifies them.
  const key = (title: string, source: string, at: Date) => `${at.getTime()}|${source}|${title}`
  const ids = new Map<string, number[]>()
  for (const p of await store.stories.pending(items.length)) ids.set(key(p.title, p.source, p.publishedAt), [...(ids.get(key(p.title, p.source, p.publishedAt)) ?? []), p.id])
  const assignments = slice.flatMap((story) =>
    story.items.map((s) => {
      const itemId = ids.get(key(s.item.title, s.feed, s.item.publishedAt))?.shift()
      if (itemId === undefined) throw new Error(`bench: item not found among pending: ${s.item.title}`)
      return { itemId, storyId: story.state.id, duplicateOfId: null, signature: [], bandKeys: [] }
    }),
  )
  await store.stories.apply({ created: slice.map((s) => s.state), updated: [], assignments, clusteredAt: slice.at(-1)!.state.lastPublishedAt })
}

export async function seedStories(store: Store, stories: SeedStory[]): Promise<void> {
  const feeds = await store.feeds.sync(FEEDS.map((f) => ({ url: f.url, name: f.name, language: f.language, country: null, kind: f.name === 'ТАСС' || f.name === 'РИА Новости' ? 'state-media' : 'newspaper', pollMinutes: null, origin: 'bench' })))
  const feedIds = new Map(feeds.map((f) => [f.name, f.id]))
  const slice = 1500
  for (let i = 0; i < stories.length; i += slice) {
    await seedSlice(store, feedIds, stories.slice(i, i + slice))
    process.stderr.write(`\r  seeded ${Math.min(i + slice, stories.length)}/${stories.length} stories`)
  }
  // Clustering works out the timeline events of the stories it touched (clusterPending); seeded stories get theirs here.
  const events = await refreshStoryEvents({ store, entities })
  process.stderr.write(`, ${events} timeline events\n`)
}
