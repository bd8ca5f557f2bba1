// The per-feed, per-poll item cap (NEWSBOT_FEED_MAX_ITEMS) on every store: a feed of 100,000 items stores only the
// newest of them and counts the rest; a feed whose GUIDs change at every poll adds at most the cap each time.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { compileTopics } from '../src/3-normalise/topics.js'
import type { Store } from '../src/7-store/types.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { inlineFeedProcessor } from '../src/services/feed-processor.js'
import { pollFeeds, type IngestDeps } from '../src/services/ingest.js'
import { testIngestDeps } from './support/ingest-deps.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'
import { freshStore, storeTargets } from './support/stores.js'

const topics = compileTopics(loadAppConfig().topics)
const START = Date.UTC(2025, 0, 1)
const MINUTE = 60_000

/** `count` items a minute apart, listed in a shuffled order so that "newest" cannot mean "first in the document". */
function itemsOf(count: number, guidPrefix: string) {
  const order = Array.from({ length: count }, (_, i) => (i * 7_919) % count) // 7,919 is prime: a permutation
  return order.map((i) => ({ title: `Report ${i}`, link: `https://big.example/${guidPrefix}/${i}`, guid: `${guidPrefix}-${i}`, date: new Date(START + i * MINUTE).toUTCString() }))
}

let server: FeedServer
let polls = 0
beforeAll(async () => {
  server = await startFeedServer()
  const huge = rss(itemsOf(100_000, 'huge'))
  server.route('/huge', (_req, res) => void res.end(huge))
  // Every answer has new GUIDs and links for the same 2,000 reports.
  server.route('/churn', (_req, res) => void res.end(rss(itemsOf(2_000, `poll${++polls}`))))
})
afterAll(() => server.close())

describe.each(storeTargets)('item cap on $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  let deps: IngestDeps
  let now: Date

  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
    now = new Date('2025-06-01T00:00:00Z')
    deps = testIngestDeps(store, inlineFeedProcessor(topics), { now: () => now, fetch: { timeoutMs: 30_000, maxBytes: 64 << 20 } })
  })
  afterEach(() => dispose())

  const addFeed = async (path: string) =>
    (await store.feeds.sync([{ url: server.url(path), name: path.slice(1), language: 'en', country: null, kind: 'newspaper', pollMinutes: null, origin: 'test' }]))[0]!

  it('stores the newest items of a 100,000-item feed up to the cap and counts the rest', async () => {
    const [result] = await pollFeeds([await addFeed('/huge')], deps)
    expect(result).toMatchObject({ status: 'ok', created: 500, overCap: 99_500 })
    const stored = await store.items.list({ limit: 1_000 })
    expect(stored).toHaveLength(500)
    const oldestKept = Math.min(...stored.map((i) => i.publishedAt.getTime()))
    expect(new Date(oldestKept)).toEqual(new Date(START + (100_000 - 500) * MINUTE))
  }, 60_000)

  it('bounds what a feed that changes its GUIDs at every poll adds per poll', async () => {
    const feed = await addFeed('/churn')
    for (let poll = 1; poll <= 3; poll++) {
      const [result] = await pollFeeds([(await store.feeds.findByUrl(feed.url))!], deps)
      expect(result).toMatchObject({ status: 'ok', created: 500, overCap: 1_500 })
      expect(await store.items.count()).toBe(500 * poll)
      now = new Date(now.getTime() + 10 * MINUTE)
    }
  }, 60_000)
})
