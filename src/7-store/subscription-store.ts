// Channels' topic subscriptions: one per channel and topic, changed in place when a channel subscribes again.
// Subscribing again also resumes a subscription that delivery paused (the platform refused the channel).
import type { Db } from './prisma-store.js'
import type { AlertOptions, SubscriptionStore } from './types.js'

/** The alert columns for an upsert; alertsSince moves only when alerts go from off to on. */
function alertColumns(alerts: AlertOptions | undefined, wasOn: boolean, now: Date) {
  if (!alerts) return {}
  const on = alerts.stories || alerts.ceasefire
  return {
    storyAlerts: alerts.stories,
    alertMinOutlets: alerts.minOutlets,
    ceasefireAlerts: alerts.ceasefire,
    ...(on && !wasOn && { alertsSince: now }),
  }
}

export function createSubscriptionStore(db: Db): SubscriptionStore {
  return {
    async upsert({ alerts, ...input }) {
      const now = new Date()
      return db.$transaction(async (tx) => {
        const where = { channelKey_topic: { channelKey: input.channelKey, topic: input.topic } }
        const existing = await tx.subscription.findUnique({ where, select: { id: true, storyAlerts: true, ceasefireAlerts: true } })
        if (!existing) return { subscription: await tx.subscription.create({ data: { ...input, ...alertColumns(alerts, false, now) } }), created: true }
        const { createdBy: _firstSubscriber, ...changes } = input
        const wasOn = existing.storyAlerts || existing.ceasefireAlerts
        const data = { ...changes, ...alertColumns(alerts, wasOn, now), pausedAt: null, pausedReason: null }
        return { subscription: await tx.subscription.update({ where, data }), created: false }
      })
    },

    async remove(channelKey, topic) {
      const { count } = await db.subscription.deleteMany({ where: { channelKey, topic } })
      return count > 0
    },

    listForChannel: (channelKey) => db.subscription.findMany({ where: { channelKey }, orderBy: { topic: 'asc' } }),

    listAll: () => db.subscription.findMany({ orderBy: [{ channelKey: 'asc' }, { topic: 'asc' }] }),

    get: (id) => db.subscription.findUnique({ where: { id } }),

    async pauseChannel(channelKey, reason, at) {
      const { count } = await db.subscription.updateMany({ where: { channelKey, pausedAt: null }, data: { pausedAt: at, pausedReason: reason } })
      return count
    },
  }
}
