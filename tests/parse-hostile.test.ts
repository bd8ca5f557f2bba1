// Feeds shaped to make the parser slow are read, or rejected, in time linear in their size; a parse that still runs
// past the worker deadline is stopped, its thread replaced, and the feed recorded as failed on every store.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MAX_NESTING_DEPTH } from '../src/2-parse/markup-scan.js'
import { parseFeed } from '../src/2-parse/parse-feed.js'
import { compileTopics } from '../src/3-normalise/topics.js'
import type { Store } from '../src/7-store/types.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { workerFeedProcessor, type FeedProcessor } from '../src/services/feed-processor.js'
import { pollFeeds } from '../src/services/ingest.js'
import { testIngestDeps } from './support/ingest-deps.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'
import { nestedFeed, nestedItemsFeed, unclosedTitlesFeed } from './support/hostile-feeds.js'
import { freshStore, storeTargets } from './support/stores.js'

const KIB = 1024
/** Generous for a slow, shared machine; the old parser took seconds on these documents (100,000 deep never ended). */
const BOUND_MS = 1_000

/** How a parse settled and how long it took. */
async function timedParse(text: string): Promise<{ ms: number; error: string | null }> {
  const started = performance.now()
  const error = await parseFeed(text).then(
    () => null,
    (err: Error) => err.message,
  )
  return { ms: performance.now() - started, error }
}

describe('hostile feed shapes', () => {
  it('rejects a feed nested 100,000 deep at once, with a parse error naming the limit', async () => {
    const deep = nestedFeed(700 * KIB)
    const { ms, error } = await timedParse(deep)
    expect(error).toBe(`parse: elements nested deeper than ${MAX_NESTING_DEPTH} levels`)
    expect(ms).toBeLessThan(BOUND_MS)
  })

  it('reads a feed nested exactly to the limit, and rejects one level more', async () => {
    const items = (depth: number) => nestedItemsFeed(1, depth - 4) // rss, channel, item, description
    const atLimit = await parseFeed(items(MAX_NESTING_DEPTH))
    expect(atLimit.items.map((item) => item.title)).toEqual(['Deep'])
    await expect(parseFeed(items(MAX_NESTING_DEPTH + 1))).rejects.toThrow(/^parse: elements nested deeper than/)
  })

  it('settles 250 KiB of unclosed titles with markup in them within the bound', async () => {
    const { ms, error } = await timedParse(unclosedTitlesFeed(250 * KIB))
    expect(error).toMatch(/^parse: /)
    expect(ms).toBeLessThan(BOUND_MS)
  })

  it('still keeps markup in titles as text, and leaves CDATA and commented-out tags alone', async () => {
    const feed = await parseFeed(
      rss(
        [
          { title: 'Talks <b>resume</b> in <i>Istanbul</i>', link: 'https://example.com/1' },
          { title: '<![CDATA[Already <b>text</b>]]>', link: 'https://example.com/2' },
        ],
        '<!-- an old <title> left in a comment -->',
      ),
    )
    expect(feed.items.map((item) => item.title)).toEqual(['Talks <b>resume</b> in <i>Istanbul</i>', 'Already <b>text</b>'])
  })
})

const topics = loadAppConfig().topics
const matchTopics = compileTopics(topics)
/** Far below the time the slow feed takes, far above the time a small one takes once the thread is loaded. */
const TINY_DEADLINE_MS = 400
/** An ordinary feed, only long: about 2 s of parsing on a fast machine. */
const slowFeed = rss(Array.from({ length: 60_000 }, (_, i) => ({ title: `Report ${i}`, link: `https://slow.example/${i}`, date: 'Tue, 18 Mar 2025 18:00:00 GMT' })))
const smallFeed = rss([{ title: 'Ceasefire talks resume', link: 'https://small.example/1', date: 'Tue, 18 Mar 2025 18:00:00 GMT' }])
const job = (text: string) => ({
  bytes: new TextEncoder().encode(text),
  contentType: null,
  feedUrl: 'https://example.com/rss',
  configuredLanguage: null,
  fetchedAt: new Date('2025-03-19T00:00:00Z'),
  maxItems: 500,
})

describe('the parse deadline on worker threads', () => {
  let pool: FeedProcessor
  beforeEach(() => {
    pool = workerFeedProcessor(topics, matchTopics, 1, TINY_DEADLINE_MS)
  })
  afterEach(() => pool.close())

  it('stops a parse past the deadline, replaces the thread, and keeps doing so however often it happens', async () => {
    // More overruns in a row than the pool tolerates worker crashes: an overrun is the feed's fault, not the thread's,
    // and must never send the next feeds to the main thread, where nothing could stop them.
    for (let overrun = 0; overrun < 5; overrun++) {
      await expect(pool.process(job(slowFeed))).rejects.toThrow(`parse: not finished after ${TINY_DEADLINE_MS / 1000} s (the parse time limit)`)
    }
    const after = await pool.process(job(smallFeed))
    expect(after.normalised.items.map((item) => item.title)).toEqual(['Ceasefire talks resume'])
  }, 60_000)
})

describe.each(storeTargets)('a feed past the parse deadline on $name', (target) => {
  let server: FeedServer
  let store: Store
  let dispose: () => Promise<void>
  let pool: FeedProcessor
  beforeAll(async () => {
    server = await startFeedServer()
    server.route('/slow', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(slowFeed))
    server.route('/small', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(smallFeed))
  })
  afterAll(() => server.close())
  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
    pool = workerFeedProcessor(topics, matchTopics, 1, TINY_DEADLINE_MS)
  })
  afterEach(async () => {
    await pool.close()
    await dispose()
  })

  it('is recorded as failed with the reason and backed off, and the next feed is read', async () => {
    const now = new Date('2025-03-19T00:00:00Z')
    const feeds = await store.feeds.sync(
      ['/slow', '/small'].map((path) => ({ url: server.url(path), name: path.slice(1), language: 'en', country: null, kind: 'newspaper' as const, pollMinutes: null, origin: 'test' })),
    )
    const results = await pollFeeds(feeds, testIngestDeps(store, pool, { now: () => now, fetch: { timeoutMs: 10_000, maxBytes: 16 << 20 }, hostQueue: { concurrency: 1, delayMs: 0 } }))
    const deadlineError = `parse: not finished after ${TINY_DEADLINE_MS / 1000} s (the parse time limit); the parser was stopped`
    expect(results.map((r) => [r.name, r.status, r.error])).toEqual([
      ['slow', 'error', deadlineError],
      ['small', 'ok', null],
    ])
    const slow = (await store.feeds.list()).find((feed) => feed.name === 'slow')!
    expect([slow.lastError, slow.consecutiveFailures]).toEqual([deadlineError, 1])
    expect(slow.nextPollAt!.getTime()).toBeGreaterThan(now.getTime())
    expect((await store.items.list({})).map((item) => item.title)).toEqual(['Ceasefire talks resume'])
  }, 60_000)
})
