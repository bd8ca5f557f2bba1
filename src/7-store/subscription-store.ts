// Channels' topic subscriptions: one per channel and topic, changed in place when a channel subscribes again: only
// what was asked for changes, the rest keeps its stored value. Subscribing again also resumes a subscription that
// delivery paused (the platform refused the channel).
import type { Db } from './prisma-store.js'
import type { AlertOptions, SubscriptionRecord, SubscriptionStore } from './types.js'

/** The alert columns to write; alertsSince moves only when alerts go from off to on. */
function alertColumns(asked: Partial<AlertOptions>, previous: SubscriptionRecord | null, now: Date) {
  const stories = asked.stories ?? previous?.storyAlerts ?? false
  const ceasefire = asked.ceasefire ?? previous?.ceasefireAlerts ?? false
  const wasOn = previous !== null && (previous.storyAlerts || previous.ceasefireAlerts)
  return {
    storyAlerts: stories,
    ceasefireAlerts: ceasefire,
    ...(asked.minOutlets !== undefined && { alertMinOutlets: asked.minOutlets }),
    ...((stories || ceasefire) && !wasOn && { alertsSince: now }),
  }
}

export function createSubscriptionStore(db: Db): SubscriptionStore {
  return {
    async upsert({ changes: { alerts = {}, ...settings }, defaults, ...channel }) {
      const now = new Date()
      return db.$transaction(async (tx) => {
        const where = { channelKey_topic: { channelKey: channel.channelKey, topic: channel.topic } }
        const previous = await tx.subscription.findUnique({ where })
        if (!previous) {
          const chosen = { time: settings.time ?? defaults.time, timezone: settings.timezone ?? defaults.timezone, lang: settings.lang ?? defaults.lang }
          return { subscription: await tx.subscription.create({ data: { ...channel, ...chosen, ...alertColumns(alerts, null, now) } }), previous: null }
        }
        const { createdBy: _firstSubscriber, ...place } = channel
        // Settings not asked for are undefined here, which Prisma leaves as they are.
        const data = { ...place, ...settings, ...alertColumns(alerts, previous, now), pausedAt: null, pausedReason: null }
        return { subscription: await tx.subscription.update({ where, data }), previous }
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
