// Feed bytes to normalised items (decode → parse → normalise), on worker threads. Parsing a large feed is one
// synchronous pass of hundreds of milliseconds; off the main thread it neither blocks chat commands (3-second
// deadline) nor serialises the poll: several feeds are parsed at once while the main thread fetches and stores.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { decodeFeed } from '../2-parse/decode.js'
import { parseFeed } from '../2-parse/parse-feed.js'
import { htmlToLine } from '../3-normalise/html-text.js'
import { languageCode } from '../3-normalise/language.js'
import { normaliseFeed, type NormalisedItem, type NormaliseResult } from '../3-normalise/normalise-item.js'
import type { TopicMatcher } from '../3-normalise/topics.js'
import type { TopicConfig } from '../config/app-config.js'

export interface FeedJob {
  bytes: Uint8Array
  contentType: string | null
  feedUrl: string
  configuredLanguage: string | null
  fetchedAt: Date
  /** Items kept from one read of the feed (NEWSBOT_FEED_MAX_ITEMS), newest first. */
  maxItems: number
}

export interface FeedOutput {
  /** What the feed calls itself (its channel or feed title), as one line of text; null when it gives none. */
  title: string | null
  /** The language the feed declares (ISO 639-1), whatever its items are written in; null when it declares none. */
  language: string | null
  ttlMinutes: number | null
  normalised: NormaliseResult
  /** Items left out beyond maxItems (the oldest). */
  overCap: number
}

export interface FeedProcessor {
  process(job: FeedJob): Promise<FeedOutput>
  close(): Promise<void>
}

/**
 * The newest `max` items, in the feed's own order. One read is bounded however large the document or however often
 * its GUIDs change: storing and clustering cost grows with every item kept. Undated items count as fetched now.
 */
export function newestItems(items: NormalisedItem[], max: number): { items: NormalisedItem[]; overCap: number } {
  if (items.length <= max) return { items, overCap: 0 }
  const kept = new Set([...items].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, max))
  return { items: items.filter((item) => kept.has(item)), overCap: items.length - max }
}

export async function processFeed(job: FeedJob, matchTopics: TopicMatcher): Promise<FeedOutput> {
  const parsed = await parseFeed(decodeFeed(job.bytes, job.contentType).text)
  const { items, skipped } = normaliseFeed(parsed, { feedUrl: job.feedUrl, configuredLanguage: job.configuredLanguage, fetchedAt: job.fetchedAt, matchTopics })
  const newest = newestItems(items, job.maxItems)
  return {
    title: htmlToLine(parsed.title).trim() || null,
    language: languageCode(parsed.language),
    ttlMinutes: parsed.ttlMinutes,
    normalised: { items: newest.items, skipped },
    overCap: newest.overCap,
  }
}

/** Runs on the calling thread: tests, and machines with a single core. */
export function inlineFeedProcessor(matchTopics: TopicMatcher): FeedProcessor {
  return { process: (job) => processFeed(job, matchTopics), close: async () => {} }
}

/**
 * At least two threads: a feed whose parse runs long (up to the parse deadline) then holds one while the others go on.
 * Beyond that, one per core beyond the first, at most 4.
 */
export function defaultWorkerCount(): number {
  return Math.max(2, Math.min(4, availableParallelism() - 1))
}

interface QueuedJob {
  id: number
  job: FeedJob & { bytes: Uint8Array<ArrayBuffer> }
  resolve: (output: FeedOutput) => void
  reject: (error: Error) => void
  deadline?: NodeJS.Timeout
}

interface PooledWorker {
  worker: Worker
  /** The one job this thread is on; a thread takes the next job only when it is free, so no job waits behind a slow one. */
  current: QueuedJob | null
}

/** Compiled (dist/), the worker is plain JavaScript; run from source, its thread first registers tsx's loader. */
const WORKER_URL = import.meta.url.endsWith('.js') ? new URL('./feed-worker.js', import.meta.url) : new URL('./feed-worker-entry.mjs', import.meta.url)
/** A pool whose workers keep dying without finishing a job gives up and parses on the main thread. */
const MAX_FAILURES_IN_A_ROW = 3
/**
 * Longest one feed may spend on a worker (decode, parse, normalise). The parse is linear in the document, and the
 * largest allowed document takes a few seconds, so a feed past this is hostile or hit a bug: its thread is stopped.
 */
export const PARSE_DEADLINE_MS = 30_000

export function workerFeedProcessor(topics: TopicConfig[], matchTopics: TopicMatcher, size: number, deadlineMs = PARSE_DEADLINE_MS): FeedProcessor {
  let nextId = 0
  let closing = false
  let failuresInARow = 0
  const inline = inlineFeedProcessor(matchTopics)
  const waiting: QueuedJob[] = []
  const dispatch = () => {
    for (const pooled of pool) {
      if (pooled.current || waiting.length === 0) continue
      const queued = waiting.shift()!
      pooled.current = queued
      pooled.worker.ref()
      pooled.worker.postMessage({ id: queued.id, job: queued.job }, [queued.job.bytes.buffer])
    }
  }
  /** A synchronous parse cannot be interrupted on its own thread: the thread is replaced, then stopped, and the feed fails. */
  const stopOverrun = (pooled: PooledWorker) => {
    const at = pool.indexOf(pooled)
    if (closing || at === -1) return
    pooled.current?.reject(new Error(`parse: not finished after ${deadlineMs / 1000} s (the parse time limit); the parser was stopped`))
    pooled.current = null
    pool[at] = spawn() // first, so that the stopped thread's exit is not counted as a worker failure
    void pooled.worker.terminate()
    dispatch()
  }
  const spawn = (): PooledWorker => {
    const worker = new Worker(WORKER_URL, { workerData: { topics } })
    const pooled: PooledWorker = { worker, current: null }
    worker.on('message', (msg: { id: number; started?: true; output?: FeedOutput; error?: string }) => {
      // The deadline runs from the moment the thread starts on the job, not while a new thread loads the parser.
      if (msg.started) {
        if (pooled.current?.id === msg.id) pooled.current.deadline = setTimeout(() => stopOverrun(pooled), deadlineMs).unref()
        return
      }
      const done = pooled.current
      if (done?.id !== msg.id) return
      pooled.current = null
      clearTimeout(done.deadline)
      failuresInARow = 0
      worker.unref()
      if (msg.error !== undefined) done.reject(new Error(msg.error))
      else done.resolve(msg.output!)
      dispatch()
    })
    const fail = (err: Error) => {
      const at = pool.indexOf(pooled)
      if (at === -1) return // already replaced: a thread that errs also exits
      clearTimeout(pooled.current?.deadline)
      pooled.current?.reject(new Error(`parse: worker failed: ${err.message}`))
      pooled.current = null
      if (closing) return
      if (++failuresInARow <= MAX_FAILURES_IN_A_ROW) {
        pool[at] = spawn()
        dispatch()
      } else {
        pool.splice(at, 1)
        for (const queued of waiting.splice(0)) inline.process(queued.job).then(queued.resolve, queued.reject)
      }
    }
    worker.on('error', fail)
    worker.on('exit', (code) => code !== 0 && !closing && fail(new Error(`exited with code ${code}`)))
    worker.unref() // an idle pool must not keep a finished command alive; busy workers are ref'd in dispatch
    return pooled
  }
  const pool = Array.from({ length: size }, spawn)
  return {
    process(job) {
      if (failuresInARow > MAX_FAILURES_IN_A_ROW) return inline.process(job)
      // A private copy whose buffer can be handed over without copying again.
      const own = { ...job, bytes: Uint8Array.from(job.bytes) }
      return new Promise<FeedOutput>((resolve, reject) => {
        waiting.push({ id: nextId++, job: own, resolve, reject })
        dispatch()
      })
    },
    async close() {
      closing = true
      for (const queued of waiting.splice(0)) queued.reject(new Error('parse: the parser was stopped'))
      await Promise.all(pool.map((p) => p.worker.terminate()))
    },
  }
}

export function createFeedProcessor(topics: TopicConfig[], matchTopics: TopicMatcher, workers = defaultWorkerCount()): FeedProcessor {
  return workers > 0 ? workerFeedProcessor(topics, matchTopics, workers) : inlineFeedProcessor(matchTopics)
}
