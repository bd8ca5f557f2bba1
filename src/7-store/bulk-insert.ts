// Many rows in one INSERT per chunk. Prisma's createMany compiles every row and value afresh, which made writing a
// batch's entity, topic and search rows cost more than the clustering that produced them.
import { chunks } from './chunks.js'
import { Prisma } from './generated/sqlite/client.js'

/** Rows of bound values, in `columns` order. Table and column names come from code, never from input. */
export async function insertRows(tx: Prisma.TransactionClient, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const names = Prisma.raw(columns.map((c) => `"${c}"`).join(', '))
  // Both databases allow tens of thousands of bound values per statement; a few thousand keep statements small.
  for (const part of chunks(rows, Math.max(1, Math.floor(4000 / columns.length)))) {
    const values = part.map((row) => Prisma.sql`(${Prisma.join(row)})`)
    await tx.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) VALUES ${Prisma.join(values)}`
  }
}
