// The delivery outbox: every planned message is a row with a unique key, written before anything is sent. A sender
// takes a row with a lease (compare-and-set on `attempts`, so two senders never both win), records each body as the
// platform confirms it, and marks the row sent together with the digest's history rows in one transaction.
import type { Db } from './prisma-store.js'
import { chunks } from './chunks.js'
import type { DigestRecord, OutboxEntry, OutboxState, OutboxStore } from './types.js'

type Row = Awaited<ReturnType<Db['outboxMessage']['findUniqueOrThrow']>>

function toEntry(row: Row): OutboxEntry {
  return {
    id: row.id,
    key: row.key,
    subscriptionId: row.subscriptionId,
    platform: row.platform,
    channelId: row.channelId,
    kind: row.kind as OutboxEntry['kind'],
    bodies: JSON.parse(row.bodies) as unknown[],
    record: row.record ? (JSON.parse(row.record) as DigestRecord) : null,
    state: row.state as OutboxState,
    partsSent: row.partsSent,
    messageIds: JSON.parse(row.messageIds) as string[],
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt,
    plannedAt: row.plannedAt,
    sendingAt: row.sendingAt,
    sentAt: row.sentAt,
  }
}

const OPEN: OutboxState[] = ['planned', 'sending']

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === 'P2002'
}

export function createOutboxStore(db: Db): OutboxStore {
  return {
    async existingKeys(keys) {
      const found = new Set<string>()
      for (const part of chunks(keys)) {
        for (const row of await db.outboxMessage.findMany({ where: { key: { in: part } }, select: { key: true } })) found.add(row.key)
      }
      return found
    },

    async plan(messages) {
      let inserted = 0
      for (const m of messages) {
        try {
          await db.outboxMessage.create({
            data: {
              key: m.key,
              subscriptionId: m.subscriptionId,
              platform: m.platform,
              channelId: m.channelId,
              kind: m.kind,
              bodies: JSON.stringify(m.bodies),
              record: m.record ? JSON.stringify(m.record) : null,
              nextAttemptAt: m.dueAt,
            },
          })
          inserted++
        } catch (err) {
          // Planned already (another clock tick, another worker): the key is the exactly-once guarantee.
          if (!isUniqueViolation(err)) throw err
        }
      }
      return inserted
    },

    async due(now, limit) {
      const rows = await db.outboxMessage.findMany({
        where: { state: { in: OPEN }, nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        orderBy: { id: 'asc' },
        take: limit,
        select: { id: true, platform: true },
      })
      return rows
    },

    async claim(id, now, leaseUntil) {
      const row = await db.outboxMessage.findUnique({ where: { id } })
      if (!row || !OPEN.includes(row.state as OutboxState) || row.nextAttemptAt > now || (row.leaseUntil && row.leaseUntil >= now)) return null
      const { count } = await db.outboxMessage.updateMany({
        where: { id, attempts: row.attempts, state: row.state },
        data: { state: 'sending', leaseUntil, attempts: row.attempts + 1, sendingAt: row.sendingAt ?? now },
      })
      if (count === 0) return null // another sender took it between the read and the write
      const entry = toEntry({ ...row, state: 'sending', leaseUntil, attempts: row.attempts + 1, sendingAt: row.sendingAt ?? now })
      return { entry, inDoubt: row.state === 'sending' }
    },

    async partSent(id, partsSent, messageIds, leaseUntil) {
      await db.outboxMessage.update({ where: { id }, data: { partsSent, messageIds: JSON.stringify(messageIds), leaseUntil } })
    },

    async markSent(id, at) {
      await db.$transaction(async (tx) => {
        const row = await tx.outboxMessage.update({ where: { id }, data: { state: 'sent', sentAt: at, leaseUntil: null, lastError: null } })
        const record = row.record ? (JSON.parse(row.record) as DigestRecord) : null
        if (!record || record.stories.length === 0) return
        await tx.digestEntry.createMany({
          data: record.stories.map((s) => ({ channel: record.channel, storyId: s.storyId, sentAt: at, outletCount: s.outletCount, languages: s.languages.join(','), updateReason: s.updateReason })),
        })
      })
    },

    async retryLater(id, error, nextAttemptAt) {
      await db.outboxMessage.update({ where: { id }, data: { leaseUntil: null, lastError: error, nextAttemptAt } })
    },

    async close(id, state, error) {
      await db.outboxMessage.update({ where: { id }, data: { state, leaseUntil: null, lastError: error } })
    },

    async releaseLeases() {
      const { count } = await db.outboxMessage.updateMany({ where: { leaseUntil: { not: null } }, data: { leaseUntil: null } })
      return count
    },

    async list(filter = {}) {
      const rows = await db.outboxMessage.findMany({ where: filter, orderBy: { id: 'asc' } })
      return rows.map(toEntry)
    },
  }
}
