// `newsbot worker`: one of any number of processes, on one machine or many, sharing a PostgreSQL store. The work
// is pg-boss jobs: a clock job once a minute across the cluster (every worker offers it; a throttled send lets one
// through) plans due digests and alerts and hands out due feed polls and deliveries as jobs; each job is taken by
// one worker; clustering is one job at a time cluster-wide (its decisions depend on each other). A worker killed
// mid-job has the job retried elsewhere once it expires; the outbox lease and key make a retried delivery safe.
import cron from 'node-cron'
import type { AppContext } from '../app/context.js'
import { openJobQueue, type JobQueue } from '../7-store/job-queue.js'
import { clusterPending } from '../services/cluster-stories.js'
import { planDue } from '../services/delivery/plan.js'
import { interleaveByPlatform, sendOutboxMessage } from '../services/delivery/send-outbox.js'
import { configuredFeeds, dueFeeds, pollFeeds } from '../services/ingest.js'
import { connectChat } from './chat.js'
import { createDelivery } from './delivery.js'
import { UsageError } from './ingest-commands.js'
import { untilStopSignal } from './start.js'

const Q = { clock: 'newsbot-clock', poll: 'newsbot-poll-feed', cluster: 'newsbot-cluster', deliver: 'newsbot-deliver' } as const
const CLOCK_SLOT_SECONDS = 60

class StillHeld extends Error {}

async function registerHandlers(ctx: AppContext, jobs: JobQueue): Promise<void> {
  const delivery = await createDelivery(ctx)
  const concurrency = delivery.concurrency

  // Everything waiting to go out becomes a job: just planned, retries now due, messages a dead worker held (lease
  // run out). The singleton key keeps one queued job per message however often this runs.
  const handOut = async () => {
    const due = interleaveByPlatform(await ctx.store.outbox.due(new Date(), 10_000))
    for (let i = 0; i < due.length; i += 50) await Promise.all(due.slice(i, i + 50).map(({ id }) => jobs.send(Q.deliver, { id }, { key: String(id) })))
  }

  await jobs.work(Q.clock, 1, async () => {
    const now = new Date()
    await planDue(delivery.plan, now, handOut)
    await handOut()
    for (const feed of dueFeeds(await ctx.store.feeds.list(), now)) await jobs.send(Q.poll, { feedId: feed.id }, { key: String(feed.id) })
    // Also with no feed due: items a worker stored and died before clustering wait for no new item.
    await jobs.send(Q.cluster, {}, { key: 'cluster' })
  })

  await jobs.work<{ id: number }>(Q.deliver, concurrency, async ({ id }) => {
    const outcome = await sendOutboxMessage(delivery.send, id)
    if (outcome !== 'busy') return
    // Held by another sender: done if that one finishes; if it died, retrying this job after its lease runs out sends it.
    const [entry] = await ctx.store.outbox.list({ id })
    // (A message waiting out a retry backoff is not held: the clock hands it out again when it is due.)
    const open = entry && (entry.state === 'planned' || entry.state === 'sending')
    if (open && entry.nextAttemptAt <= new Date()) throw new StillHeld(`outbox message ${id} is held by another sender`)
  })

  await jobs.work<{ feedId: number }>(Q.poll, Math.max(1, ctx.env.NEWSBOT_FETCH_CONCURRENCY), async ({ feedId }) => {
    const feed = (await ctx.store.feeds.list()).find((f) => f.id === feedId)
    if (!feed || !dueFeeds([feed], new Date()).length) return
    const [result] = await pollFeeds([feed], ctx.ingest)
    if (result && result.created + result.updated > 0) await jobs.send(Q.cluster, {}, { key: 'cluster' })
    ctx.log.info('feed polled', { feed: feed.name, status: result?.status, new: result?.created ?? 0, ...(result?.overCap ? { overCap: result.overCap } : {}) })
  })

  await jobs.work(Q.cluster, 1, async () => {
    const run = await clusterPending(ctx.cluster)
    if (run.items > 0) ctx.log.info('clustered', { items: run.items, newStories: run.storiesCreated })
  })
}

/** Runs until SIGINT/SIGTERM. */
export async function runWorker(ctx: AppContext, opts: { chat?: boolean } = {}): Promise<number> {
  if (ctx.store.kind !== 'postgres') {
    throw new UsageError('worker: `newsbot worker` shares work through PostgreSQL; set DATABASE_URL=postgresql://… (with SQLite, run one `newsbot start`)')
  }
  await ctx.store.feeds.sync(configuredFeeds(ctx.config.feeds))
  const jobs = await openJobQueue(
    ctx.env.DATABASE_URL,
    [
      { name: Q.clock, policy: 'stately', retryLimit: 0, retryDelaySeconds: 1 },
      { name: Q.deliver, policy: 'short', retryLimit: 50, retryDelaySeconds: 2 },
      { name: Q.poll, policy: 'short', retryLimit: 1, retryDelaySeconds: 30 },
      { name: Q.cluster, policy: 'stately', retryLimit: 3, retryDelaySeconds: 5 },
    ],
    { expireSeconds: ctx.env.NEWSBOT_JOB_EXPIRE_SECONDS, pollSeconds: ctx.env.NEWSBOT_JOB_POLL_SECONDS, onError: (error) => ctx.log.warn('jobs: error', { error }) },
  )
  await registerHandlers(ctx, jobs)
  // Every worker offers the clock job each minute; the throttle lets one per minute through across the cluster.
  const offerClock = () => void jobs.send(Q.clock, {}, { key: 'clock', throttleSeconds: CLOCK_SLOT_SECONDS }).catch((error: Error) => ctx.log.warn('jobs: clock offer failed', { error }))
  const task = cron.schedule('* * * * *', offerClock, { name: 'clock-offer', noOverlap: true })
  offerClock()
  const chat = opts.chat ? await connectChat(ctx) : null
  ctx.log.info('worker started', { pid: process.pid, chat: chat ? chat.platforms.join(', ') || 'off' : 'off' })
  await untilStopSignal()
  ctx.log.info('worker stopping: finishing running jobs')
  await task.destroy()
  await chat?.stop()
  await jobs.stop()
  return 0
}
