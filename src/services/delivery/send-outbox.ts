// The exactly-once sender. A message is taken from the outbox with a lease, its bodies go out one at a time and
// each is recorded as soon as the platform confirms it; the message is marked sent (with its digest history) only
// after the last. After a crash the one body that may be in doubt is looked up on the platform before it is sent
// again (Discord: also sent with the same nonce and enforce_nonce, which Discord deduplicates).
import type { Logger } from '../../log.js'
import type { OutboxEntry, Store } from '../../7-store/types.js'
import { NO_SUBSCRIPTION } from './feed-notices.js'
import { nonceFor, PermanentDeliveryError, type Senders } from './platform.js'

/** Points where crash tests kill the process (NEWSBOT_CRASH_AT); never set in production. */
export type CrashPoint = 'before-send' | 'after-send'

export interface SendDeps {
  store: Store
  senders: Senders
  log: Logger
  /** How long a sender holds a message per body; a dead sender's messages are taken over after this. */
  leaseMs: number
  crash?: (point: CrashPoint, entry: OutboxEntry, part: number) => void
  now?: () => Date
}

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'cancelled' | 'busy'

const MAX_BACKOFF_MS = 3_600_000
/** 30 s, 1 min, 2 min … at most an hour. */
export const backoffMs = (attempts: number): number => Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempts - 1))

const PAUSE_NOTICE = (reason: string) =>
  `newsbot paused this channel's digests and alerts: ${reason}. Fix the bot's access, then run /subscribe again to resume.`

export async function sendOutboxMessage(deps: SendDeps, id: number): Promise<SendOutcome> {
  const now = deps.now ?? (() => new Date())
  const lease = () => new Date(now().getTime() + deps.leaseMs)
  const claimed = await deps.store.outbox.claim(id, now(), lease())
  if (!claimed) return 'busy'
  const { entry, inDoubt } = claimed
  // A notice of no subscription (a paused feed) goes to its channel whatever that channel subscribes to.
  const subscription = entry.subscriptionId === NO_SUBSCRIPTION ? null : await deps.store.subscriptions.get(entry.subscriptionId)
  if (entry.subscriptionId !== NO_SUBSCRIPTION && (!subscription || subscription.pausedAt)) {
    await deps.store.outbox.close(id, 'cancelled', subscription ? `paused: ${subscription.pausedReason}` : 'unsubscribed')
    return 'cancelled'
  }
  const sender = deps.senders[entry.platform]
  if (!sender) {
    await deps.store.outbox.retryLater(id, `${entry.platform} is not connected (no token configured)`, new Date(now().getTime() + backoffMs(entry.attempts)))
    return 'retry'
  }
  const messageIds = [...entry.messageIds]
  try {
    for (let part = entry.partsSent; part < entry.bodies.length; part++) {
      const ref = { key: entry.key, part, nonce: nonceFor(entry.id, part), since: entry.sendingAt ?? now() }
      const already = inDoubt && part === entry.partsSent ? await sender.findSent(entry.channelId, entry.bodies[part], ref) : null
      if (already) deps.log.info('delivery: found on the platform after a restart, not sending again', { key: entry.key, part })
      deps.crash?.('before-send', entry, part)
      const messageId = already ?? (await sender.send(entry.channelId, entry.bodies[part], ref))
      deps.crash?.('after-send', entry, part)
      messageIds.push(messageId)
      await deps.store.outbox.partSent(id, part + 1, messageIds, lease())
    }
    await deps.store.outbox.markSent(id, now())
    deps.log.info('delivered', { key: entry.key, platform: entry.platform, channel: entry.channelId, messages: messageIds.length })
    return 'sent'
  } catch (err) {
    if (err instanceof PermanentDeliveryError) {
      await deps.store.outbox.close(id, 'failed', err.reason)
      if (!subscription) {
        deps.log.warn('delivery: channel refused a notice', { key: entry.key, platform: entry.platform, channel: entry.channelId, reason: err.reason })
        return 'failed'
      }
      const paused = await deps.store.subscriptions.pauseChannel(subscription.channelKey, err.reason, now())
      deps.log.warn('delivery: channel refused, subscriptions paused', { key: entry.key, channel: subscription.channelKey, reason: err.reason, paused })
      await sender.notice(entry.channelId, PAUSE_NOTICE(err.reason)).catch(() => undefined)
      return 'failed'
    }
    const message = err instanceof Error ? err.message : String(err)
    await deps.store.outbox.retryLater(id, message, new Date(now().getTime() + backoffMs(entry.attempts)))
    deps.log.warn('delivery: failed, will retry', { key: entry.key, attempt: entry.attempts, error: message })
    return 'retry'
  }
}

function byPlatform<T extends { platform: string }>(due: T[]): T[][] {
  const groups = new Map<string, T[]>()
  for (const d of due) groups.set(d.platform, [...(groups.get(d.platform) ?? []), d])
  return [...groups.values()]
}

/** Due messages taking turns by platform, so that a queue for one platform's rate limit does not hold up the other. */
export function interleaveByPlatform<T extends { platform: string }>(due: T[]): T[] {
  const queues = byPlatform(due)
  const out: T[] = []
  for (let i = 0; out.length < due.length; i++) for (const q of queues) if (i < q.length) out.push(q[i]!)
  return out
}

/** Sends everything due, `concurrency` messages at a time per platform; returns the outcomes by kind. */
export async function sendDue(deps: SendDeps, concurrency: number, limit = 10_000): Promise<Record<SendOutcome, number>> {
  const due = await deps.store.outbox.due((deps.now ?? (() => new Date()))(), limit)
  const outcomes: Record<SendOutcome, number> = { sent: 0, retry: 0, failed: 0, cancelled: 0, busy: 0 }
  // Each platform has its own limits: its own lanes, so Discord's global limit never slows Slack down.
  await Promise.all(
    byPlatform(due).map(async (ids) => {
      let next = 0
      const lane = async () => {
        while (next < ids.length) outcomes[await sendOutboxMessage(deps, ids[next++]!.id)]++
      }
      await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, lane))
    }),
  )
  return outcomes
}
