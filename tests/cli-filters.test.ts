// Filters and explain in the terminal: `newsbot run subscribe … --exclude`, `newsbot digest --explain` and `newsbot
// run digest --explain --json` for the console channel, and `newsbot subscriptions [--json]` showing the filters.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { runCli } from './support/cli.js'
import { rss } from './support/feed-server.js'

const CALL = 'Trump and Putin discuss a Ukraine ceasefire in a phone call'
const TALKS = 'Kyiv and Moscow delegations open Black Sea ceasefire talks in Riyadh'
let env: Record<string, string>

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-filters-'))
  env = { DATABASE_URL: `file:${path.join(dir, 'filters.db')}`, NEWSBOT_CONFIG: '', LANG: 'C' }
  const feed = path.join(dir, 'feed.xml')
  writeFileSync(feed, rss([
    { title: CALL, link: 'https://wire.example/call', date: 'Sat, 09 Aug 2025 01:00:00 GMT' },
    { title: TALKS, link: 'https://wire.example/riyadh', date: 'Fri, 08 Aug 2025 09:00:00 GMT' },
  ], '', 'Wire World'))
  expect((await runCli(['ingest', feed], env)).code).toBe(0)
}, 60_000)

it('subscribes the console with filters, explains its digest (text and JSON), and lists the filters', async () => {
  const subscribed = await runCli(['run', 'subscribe', 'ceasefire', '--exclude', 'Trump', '--languages', 'en'], env)
  expect(subscribed.stdout).toContain('Filters: none naming "Trump"; sources in en')
  const explained = await runCli(['digest', '--explain', '--since', '2025-08-01'], env)
  expect(explained.code).toBe(0)
  expect(explained.stdout).toContain("This channel's Ceasefire and peace talks subscription: its next digest (stories since 1 Aug 2025, 00:00 UTC).")
  expect(explained.stdout).toContain(`${TALKS}\n  In (1st): 1 outlet`)
  expect(explained.stdout).toContain(`${CALL}\n  Out: names the excluded term "Trump"`)
  const json = JSON.parse((await runCli(['run', 'digest', '--explain', '--since', '2025-08-01', '--json'], env)).stdout)
  expect(json.stories.map((s: { title: string; in: boolean; reason?: string; term?: string }) => [s.title, s.in, s.reason, s.term])).toEqual([
    [TALKS, true, undefined, undefined],
    [CALL, false, 'excluded', 'Trump'],
  ])
  const listed = await runCli(['subscriptions'], env)
  expect(listed.stdout).toMatch(/filters[^]*none naming "Trump"; sources in en/)
  const listedJson = JSON.parse((await runCli(['subscriptions', '--json'], env)).stdout)
  expect(listedJson.subscriptions[0].filters).toEqual({ include: [], exclude: ['Trump'], languages: ['en'], excludeKinds: [], minOutlets: 1 })
}, 90_000)
