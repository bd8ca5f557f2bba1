// Items and their topic tags. An item is identified by its GUID within its feed or by its canonical URL anywhere,
// so a repeat (re-poll, the same article in another feed) updates the stored item instead of adding a copy.
import type { NormalisedItem } from '../3-normalise/normalise-item.js'
// For Prisma.sql and Prisma.join only, which are the same runtime helpers in both generated clients.
import { Prisma } from './generated/sqlite/client.js'
import { CHUNK, chunks } from './chunks.js'
import type { Db } from './prisma-store.js'
import { refreshSearch } from './search-index.js'
import { forgetEvents } from './event-store.js'
import type { ItemQuery, ItemRecord, ItemStore, UpsertCounts } from './types.js'

type Tx = Prisma.TransactionClient

/*
 * New items and topic tags go in as one multi-row INSERT per chunk. Prisma's createMany compiles every row and value
 * afresh (its query plans are never cached), which made storing an item cost more than fetching and parsing it.
 * The statements are plain SQL that SQLite and PostgreSQL read alike: quoted identifiers, VALUES lists, RETURNING.
 * Values are bound parameters, converted by the driver adapter as Prisma converts its own (400 rows of 14 values stay
 * well under both databases' limits on parameters).
 */
async function insertItems(
  tx: Tx,
  feedId: number,
  items: NormalisedItem[],
  { backfill, seenAt }: { backfill: boolean; seenAt: Date },
): Promise<{ id: number; url: string }[]> {
  const rows = items.map(
    (item) =>
      Prisma.sql`(${feedId}, ${item.guid}, ${item.url}, ${item.title}, ${item.text}, ${item.language}, ${item.author},
        ${item.sourceName}, ${item.publishedAt}, ${item.publishedAtEstimated}, ${seenAt}, ${seenAt}, ${item.contentHash},
        ${backfill})`,
  )
  return tx.$queryRaw<{ id: number; url: string }[]>`
    INSERT INTO "Item" ("feedId", "guid", "url", "title", "text", "language", "author", "sourceName", "publishedAt",
      "publishedAtEstimated", "firstSeenAt", "updatedAt", "contentHash", "backfill")
    VALUES ${Prisma.join(rows)}
    RETURNING "id", "url"`
}

async function insertTopics(tx: Tx, tags: { itemId: number; topic: string }[]): Promise<void> {
  for (const part of chunks(tags, 2 * CHUNK)) {
    const rows = part.map(({ itemId, topic }) => Prisma.sql`(${itemId}, ${topic})`)
    await tx.$executeRaw`INSERT INTO "ItemTopic" ("itemId", "topic") VALUES ${Prisma.join(rows)}`
  }
}

interface Existing {
  id: number
  feedId: number
  guid: string
  url: string
  contentHash: string
  title: string
  storyId: number | null
}

export function createItemStore(db: Db): ItemStore {
  return {
    async upsert(feedId, items, { backfill, seenAt }): Promise<UpsertCounts> {
      const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, retitled: [] }
      if (items.length === 0) return counts
      await db.$transaction(async (tx) => {
        const existing: Existing[] = []
        for (const part of chunks(items)) {
          existing.push(
            ...(await tx.item.findMany({
              where: { OR: [{ feedId, guid: { in: part.map((i) => i.guid) } }, { url: { in: part.map((i) => i.url) } }] },
              select: { id: true, feedId: true, guid: true, url: true, contentHash: true, title: true, storyId: true },
            })),
          )
        }
        const byGuid = new Map(existing.filter((e) => e.feedId === feedId).map((e) => [e.guid, e]))
        const byUrl = new Map(existing.map((e) => [e.url, e]))
        const fresh: NormalisedItem[] = []
        // Topics of updated items are replaced together after the updates; an item updated twice keeps the last topics,
        // as its row keeps the last values.
        const retagged = new Map<number, string[]>()
        for (const item of items) {
          const match = byGuid.get(item.guid) ?? byUrl.get(item.url)
          if (!match) fresh.push(item)
          else if (match.contentHash === item.contentHash) counts.unchanged++
          else {
            counts.updated++
            if (match.storyId !== null && match.title !== item.title) counts.retitled.push({ storyId: match.storyId, before: match.title, after: item.title })
            retagged.set(match.id, item.topics)
            await tx.item.update({
              where: { id: match.id },
              data: {
                title: item.title,
                text: item.text,
                language: item.language,
                author: item.author,
                sourceName: item.sourceName,
                publishedAt: item.publishedAt,
                publishedAtEstimated: item.publishedAtEstimated,
                contentHash: item.contentHash,
                updatedAt: seenAt,
              },
            })
          }
        }
        if (retagged.size) {
          for (const ids of chunks([...retagged.keys()])) await tx.itemTopic.deleteMany({ where: { itemId: { in: ids } } })
          await insertTopics(tx, [...retagged].flatMap(([itemId, topics]) => topics.map((topic) => ({ itemId, topic }))))
        }
        for (const part of chunks(fresh)) {
          const created = await insertItems(tx, feedId, part, { backfill, seenAt })
          const topicsByUrl = new Map(part.map((i) => [i.url, i.topics]))
          const tags = created.flatMap(({ id, url }) => (topicsByUrl.get(url) ?? []).map((topic) => ({ itemId: id, topic })))
          await insertTopics(tx, tags)
          counts.created += created.length
        }
        await refreshSearch(tx, counts.retitled.map((r) => r.storyId))
        // The story keeps its item count, so its event would look current: drop it to have it worked out again.
        await forgetEvents(tx, counts.retitled.map((r) => r.storyId))
      }, { timeout: 60_000 })
      return counts
    },

    async list(query: ItemQuery): Promise<ItemRecord[]> {
      const rows = await db.item.findMany({
        where: {
          ...(query.topic ? { topics: { some: { topic: query.topic } } } : {}),
          ...(query.since ? { publishedAt: { gte: query.since } } : {}),
        },
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
        include: { topics: { select: { topic: true } }, feed: { select: { name: true, kind: true } } },
      })
      return rows.map(({ topics, feed, sourceName, ...row }) => ({
        ...row,
        source: sourceName ?? feed.name,
        sourceKind: feed.kind,
        topics: topics.map((t) => t.topic).sort(),
      }))
    },

    count: () => db.item.count(),
  }
}
