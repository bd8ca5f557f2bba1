// StorySearch rows: each story's member titles in search form, rewritten whenever its members or their titles
// change, so /search scans one narrow table with the same results on SQLite and PostgreSQL.
import { insertRows } from './bulk-insert.js'
import { chunks } from './chunks.js'
import type { Prisma } from './generated/sqlite/client.js'
import type { Db } from './prisma-store.js'
import { searchForm } from './search-text.js'

type Tx = Prisma.TransactionClient

export async function refreshSearch(tx: Tx, storyIds: number[]): Promise<void> {
  for (const part of chunks([...new Set(storyIds)])) {
    const stories = await tx.story.findMany({ where: { id: { in: part } }, select: { id: true, lastPublishedAt: true } })
    const items = await tx.item.findMany({ where: { storyId: { in: part } }, select: { storyId: true, title: true } })
    const titles = new Map<number, Set<string>>()
    for (const item of items) {
      const set = titles.get(item.storyId!) ?? new Set<string>()
      titles.set(item.storyId!, set.add(searchForm(item.title)))
    }
    await tx.storySearch.deleteMany({ where: { storyId: { in: part } } })
    await insertRows(tx, 'StorySearch', ['storyId', 'text', 'lastPublishedAt'], stories.map((s) => [s.id, [...(titles.get(s.id) ?? [])].join('\n'), s.lastPublishedAt]))
  }
}

/** Fills the rows of stories that have none: stories clustered before search existed. */
export async function fillMissingSearch(db: Db): Promise<void> {
  const missing = await db.story.findMany({ where: { search: null }, select: { id: true } })
  for (const part of chunks(missing.map((s) => s.id))) await db.$transaction((tx) => refreshSearch(tx, part), { timeout: 60_000 })
}
