// Statements sent straight to the Prisma driver adapter, for the one write that moves item text in bulk. Prisma's
// client serialises raw-query values to JSON, parses them back and copies them before the adapter sees them; for a
// poll's items that cost as much as SQLite's own work and made the store the slowest stage of ingestion. Going
// through the adapter keeps Prisma's connection, its transaction lock and its value conversions (dates, booleans).
import type { ArgType, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable } from '@prisma/driver-adapter-utils'

export type SqlValue = string | number | boolean | Date | null

/** Statements are written with `?` placeholders; PostgreSQL gets them numbered. */
export interface SqlSession {
  query(sql: string, values?: SqlValue[]): Promise<unknown[][]>
  execute(sql: string, values?: SqlValue[]): Promise<number>
}

function argType(value: SqlValue): ArgType {
  const scalarType =
    typeof value === 'string' ? 'string'
    : typeof value === 'boolean' ? 'boolean'
    : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float')
    : value instanceof Date ? 'datetime'
    : 'unknown'
  return { scalarType, arity: 'scalar' }
}

function session(queryable: SqlQueryable): SqlSession {
  const numbered = queryable.provider === 'postgres'
  const toQuery = (sql: string, values: SqlValue[]) => {
    let n = 0
    return { sql: numbered ? sql.replace(/\?/g, () => `$${++n}`) : sql, args: values, argTypes: values.map(argType) }
  }
  return {
    query: async (sql, values = []) => (await queryable.queryRaw(toQuery(sql, values))).rows,
    execute: (sql, values = []) => queryable.executeRaw(toQuery(sql, values)),
  }
}

/** One transaction on the adapter: committed when `work` resolves, rolled back when it throws. */
export async function inAdapterTransaction<T>(adapter: SqlDriverAdapter, work: (sql: SqlSession) => Promise<T>): Promise<T> {
  const tx = await adapter.startTransaction()
  // Adapters whose transactions end without a statement say so; the others wait for COMMIT or ROLLBACK.
  const end = (statement: 'COMMIT' | 'ROLLBACK') =>
    tx.options.usePhantomQuery ? Promise.resolve(0) : tx.executeRaw({ sql: statement, args: [], argTypes: [] })
  let result: T
  try {
    result = await work(session(tx))
    await end('COMMIT')
  } catch (err) {
    await end('ROLLBACK').catch(() => 0)
    await tx.rollback()
    throw err
  }
  await tx.commit()
  return result
}

/** The factory Prisma connects through, remembering the adapter it made so statements can go to it directly. */
export function rememberingFactory(factory: SqlDriverAdapterFactory): { factory: SqlDriverAdapterFactory; connected: () => SqlDriverAdapter | undefined } {
  let adapter: SqlDriverAdapter | undefined
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => (adapter = await factory.connect()),
    },
    connected: () => adapter,
  }
}
