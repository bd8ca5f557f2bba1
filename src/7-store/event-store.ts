// StoryEvent rows: the event each story on the topics reports, as /timeline reads it. Worked out outside the store
// (src/services/story-events.ts) and written here; a row is current while its itemCount matches the story's.
import { channelTopicCondition, isChannelTopicKey } from './channel-topic-store.js'
import { chunks } from './chunks.js'
import { Prisma } from './generated/sqlite/client.js'
import type { Db } from './prisma-store.js'
import { loadStories } from './story-records.js'
import type { EventStore, EventSummary, StoryEventRecord } from './types.js'

type EventRow = {
  storyId: number
  day: string
  type: string
  typeScores: string
  participants: string
  place: string | null
  title: string
  titles: string
  sources: string
  evidence: string
  outletCount: number
  itemCount: number
  total?: bigint | number
}

const COLUMNS = ['storyId', 'day', 'type', 'typeScores', 'participants', 'place', 'title', 'titles', 'sources', 'evidence', 'outletCount', 'itemCount'] as const

function toRow(e: StoryEventRecord): unknown[] {
  return [
    e.storyId,
    e.day,
    e.type,
    JSON.stringify(e.typeScores),
    `,${e.participants.join(',')},`,
    e.place,
    e.title,
    JSON.stringify(e.titles),
    JSON.stringify(e.sources),
    e.evidence.join(' '),
    e.outletCount,
    e.itemCount,
  ]
}

function toSummary(row: Omit<EventRow, 'title' | 'titles' | 'sources'>): EventSummary {
  return {
    storyId: Number(row.storyId),
    day: row.day,
    type: row.type,
    typeScores: JSON.parse(row.typeScores),
    participants: row.participants.split(',').filter(Boolean),
    place: row.place,
    evidence: row.evidence.split(' ').filter(Boolean),
    outletCount: Number(row.outletCount),
    itemCount: Number(row.itemCount),
  }
}

const toRecord = (row: EventRow): StoryEventRecord => ({ ...toSummary(row), title: row.title, titles: JSON.parse(row.titles), sources: JSON.parse(row.sources) })

/** LIKE with its wildcards taken literally (alias ids have none, but the actor comes from a user). */
const containing = (id: string) => `%,${id.replace(/[\\%_]/g, (c) => `\\${c}`)},%`

// A channel topic's stories (issue 18) have events when they are on a shipped topic too: events are worked out for those.
const onTopic = (topic: string | undefined) =>
  topic && isChannelTopicKey(topic)
    ? channelTopicCondition(topic, Prisma.sql`i."storyId"`)
    : topic
    ? Prisma.sql`EXISTS (SELECT 1 FROM "StoryTopic" t WHERE t."storyId" = i."storyId" AND t."topic" = ${topic})`
    : Prisma.sql`EXISTS (SELECT 1 FROM "StoryTopic" t WHERE t."storyId" = i."storyId")`

export function createEventStore(db: Db): EventStore {
  return {
    async stale({ since, until, limit }) {
      const bounds = [since ? Prisma.sql`AND s."firstPublishedAt" >= ${since}` : Prisma.empty, until ? Prisma.sql`AND s."firstPublishedAt" <= ${until}` : Prisma.empty]
      const rows = await db.$queryRaw<{ id: number; itemCount: number }[]>`
        SELECT s."id", s."itemCount" FROM "Story" s
        WHERE EXISTS (SELECT 1 FROM "StoryTopic" t WHERE t."storyId" = s."id") ${bounds[0]!} ${bounds[1]!}
          AND NOT EXISTS (SELECT 1 FROM "StoryEvent" e WHERE e."storyId" = s."id" AND e."itemCount" = s."itemCount")
        ORDER BY s."firstPublishedAt" ASC, s."id" ASC LIMIT ${limit}`
      const itemCounts = new Map(rows.map((r) => [Number(r.id), Number(r.itemCount)]))
      // Story.itemCount, not the members loaded: items of a removed feed are gone, but the story still counts them.
      return (await loadStories(db, [...itemCounts.keys()])).map((story) => ({ story, itemCount: itemCounts.get(story.id)! }))
    },

    async save(events) {
      const names = Prisma.raw(COLUMNS.map((c) => `"${c}"`).join(', '))
      const updates = Prisma.raw(
        COLUMNS.filter((c) => c !== 'storyId')
          .map((c) => `"${c}" = excluded."${c}"`)
          .join(', '),
      )
      // An upsert: the poller and a chat command may work out the same story's event at the same time.
      for (const part of chunks(events, 200)) {
        const values = part.map((e) => Prisma.sql`(${Prisma.join(toRow(e))})`)
        await db.$executeRaw`INSERT INTO "StoryEvent" (${names}) VALUES ${Prisma.join(values)} ON CONFLICT ("storyId") DO UPDATE SET ${updates}`
      }
    },

    async inRange({ from, to, topic, actor, limit }) {
      const withActor = actor ? Prisma.sql`AND i."participants" LIKE ${containing(actor)} ESCAPE '\\'` : Prisma.empty
      // The inner query ranks the range from the (day, outletCount, participants) index alone (the topic check reads
      // StoryTopic's key); only the rows it keeps are read, and without their titles and sources, which only the
      // entries shown need. A story that grew keeps its previous event until the clusterer's refresh a moment later.
      const rows = await db.$queryRaw<EventRow[]>`
        SELECT e."storyId", e."day", e."type", e."typeScores", e."participants", e."place", e."evidence", e."outletCount", e."itemCount", r."total"
        FROM (
          SELECT i."storyId", COUNT(*) OVER () AS "total" FROM "StoryEvent" i
          WHERE i."day" >= ${from} AND i."day" <= ${to} AND ${onTopic(topic)} ${withActor}
          ORDER BY i."outletCount" DESC, i."day" ASC, i."storyId" ASC LIMIT ${limit}
        ) r JOIN "StoryEvent" e ON e."storyId" = r."storyId"
        ORDER BY e."outletCount" DESC, e."day" ASC, e."storyId" ASC`
      return { total: Number(rows[0]?.total ?? 0), events: rows.map(toSummary) }
    },

    async get(storyIds) {
      const rows: EventRow[] = []
      for (const part of chunks(storyIds)) {
        rows.push(...(await db.$queryRaw<EventRow[]>`SELECT * FROM "StoryEvent" WHERE "storyId" IN (${Prisma.join(part)})`))
      }
      return rows.map(toRecord)
    },
  }
}
