// `newsbot start` and `newsbot poll` (without --once): keep polling due feeds on a one-minute clock.
import cron from 'node-cron'
import type { AppContext } from '../app/context.js'
import { configuredFeeds } from '../services/ingest.js'
import type { FeedPollResult } from '../services/poll-feed.js'
import { pollRounds, type RoundReport } from '../services/poll-rounds.js'
import { connectChat } from './chat.js'
import { createDelivery, resumeStoppedDeliveries, startDeliveryClock } from './delivery.js'
import { feedOutageWatch } from './feed-outage.js'

function logResult(ctx: AppContext, r: FeedPollResult): void {
  if (r.status === 'error') {
    ctx.log.warn(r.paused ? 'feed paused: failing too often or too long (newsbot feeds resume URL)' : 'feed failed', { feed: r.name, url: r.url, error: r.error })
  } else {
    const overCap = r.overCap > 0 ? { overCap: r.overCap, cap: ctx.ingest.maxItems } : {}
    ctx.log.info('feed polled', { feed: r.name, status: r.status, new: r.created, updated: r.updated, ...overCap, ms: r.durationMs })
  }
}

/** A round that started or clustered nothing (every minute when nothing is due) is not worth a line. */
function logRound(ctx: AppContext, { results, clustered, stillReading }: RoundReport): void {
  if (results.length === 0 && clustered.items === 0 && stillReading === 0) return
  ctx.log.info('poll round done', {
    feeds: results.length,
    new: results.reduce((n, r) => n + r.created, 0),
    failed: results.filter((r) => r.status === 'error').length,
    overCap: results.reduce((n, r) => n + r.overCap, 0),
    stillReading,
    clustered: clustered.items,
    newStories: clustered.storiesCreated,
  })
}

/** Resolves at SIGINT or SIGTERM: long-running commands stop cleanly on either. */
export function untilStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}

/** Runs until SIGINT/SIGTERM; resolves with the exit code. */
export async function runPoller(ctx: AppContext, mode: 'start' | 'poll'): Promise<number> {
  // The context holds the store's write lock: no other process polls, clusters or delivers meanwhile.
  await resumeStoppedDeliveries(ctx)
  const feeds = await ctx.store.feeds.sync(configuredFeeds(ctx.config.feeds))
  ctx.log.info('newsbot started', { store: ctx.store.kind, feeds: feeds.length, topics: ctx.config.topics.map((t) => t.id).join(',') })
  // A library failing in a callback (a malformed gateway payload, say) must not take the bot down with it.
  const logRejection = (reason: unknown) => ctx.log.error('unhandled failure', { error: reason instanceof Error ? reason : String(reason) })
  process.on('unhandledRejection', logRejection)
  const chat = mode === 'start' ? await connectChat(ctx) : null
  const rounds = pollRounds(ctx)
  const outage = feedOutageWatch(ctx.log)
  const tick = () =>
    void rounds.round((r) => logResult(ctx, r)).then(
      (report) => {
        logRound(ctx, report)
        outage(report.results)
      },
      (err: Error) => ctx.log.error('poll round failed', { error: err }),
    )
  const task = cron.schedule('* * * * *', tick, { name: 'poll-feeds', noOverlap: true })
  tick()
  // Digests and alerts go out from `start` only: `poll` never talks to chat.
  const clock = mode === 'start' ? startDeliveryClock(ctx, await createDelivery(ctx)) : null
  await untilStopSignal()
  ctx.log.info('stopping: waiting for the feeds being read')
  await task.destroy()
  await clock?.stop()
  await chat?.stop()
  await rounds.settled()
  process.off('unhandledRejection', logRejection)
  return 0
}
