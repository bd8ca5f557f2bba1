// Items and their topic tags. An item is identified by its GUID within its feed or by its canonical URL anywhere,
// so a repeat (re-poll, the same article in another feed) updates the stored item instead of adding a copy.
import type { NormalisedItem } from '../3-normalise/normalise-item.js'
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils'
import { inAdapterTransaction, type SqlSession, type SqlValue } from './adapter-sql.js'
import { CHUNK, chunks } from './chunks.js'
import type { Db } from './prisma-store.js'
import { refreshSearch } from './search-index.js'
import type { ItemQuery, ItemRecord, ItemStore, UpsertCounts } from './types.js'

/*
 * A poll's items are written as plain SQL that SQLite and PostgreSQL read alike (quoted identifiers, VALUES lists,
 * RETURNING), sent through the driver adapter (see adapter-sql.ts): one multi-row INSERT per chunk, values bound.
 */
const ITEM_COLUMNS = ['feedId', 'guid', 'url', 'title', 'text', 'language', 'author', 'sourceName', 'publishedAt', 'publishedAtEstimated', 'firstSeenAt', 'updatedAt', 'contentHash', 'backfill']
const CHANGED_COLUMNS = ['title', 'text', 'language', 'author', 'sourceName', 'publishedAt', 'publishedAtEstimated', 'contentHash', 'updatedAt']

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ')
const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ')
const rowsOf = (rows: SqlValue[][]) => rows.map((row) => `(${marks(row.length)})`).join(', ')

async function insertItems(sql: SqlSession, feedId: number, items: NormalisedItem[], backfill: boolean, seenAt: Date): Promise<{ id: number; url: string }[]> {
  const rows = items.map((item): SqlValue[] => [
    feedId, item.guid, item.url, item.title, item.text, item.language, item.author, item.sourceName, item.publishedAt,
    item.publishedAtEstimated, seenAt, seenAt, item.contentHash, backfill,
  ])
  const created = await sql.query(`INSERT INTO "Item" (${quoted(ITEM_COLUMNS)}) VALUES ${rowsOf(rows)} RETURNING "id", "url"`, rows.flat())
  return created.map(([id, url]) => ({ id: Number(id), url: String(url) }))
}

async function insertTopics(sql: SqlSession, tags: { itemId: number; topic: string }[]): Promise<void> {
  for (const part of chunks(tags, 2 * CHUNK)) {
    const rows = part.map(({ itemId, topic }): SqlValue[] => [itemId, topic])
    await sql.execute(`INSERT INTO "ItemTopic" ("itemId", "topic") VALUES ${rowsOf(rows)}`, rows.flat())
  }
}

async function deleteWhereIn(sql: SqlSession, table: string, column: string, ids: number[]): Promise<void> {
  for (const part of chunks([...new Set(ids)])) await sql.execute(`DELETE FROM "${table}" WHERE "${column}" IN (${marks(part.length)})`, part)
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

async function findExisting(sql: SqlSession, feedId: number, items: NormalisedItem[]): Promise<Existing[]> {
  const existing: Existing[] = []
  for (const part of chunks(items)) {
    const rows = await sql.query(
      `SELECT "id", "feedId", "guid", "url", "contentHash", "title", "storyId" FROM "Item"
        WHERE ("feedId" = ? AND "guid" IN (${marks(part.length)})) OR "url" IN (${marks(part.length)})`,
      [feedId, ...part.map((i) => i.guid), ...part.map((i) => i.url)],
    )
    for (const [id, rowFeedId, guid, url, contentHash, title, storyId] of rows) {
      existing.push({ id: Number(id), feedId: Number(rowFeedId), guid: String(guid), url: String(url), contentHash: String(contentHash), title: String(title), storyId: storyId === null ? null : Number(storyId) })
    }
  }
  return existing
}

export function createItemStore(db: Db, adapter: () => Promise<SqlDriverAdapter>): ItemStore {
  return {
    async upsert(feedId, items, { backfill, seenAt }): Promise<UpsertCounts> {
      const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, retitled: [] }
      if (items.length === 0) return counts
      const driver = await adapter()
      await inAdapterTransaction(driver, async (sql) => {
        // Reading what exists and inserting the rest is one step only when no other writer does the same between
        // them: feeds carrying the same article, polled at once (in one round, or on two workers), would both insert
        // it. SQLite runs one write transaction at a time; PostgreSQL takes turns on this lock until commit.
        if (driver.provider === 'postgres') await sql.query("SELECT 1 FROM pg_advisory_xact_lock(hashtext('newsbot:item-upsert'))", [])
        const existing = await findExisting(sql, feedId, items)
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
            const changed: SqlValue[] = [item.title, item.text, item.language, item.author, item.sourceName, item.publishedAt, item.publishedAtEstimated, item.contentHash, seenAt]
            await sql.execute(`UPDATE "Item" SET ${CHANGED_COLUMNS.map((c) => `"${c}" = ?`).join(', ')} WHERE "id" = ?`, [...changed, match.id])
          }
        }
        await deleteWhereIn(sql, 'ItemTopic', 'itemId', [...retagged.keys()])
        await insertTopics(sql, [...retagged].flatMap(([itemId, topics]) => topics.map((topic) => ({ itemId, topic }))))
        for (const part of chunks(fresh)) {
          const created = await insertItems(sql, feedId, part, backfill, seenAt)
          const topicsByUrl = new Map(part.map((i) => [i.url, i.topics]))
          await insertTopics(sql, created.flatMap(({ id, url }) => (topicsByUrl.get(url) ?? []).map((topic) => ({ itemId: id, topic }))))
          counts.created += created.length
        }
        // A retitled story's search text and event are out of date: both go now, in this transaction. The event is
        // worked out again when next asked for; the search text is written below, and a crash before that leaves
        // the story without one, which the next start fills in (fillMissingSearch).
        const retitled = counts.retitled.map((r) => r.storyId)
        await deleteWhereIn(sql, 'StoryEvent', 'storyId', retitled)
        await deleteWhereIn(sql, 'StorySearch', 'storyId', retitled)
      })
      if (counts.retitled.length) await db.$transaction((tx) => refreshSearch(tx, counts.retitled.map((r) => r.storyId)), { timeout: 60_000 })
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
