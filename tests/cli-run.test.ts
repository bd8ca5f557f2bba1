// `newsbot run` in the terminal: help from the command definitions without a store, and one exit-code rule with the
// rest of the command line (a user's mistake: one line on stderr, exit 2).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './support/cli.js'
import { rss } from './support/feed-server.js'

/** Stderr without the line the bin prints when it compiles changed sources first. */
const complaints = (stderr: string) => stderr.replace(/^newsbot: compiling .*\n/m, '')

let dir: string
let env: Record<string, string>

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-run-'))
  env = { DATABASE_URL: `file:${path.join(dir, 'run.db')}`, NEWSBOT_CONFIG: '', LANG: 'C' }
  const feed = path.join(dir, 'feed.xml')
  writeFileSync(feed, rss([{ title: 'Trump and Putin to meet in Alaska', link: 'https://wire.example/alaska', date: 'Sat, 09 Aug 2025 01:00:00 GMT' }], '', 'Wire World'))
  expect((await runCli(['ingest', feed], env)).code).toBe(0)
}, 60_000)

describe('newsbot run', () => {
  it('--help lists the commands and COMMAND --help its options, in ja with --lang, without opening a store', async () => {
    const unopened = { ...env, DATABASE_URL: `file:${path.join(dir, 'never.db')}` }
    const list = await runCli(['run', '--help'], unopened)
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('newsbot run timeline [topic:…] [from:…] [to:…]')
    expect(list.stdout).toContain('newsbot run subscribe topic:… [time:…] [timezone:…]')
    const timeline = await runCli(['run', 'timeline', '--help'], unopened)
    expect([timeline.code, complaints(timeline.stderr)]).toEqual([0, ''])
    expect(timeline.stdout).toMatch(/^from:… --from …\n {2}First day, YYYY-MM-DD/m)
    const ja = await runCli(['run', 'help', 'story', '--lang', 'ja'], unopened)
    expect(ja.stdout).toContain('id:… --id … (必須)\n  ストーリー番号')
    expect(existsSync(path.join(dir, 'never.db'))).toBe(false)
  })

  it('a mistake in the options or the request exits 2 with one line on stderr, as the other commands do', async () => {
    for (const [args, line] of [
      [['run', 'timeline', '--from', '2025-13-01'], 'newsbot: run timeline: Option "from": "2025-13-01" is not a date; use YYYY-MM-DD.'],
      [['run', 'timeline', '--bogus', '1', '--json'], 'newsbot: run timeline: Unknown option "bogus" for /timeline; options: topic, from, to, actor, lang.'],
      [['run', 'story', '99999999999999999999'], 'newsbot: run story: Option "id": must be at most 2147483647.'],
      [['run', 'story', '2147483647'], 'newsbot: run story: There is no story #2147483647.'],
      [['story', '99999999999999999999'], 'newsbot: story: "99999999999999999999" is not a story id (a number, as listed by `newsbot stories`)'],
    ] as const) {
      const res = await runCli([...args], env)
      expect({ code: res.code, stdout: res.stdout, stderr: complaints(res.stderr) }, args.join(' ')).toEqual({ code: 2, stdout: '', stderr: `${line}\n` })
    }
    const answered = await runCli(['run', 'topics'], env)
    expect([answered.code, complaints(answered.stderr)]).toEqual([0, ''])
  }, 60_000)
})
