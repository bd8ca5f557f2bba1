// Stories as the rest of newsbot reads them: rows with their members, loaded a slice at a time, in a given order.
import { chunks } from './chunks.js'
import type { Db } from './prisma-store.js'
import type { StoryItem, StoryRecord } from './types.js'

const storyInclude = {
  topics: { select: { topic: true } },
  items: {
    orderBy: [{ publishedAt: 'asc' as const }, { id: 'asc' as const }],
    // What a StoryItem shows; not the clustering state (the MinHash signature is kilobytes per item).
    select: {
      id: true,
      url: true,
      title: true,
      text: true,
      sourceName: true,
      language: true,
      publishedAt: true,
      duplicateOfId: true,
      feed: { select: { name: true, kind: true } },
      topics: { select: { topic: true } },
      channelTopics: { select: { topic: { select: { key: true } } } },
    },
  },
}

type StoryWithItems = Awaited<ReturnType<typeof findStories>>[number]
function findStories(db: Db, ids: number[]) {
  // The centroid (hundreds of features) is clustering state that no reader needs.
  return db.story.findMany({ where: { id: { in: ids } }, omit: { centroid: true }, include: storyInclude })
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
    // A story is on a channel's own topic (issue 18) when one of its items is.
    topics: [...new Set([...row.topics.map((t) => t.topic), ...row.items.flatMap((i) => i.channelTopics.map((c) => c.topic.key))])].sort(),
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

/** The stories with these ids, in the order given (unknown ids are left out). */
export async function loadStories(db: Db, ids: number[]): Promise<StoryRecord[]> {
  // A slice of stories at a time: Prisma refuses relation loads over ~1,000 parent ids.
  const rows: StoryWithItems[] = []
  for (const part of chunks(ids)) rows.push(...(await findStories(db, part)))
  const order = new Map(ids.map((id, i) => [id, i]))
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  const originals = [...new Set(rows.flatMap((r) => r.items.flatMap((i) => (i.duplicateOfId ? [i.duplicateOfId] : []))))]
  const urls = new Map<number, string>()
  for (const part of chunks(originals)) {
    for (const o of await db.item.findMany({ where: { id: { in: part } }, select: { id: true, url: true } })) urls.set(o.id, o.url)
  }
  return rows.map((r) => toRecord(r, urls))
}
