// Feeds and their polling state.
import type { Db } from './prisma-store.js'
import type { FeedHealth, FeedInput, FeedRecord, FeedStore } from './types.js'

export function createFeedStore(db: Db): FeedStore {
  return {
    async sync(feeds: FeedInput[]): Promise<FeedRecord[]> {
      const out: FeedRecord[] = []
      for (const feed of feeds) {
        const { origin, ...metadata } = feed
        // A feed keeps the origin it was added with, except that the config file claims what it lists: a feed
        // added from chat and later configured is no longer chat's to remove. Nothing here removes feeds.
        const update = origin === 'config' ? feed : metadata
        out.push(await db.feed.upsert({ where: { url: feed.url }, create: feed, update }))
      }
      return out
    },

    async list(): Promise<FeedHealth[]> {
      const feeds = await db.feed.findMany({ orderBy: { id: 'asc' }, include: { _count: { select: { items: true } } } })
      return feeds.map(({ _count, ...feed }) => ({ ...feed, itemCount: _count.items }))
    },

    findByUrl: (url) => db.feed.findUnique({ where: { url } }),

    async remove(url) {
      const { count } = await db.feed.deleteMany({ where: { url } })
      return count > 0
    },

    async recordSuccess(feedId, result) {
      await db.feed.update({
        where: { id: feedId },
        data: {
          lastPolledAt: result.at,
          lastSuccessAt: result.at,
          lastStatus: result.status,
          lastError: null,
          consecutiveFailures: 0,
          // Read again (resumed, or `newsbot ingest` of a paused feed's URL): it works, so it is polled again.
          pausedAt: null,
          pausedReason: null,
          nextPollAt: result.nextPollAt,
          minIntervalSeconds: result.minIntervalSeconds,
          ...(result.name !== undefined ? { name: result.name } : {}),
          // A 304 carries no new validators; keep the ones that produced it.
          ...(result.status === 'ok' ? { etag: result.etag, lastModified: result.lastModified } : {}),
        },
      })
    },

    async recordFailure(feedId, failure) {
      await db.feed.update({
        where: { id: feedId },
        data: {
          lastPolledAt: failure.at,
          lastStatus: 'error',
          lastError: failure.error.slice(0, 1000),
          consecutiveFailures: { increment: 1 },
          nextPollAt: failure.nextPollAt,
          ...(failure.pauseReason !== undefined ? { pausedAt: failure.at, pausedReason: failure.pauseReason.slice(0, 1000) } : {}),
        },
      })
    },

    async resume(url, at) {
      const feed = await db.feed.findUnique({ where: { url } })
      // The failures are kept: resuming is one more try, and a feed that fails it is paused again at once.
      if (feed?.pausedAt) await db.feed.update({ where: { id: feed.id }, data: { pausedAt: null, pausedReason: null, nextPollAt: at } })
      return feed
    },
  }
}
