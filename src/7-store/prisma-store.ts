// The Prisma implementation of the store, on SQLite (default) or PostgreSQL. The only module that imports Prisma.
import { isPostgresUrl, sqlitePath } from './database-url.js'
import { applyMigrations, checkMigrated } from './migrate.js'
import { rememberingFactory } from './adapter-sql.js'
import { createFeedStore } from './feed-store.js'
import { createItemStore } from './item-store.js'
import { createDigestStore } from './digest-store.js'
import { fillMissingSearch } from './search-index.js'
import { createStoryStore } from './story-store.js'
import { createEventStore } from './event-store.js'
import { createSubscriptionStore } from './subscription-store.js'
import { createOutboxStore } from './outbox-store.js'
import { createChannelTopicStore } from './channel-topic-store.js'
import type { PrismaClient as SqliteClient } from './generated/sqlite/client.js'
import type { Store } from './types.js'

/** Both generated clients have the same model API; code is typed against the SQLite one. */
export type Db = SqliteClient

/** Only the client and driver of the database in use are loaded. */
async function createClient(url: string) {
  const postgres = isPostgresUrl(url)
  const { factory, connected } = rememberingFactory(
    postgres
      ? new (await import('@prisma/adapter-pg')).PrismaPg({ connectionString: url })
      : new (await import('@prisma/adapter-better-sqlite3')).PrismaBetterSqlite3({ url: `file:${sqlitePath(url)}` }),
  )
  const db = postgres
    ? (new (await import('./generated/postgres/client.js')).PrismaClient({ adapter: factory }) as unknown as Db)
    : new (await import('./generated/sqlite/client.js')).PrismaClient({ adapter: factory })
  /** The adapter Prisma itself uses: its connection pool, and on SQLite its one connection and transaction lock. */
  const adapter = async () => {
    if (!connected()) await db.$connect()
    return connected()!
  }
  return { db, adapter }
}

/**
 * 'write': pending migrations are applied first, and rows older versions did not keep are filled in (search rows
 * of stories without one). 'read': the database must be migrated already (checked, nothing created); nothing is written.
 */
export type StoreAccess = 'read' | 'write'

export interface OpenStoreOptions {
  /** Default 'write'. */
  access?: StoreAccess
}

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const access = options.access ?? 'write'
  if (access === 'write') await applyMigrations(url)
  else await checkMigrated(url)
  const { db, adapter } = await createClient(url)
  const kind = isPostgresUrl(url) ? 'postgres' : 'sqlite'
  if (kind === 'sqlite') {
    // WAL lets readers (chat commands) run while the poller writes; NORMAL sync is safe under WAL.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
    await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  }
  if (access === 'write') await fillMissingSearch(db)
  return {
    kind,
    feeds: createFeedStore(db),
    items: createItemStore(db, adapter),
    stories: createStoryStore(db),
    events: createEventStore(db),
    digests: createDigestStore(db),
    subscriptions: createSubscriptionStore(db),
    outbox: createOutboxStore(db),
    channelTopics: createChannelTopicStore(db),
    close: () => db.$disconnect(),
  }
}
