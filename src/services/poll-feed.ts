// One feed through the pipeline: fetch → parse → normalise → store, with the outcome recorded on the feed
// (validators, next poll time, backoff, last error, and a pause once it has failed too often or too long). A failure
// stays with its feed; it never throws.
import { readFile } from 'node:fs/promises'
import type { HostQueue } from '../1-fetch/host-queue.js'
import { fetchFeed, FetchError, type FetchOptions, type FetchOutcome } from '../1-fetch/http-client.js'
import { changesFacts } from '../5-cluster/headline-facts.js'
import type { FeedRecord, Store } from '../7-store/types.js'
import type { FeedOutput, FeedProcessor } from './feed-processor.js'
import { pauseRule, type PausePolicy } from './feed-health.js'
import { tagChannelTopics } from './channel-topics.js'

/** The origin of feeds read with `newsbot ingest`, which nobody has named or classified. */
export const AD_HOC_ORIGIN = 'cli'

export interface PollDeps {
  store: Store
  fetchOptions: FetchOptions
  processor: FeedProcessor
  /** Normal time between polls of one feed. */
  intervalMinutes: number
  /** Items kept from one read of a feed (NEWSBOT_FEED_MAX_ITEMS), newest first. */
  maxItems: number
  /** When a failing feed stops being polled until someone resumes it. */
  pauseAfter: PausePolicy
  now?: () => Date
}

export interface FeedPollResult {
  feedId: number
  url: string
  name: string
  status: 'ok' | 'not-modified' | 'error'
  created: number
  updated: number
  unchanged: number
  skipped: number
  /** Items the feed gave beyond maxItems (the oldest), left out. */
  overCap: number
  error: string | null
  durationMs: number
  /** This failure paused the feed. */
  paused?: true
}

const MAX_BACKOFF_MS = 24 * 3600_000

/** Exponential backoff from the poll interval: 1×, 2×, 4× … capped at a day, or longer if the server asked. */
export function backoffUntil(at: Date, failures: number, intervalMinutes: number, retryAfterSeconds?: number): Date {
  const exponential = Math.min(intervalMinutes * 60_000 * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS)
  return new Date(at.getTime() + Math.max(exponential, (retryAfterSeconds ?? 0) * 1000))
}

/**
 * What an ad-hoc feed is called once read: its own title, else the host most of its items link to. Outlets are told
 * apart by name, so ten feeds served from one host (or ten local files) stay ten outlets, as configured feeds are.
 */
export function ownName(output: FeedOutput): string | null {
  if (output.title) return output.title
  const hosts = new Map<string, number>()
  for (const item of output.normalised.items) {
    const host = new URL(item.url).hostname.replace(/^www\./, '')
    hosts.set(host, (hosts.get(host) ?? 0) + 1)
  }
  return [...hosts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

async function readSource(feed: FeedRecord, deps: PollDeps): Promise<FetchOutcome> {
  if (feed.url.startsWith('file:')) {
    const bytes = await readFile(new URL(feed.url)).catch((err: NodeJS.ErrnoException) => {
      throw new FetchError(`cannot read ${new URL(feed.url).pathname}: ${err.code ?? err.message}`)
    })
    return { status: 'ok' as const, finalUrl: feed.url, bytes, contentType: null, etag: null, lastModified: null }
  }
  return fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, deps.fetchOptions)
}

/** What a read added to the feed's poll result. */
type ReadOutcome = Partial<Pick<FeedPollResult, 'status' | 'name' | 'created' | 'updated' | 'unchanged' | 'skipped' | 'overCap'>>

/** Parses and stores what was read, and records the outcome on the feed. */
async function storeRead(feed: FeedRecord, fetched: FetchOutcome, started: Date, deps: PollDeps): Promise<ReadOutcome> {
  const now = deps.now ?? (() => new Date())
  let minIntervalSeconds = feed.minIntervalSeconds
  let name: string | null = null
  let outcome: ReadOutcome = { status: 'not-modified' }
  if (fetched.status === 'ok') {
    const output = await deps.processor.process({
      bytes: fetched.bytes,
      contentType: fetched.contentType,
      feedUrl: fetched.finalUrl,
      configuredLanguage: feed.language,
      fetchedAt: started,
      maxItems: deps.maxItems,
    })
    const { ttlMinutes, normalised } = output
    // Named once: a later title change would split one outlet's stories between two names.
    if (feed.origin === AD_HOC_ORIGIN && feed.lastSuccessAt === null) name = ownName(output)
    minIntervalSeconds = ttlMinutes ? ttlMinutes * 60 : null
    // The first successful read of a feed is its back catalogue, not breaking news.
    const counts = await deps.store.items
      .upsert(feed.id, normalised.items, { backfill: feed.lastSuccessAt === null, seenAt: started })
      .catch((err: Error) => Promise.reject(new Error(`store: ${err.message.trim().split('\n').pop()}`)))
    outcome = { status: 'ok', created: counts.created, updated: counts.updated, unchanged: counts.unchanged, skipped: normalised.skipped.length, overCap: output.overCap }
    // Channel topics (issue 18) tag new items here, not in the parse workers, which know only the shipped topics. A pass
    // that fails leaves the topics' taggedThrough where it was, so the next poll's pass tags these items; the feed is fine.
    if (counts.created > 0) await tagChannelTopics(deps.store).catch(() => undefined)
    for (const { storyId, before, after } of counts.retitled) {
      if (changesFacts(before, after)) await deps.store.stories.markUpdated(storyId, started, `headline changed: ${after}`)
    }
  }
  const at = now()
  const intervalMs = Math.max((feed.pollMinutes ?? deps.intervalMinutes) * 60_000, (minIntervalSeconds ?? 0) * 1000)
  await deps.store.feeds.recordSuccess(feed.id, {
    at,
    status: fetched.status,
    etag: fetched.status === 'ok' ? fetched.etag : null,
    lastModified: fetched.status === 'ok' ? fetched.lastModified : null,
    minIntervalSeconds,
    nextPollAt: new Date(at.getTime() + intervalMs),
    ...(name ? { name } : {}),
  })
  return name ? { ...outcome, name } : outcome
}

/** One feed, read in its host's turn (`hosts`); parsing and storing do not hold up the host's next request. */
export async function pollFeed(feed: FeedRecord, deps: PollDeps, hosts: HostQueue): Promise<FeedPollResult> {
  const now = deps.now ?? (() => new Date())
  const started = now()
  const result: FeedPollResult = {
    feedId: feed.id,
    url: feed.url,
    name: feed.name,
    status: 'ok',
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    overCap: 0,
    error: null,
    durationMs: 0,
  }
  try {
    Object.assign(result, await hosts.run(feed.url, () => readSource(feed, deps), (fetched) => storeRead(feed, fetched, started, deps)))
  } catch (err) {
    const at = now()
    result.status = 'error'
    result.error = err instanceof Error ? err.message : String(err)
    const retryAfter = err instanceof FetchError ? err.retryAfterSeconds : undefined
    const failures = feed.consecutiveFailures + 1
    // A feed read while paused (`newsbot ingest` of its URL) stays in the pause it had: one pause, told once.
    const pause = feed.pausedAt ? null : pauseRule(feed, failures, at, deps.pauseAfter)
    await deps.store.feeds.recordFailure(feed.id, {
      at,
      error: result.error,
      nextPollAt: backoffUntil(at, failures, feed.pollMinutes ?? deps.intervalMinutes, retryAfter),
      ...(pause && { pauseReason: pause }),
    })
    if (pause) result.paused = true
  }
  result.durationMs = now().getTime() - started.getTime()
  return result
}
