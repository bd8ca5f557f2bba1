// Delivery benchmark (npm run bench:delivery [-- --channels 1000]): one day's digest to --channels subscribed
// channels, half on Discord and half on Slack, through fake APIs on 127.0.0.1 that enforce realistic limits
// (Discord: 5 messages per 5 s per channel and 50 requests per second for the bot, answered with 429 and
// X-RateLimit headers; Slack: one message per second per channel). Measures the time to deliver all, the 429s the
// fakes answered and the duplicates (messages beyond one per digest part), for:
//   - one process on SQLite (`newsbot start`'s clock: plan + send in-process),
//   - one and three `newsbot worker` processes on PostgreSQL (pg-boss; each worker gets a third of Discord's global
//     limit through DISCORD_GLOBAL_RPS), timed from spawning the workers (their start-up included) and from the
//     first message.
// PostgreSQL runs need TEST_DATABASE_URL (a temporary database is created next to it); without it they are
// skipped with the reason. Writes bench/results/delivery.json.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { openStore } from '../src/7-store/prisma-store.js'
import type { Store } from '../src/7-store/types.js'
import { planDue } from '../src/services/delivery/plan.js'
import { sendDue } from '../src/services/delivery/send-outbox.js'
import { BIN } from '../tests/support/cli.js'
import { planDeps, seedStories, sendDeps, subscription } from '../tests/support/delivery.js'
import { startFakeDiscord } from '../tests/support/fake-discord.js'
import { startFakeSlack } from '../tests/support/fake-slack.js'

const { values } = parseArgs({ options: { channels: { type: 'string', default: '1000' } } })
const CHANNELS = Number(values.channels)
const RESULTS = fileURLToPath(new URL('./results/delivery.json', import.meta.url))
const DISCORD_LIMITS = { perChannel: 5, windowMs: 5000, globalPerSecond: 50 }

/** Each worker's share of Discord's global limit, as the README advises: 45/N (10% headroom, the windows are not aligned). */
const globalShare = (n: number) => Math.floor((DISCORD_LIMITS.globalPerSecond * 0.9) / n)

const discordIds = Array.from({ length: CHANNELS / 2 }, (_, i) => String(730000000000000000n + BigInt(i)))
const slackIds = Array.from({ length: CHANNELS / 2 }, (_, i) => `C0B${String(i).padStart(5, '0')}`)

async function fakes() {
  const discord = await startFakeDiscord({ limits: DISCORD_LIMITS })
  const slack = await startFakeSlack({ channelIntervalMs: 1000 })
  const received = () => [...discord.channelMessages.values(), ...slack.posted.values()].reduce((n, list) => n + list.length, 0)
  const firstAt = () => Math.min(...[...discord.channelMessages.values(), ...slack.posted.values()].flat().map((m) => ('timestamp' in m ? Date.parse(m.timestamp) : Number(m.ts) * 1000)))
  return { discord, slack, received, firstAt, close: async () => Promise.all([discord.close(), slack.close()]) }
}

/** Subscribes every channel for the current minute and seeds stories: the digests are due at once. */
async function seed(store: Store): Promise<void> {
  const now = new Date()
  await seedStories(store, now)
  const time = now.toISOString().slice(11, 16)
  for (const c of discordIds) await store.subscriptions.upsert(subscription('discord', c, { time }))
  for (const c of slackIds) await store.subscriptions.upsert(subscription('slack', c, { time }))
}

async function outcome(store: Store, f: Awaited<ReturnType<typeof fakes>>, seconds: number, extra: object = {}) {
  const outbox = await store.outbox.list()
  const expected = outbox.reduce((n, e) => n + e.bodies.length, 0)
  const received = f.received()
  return {
    channels: CHANNELS,
    messagesExpected: expected,
    messagesReceived: received,
    duplicates: Math.max(0, received - expected),
    lost: outbox.filter((e) => e.state !== 'sent').length,
    seconds: Number(seconds.toFixed(2)),
    discord429: f.discord.limited.channel + f.discord.limited.global,
    discord429Global: f.discord.limited.global,
    slack429: f.slack.limited.channel,
    ...extra,
  }
}

async function singleProcess() {
  const f = await fakes()
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-bench-'))
  const store = await openStore(`file:${path.join(dir, 'bench.db')}`)
  try {
    await seed(store)
    const deps = sendDeps(store, { discordApi: f.discord.restApi, slackApi: f.slack.apiUrl }) // the shipped default: 45 requests/s
    // The shipped Slack sender spaces posts per channel (1.1 s); the helper's zero is for unit tests.
    const { createSlackSender } = await import('../src/8-deliver/slack/sender.js')
    deps.senders.slack = createSlackSender({ token: 'xoxb-bench', apiUrl: f.slack.apiUrl, log: deps.log })
    const start = performance.now()
    await planDue(planDeps(store), new Date())
    const planned = performance.now()
    await sendDue(deps, 16)
    const seconds = (performance.now() - start) / 1000
    return await outcome(store, f, seconds, { mode: 'one process, SQLite', concurrency: 16, planSeconds: Number(((planned - start) / 1000).toFixed(2)) })
  } finally {
    await store.close()
    await f.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function workers(n: number, adminUrl: string) {
  const f = await fakes()
  const name = `newsbot_bench_${process.pid}_${n}`
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    await c.query(sql).finally(() => c.end())
  }
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const store = await openStore(url.toString())
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-bench-'))
  const config = JSON.parse(readFileSync('config/newsbot.json', 'utf8'))
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, feeds: [{ ...config.feeds[0], url: 'http://127.0.0.1:9/rss.xml' }] }))
  const children: ChildProcess[] = []
  try {
    await seed(store)
    const start = performance.now()
    const startedAt = Date.now()
    for (let i = 0; i < n; i++) {
      const env = {
        ...process.env, DATABASE_URL: url.toString(), NEWSBOT_CONFIG: path.join(dir, 'config.json'), NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true', NEWSBOT_LOG_LEVEL: 'warn',
        DISCORD_TOKEN: 'bench-token', DISCORD_API_URL: f.discord.restApi, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: f.slack.apiUrl, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: 's',
        NEWSBOT_JOB_POLL_SECONDS: '0.5', NEWSBOT_DELIVERY_CONCURRENCY: '16', DISCORD_GLOBAL_RPS: String(globalShare(n)),
      }
      children.push(spawn(process.execPath, [BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'inherit'] }))
    }
    // Done when every planned message is sent (checked in the store, as the workers record it).
    for (;;) {
      await new Promise((r) => setTimeout(r, 250))
      const outbox = await store.outbox.list()
      if (outbox.length >= CHANNELS && outbox.every((e) => e.state === 'sent')) break
      if (performance.now() - start > 600_000) throw new Error('bench: workers did not finish in 10 minutes')
    }
    const seconds = (performance.now() - start) / 1000
    const fromFirst = (Date.now() - f.firstAt()) / 1000
    await new Promise((r) => setTimeout(r, 1000)) // late duplicates would show up now
    return await outcome(store, f, seconds, { mode: `${n} newsbot worker process${n > 1 ? 'es' : ''}, PostgreSQL`, concurrencyPerWorker: 16, discordGlobalRpsPerWorker: globalShare(n), secondsFromFirstMessage: Number(fromFirst.toFixed(2)), startupSeconds: Number(((f.firstAt() - startedAt) / 1000).toFixed(2)) })
  } finally {
    for (const c of children) c.kill('SIGKILL')
    await store.close()
    await f.close()
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    rmSync(dir, { recursive: true, force: true })
  }
}

const results: Record<string, unknown> = { channels: CHANNELS, limits: { discord: DISCORD_LIMITS, slack: { perChannelPerSecond: 1 } }, runs: [] as unknown[] }
const runs = results.runs as unknown[]
runs.push(await singleProcess())
console.log(JSON.stringify(runs.at(-1)))
const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl) {
  for (const n of [1, 3]) {
    runs.push(await workers(n, adminUrl))
    console.log(JSON.stringify(runs.at(-1)))
  }
} else {
  results.postgres = 'skipped: TEST_DATABASE_URL is not set'
  console.log('PostgreSQL worker runs skipped: TEST_DATABASE_URL is not set')
}
const os = await import('node:os')
results.machine = { node: process.version, cpus: os.cpus().length, loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)), at: new Date().toISOString(), note: 'other processes shared this 2-core machine during the run; times are upper bounds' }
mkdirSync(path.dirname(RESULTS), { recursive: true })
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`)
console.log(`wrote ${path.relative(process.cwd(), RESULTS)}`)
