// Processes that write one store take turns: two `newsbot ingest` started at once on a fresh database both succeed
// and store every item once; a writer waits for the holder of the write lock, naming it, and gives up after
// NEWSBOT_LOCK_WAIT_SECONDS; commands that read need no lock; migrations started by several processes at once are
// applied once. On a fresh SQLite file and a fresh PostgreSQL database (the real executables, in child processes).
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import pg from 'pg'
import Sqlite from 'better-sqlite3'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sqlitePath } from '../src/7-store/database-url.js'
import { redactSecrets } from '../src/redact.js'
import { openStore } from '../src/7-store/prisma-store.js'
import { acquireWriteLock, type LockMode, type ProcessLock } from '../src/7-store/process-lock.js'
import { BIN, runCli, type CliResult } from './support/cli.js'
import { rss } from './support/feed-server.js'
import { storeTargets } from './support/stores.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SECRET = 'lock-test-password'

let dir: string
let feeds: string[]
const ITEMS_PER_FEED = 150

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-lock-'))
  feeds = ['wire', 'pravda'].map((name) => {
    const file = path.join(dir, `${name}.xml`)
    const items = Array.from({ length: ITEMS_PER_FEED }, (_, i) => ({
      title: `${name} ${i}: Putin and Trump discuss a ceasefire in Ukraine, round ${i}`,
      link: `https://${name}.example/${i}`,
      date: new Date(Date.UTC(2025, 7, 1 + (i % 28), i % 24)).toUTCString(),
    }))
    writeFileSync(file, rss(items, '', name))
    return file
  })
  // The children run the compiled build; built once here, so that they all start at the same moment.
  execFileSync(process.execPath, ['--input-type=module', '-e', `await (await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'tools/build.mjs')).href)})).ensureBuilt()`])
})

const baseEnv = { NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true', NEWSBOT_HOST_DELAY_MS: '0', NEWSBOT_CONFIG: '', NEWSBOT_LOG_LEVEL: 'info', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' }

/** A PostgreSQL URL with a password (trust authentication ignores it) that no message may show. */
function withPassword(url: string): string {
  if (!url.startsWith('postgres')) return url
  const u = new URL(url)
  u.password = SECRET
  return u.toString()
}

/** A running `newsbot …` whose stderr can be awaited while it runs. */
function startCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const waiters: (() => void)[] = []
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => {
    stderr += d
    for (const check of waiters) check()
  })
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  const saw = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => stderr.includes(text) && resolve()
      waiters.push(check)
      check()
      void done.then(() => reject(new Error(`newsbot ${args.join(' ')} ended without printing "${text}":\n${stderr}`)))
    })
  return { done, saw }
}

describe.each(storeTargets)('the write lock on $name', (target) => {
  let url: string
  let cleanup: () => Promise<void>
  let env: Record<string, string>
  const holders: ProcessLock[] = []

  beforeEach(async () => {
    const created = await target.create()
    url = withPassword(created.url)
    cleanup = created.cleanup
    env = { ...baseEnv, DATABASE_URL: url }
  })
  afterEach(async () => {
    for (const lock of holders.splice(0)) await lock.release()
    await cleanup()
  })

  const hold = async (mode: LockMode = 'exclusive') => {
    const lock = await acquireWriteLock(url, { mode, waitMs: 0, onWait: () => {} })
    holders.push(lock)
    return lock
  }
  const where = () => (target.name === 'sqlite' ? sqlitePath(url) : redactSecrets(url))

  it('two `newsbot ingest` started at once on a fresh database both succeed, and store and cluster every item once', async () => {
    const runs = await Promise.all([runCli(['ingest', ...feeds, '--json'], env, 60_000), runCli(['ingest', ...[...feeds].reverse(), '--json'], env, 60_000)])
    for (const run of runs) {
      expect(run.stderr, run.stderr).not.toMatch(/already exists|UNIQUE|Unique|duplicate key|timed out/i)
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
      expect(JSON.parse(run.stdout).feeds.map((f: { status: string }) => f.status)).toEqual(['ok', 'ok'])
    }
    // Taking turns, the first stores the items, the second finds them stored.
    expect(runs.map((r) => JSON.parse(r.stdout).feeds.reduce((n: number, f: { new: number }) => n + f.new, 0)).sort()).toEqual([0, 2 * ITEMS_PER_FEED])
    const store = await openStore(url, { access: 'read' })
    try {
      const urls = (await store.items.list({ limit: 10_000 })).map((i) => i.url)
      expect(urls).toHaveLength(2 * ITEMS_PER_FEED)
      expect(new Set(urls).size).toBe(2 * ITEMS_PER_FEED)
      expect(await store.stories.pending(10)).toEqual([]) // none left for "the next run" to cluster
    } finally {
      await store.close()
    }
  })

  it('a writer waits for the holder, naming it and the database (never its password), then carries on', async () => {
    const lock = await hold()
    const ingest = startCli(['ingest', feeds[0]!, '--json'], { ...env, NEWSBOT_LOCK_WAIT_SECONDS: '60' })
    await ingest.saw(`another newsbot process (pid ${process.pid}${target.name === 'postgres' ? ' on ' : ')'}`)
    await ingest.saw(`is writing to ${where()}; waiting up to 60 s…`)
    await lock.release()
    const result = await ingest.done
    expect(result.code).toBe(0)
    expect(result.stderr).not.toContain(SECRET)
    expect(JSON.parse(result.stdout).feeds[0].new).toBe(ITEMS_PER_FEED)
    // Reading while a writer holds the lock: no wait, no message.
    await hold()
    const items = await runCli(['items', '--limit', '1', '--json'], env)
    expect(items.code).toBe(0)
    expect(items.stderr).not.toContain('another newsbot process')
  })

  it('gives up after NEWSBOT_LOCK_WAIT_SECONDS with exit 2 and one clear line', async () => {
    await hold()
    const started = Date.now()
    const result = await runCli(['ingest', feeds[0]!], { ...env, NEWSBOT_LOCK_WAIT_SECONDS: '1' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
    expect(result.code).toBe(2)
    const last = result.stderr.trim().split('\n').at(-1)!
    expect(last).toMatch(new RegExp(`^newsbot: store: another newsbot process \\(pid ${process.pid}[^)]*\\) is still writing to \\S+ after 1 s: .*NEWSBOT_LOCK_WAIT_SECONDS`))
    expect(last).toContain(where())
    expect(result.stderr).not.toContain(SECRET)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('shared holders (workers) run side by side on PostgreSQL and keep out a process that writes alone; with SQLite one holds it', async () => {
    await hold('shared')
    const second = acquireWriteLock(url, { mode: 'shared', waitMs: 0, onWait: () => {} })
    if (target.name === 'postgres') holders.push(await second)
    else await expect(second).rejects.toThrow(`is writing to ${where()}: stop it or let it finish`)
    await expect(acquireWriteLock(url, { mode: 'exclusive', waitMs: 0, onWait: () => {} })).rejects.toThrow(`is writing to ${where()}: stop it or let it finish`)
  })

  it('migrations started by several processes at once on a fresh database: one applies them, the others find them applied', async () => {
    // Each child loads the migrator, says so, and migrates when told: all of them at the same moment.
    const migrate = pathToFileURL(path.join(ROOT, 'dist/src/7-store/migrate.js')).href
    const script = `const { applyMigrations } = await import(${JSON.stringify(migrate)})
      process.stdout.write('ready\\n')
      await new Promise((go) => process.stdin.once('data', go))
      process.stdout.write(JSON.stringify(await applyMigrations(process.env.DATABASE_URL)))
      process.stdin.destroy()`
    const children = Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, DATABASE_URL: url }, stdio: ['pipe', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      const ready = new Promise<void>((resolve) => child.stdout.on('data', (d) => (stdout += d).startsWith('ready\n') && resolve()))
      child.stderr.on('data', (d) => (stderr += d))
      const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout: stdout.replace('ready\n', ''), stderr })))
      return { child, ready, done }
    })
    await Promise.all(children.map((c) => c.ready))
    for (const { child } of children) child.stdin.write('go\n')
    const runs = await Promise.all(children.map((c) => c.done))
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(runs.map(() => [0, '']))
    const applied = runs.map((r) => JSON.parse(r.stdout) as string[]).sort((a, b) => b.length - a.length)
    expect(applied[0]!.length).toBeGreaterThan(0)
    expect(applied.slice(1)).toEqual(applied.slice(1).map(() => []))
    expect(await bookkept(url)).toEqual(applied[0])
  })
})

/** The migrations the database's _prisma_migrations lists, in order, each as often as it was recorded. */
async function bookkept(url: string): Promise<string[]> {
  const query = 'SELECT migration_name AS name FROM "_prisma_migrations" ORDER BY migration_name'
  if (url.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return (await client.query(query)).rows.map((r) => r.name)
    } finally {
      await client.end()
    }
  }
  const db = new Sqlite(sqlitePath(url), { readonly: true })
  try {
    return (db.prepare(query).all() as { name: string }[]).map((r) => r.name)
  } finally {
    db.close()
  }
}
