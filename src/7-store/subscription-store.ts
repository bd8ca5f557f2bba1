// Channels' topic subscriptions: one per channel and topic, changed in place when a channel subscribes again: only
// what was asked for changes, the rest keeps its stored value. Subscribing again also resumes a subscription that
// delivery paused (the platform refused the channel). A filter given replaces the stored one whole (an empty list
// clears it).
import type { Db } from './prisma-store.js'
import type { AlertOptions, SubscriptionFilters, SubscriptionRecord, SubscriptionStore } from './types.js'

/** A subscription without filters: every story on its topic, from every source, on one outlet or more. */
export const NO_FILTERS: SubscriptionFilters = { include: [], exclude: [], languages: [], excludeKinds: [], minOutlets: 1 }

type Row = Omit<SubscriptionRecord, 'filters'> & { filters: string }

/** Filters are one JSON column; a filter never set (or written by an older newsbot) reads as none. */
function toRecord({ filters, ...row }: Row): SubscriptionRecord {
  return { ...row, filters: { ...NO_FILTERS, ...(JSON.parse(filters) as Partial<SubscriptionFilters>) } }
}

/** The filters asked for replace the stored ones; the rest stay. */
function filterColumn(asked: Partial<SubscriptionFilters>, previous: SubscriptionFilters) {
  const changed = Object.values(asked).some((value) => value !== undefined)
  return changed ? { filters: JSON.stringify({ ...previous, ...definedOnly(asked) }) } : {}
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

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
    async upsert({ changes: { alerts = {}, filters = {}, ...settings }, defaults, ...channel }) {
      const now = new Date()
      return db.$transaction(async (tx) => {
        const where = { channelKey_topic: { channelKey: channel.channelKey, topic: channel.topic } }
        const found = await tx.subscription.findUnique({ where })
        const previous = found && toRecord(found)
        if (!previous) {
          const chosen = { time: settings.time ?? defaults.time, timezone: settings.timezone ?? defaults.timezone, lang: settings.lang ?? defaults.lang }
          const data = { ...channel, ...chosen, ...alertColumns(alerts, null, now), ...filterColumn(filters, NO_FILTERS) }
          return { subscription: toRecord(await tx.subscription.create({ data })), previous: null }
        }
        const { createdBy: _firstSubscriber, ...place } = channel
        // Settings not asked for are undefined here, which Prisma leaves as they are.
        const data = { ...place, ...settings, ...alertColumns(alerts, previous, now), ...filterColumn(filters, previous.filters), pausedAt: null, pausedReason: null }
        return { subscription: toRecord(await tx.subscription.update({ where, data })), previous }
      })
    },

    async remove(channelKey, topic) {
      const { count } = await db.subscription.deleteMany({ where: { channelKey, topic } })
      return count > 0
    },

    listForChannel: async (channelKey) => (await db.subscription.findMany({ where: { channelKey }, orderBy: { topic: 'asc' } })).map(toRecord),

    listAll: async () => (await db.subscription.findMany({ orderBy: [{ channelKey: 'asc' }, { topic: 'asc' }] })).map(toRecord),

    async get(id) {
      const row = await db.subscription.findUnique({ where: { id } })
      return row && toRecord(row)
    },

    async pauseChannel(channelKey, reason, at) {
      const { count } = await db.subscription.updateMany({ where: { channelKey, pausedAt: null }, data: { pausedAt: at, pausedReason: reason } })
      return count
    },
  }
}
