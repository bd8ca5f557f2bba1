// The Prisma implementation of the store, on SQLite (default) or PostgreSQL. The only module that imports Prisma.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as PostgresClient } from './generated/postgres/client.js'
import { PrismaClient as SqliteClient } from './generated/sqlite/client.js'
import { isPostgresUrl, sqlitePath } from './database-url.js'
import { applyMigrations } from './migrate.js'
import { rememberingFactory } from './adapter-sql.js'
import { createFeedStore } from './feed-store.js'
import { createItemStore } from './item-store.js'
import { createDigestStore } from './digest-store.js'
import { fillMissingSearch } from './search-index.js'
import { createStoryStore } from './story-store.js'
import { createEventStore } from './event-store.js'
import { createSubscriptionStore } from './subscription-store.js'
import { createOutboxStore } from './outbox-store.js'
import type { Store } from './types.js'

/** Both generated clients have the same model API; code is typed against the SQLite one. */
export type Db = SqliteClient

function createClient(url: string) {
  const postgres = isPostgresUrl(url)
  const { factory, connected } = rememberingFactory(
    postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSqlite3({ url: `file:${sqlitePath(url)}` }),
  )
  const db = postgres ? (new PostgresClient({ adapter: factory }) as unknown as Db) : new SqliteClient({ adapter: factory })
  /** The adapter Prisma itself uses: its connection pool, and on SQLite its one connection and transaction lock. */
  const adapter = async () => {
    if (!connected()) await db.$connect()
    return connected()!
  }
  return { db, adapter }
}

export interface OpenStoreOptions {
  /** Apply pending migrations first (default true). */
  migrate?: boolean
}

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (options.migrate !== false) await applyMigrations(url)
  const { db, adapter } = createClient(url)
  const kind = isPostgresUrl(url) ? 'postgres' : 'sqlite'
  if (kind === 'sqlite') {
    // WAL lets readers (chat commands) run while the poller writes; NORMAL sync is safe under WAL.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
    await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  }
  await fillMissingSearch(db)
  return {
    kind,
    feeds: createFeedStore(db),
    items: createItemStore(db, adapter),
    stories: createStoryStore(db),
    events: createEventStore(db),
    digests: createDigestStore(db),
    subscriptions: createSubscriptionStore(db),
    outbox: createOutboxStore(db),
    close: () => db.$disconnect(),
  }
}
