// CLI controllers for ingestion: poll, ingest, items, feeds. Thin: parse options, call a service, print.
import type { AppContext } from '../app/context.js'
import type { FeedRecord } from '../7-store/types.js'
import { clusterPending } from '../services/cluster-stories.js'
import { configuredFeeds, ingestSources, pollFeeds } from '../services/ingest.js'
import type { FeedPollResult } from '../services/poll-feed.js'
import { print, progress, table, truncate } from './format.js'
import { localTime, machineTimeZone } from '../8-deliver/console/time-zone.js'
import { readDate } from '../../commands/shared.js'
import { redactSecrets } from '../redact.js'
import { pausedWhy, storedFeedUrl } from '../services/feed-health.js'

export class UsageError extends Error {
  override name = 'UsageError'
}

const printJson = (value: unknown) => print(JSON.stringify(value, null, 2))

export function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const date = readDate(value)
  if (!date) throw new UsageError(`--since: "${value}" is not a date (use YYYY-MM-DD or an ISO 8601 time)`)
  return date
}

export function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: "${value}" is not a positive whole number`)
  return limit
}

export function checkTopic(ctx: AppContext, topic: string | undefined): string | undefined {
  if (topic === undefined) return undefined
  const known = ctx.config.topics.map((t) => t.id)
  if (!known.includes(topic)) throw new UsageError(`--topic: unknown topic "${topic}" (known: ${known.join(', ')})`)
  return topic
}

async function pollWithProgress(ctx: AppContext, feeds: FeedRecord[]): Promise<FeedPollResult[]> {
  const bar = progress('polling')
  const results = await pollFeeds(feeds, { ...ctx.ingest, onProgress: (done, total, last) => bar.update(done, total, last.name) })
  bar.end()
  await clusterPending(ctx.cluster)
  return results
}

function pollJson(results: FeedPollResult[]) {
  return {
    feeds: results.map((r) => ({
      url: redactSecrets(r.url),
      name: r.name,
      status: r.status,
      new: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      skipped: r.skipped,
      overCap: r.overCap,
      error: r.error,
      durationMs: r.durationMs,
    })),
  }
}

/**
 * One row per feed; `withUrl` for ad-hoc feeds, whose name (the feed's own title) may not say where it was read. The
 * items a feed gave beyond the cap (`maxItems`) get a column when there are any.
 */
function pollTable(results: FeedPollResult[], maxItems: number, { withUrl = false } = {}): string {
  const overCap = results.reduce((n, r) => n + r.overCap, 0)
  const rows = results.map((r) => [
    truncate(r.name, 36),
    ...(withUrl ? [redactSecrets(r.url)] : []),
    r.status === 'not-modified' ? '304' : r.status,
    r.created,
    r.updated,
    ...(overCap > 0 ? [r.overCap] : []),
    r.error ? truncate(r.error, 70) : '',
  ])
  const failed = results.filter((r) => r.status === 'error').length
  const created = results.reduce((n, r) => n + r.created, 0)
  const headers = ['feed', ...(withUrl ? ['url'] : []), 'status', 'new', 'updated', ...(overCap > 0 ? ['over cap'] : []), 'error']
  const capped = overCap > 0 ? `; ${overCap} older items left out (at most ${maxItems} per feed and poll: NEWSBOT_FEED_MAX_ITEMS)` : ''
  return `${table(headers, rows)}\n\n${results.length} feeds, ${created} new items, ${failed} failed${capped}`
}

export async function pollOnce(ctx: AppContext, opts: { json?: boolean }): Promise<number> {
  // A paused feed waits for `newsbot feeds resume`, here too.
  const feeds = (await ctx.store.feeds.sync(configuredFeeds(ctx.config.feeds))).filter((f) => !f.pausedAt)
  const results = await pollWithProgress(ctx, feeds)
  if (opts.json) printJson(pollJson(results))
  else print(pollTable(results, ctx.ingest.maxItems))
  return 0 // unreachable feeds are normal life for a poller; `newsbot feeds` shows them
}

export async function ingest(ctx: AppContext, sources: string[], opts: { json?: boolean }): Promise<number> {
  const bar = progress('polling')
  const results = await ingestSources(ctx, sources, (done, total, last) => bar.update(done, total, last.name))
  bar.end()
  if (opts.json) printJson(pollJson(results))
  else print(pollTable(results, ctx.ingest.maxItems, { withUrl: true }))
  return results.some((r) => r.status === 'error') ? 1 : 0
}

export async function listItems(ctx: AppContext, opts: { topic?: string; since?: string; limit?: string; json?: boolean }): Promise<number> {
  const items = await ctx.store.items.list({ topic: checkTopic(ctx, opts.topic), since: parseSince(opts.since), limit: parseLimit(opts.limit) })
  if (opts.json) {
    printJson({
      items: items.map((i) => ({
        url: i.url,
        title: i.title,
        source: i.source,
        language: i.language,
        publishedAt: i.publishedAt.toISOString(),
        topics: i.topics,
      })),
    })
    return 0
  }
  const rows = items.map((i) => [localTime(i.publishedAt), i.language, truncate(i.source, 22), truncate(i.title, 70), i.topics.join(',')])
  print(`${table([`published (${machineTimeZone()})`, 'lang', 'source', 'title', 'topics'], rows)}\n\n${items.length} items`)
  return 0
}

export async function feedHealth(ctx: AppContext, opts: { json?: boolean }): Promise<number> {
  const feeds = await ctx.store.feeds.list()
  if (opts.json) {
    printJson({
      feeds: feeds.map((f) => ({
        url: redactSecrets(f.url),
        name: f.name,
        language: f.language,
        country: f.country,
        kind: f.kind,
        origin: f.origin,
        status: f.lastStatus ?? 'never polled',
        lastError: f.lastError,
        consecutiveFailures: f.consecutiveFailures,
        lastPolledAt: f.lastPolledAt?.toISOString() ?? null,
        lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null,
        nextPollAt: f.nextPollAt?.toISOString() ?? null,
        pausedAt: f.pausedAt?.toISOString() ?? null,
        paused: f.pausedAt ? pausedWhy(f, 'en') : null,
        items: f.itemCount,
      })),
    })
    return 0
  }
  const rows = feeds.map((f) => [
    truncate(f.name, 32),
    f.language ?? '-',
    f.kind,
    f.pausedAt ? 'paused' : (f.lastStatus ?? 'never polled'),
    f.consecutiveFailures,
    localTime(f.lastSuccessAt),
    f.pausedAt ? 'until resumed' : localTime(f.nextPollAt),
    f.itemCount,
    f.lastError ? truncate(f.lastError, 60) : '',
  ])
  const failing = feeds.filter((f) => f.lastStatus === 'error').length
  const paused = feeds.filter((f) => f.pausedAt).map((f) => `\n${f.name}: ${pausedWhy(f, 'en')}; resume with: newsbot feeds resume ${redactSecrets(f.url)}`)
  print(`${table(['feed', 'lang', 'kind', 'status', 'fails', 'last success', 'next poll', 'items', 'last error'], rows)}\n\n${feeds.length} feeds, ${failing} failing${paused.length ? `, ${paused.length} paused` : ''}; times in ${machineTimeZone()}${paused.join('')}`)
  return 0
}

/** `newsbot feeds resume URL`: /feeds resume in the terminal; a feed that is not paused (or not there) is a mistake, exit 2. */
export async function resumeFeedCommand(ctx: AppContext, url: string, opts: { json?: boolean }): Promise<number> {
  const feed = await ctx.store.feeds.resume(await storedFeedUrl(ctx.store, url), new Date())
  if (!feed) throw new UsageError(`feeds resume: no feed has the URL ${url} (newsbot feeds lists them)`)
  if (!feed.pausedAt) throw new UsageError(`feeds resume: "${feed.name}" is not paused (newsbot feeds shows how it is doing)`)
  if (opts.json) printJson({ resumed: { url: redactSecrets(feed.url), name: feed.name, pausedAt: feed.pausedAt.toISOString() } })
  else print(`Resumed "${feed.name}": the next poll round (within a minute of newsbot start or poll) reads it; if it fails again, it is paused again.`)
  return 0
}
