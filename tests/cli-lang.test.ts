// `newsbot run … --lang ja` in a terminal whose LANG is not Japanese: the reply, its paging line and the times, all in
// the language asked for and the machine's zone.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './support/cli.js'
import { rss } from './support/feed-server.js'

describe('newsbot run --lang', () => {
  it('answers a reading command in Japanese, paging line included', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-lang-'))
    const env = { DATABASE_URL: `file:${path.join(dir, 'lang.db')}`, NEWSBOT_CONFIG: '', LANG: 'C' }
    const feed = path.join(dir, 'feed.xml')
    writeFileSync(feed, rss([{ title: 'Trump and Putin to meet in Alaska', link: 'https://wire.example/alaska', date: 'Sat, 09 Aug 2025 01:00:00 GMT' }], '', 'Wire World'))
    expect((await runCli(['ingest', feed], env)).code).toBe(0)
    const timeline = await runCli(['run', 'timeline', '--from', '2025-01-01', '--to', '2025-12-31', '--lang', 'ja'], env, 60_000)
    expect(timeline.code).toBe(0)
    expect(timeline.stdout).toMatch(/^タイムライン: 2025年1月1日 – 2025年12月31日/)
    expect(timeline.stdout).toMatch(/ほか\d+件 — すべて表示するには --limit \d+ を付けてください/)
    expect(timeline.stdout).not.toMatch(/Phone call|Curated chronology| more — /)
    const search = await runCli(['run', 'search', 'Будапешті', 'lang:ja'], env, 60_000)
    expect(search.stdout).toMatch(/^検索:「Будапешті」\n2件（新しい順）/)
  }, 120_000)
})
