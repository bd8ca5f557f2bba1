// Feed bytes to normalised items (decode → parse → normalise), on worker threads. Parsing a large feed is one
// synchronous pass of hundreds of milliseconds; off the main thread it neither blocks chat commands (3-second
// deadline) nor serialises the poll: several feeds are parsed at once while the main thread fetches and stores.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { decodeFeed } from '../2-parse/decode.js'
import { parseFeed } from '../2-parse/parse-feed.js'
import { htmlToLine } from '../3-normalise/html-text.js'
import { normaliseFeed, type NormaliseResult } from '../3-normalise/normalise-item.js'
import type { TopicMatcher } from '../3-normalise/topics.js'
import type { TopicConfig } from '../config/app-config.js'

export interface FeedJob {
  bytes: Uint8Array
  contentType: string | null
  feedUrl: string
  configuredLanguage: string | null
  fetchedAt: Date
}

export interface FeedOutput {
  /** What the feed calls itself (its channel or feed title), as one line of text; null when it gives none. */
  title: string | null
  ttlMinutes: number | null
  normalised: NormaliseResult
}

export interface FeedProcessor {
  process(job: FeedJob): Promise<FeedOutput>
  close(): Promise<void>
}

export async function processFeed(job: FeedJob, matchTopics: TopicMatcher): Promise<FeedOutput> {
  const parsed = await parseFeed(decodeFeed(job.bytes, job.contentType).text)
  const normalised = normaliseFeed(parsed, { feedUrl: job.feedUrl, configuredLanguage: job.configuredLanguage, fetchedAt: job.fetchedAt, matchTopics })
  return { title: htmlToLine(parsed.title).trim() || null, ttlMinutes: parsed.ttlMinutes, normalised }
}

/** Runs on the calling thread: tests, and machines with a single core. */
export function inlineFeedProcessor(matchTopics: TopicMatcher): FeedProcessor {
  return { process: (job) => processFeed(job, matchTopics), close: async () => {} }
}

export function defaultWorkerCount(): number {
  return Math.min(4, availableParallelism() - 1)
}

interface Pending {
  resolve: (output: FeedOutput) => void
  reject: (error: Error) => void
}

interface PooledWorker {
  worker: Worker
  pending: Map<number, Pending>
}

/** Compiled (dist/), the worker is plain JavaScript; run from source, its thread first registers tsx's loader. */
const WORKER_URL = import.meta.url.endsWith('.js') ? new URL('./feed-worker.js', import.meta.url) : new URL('./feed-worker-entry.mjs', import.meta.url)
/** A pool whose workers keep dying without finishing a job gives up and parses on the main thread. */
const MAX_FAILURES_IN_A_ROW = 3

export function workerFeedProcessor(topics: TopicConfig[], matchTopics: TopicMatcher, size: number): FeedProcessor {
  let nextId = 0
  let closing = false
  let failuresInARow = 0
  const inline = inlineFeedProcessor(matchTopics)
  const spawn = (): PooledWorker => {
    const worker = new Worker(WORKER_URL, { workerData: { topics } })
    const pooled: PooledWorker = { worker, pending: new Map() }
    worker.on('message', (msg: { id: number; output?: FeedOutput; error?: string }) => {
      const p = pooled.pending.get(msg.id)
      pooled.pending.delete(msg.id)
      failuresInARow = 0
      if (pooled.pending.size === 0) worker.unref()
      if (msg.error !== undefined) p?.reject(new Error(msg.error))
      else p?.resolve(msg.output!)
    })
    const fail = (err: Error) => {
      for (const p of pooled.pending.values()) p.reject(new Error(`parse: worker failed: ${err.message}`))
      pooled.pending.clear()
      if (!closing && ++failuresInARow <= MAX_FAILURES_IN_A_ROW) pool[pool.indexOf(pooled)] = spawn()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => code !== 0 && !closing && fail(new Error(`exited with code ${code}`)))
    worker.unref() // an idle pool must not keep a finished command alive; busy workers are ref'd below
    return pooled
  }
  const pool = Array.from({ length: size }, spawn)
  return {
    process(job) {
      if (failuresInARow > MAX_FAILURES_IN_A_ROW) return inline.process(job)
      const target = pool.reduce((a, b) => (b.pending.size < a.pending.size ? b : a))
      const id = nextId++
      const bytes = Uint8Array.from(job.bytes) // a private copy whose buffer can be handed over without copying again
      return new Promise<FeedOutput>((resolve, reject) => {
        target.pending.set(id, { resolve, reject })
        target.worker.ref()
        target.worker.postMessage({ id, job: { ...job, bytes } }, [bytes.buffer])
      })
    },
    async close() {
      closing = true
      await Promise.all(pool.map((p) => p.worker.terminate()))
    },
  }
}

export function createFeedProcessor(topics: TopicConfig[], matchTopics: TopicMatcher, workers = defaultWorkerCount()): FeedProcessor {
  return workers > 0 ? workerFeedProcessor(topics, matchTopics, workers) : inlineFeedProcessor(matchTopics)
}
