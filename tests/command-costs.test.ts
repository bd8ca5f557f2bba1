// What a command costs: the newsbot executable runs the compiled build and loads only what the command uses (seen
// through a loader hook in the child process, not through timings); commands that only read refuse a database that
// is not set up, with a clear message, and create nothing.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, runCli, type CliResult } from './support/cli.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'

const MODULE_LOG = fileURLToPath(new URL('./support/module-log.mjs', import.meta.url))
const CHAT_SDKS = /\/node_modules\/(discord\.js|@discordjs|@slack)\//
const STORE = /\/node_modules\/(@prisma|better-sqlite3|pg)\//
const PARSER = /\/node_modules\/rss-parser\/|\/services\/feed-(processor|worker)\b/

let server: FeedServer
let dir: string
let env: Record<string, string>
let runs = 0

beforeAll(async () => {
  server = await startFeedServer()
  server.route('/wire', (_q, r) => void r.end(rss([{ title: 'Trump and Putin to meet in Alaska', link: 'https://wire.example/alaska', date: 'Sat, 09 Aug 2025 01:00:00 GMT' }])))
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-costs-'))
  env = { NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true', NEWSBOT_HOST_DELAY_MS: '0', NEWSBOT_CONFIG: '', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' }
})
afterAll(() => server.close())

/** The command's result and every module URL it resolved. */
async function runLogged(args: string[], extra: Record<string, string>): Promise<CliResult & { modules: string[] }> {
  const log = path.join(dir, `modules-${++runs}.txt`)
  writeFileSync(log, '')
  const result = await runCli(args, { ...env, ...extra, NODE_OPTIONS: `--import=${MODULE_LOG}`, MODULE_LOG: log })
  return { ...result, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean) }
}

const sqliteUrl = (name: string) => `file:${path.join(dir, name)}`
const tables = (file: string) => {
  const db = new Sqlite(file)
  try {
    return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name)
  } finally {
    db.close()
  }
}

describe('what a command loads', () => {
  it('--help: the compiled CLI and commander, no store, chat SDK, parser or TypeScript loader', async () => {
    const res = await runLogged(['--help'], {})
    expect(res.code).toBe(0)
    expect(res.stdout).toMatch(/Usage: newsbot/)
    expect(res.modules.some((m) => m.endsWith('/dist/src/cli/main.js'))).toBe(true)
    expect(res.modules.filter((m) => CHAT_SDKS.test(m) || STORE.test(m) || PARSER.test(m) || /\/node_modules\/(tsx|zod)\/|\.ts$/.test(m))).toEqual([])
  })

  it('run topics: reads the store, loads no chat SDK, PostgreSQL driver or parser, starts no parse worker', async () => {
    const url = sqliteUrl('topics.db')
    expect((await runCli(['ingest', server.url('/wire')], { ...env, DATABASE_URL: url })).code).toBe(0)
    const res = await runLogged(['run', 'topics', '--json'], { DATABASE_URL: url })
    expect(res.code).toBe(0)
    expect(JSON.parse(res.stdout).entries.map((e: { footer: string }) => e.footer)).toEqual(['us-russia', 'ukraine-war', 'ceasefire'])
    expect(res.modules.some((m) => /\/node_modules\/@prisma\/adapter-better-sqlite3\//.test(m))).toBe(true)
    expect(res.modules.filter((m) => CHAT_SDKS.test(m) || PARSER.test(m) || /\/node_modules\/(pg|@prisma\/adapter-pg)\//.test(m))).toEqual([])
  })

  it('start in console mode: parse workers run the compiled worker, no chat SDK is loaded', async () => {
    const log = path.join(dir, 'modules-start.txt')
    writeFileSync(log, '')
    const config = path.join(dir, 'start-config.json')
    const shipped = JSON.parse(readFileSync(new URL('../config/newsbot.json', import.meta.url), 'utf8'))
    writeFileSync(config, JSON.stringify({ ...shipped, feeds: [{ name: 'Wire', url: server.url('/wire'), language: 'en', country: 'US', kind: 'wire' }] }))
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...process.env, ...env, NEWSBOT_CONFIG: config, NEWSBOT_PARSE_WORKERS: '1', DATABASE_URL: sqliteUrl('start.db'), NODE_OPTIONS: `--import=${MODULE_LOG}`, MODULE_LOG: log },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    await expect.poll(() => stderr, { timeout: 20_000 }).toMatch(/poll round done.*new=1/)
    child.kill('SIGTERM')
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0)
    const modules = readFileSync(log, 'utf8').split('\n')
    expect(modules.some((m) => m.endsWith('/dist/src/services/feed-worker.js'))).toBe(true)
    expect(modules.filter((m) => CHAT_SDKS.test(m) || /\/node_modules\/tsx\/|feed-worker-entry|\.ts$/.test(m))).toEqual([])
  })
})

describe('commands that only read', () => {
  it('refuse a database that does not exist, and do not create it', async () => {
    const file = path.join(dir, 'missing', 'newsbot.db')
    const res = await runCli(['items'], { ...env, DATABASE_URL: `file:${file}` })
    expect([res.code, res.stderr.trim()]).toEqual([2, `newsbot: store: ${file} has no newsbot tables yet: run \`newsbot start\` (or \`newsbot poll --once\`) once to create them`])
    expect(existsSync(path.dirname(file))).toBe(false)
  })

  it('refuse an empty database file and create no tables in it', async () => {
    const file = path.join(dir, 'empty.db')
    new Sqlite(file).close()
    for (const args of [['run', 'topics'], ['run', 'timeline', '--json'], ['stories'], ['digest']]) {
      const res = await runCli(args, { ...env, DATABASE_URL: `file:${file}` })
      expect([args, res.code, res.stderr]).toEqual([args, 2, expect.stringContaining('has no newsbot tables yet')])
    }
    expect(tables(file)).toEqual([])
  })

  it('refuse a database behind this version', async () => {
    const file = path.join(dir, 'behind.db')
    expect((await runCli(['ingest', server.url('/wire')], { ...env, DATABASE_URL: `file:${file}` })).code).toBe(0)
    const db = new Sqlite(file)
    db.prepare('DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")').run()
    db.close()
    const res = await runCli(['stories'], { ...env, DATABASE_URL: `file:${file}` })
    expect([res.code, res.stderr.trim()]).toEqual([2, `newsbot: store: ${file} is 1 migration behind this version: run \`newsbot start\` (or \`newsbot poll --once\`) once to apply them`])
  })

  it('run: a chat command that changes shared state sets the database up; one that reads does not', async () => {
    const url = sqliteUrl('run.db')
    expect((await runCli(['run', 'subscriptions'], { ...env, DATABASE_URL: url })).stderr).toMatch(/has no newsbot tables yet/)
    const subscribe = await runCli(['run', 'subscribe', 'us-russia'], { ...env, DATABASE_URL: url })
    expect([subscribe.code, subscribe.stderr]).toEqual([0, ''])
    const list = await runCli(['run', 'subscriptions', '--json'], { ...env, DATABASE_URL: url })
    expect([list.code, list.stdout]).toEqual([0, expect.stringContaining('us-russia')])
  })
})
