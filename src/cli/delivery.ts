// Scheduled delivery as the CLI runs it: senders (the platforms that have tokens, and the console, which prints),
// the planner and the sender wired to the app context, `newsbot deliver` (plan and send what is due now, once) and
// `newsbot subscriptions`.
import type { AppContext } from '../app/context.js'
import { storeCeasefireSource } from '../services/delivery/ceasefire-source.js'
import { startClock, type Clock } from '../services/delivery/clock.js'
import { nextDelivery } from '../services/delivery/local-time.js'
import { planDue, type PlanDeps } from '../services/delivery/plan.js'
import type { Senders } from '../services/delivery/platform.js'
import { sendDue, type SendDeps } from '../services/delivery/send-outbox.js'
import { createConsoleSender } from '../8-deliver/console/sender.js'
import { print, table } from './format.js'
import { readDate } from '../../commands/shared.js'
import { filterParts } from '../../commands/subscription-filters.js'
import { UsageError } from './ingest-commands.js'

/** Senders for the platforms that have tokens (a platform's SDK is loaded only then), and the console's, which prints. */
export async function createSenders(ctx: AppContext, printConsole: (text: string) => void = print): Promise<Senders> {
  const { env, log } = ctx
  const senders: Senders = { console: createConsoleSender(printConsole) }
  if (env.DISCORD_TOKEN) {
    const { createDiscordSender } = await import('../8-deliver/discord/sender.js')
    senders.discord = createDiscordSender({ token: env.DISCORD_TOKEN, api: env.DISCORD_API_URL, globalRequestsPerSecond: env.DISCORD_GLOBAL_RPS, log })
  }
  if (env.SLACK_BOT_TOKEN) {
    const { createSlackSender } = await import('../8-deliver/slack/sender.js')
    senders.slack = createSlackSender({ token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL, log })
  }
  return senders
}

export interface Delivery {
  plan: PlanDeps
  send: SendDeps
  concurrency: number
}

export async function createDelivery(ctx: AppContext, printConsole?: (text: string) => void): Promise<Delivery> {
  const { env } = ctx
  const crashAt = env.NEWSBOT_CRASH_AT
  return {
    plan: {
      store: ctx.store,
      digest: ctx.digest,
      topics: ctx.config.topics,
      log: ctx.log,
      catchUpMs: env.NEWSBOT_DIGEST_CATCH_UP_HOURS * 3_600_000,
      ceasefire: storeCeasefireSource(ctx.store),
      admin: env.NEWSBOT_ADMIN_CHANNEL ? { ...env.NEWSBOT_ADMIN_CHANNEL, lang: env.NEWSBOT_ADMIN_LANG } : null,
    },
    send: {
      store: ctx.store,
      senders: await createSenders(ctx, printConsole),
      log: ctx.log,
      leaseMs: env.NEWSBOT_DELIVERY_LEASE_SECONDS * 1000,
      // Crash-recovery tests: die on the spot, as a power cut would, at the chosen step.
      ...(crashAt && { crash: (point: string) => void (point === crashAt && process.kill(process.pid, 'SIGKILL')) }),
    },
    concurrency: env.NEWSBOT_DELIVERY_CONCURRENCY,
  }
}

/** Plans what is due now and sends everything waiting; returns the counts. */
export async function deliverDue(delivery: Delivery, now = new Date()) {
  const planned = await planDue(delivery.plan, now)
  const sent = await sendDue(delivery.send, delivery.concurrency)
  return { planned, sent }
}

/** The single-process clock (`newsbot start`): plan and send every minute. */
export function startDeliveryClock(ctx: AppContext, delivery: Delivery): Clock {
  return startClock('digest-clock', async (now) => {
    const { sent } = await deliverDue(delivery, now)
    if (sent.sent + sent.failed + sent.retry > 0) ctx.log.info('delivery round done', { ...sent })
  }, ctx.log)
}

/**
 * With SQLite, the process holding the store's write lock is the only sender: leases left by a process that died
 * are void. (Workers on PostgreSQL take over a dead sender's messages when its lease runs out.)
 */
export async function resumeStoppedDeliveries(ctx: AppContext): Promise<void> {
  if (ctx.store.kind !== 'sqlite') return
  const released = await ctx.store.outbox.releaseLeases()
  if (released > 0) ctx.log.info('delivery: resuming messages a stopped process had started', { messages: released })
}

/** `newsbot deliver`: what `start` does each minute, once. */
export async function deliverOnce(ctx: AppContext, opts: { json?: boolean; at?: string }): Promise<number> {
  const at = opts.at === undefined ? new Date() : readDate(opts.at)
  if (!at) throw new UsageError(`--at: "${opts.at}" is not an ISO 8601 time`)
  await resumeStoppedDeliveries(ctx)
  // With --json the console's digests go into the JSON (as "console") rather than around it.
  const printed: string[] = []
  const delivery = await createDelivery(ctx, opts.json ? (text) => printed.push(text) : undefined)
  // --at shifts the whole run's clock, so that what it plans is also due for sending.
  const offset = at.getTime() - Date.now()
  if (offset !== 0) delivery.send.now = () => new Date(Date.now() + offset)
  const result = await deliverDue(delivery, at)
  if (opts.json) print(JSON.stringify({ ...result, console: printed }))
  else print(table(['planned digests', 'story alerts', 'ceasefire alerts', 'feed pauses', 'sent', 'to retry', 'failed'], [[result.planned.digests, result.planned.storyAlerts, result.planned.ceasefireAlerts, result.planned.feedPauses, result.sent.sent, result.sent.retry, result.sent.failed]]))
  return result.sent.failed > 0 ? 1 : 0
}

/** `newsbot subscriptions`: every channel's subscriptions, with alerts, state (paused and why) and next delivery. */
export async function listSubscriptions(ctx: AppContext, opts: { json?: boolean }): Promise<number> {
  const now = new Date()
  const subs = await ctx.store.subscriptions.listAll()
  const rows = subs.map((s) => ({
    id: s.id,
    platform: s.platform,
    channel: s.channelKey,
    topic: s.topic,
    time: s.time,
    timezone: s.timezone,
    lang: s.lang,
    alerts: { stories: s.storyAlerts, minOutlets: s.alertMinOutlets, ceasefire: s.ceasefireAlerts },
    filters: s.filters,
    state: s.pausedAt ? 'paused' : 'active',
    pausedReason: s.pausedReason,
    pausedAt: s.pausedAt?.toISOString() ?? null,
    nextDelivery: s.pausedAt ? null : nextDelivery(s.time, s.timezone, now).toISOString(),
  }))
  if (opts.json) {
    print(JSON.stringify({ subscriptions: rows }, null, 2))
    return 0
  }
  if (rows.length === 0) {
    print('No subscriptions yet: use /subscribe in a Discord or Slack channel, or `newsbot run subscribe` to have `newsbot start` print them in the terminal.')
    return 0
  }
  const alerts = (r: (typeof rows)[number]) => [r.alerts.stories ? `stories ${r.alerts.minOutlets}+` : '', r.alerts.ceasefire ? 'ceasefire' : ''].filter(Boolean).join(', ') || 'off'
  print(table(
    ['id', 'channel', 'topic', 'schedule', 'alerts', 'filters', 'state', 'next'],
    rows.map((r) => [r.id, r.channel, r.topic, `${r.time} ${r.timezone} ${r.lang}`, alerts(r), filterParts(r.filters, 'en').join('; ') || '-', r.state === 'paused' ? `paused: ${r.pausedReason}` : 'active', r.nextDelivery ?? '-']),
  ))
  return 0
}
