import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, runCli } from './support/cli.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'

let server: FeedServer
let dir: string
let env: Record<string, string>

beforeAll(async () => {
  server = await startFeedServer()
  server.route('/wire', (_q, r) =>
    void r.end(
      rss([
        { title: 'Trump and Putin to meet in Alaska', link: 'https://wire.example/alaska?utm_source=rss', date: 'Sat, 09 Aug 2025 01:00:00 GMT' },
        { title: 'Weather in Lisbon', link: 'https://wire.example/weather', date: 'Sat, 09 Aug 2025 02:00:00 GMT' },
      ], '', 'Wire World'),
    ),
  )
  server.route('/down', (_q, r) => void r.writeHead(502).end())
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-cli-'))
  env = { DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true', NEWSBOT_HOST_DELAY_MS: '0', NEWSBOT_CONFIG: '' }
})
afterAll(() => server.close())

describe('newsbot CLI', () => {
  it('ingest: stores what it can read, reports each source, exits 1 when one failed, without a stack trace', async () => {
    const file = path.join(dir, 'local.xml')
    writeFileSync(file, rss([{ title: 'Зеленський і Трамп зустрілися у Білому домі', link: 'https://local.example/1', date: 'Mon, 18 Aug 2025 17:00:00 GMT' }], '', 'Local Pravda'))
    const res = await runCli(['ingest', server.url('/wire'), file, server.url('/down'), path.join(dir, 'missing.xml'), '--json'], env)
    expect(res.code).toBe(1)
    expect(res.stderr).not.toMatch(/\n\s+at /)
    const feeds = JSON.parse(res.stdout).feeds as { url: string; name: string; status: string; new: number; error: string | null }[]
    expect(feeds.map((f) => [f.status, f.new])).toEqual([['error', 0], ['ok', 2], ['ok', 1], ['error', 0]])
    expect(feeds.slice(1, 3).map((f) => [f.name, f.url])).toEqual([['Wire World', server.url('/wire')], ['Local Pravda', pathToFileURL(file).href]])
    expect(feeds[0]!.error).toBe(`ingest: no such file: ${path.join(dir, 'missing.xml')}`)
    expect(feeds[3]!.error).toBe(`fetch: HTTP 502 from ${server.url('/down')}`)

    const table = (await runCli(['ingest', file], { ...env, DATABASE_URL: `file:${path.join(dir, 'table.db')}` })).stdout.split('\n')
    expect(table[0]!.split(/\s+/)).toEqual(['feed', 'url', 'status', 'new', 'updated', 'error'])
    expect(table[2]!.split(/\s{2,}/)).toEqual(['Local Pravda', pathToFileURL(file).href, 'ok', '1', '0'])
  })

  it('ingest: counts and reports the items a feed gave beyond NEWSBOT_FEED_MAX_ITEMS, keeping the newest', async () => {
    const file = path.join(dir, 'long.xml')
    const day = (d: number) => `${['Fri', 'Sat', 'Sun'][d - 1]}, 0${d} Aug 2025 12:00:00 GMT`
    writeFileSync(file, rss([1, 3, 2].map((d) => ({ title: `Report of day ${d}`, link: `https://long.example/${d}`, date: day(d) })), '', 'Long Feed'))
    const capped = { ...env, DATABASE_URL: `file:${path.join(dir, 'capped.db')}`, NEWSBOT_FEED_MAX_ITEMS: '2' }
    const table = (await runCli(['ingest', file], capped)).stdout.trimEnd().split('\n')
    expect(table[0]!.split(/\s+/)).toEqual(['feed', 'url', 'status', 'new', 'updated', 'over', 'cap', 'error'])
    expect(table[2]!.split(/\s{2,}/)).toEqual(['Long Feed', pathToFileURL(file).href, 'ok', '2', '0', '1'])
    expect(table.at(-1)).toBe('1 feeds, 2 new items, 0 failed; 1 older items left out (at most 2 per feed and poll: NEWSBOT_FEED_MAX_ITEMS)')
    const items = JSON.parse((await runCli(['items', '--json'], capped)).stdout).items as { title: string }[]
    expect(items.map((i) => i.title)).toEqual(['Report of day 3', 'Report of day 2'])
  })

  it('items --json: canonical URLs, UTC dates, ISO 639-1 languages, topics; --topic filters', async () => {
    const all = JSON.parse((await runCli(['items', '--json'], env)).stdout).items
    expect(all).toEqual([
      { url: 'https://local.example/1', title: 'Зеленський і Трамп зустрілися у Білому домі', source: 'Local Pravda', language: 'uk', publishedAt: '2025-08-18T17:00:00.000Z', topics: ['ukraine-war'] },
      { url: 'https://wire.example/weather', title: 'Weather in Lisbon', source: 'Wire World', language: 'en', publishedAt: '2025-08-09T02:00:00.000Z', topics: [] },
      { url: 'https://wire.example/alaska', title: 'Trump and Putin to meet in Alaska', source: 'Wire World', language: 'en', publishedAt: '2025-08-09T01:00:00.000Z', topics: ['us-russia'] },
    ])
    const filtered = JSON.parse((await runCli(['items', '--topic', 'us-russia', '--since', '2025-08-01', '--json'], env)).stdout).items
    expect(filtered.map((i: { url: string }) => i.url)).toEqual(['https://wire.example/alaska'])
  })

  it('stories --json and story ID: on-topic stories with their items in canonical form', async () => {
    const { stories } = JSON.parse((await runCli(['stories', '--json'], env)).stdout)
    expect(stories.map((s: { title: string }) => s.title).sort()).toEqual(['Trump and Putin to meet in Alaska', 'Зеленський і Трамп зустрілися у Білому домі'])
    const alaska = stories.find((s: { title: string }) => s.title.includes('Alaska'))
    expect(alaska).toMatchObject({
      topics: ['us-russia'],
      firstPublishedAt: '2025-08-09T01:00:00.000Z',
      lastUpdatedAt: '2025-08-09T01:00:00.000Z',
      items: [{ url: 'https://wire.example/alaska', title: 'Trump and Putin to meet in Alaska', source: expect.any(String), language: 'en', publishedAt: '2025-08-09T01:00:00.000Z', duplicateOf: null }],
    })
    const one = await runCli(['story', String(alaska.id), '--json'], env)
    expect(JSON.parse(one.stdout)).toEqual(alaska)
    expect((await runCli(['story', String(alaska.id)], env)).stdout).toMatch(/^#\d+ Trump and Putin to meet in Alaska\n1 outlet in en/)
    const missing = await runCli(['story', '99999'], env)
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'newsbot: no story 99999'])
    expect((await runCli(['stories', '--topic', 'ceasefire', '--json'], env)).stdout).toMatch(/"stories": \[\]/)
  })

  it('feeds: shows health, including the stored error of a failing feed', async () => {
    const feeds = JSON.parse((await runCli(['feeds', '--json'], env)).stdout).feeds
    const down = feeds.find((f: { url: string }) => f.url === server.url('/down'))
    expect(down).toMatchObject({ status: 'error', consecutiveFailures: 1, lastError: `fetch: HTTP 502 from ${server.url('/down')}`, items: 0 })
    expect(feeds.map((f: { name: string; kind: string }) => [f.name, f.kind])).toEqual([['Wire World', 'unknown'], ['Local Pravda', 'unknown'], [server.url('/down'), 'unknown']])
    const table = (await runCli(['feeds'], env)).stdout
    expect(table).toMatch(/3 feeds, 1 failing/)
  })

  it('refuses bad options and bad config with one clear line and exit code 2', async () => {
    const topic = await runCli(['items', '--topic', 'sports'], env)
    expect([topic.code, topic.stderr.trim()]).toEqual([2, 'newsbot: --topic: unknown topic "sports" (known: us-russia, ukraine-war, ceasefire)'])
    const since = await runCli(['items', '--since', 'last tuesday'], env)
    expect([since.code, since.stderr]).toEqual([2, expect.stringMatching(/--since: "last tuesday" is not a date/)])
    const badConfig = path.join(dir, 'bad.json')
    writeFileSync(badConfig, JSON.stringify({ feeds: [{ name: 'x', url: 'https://x.example/', language: 'xx', country: 'JP', kind: 'wire' }], topics: [] }))
    const config = await runCli(['feeds'], { ...env, NEWSBOT_CONFIG: badConfig })
    expect(config.code).toBe(2)
    expect(config.stderr).toMatch(/feeds\[0\]\.language: /)
    const dbUrl = await runCli(['feeds'], { ...env, DATABASE_URL: 'mysql://nope' })
    expect([dbUrl.code, dbUrl.stderr]).toEqual([2, expect.stringMatching(/DATABASE_URL: must start with file:/)])
  })

  it('run: --limit sets how many entries are printed, and a bad one is refused with exit code 2', async () => {
    const two = await runCli(['run', 'timeline', '--from', '2025-01-01', '--limit', '2'], env)
    expect(two.code).toBe(0)
    const entries = two.stdout.split('\n\n').slice(1)
    expect(entries).toHaveLength(3)
    expect(entries.at(-1)).toMatch(/^\d+ more — add --limit \d+ to see them all\n$/)
    const bad = await runCli(['run', 'timeline', '--limit', 'all'], env)
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'newsbot: --limit: "all" is not a positive whole number'])
  })

  it('digest is /digest in the terminal: the same options, text and JSON as run digest', async () => {
    const options = ['--topic', 'us-russia', '--since', '2025-08-01']
    for (const format of [[], ['--json']]) {
      const direct = await runCli(['digest', ...options, ...format], env)
      const viaRun = await runCli(['run', 'digest', ...options, ...format], env)
      expect([direct.code, direct.stdout]).toEqual([0, viaRun.stdout])
    }
    const json = JSON.parse((await runCli(['digest', ...options, '--json'], env)).stdout) as { stories: { title: string; firstPublishedAt: string }[] }
    expect(json.stories.map((s) => [s.title, s.firstPublishedAt])).toEqual([['Trump and Putin to meet in Alaska', '2025-08-09T01:00:00.000Z']])
  })

  it('poll --once: polls the configured feeds and reports unreachable ones calmly', async () => {
    const config = path.join(dir, 'config.json')
    const shipped = (await import('../config/newsbot.json', { with: { type: 'json' } })).default
    writeFileSync(config, JSON.stringify({ ...shipped, feeds: [
      { name: 'Wire', url: server.url('/wire'), language: 'en', country: 'US', kind: 'wire' },
      { name: 'Gone', url: 'http://127.0.0.1:9/feed', language: 'en', country: 'US', kind: 'newspaper' },
    ] }))
    const res = await runCli(['poll', '--once'], { ...env, NEWSBOT_CONFIG: config, DATABASE_URL: `file:${path.join(dir, 'poll.db')}` })
    expect(res.code).toBe(0)
    expect(res.stdout).toMatch(/Wire\s+ok\s+2/)
    expect(res.stdout).toMatch(/Gone\s+error\s+0\s+0\s+fetch: ECONNREFUSED/)
    expect(res.stdout).toMatch(/2 feeds, 2 new items, 1 failed/)
  })

  it('start without chat tokens says it runs in console mode, polls, and stops cleanly on SIGTERM', async () => {
    // The shipped topics with a feed served here: tests never reach the shipped feeds on the internet.
    const config = path.join(dir, 'start.json')
    const shipped = (await import('../config/newsbot.json', { with: { type: 'json' } })).default
    writeFileSync(config, JSON.stringify({ ...shipped, feeds: [{ name: 'Wire World', url: server.url('/wire'), language: 'en', country: 'US', kind: 'wire' }] }))
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...process.env, ...env, DATABASE_URL: `file:${path.join(dir, 'start.db')}`, NEWSBOT_CONFIG: config },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    await expect.poll(() => stderr, { timeout: 20_000 }).toMatch(/poll round done.* new=\d+ failed=0/)
    expect(stderr).toMatch(/chat is off: .*console mode/)
    child.kill('SIGTERM')
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
  })

  it('start: hints at what works on a fresh install, and says in one line when no feed could be read', async () => {
    const config = path.join(dir, 'offline.json')
    const shipped = (await import('../config/newsbot.json', { with: { type: 'json' } })).default
    writeFileSync(config, JSON.stringify({ ...shipped, feeds: ['a', 'b', 'c'].map((name) => ({ name, url: `http://127.0.0.1:9/${name}`, language: 'en', country: 'US', kind: 'wire' })) }))
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...process.env, ...env, DATABASE_URL: `file:${path.join(dir, 'offline.db')}`, NEWSBOT_CONFIG: config },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    await expect.poll(() => stderr, { timeout: 20_000 }).toMatch(/no feed could be read.*\n/)
    expect(stderr).toMatch(/chat is off: .*Try `npx newsbot run timeline` or `npx newsbot run ceasefire-status` now \(curated history\), and `npx newsbot run digest` once feeds have been read/)
    expect(stderr.match(/no feed could be read: fetch: ECONNREFUSED; check the network/g)).toHaveLength(1)
    child.kill('SIGTERM')
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0)
  })
})
