// Prisma CLI config. DATABASE_URL picks the provider: unset or file:… → SQLite, postgres(ql)://… → PostgreSQL.
import path from 'node:path'
import { defineConfig } from 'prisma/config'

const url = process.env.DATABASE_URL ?? 'file:./data/newsbot.db'
const provider = /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite'

// Prisma 7's CLI downloads a native schema engine from its CDN; tools/schema-engine.mjs runs the npm-shipped
// wasm engine instead, so migrations work offline too. An operator with a native engine can set this variable.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('tools/schema-engine.mjs')
process.env.CHECKPOINT_DISABLE ??= '1'

export default defineConfig({
  schema: path.join('prisma', provider),
  migrations: { path: path.join('prisma', provider, 'migrations') },
  datasource: { url },
})
