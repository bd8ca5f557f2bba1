import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileTopics } from '../src/3-normalise/topics.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { inlineFeedProcessor, workerFeedProcessor } from '../src/services/feed-processor.js'
import { rss } from './support/feed-server.js'

const topics = loadAppConfig().topics
const matchTopics = compileTopics(topics)
// A real feed in windows-1251, declared only in its XML declaration (see fixtures/PROVENANCE.md).
const WINDOWS_1251_FEED = new URL('./fixtures/feeds/miniflux/internal/reader/parser/testdata/encoding_WINDOWS-1251.xml', import.meta.url)
const job = () => ({
  bytes: readFileSync(WINDOWS_1251_FEED),
  contentType: null,
  feedUrl: 'http://ibash.org.ru/rss.xml',
  configuredLanguage: null,
  fetchedAt: new Date('2026-01-01T00:00:00Z'),
  maxItems: 500,
})

describe('feed processing on worker threads', () => {
  it('gives exactly what processing on the main thread gives, and reports parse errors with their stage', async () => {
    const pool = workerFeedProcessor(topics, matchTopics, 1)
    try {
      const [onWorker, inline] = await Promise.all([pool.process(job()), inlineFeedProcessor(matchTopics).process(job())])
      expect(onWorker.normalised.items.length).toBeGreaterThan(0)
      expect(onWorker.normalised.items.map((i) => [i.title, i.language])).toContainEqual(['Цитата #17703', 'ru'])
      expect(onWorker).toEqual(inline)
      await expect(pool.process({ ...job(), bytes: new TextEncoder().encode('<html>not a feed') })).rejects.toThrow(/^parse: /)
    } finally {
      await pool.close()
    }
  })

  it('gives a job to a free thread, never to one busy with a long parse', async () => {
    const pool = workerFeedProcessor(topics, matchTopics, 2)
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Report ${i}`, link: `https://big.example/${i}`, date: 'Tue, 18 Mar 2025 18:00:00 GMT' }))
    const feed = (n: number) => ({ ...job(), bytes: new TextEncoder().encode(rss(items(n))), feedUrl: 'https://big.example/rss' })
    try {
      const done: string[] = []
      const track = (name: string, output: Promise<unknown>) => output.then(() => done.push(name))
      // Both threads busy, then a third job: it must wait for whichever frees first, which is not the long one.
      await Promise.all([track('long', pool.process(feed(60_000))), track('short 1', pool.process(feed(10))), track('short 2', pool.process(feed(10)))])
      expect(done).toEqual(['short 1', 'short 2', 'long'])
    } finally {
      await pool.close()
    }
  }, 60_000)
})
