// Channels' topic subscriptions: one per channel and topic, changed in place when a channel subscribes again.
import type { Db } from './prisma-store.js'
import type { SubscriptionStore } from './types.js'

export function createSubscriptionStore(db: Db): SubscriptionStore {
  return {
    async upsert(input) {
      return db.$transaction(async (tx) => {
        const where = { channelKey_topic: { channelKey: input.channelKey, topic: input.topic } }
        const existing = await tx.subscription.findUnique({ where, select: { id: true } })
        if (!existing) return { subscription: await tx.subscription.create({ data: input }), created: true }
        const { createdBy: _firstSubscriber, ...changes } = input
        return { subscription: await tx.subscription.update({ where, data: changes }), created: false }
      })
    },

    async remove(channelKey, topic) {
      const { count } = await db.subscription.deleteMany({ where: { channelKey, topic } })
      return count > 0
    },

    listForChannel: (channelKey) => db.subscription.findMany({ where: { channelKey }, orderBy: { topic: 'asc' } }),

    listAll: () => db.subscription.findMany({ orderBy: [{ channelKey: 'asc' }, { topic: 'asc' }] }),
  }
}
