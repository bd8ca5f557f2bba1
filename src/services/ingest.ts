// Polling services: every feed, the feeds that are due, or ad-hoc sources given on the command line.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { HostQueue, type HostQueueOptions } from '../1-fetch/host-queue.js'
import { UNKNOWN_KIND, type FeedConfig } from '../config/app-config.js'
import type { FeedInput, FeedRecord, Store } from '../7-store/types.js'
import { clusterPending, type ClusterDeps } from './cluster-stories.js'
import { AD_HOC_ORIGIN, pollFeed, type FeedPollResult, type PollDeps } from './poll-feed.js'
import { redactSecrets } from '../redact.js'

export interface IngestDeps extends PollDeps {
  hostQueue: HostQueueOptions
  onProgress?: (done: number, total: number, last: FeedPollResult) => void
}

/** Polls the feeds side by side, politely per host (`hosts`: a queue shared with feeds polled at the same time). */
export async function pollFeeds(feeds: FeedRecord[], deps: IngestDeps, hosts = new HostQueue(deps.hostQueue)): Promise<FeedPollResult[]> {
  let done = 0
  return Promise.all(
    feeds.map(async (feed) => {
      const result = await pollFeed(feed, deps, hosts)
      deps.onProgress?.(++done, feeds.length, result)
      return result
    }),
  )
}

export function configuredFeeds(feeds: FeedConfig[]): FeedInput[] {
  return feeds.map(({ name, url, language, country, kind, pollMinutes }) => ({
    name,
    url,
    language,
    country,
    kind,
    pollMinutes: pollMinutes ?? null,
    origin: 'config',
  }))
}

/** Feeds whose next poll time has come (or that were never polled); a paused feed waits to be resumed. */
export function dueFeeds(feeds: FeedRecord[], now: Date): FeedRecord[] {
  return feeds.filter((f) => !f.pausedAt && (!f.nextPollAt || f.nextPollAt.getTime() <= now.getTime()))
}

export class SourceError extends Error {
  override name = 'SourceError'
}

/**
 * A command-line source (http(s) URL or local file) as a feed of unknown kind; unknown languages are detected per
 * item. Until its first read names it (see ownName), it goes by its URL or file name.
 */
export function sourceToFeed(source: string): FeedInput {
  const adHoc = (url: string, name: string): FeedInput => ({ url, name, language: null, country: null, kind: UNKNOWN_KIND, pollMinutes: null, origin: AD_HOC_ORIGIN })
  if (/^https?:\/\//i.test(source)) {
    if (!URL.canParse(source)) throw new SourceError(`ingest: ${source} is not a valid URL`)
    return adHoc(source, redactSecrets(source)) // the name is shown everywhere, the URL only fetched
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw new SourceError(`ingest: only http(s) URLs and local files are supported, not ${source}`)
  const file = path.resolve(source)
  if (!existsSync(file)) throw new SourceError(`ingest: no such file: ${source}`)
  return adHoc(pathToFileURL(file).toString(), path.basename(file))
}

/**
 * `newsbot ingest`: the given sources read as if they were configured (a source seen before keeps its feed record),
 * then clustered. A source that cannot be a feed (no such file, a bad URL) is reported as a failed result; the others
 * are still read.
 */
export async function ingestSources(
  deps: { store: Store; ingest: IngestDeps; cluster: ClusterDeps },
  sources: string[],
  onProgress?: IngestDeps['onProgress'],
): Promise<FeedPollResult[]> {
  const feeds: FeedRecord[] = []
  const refused: FeedPollResult[] = []
  for (const source of sources) {
    try {
      const input = sourceToFeed(source)
      feeds.push((await deps.store.feeds.findByUrl(input.url)) ?? (await deps.store.feeds.sync([input]))[0]!)
    } catch (err) {
      if (!(err instanceof SourceError)) throw err
      refused.push({ feedId: 0, url: source, name: source, status: 'error', created: 0, updated: 0, unchanged: 0, skipped: 0, overCap: 0, error: err.message, durationMs: 0 })
    }
  }
  const polled = await pollFeeds(feeds, { ...deps.ingest, onProgress })
  await clusterPending(deps.cluster)
  return [...refused, ...polled]
}
