// SQLite mode is one process: a long-running newsbot holds an exclusive SQLite lock on "<database>.lock" for its
// lifetime. The operating system drops the lock when the process dies (even on SIGKILL), so a crash never leaves a
// stale lock behind, and a second `newsbot start` on the same file is refused with a clear message.
import Sqlite from 'better-sqlite3'
import { isPostgresUrl, sqlitePath } from './database-url.js'

export class AlreadyRunningError extends Error {
  override name = 'AlreadyRunningError'
}

export interface ProcessLock {
  release(): void
}

/** Takes the single-process lock for a SQLite store; PostgreSQL stores share work through jobs instead (no lock). */
export function lockSqliteStore(url: string): ProcessLock {
  if (isPostgresUrl(url)) return { release: () => {} }
  const file = `${sqlitePath(url)}.lock`
  const db = new Sqlite(file, { timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER)')
    // The write takes the exclusive lock; with locking_mode EXCLUSIVE it is kept until the connection closes.
    db.exec('BEGIN EXCLUSIVE')
    db.prepare('DELETE FROM holder').run()
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid)
    db.exec('COMMIT')
  } catch (err) {
    db.close()
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new AlreadyRunningError(
        `store: another newsbot process is already running on ${sqlitePath(url)} (lock ${file}). SQLite mode runs one process; ` +
          'stop the other one, or use PostgreSQL (DATABASE_URL=postgresql://…) and `newsbot worker` to run several.',
      )
    }
    throw err
  }
  return { release: () => db.close() }
}
