// The store queries behind /timeline, /ceasefire-status, /search and /subscribe, on every store: entity and search
// rows kept with their stories, ranked and bounded range queries (and /timeline saying so when it cuts a range),
// and the upgrade of a store clustered before them.
import { readdirSync, readFileSync } from 'node:fs'
import { createHash, randomUUID } from 'node:crypto'
import Sqlite from 'better-sqlite3'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import { TIMELINE_LIMIT } from '../commands/timeline.js'
import { openStore } from '../src/7-store/prisma-store.js'
import type { ClusterBatch, StoryState, Store, SubscriptionInput } from '../src/7-store/types.js'
import { searchTerms } from '../src/7-store/search-text.js'
import { refreshStoryEvents } from '../src/services/story-events.js'
import { commandServices, consoleInvoker, entities } from './support/command-services.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets, type StoreTarget } from './support/stores.js'

const DAY = 86_400_000
const T0 = new Date('2026-01-01T00:00:00Z')
const at = (days: number) => new Date(T0.getTime() + days * DAY)
/** A query as /search reads it, with the alias dictionary the stories were clustered with. */
const terms = (query: string) => searchTerms(query, (word) => entities(word).keys())

function storyState(id: number, title: string, day: number, outlets: string[], features: Record<string, number>, topics: string[]): StoryState {
  return {
    id,
    title,
    headlines: { en: { title, itemId: 0 } },
    languages: new Set(['en']),
    outlets: new Set(outlets),
    itemCount: 1,
    size: outlets.length,
    features: new Map(Object.entries(features)),
    topics: new Set(topics),
    firstPublishedAt: at(day),
    lastPublishedAt: at(day + 1),
    lastUpdatedAt: at(day),
    updateReason: null,
  }
}

/** Stores one item per story and applies a batch creating the stories; returns their ids in the order given. */
async function createStories(store: Store, stories: { state: StoryState; title: string }[]): Promise<number[]> {
  const [feed] = await store.feeds.sync([{ url: 'https://store.example/rss', name: 'Store Example', language: 'en', country: null, kind: 'wire', pollMinutes: null, origin: 'test' }])
  const item = itemFactory(`store-${randomUUID()}.example`)
  await store.items.upsert(feed!.id, stories.map((s) => item(s.title, s.title, s.state.firstPublishedAt.toISOString(), 'en')), { backfill: false, seenAt: T0 })
  const pending = await store.stories.pending(1000)
  const batch: ClusterBatch = {
    created: stories.map((s) => s.state),
    updated: [],
    assignments: pending.map((p, i) => ({ itemId: p.id, storyId: stories[i]!.state.id, duplicateOfId: null, signature: [1], bandKeys: [] })),
    clusteredAt: T0,
  }
  await store.stories.apply(batch)
  await refreshStoryEvents({ store, entities }) // as clusterPending does after applying its batches
  const ids = new Map((await store.stories.list({})).map((s) => [s.title, s.id]))
  return stories.map((s) => ids.get(s.state.title)!)
}

async function upgradeFromBeforeCommands(target: StoreTarget): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const created = await target.create()
  const dir = `prisma/${target.name}/migrations`
  const earlier = readdirSync(dir).filter((m) => /^\d+_/.test(m) && m < '20261121112500')
  const statements = earlier.map((m) => readFileSync(`${dir}/${m}/migration.sql`, 'utf8'))
  const book = earlier.map((m, i) => [randomUUID(), createHash('sha256').update(statements[i]!).digest('hex'), m])
  const rows = [
    `INSERT INTO "Feed" ("url", "name", "kind") VALUES ('https://tass.example/rss', 'TASS', 'state-media')`,
    `INSERT INTO "Story" ("title", "headlines", "languages", "outlets", "outletCount", "itemCount", "size", "centroid", "firstPublishedAt", "lastPublishedAt", "lastUpdatedAt")
    VALUES ('Ушаков: Путин и Трамп созвонились', '{}', 'ru', '["TASS"]', 1, 1, 1, '{"c:person:putin":2,"c:person:trump":2,"w:ru:ушаков":2}', '2026-01-02 00:00:00', '2026-01-02 00:00:00', '2026-01-02 00:00:00')`,
    `INSERT INTO "Item" ("feedId", "guid", "url", "title", "text", "language", "publishedAt", "firstSeenAt", "updatedAt", "contentHash", "storyId")
      VALUES (1, 'g1', 'https://tass.example/1', 'Ушаков: Путин и Трамп созвонились', '', 'ru', '2026-01-02 00:00:00', '2026-01-02 00:00:00', '2026-01-02 00:00:00', 'h1', 1)`,
  ]
  if (target.name === 'sqlite') {
    const db = new Sqlite(created.url.replace(/^file:/, ''))
    db.exec('CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)')
    statements.forEach((sql) => db.exec(sql))
    for (const [id, checksum, name] of book) db.prepare('INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name) VALUES (?, ?, current_timestamp, ?)').run(id, checksum, name)
    // Prisma's SQLite adapter keeps times as ISO text.
    for (const sql of rows) db.exec(sql.replaceAll('2026-01-02 00:00:00', '2026-01-02T00:00:00.000+00:00'))
    db.close()
  } else {
    const client = new pg.Client({ connectionString: created.url })
    await client.connect()
    await client.query('CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)')
    for (const sql of statements) await client.query(sql)
    for (const [id, checksum, name] of book) await client.query('INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name) VALUES ($1, $2, now(), $3)', [id, checksum, name])
    for (const sql of rows) await client.query(sql)
    await client.end()
  }
  return created
}

describe.each(storeTargets)('command queries on $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  beforeEach(async () => ({ store, dispose } = await freshStore(target)))
  afterEach(() => dispose())

  it('ranks a range by coverage when it holds more than the limit, and returns the kept stories oldest first', async () => {
    const ids = await createStories(store, [
      { title: 'Early and small', state: storyState(-1, 'Early and small', 1, ['A'], { 'c:person:putin': 2 }, ['ceasefire']) },
      { title: 'Middle and wide', state: storyState(-2, 'Middle and wide', 2, ['A', 'B', 'C'], { 'c:person:zelensky': 2 }, ['ceasefire']) },
      { title: 'Late and medium', state: storyState(-3, 'Late and medium', 3, ['A', 'B'], { 'c:person:putin': 1, 'w:en:talk': 1 }, ['us-russia']) },
    ])
    const all = await store.stories.inRange({ from: at(0), to: at(10), limit: 10 })
    expect(all.total).toBe(3)
    expect(all.stories.map((s) => s.id)).toEqual(ids)
    const two = await store.stories.inRange({ from: at(0), to: at(10), limit: 2 })
    expect(two).toMatchObject({ total: 3, stories: [{ title: 'Middle and wide' }, { title: 'Late and medium' }] })
    expect((await store.stories.inRange({ from: at(0), to: at(10), entity: 'person:putin', limit: 10 })).stories.map((s) => s.title)).toEqual(['Early and small', 'Late and medium'])
    expect((await store.stories.inRange({ from: at(0), to: at(10), entity: 'person:putin', topic: 'ceasefire', limit: 10 })).stories.map((s) => s.title)).toEqual(['Early and small'])
    expect(await store.stories.inRange({ from: at(2.5), to: at(10), topic: 'ceasefire', limit: 10 })).toEqual({ total: 0, stories: [] })
    // Active in [day 2.5, day 2.8]: begun by its end, reported on after its start (each story runs one day).
    expect((await store.stories.active({ topic: 'ceasefire', from: at(2.5), to: at(2.8), limit: 10 })).stories.map((s) => s.title)).toEqual(['Middle and wide'])
    expect(await store.stories.active({ topic: 'ceasefire', from: at(0), to: at(10), limit: 1 })).toMatchObject({ total: 2, stories: [{ title: 'Middle and wide' }] })
  })

  it('tells /timeline readers when a range holds more stories than one reply shows', async () => {
    await createStories(store, Array.from({ length: TIMELINE_LIMIT + 1 }, (_, i) => ({ title: `Story ${i}`, state: storyState(-1 - i, `Story ${i}`, i / 100, i === 0 ? ['A', 'B'] : ['A'], {}, ['ceasefire']) })))
    const reply = await runCommand({ command: 'timeline', subcommand: null, options: { from: '2026-01-01', to: '2026-01-05' }, invoker: consoleInvoker(), now: at(5) }, commandServices(store))
    expect(reply).toMatchObject({ kind: 'entries', intro: [[{ text: '201 events; showing the 200 most widely covered, in date order. Narrow the dates or add a topic or actor to see the rest.' }]] })
    if (reply.kind === 'entries') expect(reply.entries.at(0)?.title).toBe('1 Jan 2026 · statement — Story 0')
  })

  it('rewrites a story’s entities when clustering updates it', async () => {
    const [id] = await createStories(store, [{ title: 'Talks', state: storyState(-1, 'Talks', 5, ['A'], { 'c:person:putin': 2 }, ['ceasefire']) }])
    const updated = storyState(id!, 'Talks', 4, ['A', 'B'], { 'c:person:putin': 2, 'c:country:turkey': 1 }, ['ceasefire'])
    await store.stories.apply({ created: [], updated: [updated], assignments: [], clusteredAt: T0 })
    const turkey = await store.stories.inRange({ from: at(4), to: at(4.5), entity: 'country:turkey', limit: 10 })
    expect(turkey.stories.map((s) => s.id)).toEqual([id])
    expect((await store.stories.inRange({ from: at(5), to: at(6), entity: 'person:putin', limit: 10 })).total).toBe(0)
  })

  it('searches member titles, also after a title changes', async () => {
    const [feed] = await store.feeds.sync([{ url: 'https://s.example/rss', name: 'S', language: 'ru', country: null, kind: 'wire', pollMinutes: null, origin: 'test' }])
    const item = itemFactory('s.example')
    const first = item('Зеленский прибыл в Стамбул', 'Текст', at(1).toISOString(), 'ru')
    await store.items.upsert(feed!.id, [first], { backfill: false, seenAt: T0 })
    const [pending] = await store.stories.pending(10)
    await store.stories.apply({ created: [storyState(-1, 'Зеленский прибыл в Стамбул', 1, ['S'], {}, [])], updated: [], assignments: [{ itemId: pending!.id, storyId: -1, duplicateOfId: null, signature: [1], bandKeys: [] }], clusteredAt: T0 })
    expect(await store.stories.search(terms('ЗЕЛЕНСКИЙ стамбул'), 10)).toHaveLength(1)
    await store.items.upsert(feed!.id, [{ ...first, title: 'Зеленский прибыл в Анкару', contentHash: 'changed' }], { backfill: false, seenAt: T0 })
    expect(await store.stories.search(terms('стамбул'), 10)).toHaveLength(0)
    expect(await store.stories.search(terms('анкару'), 10)).toHaveLength(1)
    expect(await store.stories.search(terms('  '), 10)).toEqual([])
  })

  it('searches by the names a story’s entities go by in any language, and by stems', async () => {
    const [zelensky, budapest] = await createStories(store, [
      { title: 'Зеленский прибыл в Стамбул', state: storyState(-1, 'Зеленский прибыл в Стамбул', 1, ['A'], { 'c:person:zelensky': 2 }, ['ceasefire']) },
      { title: 'Переговоры в Будапеште', state: storyState(-2, 'Переговоры в Будапеште', 2, ['A'], { 'c:place:budapest': 2 }, ['ceasefire']) },
    ])
    expect((await store.stories.search(terms('Zelensky'), 10)).map((s) => s.id)).toEqual([zelensky])
    expect((await store.stories.search(terms('ゼレンスキー Стамбул'), 10)).map((s) => s.id)).toEqual([zelensky])
    expect((await store.stories.search(terms('Budapest'), 10)).map((s) => s.id)).toEqual([budapest])
    // Ukrainian locative and a Russian case the title does not use: the entity, and the stem.
    expect((await store.stories.search(terms('Будапешті'), 10)).map((s) => s.id)).toEqual([budapest])
    expect((await store.stories.search(terms('переговорах'), 10)).map((s) => s.id)).toEqual([budapest])
    expect(await store.stories.search(terms('Zelensky Budapest'), 10)).toEqual([])
    // One kanji is a word: Japanese headlines abbreviate Russia to 露.
    const [summit] = await createStories(store, [{ title: '米露首脳が会談', state: storyState(-3, '米露首脳が会談', 3, ['A'], {}, ['ceasefire']) }])
    expect((await store.stories.search(terms('露'), 10)).map((s) => s.id)).toEqual([summit])
  })

  it('keeps one subscription per channel and topic', async () => {
    const input: SubscriptionInput = { platform: 'slack', channelKey: 'slack:T1:C1', channelId: 'C1', workspaceId: 'T1', topic: 'ceasefire', createdBy: 'U1', changes: {}, defaults: { time: '08:00', timezone: 'UTC', lang: 'en' } }
    expect(await store.subscriptions.upsert(input)).toMatchObject({ previous: null, subscription: { id: expect.any(Number), createdAt: expect.any(Date) } })
    expect(await store.subscriptions.upsert({ ...input, changes: { time: '09:30' }, createdBy: 'U2' })).toMatchObject({ previous: { time: '08:00' }, subscription: { time: '09:30', createdBy: 'U1' } })
    await store.subscriptions.upsert({ ...input, channelKey: 'slack:T1:C2', channelId: 'C2' })
    expect((await store.subscriptions.listAll()).map((s) => [s.channelKey, s.time])).toEqual([
      ['slack:T1:C1', '09:30'],
      ['slack:T1:C2', '08:00'],
    ])
    expect(await store.subscriptions.remove('slack:T1:C1', 'ceasefire')).toBe(true)
    expect(await store.subscriptions.remove('slack:T1:C1', 'ceasefire')).toBe(false)
    expect(await store.subscriptions.listForChannel('slack:T1:C1')).toEqual([])
  })
})

describe.each(storeTargets)('upgrading a $name store clustered before commands existed', (target) => {
  it('fills entities from the centroid and search rows at open', async () => {
    const { url, cleanup } = await upgradeFromBeforeCommands(target)
    const store = await openStore(url)
    try {
      const range = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-03T00:00:00Z'), limit: 10 }
      expect((await store.stories.inRange({ ...range, entity: 'person:trump' })).total).toBe(1)
      expect((await store.stories.inRange({ ...range, entity: 'w:ru:ушаков' })).total).toBe(0)
      expect((await store.stories.search(terms('ПУТИН'), 10)).map((s) => s.title)).toEqual(['Ушаков: Путин и Трамп созвонились'])
    } finally {
      await store.close()
      await cleanup()
    }
  })
})
