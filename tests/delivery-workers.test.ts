// Scale-out: `newsbot worker` processes against the real PostgreSQL share the digest clock and the deliveries
// through pg-boss; fake Discord and Slack APIs count what arrives. Three workers; and two, one of them killed
// mid-delivery (the other picks its jobs up): every channel gets its digest once (no duplicates, no losses).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../src/7-store/prisma-store.js'
import { BIN } from './support/cli.js'
import { subscription } from './support/delivery.js'
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord.js'
import { startFakeSlack, type FakeSlack } from './support/fake-slack.js'
import { storeTargets } from './support/stores.js'

const postgres = storeTargets.find((t) => t.name === 'postgres')
const CHANNELS = 20 // per platform

describe.skipIf(!postgres)('newsbot worker on PostgreSQL', () => {
  let discord: FakeDiscord
  let slack: FakeSlack
  let dir: string
  const children: ChildProcess[] = []

  beforeAll(async () => {
    discord = await startFakeDiscord()
    slack = await startFakeSlack()
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-workers-'))
    const config = JSON.parse(readFileSync('config/newsbot.json', 'utf8'))
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, feeds: [{ ...config.feeds[0], url: 'http://127.0.0.1:9/rss.xml' }] }))
  })
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL')
    await discord.close()
    await slack.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const discordIds = Array.from({ length: CHANNELS }, (_, i) => String(720000000000000000n + BigInt(i)))
  const slackIds = Array.from({ length: CHANNELS }, (_, i) => `C0W${String(i).padStart(4, '0')}`)
  const perChannel = () => [...discordIds.map((c) => discord.channelMessages.get(c)?.length ?? 0), ...slackIds.map((c) => slack.posted.get(c)?.length ?? 0)]
  const total = () => perChannel().reduce((a, b) => a + b, 0)

  /** A fresh database with every channel subscribed for the current minute (due at once). */
  async function setUp() {
    discord.channelMessages.clear()
    slack.posted.clear()
    const { url, cleanup } = await postgres!.create()
    const store = await openStore(url)
    const time = new Date().toISOString().slice(11, 16)
    for (const c of discordIds) await store.subscriptions.upsert(subscription('discord', c, { time }))
    for (const c of slackIds) await store.subscriptions.upsert(subscription('slack', c, { time }))
    return { url, store, cleanup }
  }

  function worker(url: string, extra: Record<string, string> = {}): ChildProcess & { log: string[] } {
    const env = {
      ...process.env, DATABASE_URL: url, NEWSBOT_CONFIG: path.join(dir, 'config.json'), NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true', NEWSBOT_LOG_LEVEL: 'info',
      DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: discord.restApi, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: 's',
      NEWSBOT_JOB_POLL_SECONDS: '0.5', NEWSBOT_JOB_EXPIRE_SECONDS: '3', NEWSBOT_DELIVERY_LEASE_SECONDS: '3', NEWSBOT_DELIVERY_CONCURRENCY: '8', ...extra,
    }
    const child = Object.assign(spawn(process.execPath, [BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] }), { log: [] as string[] })
    child.stderr!.on('data', (d: Buffer) => child.log.push(String(d)))
    children.push(child)
    return child
  }

  async function until(done: () => boolean, ms: number, what: string) {
    const end = Date.now() + ms
    while (!done()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  it('three workers deliver every digest exactly once and fire the clock once', async () => {
    const { url, store, cleanup } = await setUp()
    const workers = Array.from({ length: 3 }, () => worker(url))
    try {
      await until(() => total() >= 2 * CHANNELS, 40_000, 'every digest')
      await new Promise((r) => setTimeout(r, 1000)) // anything doubled would arrive now
      expect(perChannel()).toEqual(Array(2 * CHANNELS).fill(1))
      const outbox = await store.outbox.list()
      expect(outbox.map((e) => e.state)).toEqual(Array(2 * CHANNELS).fill('sent'))
      // The deliveries were shared out (every worker sent something) and the clock ran once per minute slot.
      const delivered = workers.map((w) => w.log.join('').split('INFO  delivered').length - 1)
      expect(delivered.reduce((a, b) => a + b)).toBe(2 * CHANNELS)
      const planned = workers.map((w) => w.log.join('').split('delivery planned').length - 1)
      expect(planned.reduce((a, b) => a + b)).toBe(1)
      const polled = workers.map((w) => w.log.join('').split('feed polled').length - 1)
      expect(polled.reduce((a, b) => a + b)).toBeLessThanOrEqual(1)
    } finally {
      for (const w of workers) w.kill('SIGKILL')
      await store.close()
      await cleanup()
    }
  })

  it('two workers, one killed in the middle of its deliveries: the other finishes its jobs, once each', async () => {
    const { url, store, cleanup } = await setUp()
    // The first worker takes a batch of deliveries and dies right after its first send, before recording it; the
    // second shares the work from the start and picks up the dead one's jobs when they expire.
    const doomed = worker(url, { NEWSBOT_CRASH_AT: 'after-send' })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => doomed.once('exit', (_code, signal) => resolve(signal)))
    try {
      const survivor = worker(url)
      expect(await exited).toBe('SIGKILL')
      await until(() => total() >= 2 * CHANNELS, 45_000, 'every digest after the crash')
      await new Promise((r) => setTimeout(r, 1000))
      expect(perChannel()).toEqual(Array(2 * CHANNELS).fill(1))
      expect((await store.outbox.list()).every((e) => e.state === 'sent')).toBe(true)
      survivor.kill('SIGKILL')
    } finally {
      await store.close()
      await cleanup()
    }
    // The wait above allows 45 s for the dead worker's jobs to expire and be taken up on a busy machine.
  }, 60_000)
})
