// Stories as clustering reads and writes them, and the near-duplicate index; readers' queries are in story-queries.ts.
import { insertRows } from './bulk-insert.js'
import { chunks } from './chunks.js'
// Only the sql/join template helpers are used from it, and they are the same for both providers.
import { Prisma } from './generated/sqlite/client.js'
import type { Db } from './prisma-store.js'
import { refreshSearch } from './search-index.js'
import { createStoryQueries } from './story-queries.js'
import type { ClusterBatch, DuplicateCandidate, StoryState, StoryStore } from './types.js'

/** The centroid keeps the features that matter most; a long-running story must not grow without bound. */
const CENTROID_FEATURES = 300
/** Near-copies appear within days of their original, so the newest items under each band key are enough. */
const CANDIDATES_PER_BAND = 20

type StoryRow = Awaited<ReturnType<Db['story']['findFirstOrThrow']>>

function toState(row: StoryRow & { topics: { topic: string }[] }): StoryState {
  return {
    id: row.id,
    title: row.title,
    headlines: JSON.parse(row.headlines),
    languages: new Set(row.languages ? row.languages.split(',') : []),
    outlets: new Set(JSON.parse(row.outlets) as string[]),
    itemCount: row.itemCount,
    size: row.size,
    features: new Map(Object.entries(JSON.parse(row.centroid) as Record<string, number>)),
    topics: new Set(row.topics.map((t) => t.topic)),
    firstPublishedAt: row.firstPublishedAt,
    lastPublishedAt: row.lastPublishedAt,
    lastUpdatedAt: row.lastUpdatedAt,
    updateReason: row.updateReason,
  }
}

const keptFeatures = (story: StoryState) => [...story.features].sort((a, b) => b[1] - a[1]).slice(0, CENTROID_FEATURES)

/** Alias ids among the kept features ("c:person:putin"), as the migration's backfill reads them from the centroid. */
function entityRows(storyId: number, story: StoryState): unknown[][] {
  return keptFeatures(story).flatMap(([feature]) => (feature.startsWith('c:') ? [[storyId, feature.slice(2), story.firstPublishedAt]] : []))
}

function toColumns(story: StoryState) {
  const centroid = keptFeatures(story)
  return {
    title: story.title,
    headlines: JSON.stringify(story.headlines),
    languages: [...story.languages].sort().join(','),
    outlets: JSON.stringify([...story.outlets].sort()),
    outletCount: story.outlets.size,
    itemCount: story.itemCount,
    size: story.size,
    centroid: JSON.stringify(Object.fromEntries(centroid.map(([f, w]) => [f, Math.round(w * 1000) / 1000]))),
    firstPublishedAt: story.firstPublishedAt,
    lastPublishedAt: story.lastPublishedAt,
    lastUpdatedAt: story.lastUpdatedAt,
    updateReason: story.updateReason,
  }
}

type Tx = Prisma.TransactionClient

/*
 * New stories and item assignments are written as one statement per chunk, as items are (see item-store.ts): Prisma
 * compiles every create and update afresh, which made applying a batch cost more than deciding it. Plain SQL that
 * SQLite and PostgreSQL read alike: VALUES lists, RETURNING, UPDATE … FROM, CAST instead of `::`.
 */
async function insertStories(tx: Tx, stories: StoryState[], createdAt: Date): Promise<number[]> {
  const ids: number[] = []
  for (const part of chunks(stories)) {
    const rows = part.map((story) => {
      const c = toColumns(story)
      return Prisma.sql`(${c.title}, ${c.headlines}, ${c.languages}, ${c.outlets}, ${c.outletCount}, ${c.itemCount}, ${c.size}, ${c.centroid},
        ${c.firstPublishedAt}, ${c.lastPublishedAt}, ${c.lastUpdatedAt}, ${c.updateReason}, ${createdAt})`
    })
    const created = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO "Story" ("title", "headlines", "languages", "outlets", "outletCount", "itemCount", "size", "centroid",
        "firstPublishedAt", "lastPublishedAt", "lastUpdatedAt", "updateReason", "createdAt")
      VALUES ${Prisma.join(rows)}
      RETURNING "id"`
    // Both databases number the rows of one multi-row INSERT in VALUES order (ids only grow), whatever order
    // RETURNING lists them in: sorted, the ids line up with the stories.
    ids.push(...created.map((r) => Number(r.id)).sort((a, b) => a - b))
  }
  return ids
}

const STORY_COLUMNS = ['title', 'headlines', 'languages', 'outlets', 'outletCount', 'itemCount', 'size', 'centroid', 'firstPublishedAt', 'lastPublishedAt', 'lastUpdatedAt', 'updateReason'] as const satisfies readonly (keyof ReturnType<typeof toColumns>)[]

/**
 * Stories rewritten in place, a chunk per statement (stories are never deleted, so every row exists). An upsert rather
 * than UPDATE … FROM (VALUES …): the VALUES of an INSERT take their types from the table, dates included, on both
 * databases.
 */
async function updateStories(tx: Tx, stories: StoryState[]): Promise<void> {
  const names = Prisma.raw(['id', ...STORY_COLUMNS].map((c) => `"${c}"`).join(', '))
  const updates = Prisma.raw(STORY_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(', '))
  for (const part of chunks(stories, Math.floor(4000 / (STORY_COLUMNS.length + 1)))) {
    const rows = part.map((story) => {
      const c = toColumns(story)
      return Prisma.sql`(${Prisma.join([story.id, ...STORY_COLUMNS.map((name) => c[name])])})`
    })
    await tx.$executeRaw`INSERT INTO "Story" (${names}) VALUES ${Prisma.join(rows)} ON CONFLICT ("id") DO UPDATE SET ${updates}`
  }
}

async function assignItems(tx: Tx, assignments: ClusterBatch['assignments'], storyId: (id: number | null) => number | null, clusteredAt: Date): Promise<void> {
  for (const part of chunks(assignments)) {
    const rows = part.map(
      (a) => Prisma.sql`(CAST(${a.itemId} AS INTEGER), CAST(${storyId(a.storyId)} AS INTEGER), CAST(${a.duplicateOfId} AS INTEGER), ${JSON.stringify(a.signature)})`,
    )
    await tx.$executeRaw`
      UPDATE "Item" SET "storyId" = v.column2, "duplicateOfId" = v.column3, "signature" = v.column4, "clusteredAt" = ${clusteredAt}
      FROM (VALUES ${Prisma.join(rows)}) AS v
      WHERE "Item"."id" = v.column1`
  }
}

export function createStoryStore(db: Db): StoryStore {
  return {
    async pending(limit) {
      const rows = await db.item.findMany({
        where: { clusteredAt: null },
        orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
        take: limit,
        include: { feed: { select: { name: true } }, topics: { select: { topic: true } } },
      })
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        text: r.text,
        language: r.language,
        publishedAt: r.publishedAt,
        source: r.sourceName ?? r.feed.name,
        topics: r.topics.map((t) => t.topic),
      }))
    },

    async duplicateCandidates(bandKeys) {
      const byKey = new Map<string, DuplicateCandidate[]>()
      // The newest few items per band key, each read from the (key, itemId) primary-key index: a key shared by
      // boilerplate texts would otherwise hand back a list that grows with the store. A slice of keys per statement:
      // SQLite allows at most 500 SELECTs in one compound statement.
      const bands: { key: string; itemId: number }[] = []
      for (const part of chunks([...new Set(bandKeys)])) {
        const perKey = part.map(
          (key, i) => Prisma.sql`SELECT "key", "itemId" FROM (SELECT "key", "itemId" FROM "ItemBand" WHERE "key" = ${key} ORDER BY "itemId" DESC LIMIT ${CANDIDATES_PER_BAND}) AS b${Prisma.raw(String(i))}`,
        )
        bands.push(...(await db.$queryRaw<{ key: string; itemId: number }[]>`${Prisma.join(perKey, ' UNION ALL ')}`))
      }
      const items = new Map<number, DuplicateCandidate>()
      for (const part of chunks([...new Set(bands.map((b) => Number(b.itemId)))])) {
        const rows = await db.item.findMany({
          where: { id: { in: part }, signature: { not: null } },
          select: { id: true, signature: true, language: true, storyId: true, duplicateOfId: true },
        })
        for (const r of rows) items.set(r.id, { itemId: r.id, signature: JSON.parse(r.signature!), language: r.language, storyId: r.storyId, duplicateOfId: r.duplicateOfId })
      }
      for (const { key, itemId } of bands) {
        const item = items.get(Number(itemId))
        if (!item) continue
        const list = byKey.get(key)
        if (list) list.push(item)
        else byKey.set(key, [item])
      }
      return byKey
    },

    async near(from, to) {
      const rows = await db.story.findMany({
        where: { firstPublishedAt: { gte: from, lte: to } },
        include: { topics: { select: { topic: true } } },
      })
      return rows.map(toState)
    },

    async markUpdated(storyId, at, reason) {
      await db.story.updateMany({ where: { id: storyId }, data: { lastUpdatedAt: at, updateReason: reason } })
    },

    async apply(batch: ClusterBatch) {
      await db.$transaction(
        async (tx) => {
          const ids = await insertStories(tx, batch.created, batch.clusteredAt)
          const realId = new Map(batch.created.map((story, i) => [story.id, ids[i]!]))
          await updateStories(tx, batch.updated)
          const updatedIds = batch.updated.map((s) => s.id)
          for (const part of chunks(updatedIds)) {
            await tx.storyTopic.deleteMany({ where: { storyId: { in: part } } })
            await tx.storyEntity.deleteMany({ where: { storyId: { in: part } } })
          }
          const written: [number, StoryState][] = [...batch.created.map((s): [number, StoryState] => [realId.get(s.id)!, s]), ...batch.updated.map((s): [number, StoryState] => [s.id, s])]
          await insertRows(tx, 'StoryTopic', ['storyId', 'topic'], written.flatMap(([id, s]) => [...s.topics].map((topic) => [id, topic])))
          await insertRows(tx, 'StoryEntity', ['storyId', 'entity', 'firstPublishedAt'], written.flatMap(([id, s]) => entityRows(id, s)))
          await assignItems(tx, batch.assignments, (id) => (id === null ? null : (realId.get(id) ?? id)), batch.clusteredAt)
          const bands = batch.assignments.flatMap((a) => a.bandKeys.map((key) => [key, a.itemId]))
          await insertRows(tx, 'ItemBand', ['key', 'itemId'], bands)
          await refreshSearch(tx, [...realId.values(), ...updatedIds])
        },
        { timeout: 120_000 },
      )
    },

    ...createStoryQueries(db),
  }
}
