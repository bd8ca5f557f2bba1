// The store's write lock: the commands that poll and cluster (start, poll, ingest) take turns, so two of them never
// write one database at once; a second one says who holds the lock, waits for it (a bounded wait), and then gives up
// with a clear message. PostgreSQL workers hold it shared, and so does `deliver` (what their clock job does, made
// safe by the outbox's leases): they run side by side, never beside a process that writes alone. The operating
// system or the server drops the lock with its process, even on SIGKILL, so a crash never leaves a stale lock behind.
//  - SQLite: a write lock on "<database>.lock", a small SQLite file next to the database, whose one row names the
//    holder. SQLite mode has one writing process (a sender voids the leases it finds), so shared is exclusive there.
//  - PostgreSQL: a session advisory lock on a connection of its own, named after the process.
import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { isPostgresUrl, sqliteFolder, sqlitePath } from './database-url.js'
import { redactSecrets } from '../redact.js'

export class AlreadyRunningError extends Error {
  override name = 'AlreadyRunningError'
}

/** 'exclusive': writes alone (start, poll, ingest); 'shared': beside other shared holders only (worker, deliver). */
export type LockMode = 'exclusive' | 'shared'

export interface LockOptions {
  mode: LockMode
  /** How long to wait for another holder before giving up; 0 gives up at once. */
  waitMs: number
  /** Told once, when the lock is held by another process and this one starts waiting. */
  onWait(message: string): void
}

export interface ProcessLock {
  release(): Promise<void>
}

/** One way of taking the lock: a single try, who holds it now ("pid N", or null when unknown), and letting go. */
interface LockHandle {
  where: string
  take(): Promise<boolean>
  holder(): Promise<string | null>
  release(): Promise<void>
}

const RETRY_MS = 250

export async function acquireWriteLock(url: string, options: LockOptions): Promise<ProcessLock> {
  const handle = isPostgresUrl(url) ? await postgresLock(url, options.mode) : await sqliteLock(url)
  const deadline = Date.now() + options.waitMs
  let waiting = false
  try {
    while (!(await handle.take())) {
      const holder = await handle.holder()
      const other = holder ? `another newsbot process (${holder})` : 'another newsbot process'
      if (Date.now() >= deadline) {
        const scaleOut = isPostgresUrl(url) ? '' : ' SQLite mode has one writing process; to run several, use PostgreSQL (DATABASE_URL=postgresql://…) and `newsbot worker`.'
        throw new AlreadyRunningError(
          `store: ${other} is ${waiting ? 'still ' : ''}writing to ${handle.where}${waiting ? ` after ${options.waitMs / 1000} s` : ''}: ` +
            `stop it or let it finish (NEWSBOT_LOCK_WAIT_SECONDS sets how long to wait).${scaleOut}`,
        )
      }
      if (!waiting) options.onWait(`${other} is writing to ${handle.where}; waiting up to ${options.waitMs / 1000} s…`)
      waiting = true
      await sleep(Math.min(RETRY_MS, Math.max(0, deadline - Date.now())))
    }
  } catch (err) {
    await handle.release()
    throw err
  }
  return { release: () => handle.release() }
}

const busy = (err: unknown) => (err as { code?: string }).code === 'SQLITE_BUSY'
/** How long publishing or reading the holder's pid may wait for a reader or writer of the lock file. */
const HOLDER_ROW_TIMEOUT_MS = 2_000

async function sqliteLock(url: string): Promise<LockHandle> {
  const file = `${sqlitePath(url)}.lock`
  sqliteFolder(url)
  const db = new (await import('better-sqlite3')).default(file, { timeout: HOLDER_ROW_TIMEOUT_MS })
  // The lock is an open write transaction (SQLite's RESERVED lock): other writers are refused, readers of the
  // holder row are not. It is taken twice, because the row is written and committed in between for waiters to read.
  const begin = () => {
    db.pragma('busy_timeout = 0')
    try {
      db.exec('BEGIN IMMEDIATE')
      return true
    } catch (err) {
      if (busy(err)) return false
      throw err
    } finally {
      db.pragma(`busy_timeout = ${HOLDER_ROW_TIMEOUT_MS}`)
    }
  }
  return {
    where: sqlitePath(url),
    async take() {
      if (!begin()) return false
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER)')
      db.exec('DELETE FROM holder')
      db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid)
      db.exec('COMMIT')
      return begin() // false: another process took it in between, and is now writing its own pid
    },
    async holder() {
      try {
        const row = db.prepare('SELECT pid FROM holder').get() as { pid: number } | undefined
        // Our own pid: the row of a moment ago, when another process took the lock as this one was taking it.
        return row && row.pid !== process.pid ? `pid ${row.pid}` : null
      } catch {
        return null // no row yet (its holder is writing it), or a holder from an older version, which kept none readable
      }
    },
    async release() {
      db.close()
    },
  }
}

/** The advisory lock's two keys: "news" in ASCII, then the write lock's number. */
const ADVISORY_KEYS = [0x6e657773, 1]
const APP_NAME_PREFIX = 'newsbot: '

async function postgresLock(url: string, mode: LockMode): Promise<LockHandle> {
  const client = new (await import('pg')).default.Client({ connectionString: url, application_name: `${APP_NAME_PREFIX}pid ${process.pid} on ${hostname()}` })
  // The lock lives as long as this connection. A connection lost later (a server restart) takes the lock with it;
  // the error must not end the process, whose own store connections report the outage.
  client.on('error', () => {})
  await client.connect()
  const take = mode === 'shared' ? 'pg_try_advisory_lock_shared' : 'pg_try_advisory_lock'
  return {
    where: redactSecrets(url),
    async take() {
      const { rows } = await client.query(`SELECT ${take}($1, $2) AS taken`, ADVISORY_KEYS)
      return rows[0].taken === true
    },
    async holder() {
      // An exclusive holder first ('ExclusiveLock' sorts before 'ShareLock'): it is the one everyone waits for.
      const { rows } = await client.query(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND l.pid <> pg_backend_pid()
          ORDER BY l.mode LIMIT 1`,
        ADVISORY_KEYS,
      )
      const name = String(rows[0]?.name ?? '')
      return name.startsWith(APP_NAME_PREFIX) ? name.slice(APP_NAME_PREFIX.length) : null
    },
    async release() {
      await client.end()
    },
  }
}
