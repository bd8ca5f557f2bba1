// The stores every store-backed test runs against: a fresh SQLite file, and a fresh PostgreSQL database when
// TEST_DATABASE_URL is set (skipped with a printed reason otherwise).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openStore } from '../../src/7-store/prisma-store.js'
import type { Store } from '../../src/7-store/types.js'

export interface StoreTarget {
  name: 'sqlite' | 'postgres'
  /** A URL to a new, empty database, removed by the returned cleanup. */
  create(): Promise<{ url: string; cleanup: () => Promise<void> }>
}

const postgresUrl = process.env.TEST_DATABASE_URL

if (!postgresUrl) console.log('PostgreSQL store tests skipped: TEST_DATABASE_URL is not set (.ci/run sets it)')

const sqlite: StoreTarget = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-test-'))
    return { url: `file:${path.join(dir, 'test.db')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
  },
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const postgres: StoreTarget = {
  name: 'postgres',
  async create() {
    const name = `newsbot_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    await admin((c) => c.query(`CREATE DATABASE ${name}`))
    const url = new URL(postgresUrl!)
    url.pathname = `/${name}`
    return {
      url: url.toString(),
      cleanup: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    }
  },
}

export const storeTargets: StoreTarget[] = postgresUrl ? [sqlite, postgres] : [sqlite]

/** Opens a fresh migrated store; call the returned dispose in afterEach/afterAll. */
export async function freshStore(target: StoreTarget): Promise<{ store: Store; url: string; dispose: () => Promise<void> }> {
  const { url, cleanup } = await target.create()
  const store = await openStore(url)
  return {
    store,
    url,
    dispose: async () => {
      await store.close()
      await cleanup()
    },
  }
}
