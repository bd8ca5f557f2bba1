// Canary secrets in every URL the CLI is given (the database, the LLM API, feeds) never reach its stdout or stderr,
// whatever fails; the problem is still named by its variable.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, type CliResult } from './support/cli.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'
import { storeTargets } from './support/stores.js'

const CANARY = 'CANARY-7f3a9'
let server: FeedServer
let dir: string

beforeAll(async () => {
  server = await startFeedServer()
  const now = new Date().toUTCString()
  server.route('/feed', (_q, r) =>
    void r.end(
      rss([
        { title: 'Russia and Ukraine agree to ceasefire talks in Geneva', link: 'https://wire.example/a', date: now, description: 'Russian and Ukrainian officials will hold ceasefire talks in Geneva.' },
        { title: 'Ukraine and Russia to hold ceasefire talks in Geneva', link: 'https://other.example/b', date: now, description: 'Officials from Ukraine and Russia will meet in Geneva for ceasefire talks.' },
      ], '', 'Wire World'),
    ),
  )
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-secrets-'))
})
afterAll(() => server.close())

const base = { NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true', NEWSBOT_HOST_DELAY_MS: '0', NEWSBOT_CONFIG: '', NEWSBOT_LOCK_WAIT_SECONDS: '0' }
const sqliteUrl = (name: string) => `file:${path.join(dir, `${name}.db`)}`

function expectNoCanary(res: CliResult): void {
  expect(`${res.stdout}\n${res.stderr}`).not.toContain(CANARY)
}

/** A URL with the canary as its password (PostgreSQL's trust authentication, as in tests, ignores it). */
function withCanary(url: string): string {
  const u = new URL(url)
  u.username ||= 'newsbot'
  u.password = CANARY
  return u.toString()
}

describe('URL credentials in CLI output', () => {
  it('a DATABASE_URL of an unsupported kind is refused, named, without its password', async () => {
    const res = await runCli(['feeds'], { ...base, DATABASE_URL: `mysql://admin:${CANARY}@db.example/news` })
    expect(res.code).toBe(2)
    expect(res.stderr).toContain('DATABASE_URL: must start with file:')
    expectNoCanary(res)
  })

  it.each([
    ['reading', ['feeds']],
    ['writing', ['poll', '--once']],
  ])('an unreachable PostgreSQL (%s) exits non-zero naming DATABASE_URL, without the password', async (_what, args) => {
    for (const host of ['127.0.0.1:1', 'localhost:1']) {
      const res = await runCli(args, { ...base, DATABASE_URL: `postgresql://u:${CANARY}@${host}/x` })
      expect(res.code).not.toBe(0)
      expect(res.stderr).toMatch(new RegExp(`^newsbot: store: cannot open the database DATABASE_URL names \\(postgresql://u:\\*\\*\\*@${host}/x\\): .*ECONNREFUSED`))
      expect(res.stderr).not.toMatch(/\n\s+at /)
      expectNoCanary(res)
    }
  })

  it('a SQLite file that cannot be created is named by DATABASE_URL', async () => {
    const res = await runCli(['poll', '--once'], { ...base, DATABASE_URL: 'file:/dev/null/newsbot.db' })
    expect(res.code).toBe(2)
    expect(res.stderr).toMatch(/^newsbot: store: DATABASE_URL names a SQLite file in \/dev\/null, which is not an existing folder/)
  })

  it.skipIf(!process.env.TEST_DATABASE_URL)('a PostgreSQL server without the database is named by DATABASE_URL, without the password', async () => {
    const missing = new URL(withCanary(process.env.TEST_DATABASE_URL!))
    missing.pathname = '/newsbot_no_such_database'
    const res = await runCli(['feeds'], { ...base, DATABASE_URL: missing.toString() })
    expect(res.code).not.toBe(0)
    expect(res.stderr).toMatch(/DATABASE_URL names \(postgresql:\/\/\w+:\*\*\*@.*\/newsbot_no_such_database\): .*does not exist/)
    expectNoCanary(res)
  })

  it('an LLM_BASE_URL that is refused, or whose calls fail, never shows its password', async () => {
    const refused = await runCli(['feeds'], { ...base, DATABASE_URL: sqliteUrl('llm-refused'), LLM_BASE_URL: `ftp://u:${CANARY}@llm.example/v1`, LLM_MODEL: 'm' })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('LLM_BASE_URL: must be an http(s) URL')
    expectNoCanary(refused)
    const withUser = await runCli(['feeds'], { ...base, DATABASE_URL: sqliteUrl('llm-user'), LLM_BASE_URL: `http://u:${CANARY}@127.0.0.1:1/v1`, LLM_MODEL: 'm' })
    expect(withUser.code).toBe(2)
    expect(withUser.stderr).toContain('LLM_BASE_URL: must not carry a user or password: put the API key in LLM_API_KEY')
    expectNoCanary(withUser)
    const env = { ...base, DATABASE_URL: sqliteUrl('llm'), LLM_BASE_URL: `http://127.0.0.1:1/v1?api_key=${CANARY}`, LLM_MODEL: 'm' }
    expect((await runCli(['ingest', server.url('/feed')], env)).code).toBe(0)
    const digest = await runCli(['digest', '--since', '2000-01-01'], env)
    expect(digest.code).toBe(0)
    expect(digest.stderr).toContain('summaries: LLM call failed') // the call was made, and its error logged
    expectNoCanary(digest)
  })

  it('NEWSBOT_CONFIG and NEWSBOT_CONTACT problems name their variable', async () => {
    const config = await runCli(['feeds'], { ...base, DATABASE_URL: sqliteUrl('config'), NEWSBOT_CONFIG: path.join(dir, 'missing.json') })
    expect(config.code).toBe(2)
    expect(config.stderr).toContain(`newsbot: config: cannot read NEWSBOT_CONFIG=${path.join(dir, 'missing.json')}`)
    const contact = await runCli(['ingest', server.url('/feed')], { ...base, DATABASE_URL: sqliteUrl('contact'), NEWSBOT_CONTACT: 'ops@example.com\r\nX-Injected: 1' })
    expect(contact.code).toBe(2)
    expect(contact.stderr).toMatch(/^newsbot: config: invalid environment: NEWSBOT_CONTACT: must be printable ASCII/)
  })

  describe.each(storeTargets)('feeds with credentials ($name)', (target) => {
    it('are fetched, and shown everywhere without them', async () => {
      const { url, cleanup } = await target.create()
      try {
        const env = { ...base, DATABASE_URL: target.name === 'postgres' ? withCanary(url) : url }
        const feeds = [withCanary(server.url('/feed')), `${withCanary(server.url('/missing'))}?token=${CANARY}`, withCanary('http://127.0.0.1:1/closed')]
        const ingested = await runCli(['ingest', ...feeds, '--json'], env)
        expect(ingested.code).toBe(1)
        const results = JSON.parse(ingested.stdout).feeds as { url: string; name: string; status: string; new: number; error: string | null }[]
        expect(results.map((r) => [r.status, r.new])).toEqual([['ok', 2], ['error', 0], ['error', 0]])
        expect(results[1]!.error).toMatch(/^fetch: HTTP 404 from http:\/\/newsbot:\*\*\*@127\.0\.0\.1:\d+\/missing\?token=\*\*\*$/)
        for (const run of [ingested, await runCli(['ingest', ...feeds], env), await runCli(['feeds'], env), await runCli(['feeds', '--json'], env), await runCli(['items'], env)]) {
          expectNoCanary(run)
        }
      } finally {
        await cleanup()
      }
    })
  })
})
