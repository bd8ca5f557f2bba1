// Which store a DATABASE_URL means, where a SQLite file lives, and what to say when the store cannot be opened.
import { mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { redactSecrets } from '../redact.js'

/** Where the store lives when DATABASE_URL is unset: its folder is created on first use. */
export const DEFAULT_DATABASE_URL = 'file:./data/newsbot.db'

/** A DATABASE_URL that cannot name a database (its folder is missing): the operator's to fix, so exit 2. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError'
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url)

/** Absolute path of the SQLite file named by a file: URL (relative paths are relative to the working directory). */
export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:/, '').split('?')[0] ?? '')
}

/**
 * The SQLite file's folder, ready for it (and its lock file). Only the default folder is created: a missing folder in
 * a DATABASE_URL the operator wrote is a typo more often than a wish, and Node's recursive mkdir never returns on a
 * path under /proc, so it is checked, never created.
 */
export function sqliteFolder(url: string): string {
  const folder = path.dirname(sqlitePath(url))
  if (url === DEFAULT_DATABASE_URL) mkdirSync(folder, { recursive: true })
  else if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new DatabaseUrlError(`store: DATABASE_URL names a SQLite file in ${folder}, which is not an existing folder: create it, or point DATABASE_URL at one that exists`)
  }
  return folder
}

/**
 * A driver's or the system's error on opening the store (a server that does not answer, a refused login, a file that
 * cannot be created) as one that names DATABASE_URL and the database without its password; newsbot's own errors
 * (migrations missing, the store busy), which say what to do, pass unchanged.
 */
export function storeOpenError(err: unknown, url: string): unknown {
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return err
  // A host with several addresses fails with one error per address, and an empty message of its own.
  const parts = err instanceof AggregateError ? err.errors : [err]
  const reason = parts.map((e) => (e instanceof Error && e.message ? e.message : code)).join('; ')
  const where = isPostgresUrl(url) ? redactSecrets(url) : sqlitePath(url)
  return new Error(`store: cannot open the database DATABASE_URL names (${where}): ${redactSecrets(reason)}`, { cause: err })
}
