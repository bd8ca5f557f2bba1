// Stories, their members, and the near-duplicate index.
import { chunks } from './chunks.js'
// Only the sql/join template helpers are used from it, and they are the same for both providers.
import { Prisma } from './generated/sqlite/client.js'
import type { Db } from './prisma-store.js'
import type { ClusterBatch, StoryItem, StoryRecord, StoryState, StoryStore } from './types.js'

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

function toColumns(story: StoryState) {
  const centroid = [...story.features].sort((a, b) => b[1] - a[1]).slice(0, CENTROID_FEATURES)
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

const storyInclude = {
  topics: { select: { topic: true } },
  items: {
    orderBy: [{ publishedAt: 'asc' as const }, { id: 'asc' as const }],
    include: { feed: { select: { name: true, kind: true } }, topics: { select: { topic: true } } },
  },
}

type StoryWithItems = Awaited<ReturnType<typeof findStories>>[number]
function findStories(db: Db, args: Parameters<Db['story']['findMany']>[0]) {
  return db.story.findMany({ ...args, include: storyInclude })
}

function toRecord(row: StoryWithItems, urlsById: Map<number, string>): StoryRecord {
  const items: StoryItem[] = row.items.map((item) => ({
    id: item.id,
    url: item.url,
    title: item.title,
    text: item.text,
    source: item.sourceName ?? item.feed.name,
    sourceKind: item.feed.kind,
    language: item.language,
    publishedAt: item.publishedAt,
    topics: item.topics.map((t) => t.topic).sort(),
    duplicateOf: item.duplicateOfId ? (urlsById.get(item.duplicateOfId) ?? null) : null,
  }))
  return {
    id: row.id,
    title: row.title,
    headlines: JSON.parse(row.headlines),
    topics: row.topics.map((t) => t.topic).sort(),
    languages: row.languages ? row.languages.split(',') : [],
    outlets: JSON.parse(row.outlets),
    outletCount: row.outletCount,
    firstPublishedAt: row.firstPublishedAt,
    lastPublishedAt: row.lastPublishedAt,
    lastUpdatedAt: row.lastUpdatedAt,
    updateReason: row.updateReason,
    items,
  }
}

async function withDuplicateUrls(db: Db, rows: StoryWithItems[]): Promise<StoryRecord[]> {
  const ids = [...new Set(rows.flatMap((r) => r.items.flatMap((i) => (i.duplicateOfId ? [i.duplicateOfId] : []))))]
  const urls = new Map<number, string>()
  for (const part of chunks(ids)) {
    const originals = await db.item.findMany({ where: { id: { in: part } }, select: { id: true, url: true } })
    for (const o of originals) urls.set(o.id, o.url)
  }
  return rows.map((r) => toRecord(r, urls))
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
      if (bandKeys.length === 0) return []
      // The newest few items per band key, each read from the (key, itemId) primary-key index: a key shared by
      // boilerplate texts would otherwise hand back a list that grows with the store.
      const perKey = bandKeys.map(
        (key, i) => Prisma.sql`SELECT "itemId" FROM (SELECT "itemId" FROM "ItemBand" WHERE "key" = ${key} ORDER BY "itemId" DESC LIMIT ${CANDIDATES_PER_BAND}) AS b${Prisma.raw(String(i))}`,
      )
      const bands = await db.$queryRaw<{ itemId: number }[]>`${Prisma.join(perKey, ' UNION ')}`
      if (bands.length === 0) return []
      const rows = await db.item.findMany({
        where: { id: { in: [...new Set(bands.map((b) => Number(b.itemId)))] }, signature: { not: null } },
        select: { id: true, signature: true, language: true, storyId: true, duplicateOfId: true },
      })
      return rows.map((r) => ({ itemId: r.id, signature: JSON.parse(r.signature!), language: r.language, storyId: r.storyId, duplicateOfId: r.duplicateOfId }))
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
          const realId = new Map<number, number>()
          for (const story of batch.created) {
            const row = await tx.story.create({ data: { ...toColumns(story), topics: { create: [...story.topics].map((topic) => ({ topic })) } } })
            realId.set(story.id, row.id)
          }
          for (const story of batch.updated) {
            await tx.story.update({ where: { id: story.id }, data: toColumns(story) })
            await tx.storyTopic.deleteMany({ where: { storyId: story.id } })
            await tx.storyTopic.createMany({ data: [...story.topics].map((topic) => ({ storyId: story.id, topic })) })
          }
          const resolve = (id: number | null) => (id === null ? null : (realId.get(id) ?? id))
          for (const a of batch.assignments) {
            await tx.item.update({
              where: { id: a.itemId },
              data: { storyId: resolve(a.storyId), duplicateOfId: a.duplicateOfId, signature: JSON.stringify(a.signature), clusteredAt: batch.clusteredAt },
            })
          }
          const bands = batch.assignments.flatMap((a) => a.bandKeys.map((key) => ({ key, itemId: a.itemId })))
          if (bands.length) await tx.itemBand.createMany({ data: bands })
        },
        { timeout: 120_000 },
      )
    },

    async list(query) {
      const ids = await db.story.findMany({
        where: {
          ...(query.topics ? { topics: { some: { topic: { in: query.topics } } } } : { topics: { some: {} } }),
          ...(query.since ? { lastPublishedAt: { gte: query.since } } : {}),
        },
        orderBy: [{ lastPublishedAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
        select: { id: true },
      })
      // Members are loaded a slice of stories at a time: Prisma refuses relation loads over ~1,000 parent ids.
      const rows: StoryWithItems[] = []
      for (const part of chunks(ids.map((r) => r.id))) rows.push(...(await findStories(db, { where: { id: { in: part } } })))
      const order = new Map(ids.map((r, i) => [r.id, i]))
      rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      return withDuplicateUrls(db, rows)
    },

    async get(id) {
      const rows = await findStories(db, { where: { id } })
      return (await withDuplicateUrls(db, rows))[0] ?? null
    },
  }
}
