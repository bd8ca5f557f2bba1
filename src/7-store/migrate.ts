// Applies the committed Prisma migrations at start, keeping Prisma's own _prisma_migrations bookkeeping so that
// `prisma migrate status` and `prisma migrate deploy` agree with what ran here, and tells commands that only read
// whether there is anything to apply. Uses the raw drivers because a migration file holds many statements; each is
// loaded only for its own kind of database.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isPostgresUrl, sqliteFolder, sqlitePath } from './database-url.js'
import { redactSecrets } from '../redact.js'

const PRISMA_DIR = fileURLToPath(new URL('../../prisma/', import.meta.url))

interface Migration {
  name: string
  sql: string
  checksum: string
}

function committedMigrations(provider: 'sqlite' | 'postgres'): Migration[] {
  const dir = path.join(PRISMA_DIR, provider, 'migrations')
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

const BOOKKEEPING = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
    "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
}

function pending(all: Migration[], applied: Applied): Migration[] {
  const failed = applied.find((m) => !m.finished_at && !m.rolled_back_at)
  if (failed) {
    throw new Error(`store: migration ${failed.migration_name} failed earlier; fix the database, then run \`npx prisma migrate resolve\``)
  }
  const done = new Set(applied.filter((m) => m.finished_at).map((m) => m.migration_name))
  return all.filter((m) => !done.has(m.name))
}

const sqlite = async () => (await import('better-sqlite3')).default
const postgresClient = async (url: string) => new (await import('pg')).default.Client({ connectionString: url })

type Applied = { migration_name: string; finished_at: unknown; rolled_back_at: unknown }[]
const APPLIED = 'SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"'

/** A migration of a large database can take minutes; another process starting meanwhile waits this long for it. */
const SQLITE_MIGRATION_WAIT_MS = 10 * 60_000

async function migrateSqlite(url: string): Promise<string[]> {
  const file = sqlitePath(url)
  sqliteFolder(url)
  const db = new (await sqlite())(file, { timeout: SQLITE_MIGRATION_WAIT_MS })
  try {
    db.pragma('journal_mode = WAL')
    // One write transaction from reading what was applied to the last migration: a second process starting at once
    // waits for the first to commit, then finds nothing to do (SQLite runs the schema changes transactionally).
    const migrate = db.transaction(() => {
      db.exec(BOOKKEEPING.sqlite)
      const todo = pending(committedMigrations('sqlite'), db.prepare(APPLIED).all() as Applied)
      const record = db.prepare(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
      )
      for (const m of todo) {
        const started = new Date().toISOString()
        db.exec(m.sql)
        record.run(randomUUID(), m.checksum, new Date().toISOString(), m.name, started)
      }
      return todo.map((m) => m.name)
    })
    return migrate.immediate()
  } finally {
    db.close()
  }
}

async function migratePostgres(url: string): Promise<string[]> {
  const client = await postgresClient(url)
  await client.connect()
  try {
    // Several workers may start at once: one migrates, the others wait and then find nothing to do.
    await client.query("SELECT pg_advisory_lock(hashtext('newsbot:migrations'))")
    await client.query(BOOKKEEPING.postgres)
    const { rows } = await client.query(APPLIED)
    const todo = pending(committedMigrations('postgres'), rows)
    for (const m of todo) {
      await client.query('BEGIN')
      try {
        const started = new Date()
        await client.query(m.sql)
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)',
          [randomUUID(), m.checksum, m.name, started],
        )
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK')
        throw new Error(`store: migration ${m.name} failed: ${(err as Error).message}`)
      }
    }
    return todo.map((m) => m.name)
  } finally {
    await client.end()
  }
}

/** Brings the database up to the committed schema; returns the names of the migrations it applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  return isPostgresUrl(url) ? migratePostgres(url) : migrateSqlite(url)
}

async function appliedSqlite(url: string): Promise<Applied> {
  const file = sqlitePath(url)
  if (!existsSync(file)) return []
  const db = new (await sqlite())(file, { fileMustExist: true })
  try {
    const bookkept = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get()
    return bookkept ? (db.prepare(APPLIED).all() as Applied) : []
  } finally {
    db.close()
  }
}

async function appliedPostgres(url: string): Promise<Applied> {
  const client = await postgresClient(url)
  await client.connect()
  try {
    const { rows } = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS bookkept`)
    return rows[0].bookkept ? (await client.query(APPLIED)).rows : []
  } finally {
    await client.end()
  }
}

/**
 * For commands that only read: throws, naming the database and what to run, when it is missing migrations. Reads
 * only: a SQLite file that does not exist is not created.
 */
/** A reading command on a database that is not set up for this version: the operator's to fix (exit 2). */
export class StoreNotReadyError extends Error {
  override name = 'StoreNotReadyError'
}

export async function checkMigrated(url: string): Promise<void> {
  const provider = isPostgresUrl(url) ? 'postgres' : 'sqlite'
  const all = committedMigrations(provider)
  const missing = pending(all, provider === 'postgres' ? await appliedPostgres(url) : await appliedSqlite(url))
  if (missing.length === 0) return
  const where = provider === 'postgres' ? redactSecrets(url) : sqlitePath(url)
  const [state, fix] = missing.length === all.length ? ['has no newsbot tables yet', 'create them'] : [`is ${missing.length} migration${missing.length === 1 ? '' : 's'} behind this version`, 'apply them']
  throw new StoreNotReadyError(`store: ${where} ${state}: run \`newsbot start\` (or \`newsbot poll --once\`) once to ${fix}`)
}
