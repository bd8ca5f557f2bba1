// A DATABASE_URL naming a SQLite file in a folder that does not exist is refused with the variable named, instead of
// the folders being made (or, under /proc, the process hanging in Node's recursive mkdir); the default folder is made.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, runCli, type CliResult } from './support/cli.js'
import { rss } from './support/feed-server.js'

let dir: string
let feed: string

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-dburl-'))
  feed = path.join(dir, 'feed.xml')
  writeFileSync(feed, rss([{ title: 'Trump and Putin to meet in Alaska', link: 'https://wire.example/alaska', date: 'Sat, 09 Aug 2025 01:00:00 GMT' }], '', 'Wire World'))
})

/** `newsbot ingest` in `cwd` with DATABASE_URL unset, as on a fresh install. */
function ingestWithDefaultUrl(cwd: string): Promise<CliResult> {
  const { DATABASE_URL: _unset, ...env } = process.env
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'ingest', feed], { cwd, env: { ...env, NEWSBOT_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let [stdout, stderr] = ['', '']
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('DATABASE_URL with a SQLite file', () => {
  it('refuses a folder that does not exist, naming DATABASE_URL, and creates nothing', async () => {
    const missing = path.join(dir, 'no', 'such', 'folder')
    const res = await runCli(['ingest', feed], { DATABASE_URL: `file:${missing}/x.db`, NEWSBOT_CONFIG: '' })
    expect(res.code).toBe(2)
    expect(res.stderr).toContain(`newsbot: store: DATABASE_URL names a SQLite file in ${missing}, which is not an existing folder`)
    expect(existsSync(path.join(dir, 'no'))).toBe(false)
  })

  it('refuses a folder under /proc at once instead of hanging', async () => {
    const res = await runCli(['ingest', feed], { DATABASE_URL: 'file:/proc/newsbot-none/x.db', NEWSBOT_CONFIG: '' }, 15_000)
    expect([res.code, res.stderr]).toEqual([2, expect.stringContaining('DATABASE_URL names a SQLite file in /proc/newsbot-none')])
  })

  it('creates the default folder (./data) on a fresh install', async () => {
    const fresh = mkdtempSync(path.join(dir, 'fresh-'))
    expect((await ingestWithDefaultUrl(fresh)).code).toBe(0)
    expect(existsSync(path.join(fresh, 'data', 'newsbot.db'))).toBe(true)
  })
})
