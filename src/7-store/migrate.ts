// Applies the committed Prisma migrations at start, keeping Prisma's own _prisma_migrations bookkeeping so that
// `prisma migrate status` and `prisma migrate deploy` agree with what ran here. Uses the raw drivers because a
// migration file holds many statements.
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3'
import pg from 'pg'
import { isPostgresUrl, sqlitePath } from './database-url.js'

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

function pending(all: Migration[], applied: { migration_name: string; finished_at: unknown; rolled_back_at: unknown }[]): Migration[] {
  const failed = applied.find((m) => !m.finished_at && !m.rolled_back_at)
  if (failed) {
    throw new Error(`store: migration ${failed.migration_name} failed earlier; fix the database, then run \`npx prisma migrate resolve\``)
  }
  const done = new Set(applied.filter((m) => m.finished_at).map((m) => m.migration_name))
  return all.filter((m) => !done.has(m.name))
}

function migrateSqlite(url: string): string[] {
  const file = sqlitePath(url)
  mkdirSync(path.dirname(file), { recursive: true })
  const db = new Sqlite(file)
  try {
    db.pragma('journal_mode = WAL')
    db.exec(BOOKKEEPING.sqlite)
    const applied = db.prepare('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"').all() as never[]
    const todo = pending(committedMigrations('sqlite'), applied)
    const record = db.prepare(
      'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
    )
    for (const m of todo) {
      const started = new Date().toISOString()
      db.transaction(() => {
        db.exec(m.sql)
        record.run(randomUUID(), m.checksum, new Date().toISOString(), m.name, started)
      })()
    }
    return todo.map((m) => m.name)
  } finally {
    db.close()
  }
}

async function migratePostgres(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // Several workers may start at once: one migrates, the others wait and then find nothing to do.
    await client.query("SELECT pg_advisory_lock(hashtext('newsbot:migrations'))")
    await client.query(BOOKKEEPING.postgres)
    const { rows } = await client.query('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"')
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
