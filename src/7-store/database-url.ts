// Which store a DATABASE_URL means, and where a SQLite file lives.
import path from 'node:path'

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url)

/** Absolute path of the SQLite file named by a file: URL (relative paths are relative to the working directory). */
export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:/, '').split('?')[0] ?? '')
}

/** The URL with any password replaced, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@')
}
