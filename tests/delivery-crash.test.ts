// Crash recovery with real processes: `newsbot deliver` is killed with SIGKILL just before a message is sent and
// just after it was sent (before the outbox recorded it), then run again: every channel gets its digest exactly
// once, counted at the fake Discord and Slack APIs. Also: a second long-running process on the same SQLite file
// is refused with a clear message.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../src/7-store/prisma-store.js'
import { BIN, runCli } from './support/cli.js'
import { dueSoon, subscription } from './support/delivery.js'
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord.js'
import { startFakeSlack, type FakeSlack } from './support/fake-slack.js'

const DISCORD = ['710000000000000001', '710000000000000002']
const SLACK = ['C0CRASH1', 'C0CRASH2']

describe('crash recovery of scheduled delivery (SQLite, real processes)', () => {
  let discord: FakeDiscord
  let slack: FakeSlack
  let dir: string
  let env: Record<string, string>

  beforeAll(async () => {
    discord = await startFakeDiscord()
    slack = await startFakeSlack()
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-crash-'))
    // One feed that nobody listens on: `poll` has something to do without the internet.
    const config = JSON.parse(readFileSync('config/newsbot.json', 'utf8'))
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, feeds: [{ ...config.feeds[0], url: 'http://127.0.0.1:9/rss.xml' }] }))
    env = {
      NEWSBOT_CONFIG: path.join(dir, 'config.json'),
      NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true',
      NEWSBOT_LOG_LEVEL: 'info',
      DISCORD_TOKEN: 'fake-token',
      DISCORD_API_URL: discord.restApi,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: 'secret',
    }
  })
  afterAll(async () => {
    await discord.close()
    await slack.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const counts = () => [...DISCORD.map((c) => discord.channelMessages.get(c)?.length ?? 0), ...SLACK.map((c) => slack.posted.get(c)?.length ?? 0)]

  it.each(['before-send', 'after-send'])('killed %s, then restarted: each channel gets its digest exactly once', async (point) => {
    discord.channelMessages.clear()
    slack.posted.clear()
    const url = `file:${path.join(dir, `${point}.db`)}`
    const store = await openStore(url)
    const due = dueSoon(new Date())
    for (const c of DISCORD) await store.subscriptions.upsert(subscription('discord', c, { time: due.time }))
    for (const c of SLACK) await store.subscriptions.upsert(subscription('slack', c, { time: due.time }))
    await store.close()
    const run = (extra: Record<string, string> = {}) => runCli(['deliver', '--at', due.now.toISOString(), '--json'], { ...env, DATABASE_URL: url, ...extra })

    const killed = await run({ NEWSBOT_CRASH_AT: point, NEWSBOT_DELIVERY_CONCURRENCY: '1' })
    expect(killed.code, killed.stdout + killed.stderr).toBeNull() // died by SIGKILL, nothing recorded after the crash point
    // One lane per platform: after-send, the other platform's first message may have gone out too.
    const atCrash = counts().reduce((a, b) => a + b)
    if (point === 'before-send') expect(atCrash).toBe(0)
    else expect(atCrash === 1 || atCrash === 2).toBe(true)

    const restarted = await run()
    expect(restarted.stderr).not.toMatch(/error/i)
    expect(JSON.parse(restarted.stdout).sent.sent).toBe(4)
    expect(counts()).toEqual([1, 1, 1, 1])
    const after = await openStore(url)
    expect((await after.outbox.list()).map((e) => e.state)).toEqual(['sent', 'sent', 'sent', 'sent'])
    await after.close()
  })

  it('`newsbot subscriptions` shows every channel with its alerts, and a paused one with its reason', async () => {
    const url = `file:${path.join(dir, 'list.db')}`
    const store = await openStore(url)
    await store.subscriptions.upsert(subscription('discord', DISCORD[0]!, { alerts: { stories: true, minOutlets: 4, ceasefire: true } }))
    await store.subscriptions.upsert(subscription('slack', SLACK[0]!, { time: '07:30', timezone: 'Asia/Tokyo' }))
    await store.subscriptions.pauseChannel(`slack:T0001:${SLACK[0]}`, 'Slack: the bot is not in the channel (invite it with /invite)', new Date())
    await store.close()
    const json = JSON.parse((await runCli(['subscriptions', '--json'], { ...env, DATABASE_URL: url })).stdout)
    expect(json.subscriptions.map((s: { state: string; pausedReason: string | null; alerts: object }) => [s.state, s.pausedReason, s.alerts])).toEqual([
      ['active', null, { stories: true, minOutlets: 4, ceasefire: true }],
      ['paused', 'Slack: the bot is not in the channel (invite it with /invite)', { stories: false, minOutlets: 3, ceasefire: false }],
    ])
    const text = (await runCli(['subscriptions'], { ...env, DATABASE_URL: url })).stdout
    expect(text).toContain('stories 4+, ceasefire')
    expect(text).toContain('paused: Slack: the bot is not in the channel')
  })

  it('a second writing process on the same SQLite file waits for the first, then gives up with a clear message', async () => {
    const url = `file:${path.join(dir, 'lock.db')}`
    const first = spawn(process.execPath, [BIN, 'poll'], { env: { ...process.env, ...env, DATABASE_URL: url }, stdio: ['ignore', 'ignore', 'pipe'] })
    try {
      await new Promise<void>((resolve) => first.stderr.on('data', (d: Buffer) => String(d).includes('newsbot started') && resolve()))
      const second = await runCli(['deliver'], { ...env, DATABASE_URL: url, NEWSBOT_LOCK_WAIT_SECONDS: '1' })
      expect(second.code).toBe(2)
      expect(second.stderr).toContain(`another newsbot process (pid ${first.pid}) is still writing to ${path.join(dir, 'lock.db')} after 1 s`)
      expect(second.stderr).toContain('SQLite mode has one writing process')
    } finally {
      first.kill('SIGKILL')
    }
    await new Promise((resolve) => first.once('close', resolve))
    // The lock died with the process: no stale lock after a crash.
    expect((await runCli(['deliver', '--json'], { ...env, DATABASE_URL: url })).code).toBe(0)
  })
})
