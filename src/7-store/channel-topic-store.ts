// Channels' own topics (issue 18) and the items they tag. Their tags live in ChannelTopicItem, never in ItemTopic or
// StoryTopic: those feed clustering and the shipped topics' votes, which one channel's words must not change. A story
// is on a channel topic when one of its items is tagged; story queries ask that through channelTopicCondition.
import { Prisma } from './generated/sqlite/client.js'
import { CHUNK, chunks } from './chunks.js'
import type { Db } from './prisma-store.js'
import type { ChannelTopicRecord, ChannelTopicStore } from './types.js'

/** "<scope key>#<topic id>". Shipped ids are lower-case letters, digits and dashes, so no key is ever one. */
export const channelTopicKey = (scopeKey: string, topicId: string) => `${scopeKey}#${topicId}`
export const isChannelTopicKey = (topic: string) => topic.includes('#')

/** The story (whose id is the column named) has an item the channel topic tags. */
export function channelTopicCondition(key: string, storyIdColumn: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Item" ci JOIN "ChannelTopicItem" cti ON cti."itemId" = ci."id" JOIN "ChannelTopic" ct ON ct."id" = cti."topicId"
    WHERE ci."storyId" = ${storyIdColumn} AND ct."key" = ${key})`
}

type Row = Omit<ChannelTopicRecord, 'terms'> & { id: number; terms: string }

const toRecord = ({ id: _id, terms, ...row }: Row): ChannelTopicRecord => ({ ...row, terms: JSON.parse(terms) as string[][] })

export function createChannelTopicStore(db: Db): ChannelTopicStore {
  return {
    async add(topic) {
      const key = channelTopicKey(topic.scopeKey, topic.topicId)
      try {
        return toRecord(await db.channelTopic.create({ data: { ...topic, key, terms: JSON.stringify(topic.terms) } }))
      } catch (err) {
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return null
        throw err
      }
    },

    async remove(key) {
      return (await db.channelTopic.deleteMany({ where: { key } })).count > 0
    },

    async list(scopeKeys) {
      const rows = await db.channelTopic.findMany({ where: scopeKeys ? { scopeKey: { in: scopeKeys } } : {}, orderBy: { id: 'asc' } })
      return rows.map(toRecord)
    },

    async itemsAfter(afterId, limit) {
      return db.item.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' }, take: limit, select: { id: true, title: true, text: true } })
    },

    async lastItemId() {
      return (await db.item.aggregate({ _max: { id: true } }))._max.id ?? 0
    },

    async tag(tags, taggedThrough) {
      const keys = [...new Set([...tags.map((t) => t.key), ...taggedThrough.keys()])]
      const ids = new Map((await db.channelTopic.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } })).map((r) => [r.key, r.id]))
      // A topic removed meanwhile has no id: its tags go with it. Another pass may have stored a tag already: kept.
      const rows = tags.flatMap(({ key, itemId }) => (ids.has(key) ? [Prisma.sql`(${ids.get(key)!}, ${itemId})`] : []))
      await db.$transaction(async (tx) => {
        for (const part of chunks(rows, 2 * CHUNK)) {
          await tx.$executeRaw`INSERT INTO "ChannelTopicItem" ("topicId", "itemId") VALUES ${Prisma.join(part)} ON CONFLICT DO NOTHING`
        }
        for (const [key, through] of taggedThrough) {
          await tx.channelTopic.updateMany({ where: { key, taggedThrough: { lt: through } }, data: { taggedThrough: through } })
        }
      })
    },

    async countTagged(key) {
      return db.channelTopicItem.count({ where: { topic: { key } } })
    },
  }
}
