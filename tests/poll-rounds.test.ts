// The poll loop of `start`/`poll` on every store: a feed whose server never finishes its answer holds up no other
// feed's polling or clustering, is not started twice, and items a crashed process stored without clustering them
// are clustered by the next round even when no feed is due.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { compileTopics } from '../src/3-normalise/topics.js'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import type { Store } from '../src/7-store/types.js'
import { NEAR_DUPLICATE_THRESHOLD } from '../src/app/context.js'
import { loadAppConfig } from '../src/config/app-config.js'
import type { ClusterDeps } from '../src/services/cluster-stories.js'
import { inlineFeedProcessor } from '../src/services/feed-processor.js'
import type { IngestDeps } from '../src/services/ingest.js'
import { testIngestDeps } from './support/ingest-deps.js'
import { pollRounds } from '../src/services/poll-rounds.js'
import { BIN } from './support/cli.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets } from './support/stores.js'

const topics = compileTopics(loadAppConfig().topics)
const entities = compileAliases(loadAliases())
/** The stalled answer is cut off only by the fetch deadline, far beyond the bound the other feeds are held to. */
const FETCH_TIMEOUT_MS = 60_000
const BOUND_MS = 8_000

const WIRE = { name: 'Wire', url: 'https://wire.example/rss', language: 'en', country: 'US', kind: 'wire' } as const

/** What a process that died between storing and clustering leaves: two pending items, of a feed due only in an hour. */
async function storeUnclustered(store: Store, feed: { id: number }): Promise<void> {
  const now = new Date()
  await store.feeds.recordSuccess(feed.id, { at: now, status: 'ok', etag: null, lastModified: null, minIntervalSeconds: null, nextPollAt: new Date(now.getTime() + 3600_000) })
  const item = itemFactory('wire.example')
  await store.items.upsert(
    feed.id,
    [item('Putin agrees to a 30-day halt on energy strikes', 'The Kremlin said so after the call.', '2025-03-18T18:00:00Z', 'en'), item('Weather in Lisbon', 'Sunny.', '2025-03-18T19:00:00Z', 'en')],
    { backfill: false, seenAt: now },
  )
  expect(await store.stories.pending(10)).toHaveLength(2)
}

describe.each(storeTargets)('poll rounds on $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  let ingest: IngestDeps
  let cluster: ClusterDeps
  const servers: FeedServer[] = []

  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
    ingest = testIngestDeps(store, inlineFeedProcessor(topics), { fetch: { timeoutMs: FETCH_TIMEOUT_MS }, hostQueue: { concurrency: 6, delayMs: 0 } })
    cluster = { store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: NEAR_DUPLICATE_THRESHOLD }
  })
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
    await dispose()
  })

  const addFeed = async (url: string) =>
    (await store.feeds.sync([{ url, name: url, language: 'en', country: null, kind: 'newspaper', pollMinutes: null, origin: 'test' }]))[0]!

  it('polls and clusters the other feeds while one server trickles its answer, and does not start that feed again', async () => {
    const stalling = await startFeedServer()
    const healthy = await startFeedServer()
    servers.push(stalling, healthy)
    const trickling: ServerResponse[] = []
    stalling.route('/feed', (_req, res) => {
      trickling.push(res)
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>')
      const drip = setInterval(() => res.write(' '), 100)
      res.on('close', () => clearInterval(drip))
    })
    const day = 'Tue, 18 Mar 2025'
    healthy.route('/a', (_req, res) => void res.end(rss([{ title: 'Putin agrees to a 30-day halt on energy strikes', link: 'https://a.example/1', date: `${day} 18:00:00 GMT` }])))
    healthy.route('/b', (_req, res) => void res.end(rss([{ title: 'Trump and Putin speak for two hours', link: 'https://b.example/1', date: `${day} 19:00:00 GMT` }])))
    const slow = await addFeed(stalling.url('/feed'))
    await addFeed(healthy.url('/a'))
    await addFeed(healthy.url('/b'))

    const rounds = pollRounds({ ingest, cluster })
    const polled: string[] = []
    const started = performance.now()
    const first = rounds.round((r) => polled.push(r.url))
    await expect.poll(async () => [await store.items.count(), (await store.stories.pending(10)).length], { timeout: BOUND_MS, interval: 100 }).toEqual([2, 0])
    expect(performance.now() - started).toBeLessThan(BOUND_MS)
    expect(polled.sort()).toEqual([healthy.url('/a'), healthy.url('/b')])
    expect(trickling).toHaveLength(1)

    // The next minute's round: the stalled feed is due but still being read, so it is neither asked again nor waited for.
    const second = await rounds.round()
    expect(second).toMatchObject({ results: [], stillReading: 1 })
    expect(stalling.hits.get('/feed')).toHaveLength(1)

    for (const res of trickling) res.destroy()
    const report = await first
    expect(report.results.find((r) => r.feedId === slow.id)).toMatchObject({ status: 'error' })
    await rounds.settled()
  })

  it('clusters items a crashed process stored without clustering them, though no feed is due', async () => {
    await storeUnclustered(store, await addFeed(WIRE.url))
    const report = await pollRounds({ ingest, cluster }).round()
    expect(report.results).toEqual([])
    expect(report.clustered.items).toBe(2)
    expect(await store.stories.pending(10)).toEqual([])
  })
})

const postgres = storeTargets.find((t) => t.name === 'postgres')
describe.skipIf(!postgres)('newsbot worker', () => {
  it('clusters items a worker stored and died before clustering, though no feed is due', async () => {
    const { store, url, dispose } = await freshStore(postgres!)
    const config = path.join(mkdtempSync(path.join(tmpdir(), 'newsbot-rounds-')), 'config.json')
    writeFileSync(config, JSON.stringify({ feeds: [WIRE], topics: loadAppConfig().topics }))
    const [feed] = await store.feeds.sync([{ ...WIRE, pollMinutes: null, origin: 'config' }])
    await storeUnclustered(store, feed!)
    const env = { ...process.env, DATABASE_URL: url, NEWSBOT_CONFIG: config, NEWSBOT_JOB_POLL_SECONDS: '0.5' }
    const child = spawn(process.execPath, [BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let log = ''
    child.stderr.on('data', (d: Buffer) => (log += String(d)))
    try {
      await expect.poll(async () => (await store.stories.pending(10)).length, { timeout: 30_000, interval: 250 }).toBe(0)
      expect(log).toMatch(/clustered.*items=2/)
    } finally {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.on('close', resolve))
      await dispose()
    }
  }, 60_000)
})
