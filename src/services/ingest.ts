// Polling services: every feed, the feeds that are due, or ad-hoc sources given on the command line.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { runPerHost, type HostQueueOptions } from '../1-fetch/host-queue.js'
import type { FeedConfig } from '../config/app-config.js'
import type { FeedInput, FeedRecord } from '../7-store/types.js'
import { pollFeed, type FeedPollResult, type PollDeps } from './poll-feed.js'

export interface IngestDeps extends PollDeps {
  hostQueue: HostQueueOptions
  onProgress?: (done: number, total: number, last: FeedPollResult) => void
}

export async function pollFeeds(feeds: FeedRecord[], deps: IngestDeps): Promise<FeedPollResult[]> {
  let done = 0
  return runPerHost(
    feeds,
    (feed) => feed.url,
    async (feed) => {
      const result = await pollFeed(feed, deps)
      deps.onProgress?.(++done, feeds.length, result)
      return result
    },
    deps.hostQueue,
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

/** Feeds whose next poll time has come (or that were never polled). */
export function dueFeeds(feeds: FeedRecord[], now: Date): FeedRecord[] {
  return feeds.filter((f) => !f.nextPollAt || f.nextPollAt.getTime() <= now.getTime())
}

export class SourceError extends Error {
  override name = 'SourceError'
}

/** A command-line source (http(s) URL or local file) as a feed; unknown languages are detected per item. */
export function sourceToFeed(source: string): FeedInput {
  if (/^https?:\/\//i.test(source)) {
    let host: string
    try {
      host = new URL(source).host
    } catch {
      throw new SourceError(`ingest: ${source} is not a valid URL`)
    }
    return { url: source, name: host, language: null, country: null, kind: 'blog', pollMinutes: null, origin: 'cli' }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw new SourceError(`ingest: only http(s) URLs and local files are supported, not ${source}`)
  const file = path.resolve(source)
  if (!existsSync(file)) throw new SourceError(`ingest: no such file: ${source}`)
  return { url: pathToFileURL(file).toString(), name: path.basename(file), language: null, country: null, kind: 'blog', pollMinutes: null, origin: 'cli' }
}
