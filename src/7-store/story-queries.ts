// Readers' story queries: digests, /timeline, /ceasefire-status, /search. Each picks story ids with one bounded
// query on an index (plain SQL that SQLite and PostgreSQL read alike), then loads those stories with their members.
import { Prisma } from './generated/sqlite/client.js'
import type { Db } from './prisma-store.js'
import { channelTopicCondition, isChannelTopicKey } from './channel-topic-store.js'
import { loadStories } from './story-records.js'
import type { SearchTerm } from './search-text.js'
import type { StoryStore } from './types.js'

type Queries = Pick<StoryStore, 'list' | 'get' | 'inRange' | 'active' | 'begunBy' | 'search'>

const onTopic = (topic: string | undefined) =>
  !topic
    ? Prisma.empty
    : isChannelTopicKey(topic)
      ? Prisma.sql`AND ${channelTopicCondition(topic, Prisma.sql`s."id"`)}`
      : Prisma.sql`AND EXISTS (SELECT 1 FROM "StoryTopic" t WHERE t."storyId" = s."id" AND t."topic" = ${topic})`

/** Stories on any of the topics: shipped ones by StoryTopic, channel topics (issue 18) by their tagged items. */
function onTopics(topics: string[]): Prisma.StoryWhereInput {
  const shipped = topics.filter((t) => !isChannelTopicKey(t))
  const custom = topics.filter(isChannelTopicKey)
  return {
    OR: [
      ...(shipped.length ? [{ topics: { some: { topic: { in: shipped } } } }] : []),
      ...(custom.length ? [{ items: { some: { channelTopics: { some: { topic: { key: { in: custom } } } } } } }] : []),
    ],
  }
}

/** LIKE with its wildcards and escape character taken literally. */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

async function page(db: Db, rows: { id: number; total: bigint | number }[]) {
  return { total: Number(rows[0]?.total ?? 0), stories: await loadStories(db, rows.map((r) => Number(r.id))) }
}

export function createStoryQueries(db: Db): Queries {
  return {
    async list(query) {
      const ids = await db.story.findMany({
        where: {
          ...(query.topics ? onTopics(query.topics) : { topics: { some: {} } }),
          ...(query.since ? { lastPublishedAt: { gte: query.since } } : {}),
        },
        orderBy: [{ lastPublishedAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
        select: { id: true },
      })
      return loadStories(db, ids.map((r) => r.id))
    },

    async get(id) {
      return (await loadStories(db, [id]))[0] ?? null
    },

    async inRange({ from, to, topic, entity, limit }) {
      // With an entity, its (entity, firstPublishedAt) index bounds the rows; otherwise Story's (firstPublishedAt,
      // outletCount) index, read alone. Ranking by coverage needs every match, hence the count comes for free.
      const source = entity
        ? Prisma.sql`"StoryEntity" e JOIN "Story" s ON s."id" = e."storyId" WHERE e."entity" = ${entity} AND e."firstPublishedAt" >= ${from} AND e."firstPublishedAt" <= ${to}`
        : Prisma.sql`"Story" s WHERE s."firstPublishedAt" >= ${from} AND s."firstPublishedAt" <= ${to}`
      const rows = await db.$queryRaw<{ id: number; firstPublishedAt: Date; total: bigint | number }[]>`
        SELECT s."id", s."firstPublishedAt", COUNT(*) OVER () AS "total" FROM ${source} ${onTopic(topic)}
        ORDER BY s."outletCount" DESC, s."firstPublishedAt" ASC, s."id" ASC LIMIT ${limit}`
      rows.sort((a, b) => new Date(a.firstPublishedAt).getTime() - new Date(b.firstPublishedAt).getTime() || Number(a.id) - Number(b.id))
      return page(db, rows)
    },

    async active({ topic, from, to, limit }) {
      const rows = await db.$queryRaw<{ id: number; total: bigint | number }[]>`
        SELECT s."id", COUNT(*) OVER () AS "total" FROM "Story" s
        WHERE s."lastPublishedAt" >= ${from} AND s."firstPublishedAt" <= ${to} ${onTopic(topic)}
        ORDER BY s."lastPublishedAt" DESC, s."id" DESC LIMIT ${limit}`
      return page(db, rows)
    },

    async begunBy({ topic, to, limit }) {
      // Story's (firstPublishedAt, outletCount) index read backwards from `to`; the topic checked per row on its key.
      const rows = await db.$queryRaw<{ id: number }[]>`
        SELECT s."id" FROM "Story" s WHERE s."firstPublishedAt" <= ${to} ${onTopic(topic)}
        ORDER BY s."firstPublishedAt" DESC, s."id" DESC LIMIT ${limit}`
      return loadStories(db, rows.map((r) => Number(r.id)))
    },

    async search(terms, limit) {
      if (terms.length === 0) return []
      const matches = (term: SearchTerm) => {
        const named = term.entities.length > 0 ? [Prisma.sql`EXISTS (SELECT 1 FROM "StoryEntity" e WHERE e."storyId" = ss."storyId" AND e."entity" IN (${Prisma.join(term.entities)}))`] : []
        return Prisma.sql`(${Prisma.join([...term.forms.map((f) => Prisma.sql`ss."text" LIKE ${containing(f)} ESCAPE '\\'`), ...named], ' OR ')})`
      }
      const rows = await db.$queryRaw<{ storyId: number }[]>`
        SELECT ss."storyId" FROM "StorySearch" ss WHERE ${Prisma.join(terms.map(matches), ' AND ')}
        ORDER BY ss."lastPublishedAt" DESC, ss."storyId" DESC LIMIT ${limit}`
      return loadStories(db, rows.map((r) => Number(r.storyId)))
    },
  }
}
