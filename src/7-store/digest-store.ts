// What each channel was sent, so a digest never repeats a story unless it moved.
import { chunks } from './chunks.js'
import type { Db } from './prisma-store.js'
import type { DigestStore, SentSnapshot } from './types.js'

export function createDigestStore(db: Db): DigestStore {
  return {
    async lastSentAt(channel) {
      const last = await db.digestEntry.findFirst({ where: { channel }, orderBy: { sentAt: 'desc' }, select: { sentAt: true } })
      return last?.sentAt ?? null
    },

    async sent(channel, storyIds) {
      const rows = []
      for (const part of chunks(storyIds)) rows.push(...(await db.digestEntry.findMany({ where: { channel, storyId: { in: part } } })))
      rows.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())
      const latest = new Map<number, SentSnapshot>()
      for (const r of rows) {
        latest.set(r.storyId, { storyId: r.storyId, sentAt: r.sentAt, outletCount: r.outletCount, languages: r.languages ? r.languages.split(',') : [], updateReason: r.updateReason })
      }
      return latest
    },

    async record(channel, stories, sentAt) {
      await db.digestEntry.createMany({
        data: stories.map((s) => ({ channel, storyId: s.storyId, sentAt, outletCount: s.outletCount, languages: s.languages.join(','), updateReason: s.updateReason })),
      })
    },
  }
}
