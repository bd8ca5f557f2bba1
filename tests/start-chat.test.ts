// `newsbot start` with chat tokens: the real executable connects to Discord and Slack (fakes on 127.0.0.1, reached
// through DISCORD_API_URL and SLACK_API_URL), answers a command on each, keeps its tokens out of the log, and stops
// cleanly; when both are down at start it polls feeds meanwhile, retries with backoff and answers once they are up.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BIN } from './support/cli.js'
import { startFeedServer } from './support/feed-server.js'
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord.js'
import { slashCommandFields, startFakeSlack, type FakeSlack } from './support/fake-slack.js'

const DISCORD_TOKEN = 'discord-secret-token-value'
const SLACK_APP_TOKEN = 'xapp-secret-app-token'

let discord: FakeDiscord
let slack: FakeSlack
beforeAll(async () => {
  discord = await startFakeDiscord()
  slack = await startFakeSlack()
})
afterAll(async () => {
  await discord?.close()
  await slack?.close()
})

it('connects to both platforms, answers /topics on each, and never logs a token', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-start-'))
  const shipped = (await import('../config/newsbot.json', { with: { type: 'json' } })).default
  const config = path.join(dir, 'config.json')
  writeFileSync(config, JSON.stringify({ ...shipped, feeds: [] }))
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(dir, 'start.db')}`,
      NEWSBOT_CONFIG: config,
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.restApi,
      SLACK_BOT_TOKEN: 'xoxb-secret-bot-token',
      SLACK_APP_TOKEN,
      SLACK_API_URL: slack.apiUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  try {
    await expect.poll(() => stderr, { timeout: 20_000 }).toMatch(/chat connected platform=discord/)
    await expect.poll(() => stderr, { timeout: 20_000 }).toMatch(/chat connected platform="slack \(Socket Mode\)"/)
    expect(stderr).not.toMatch(/chat is off/)

    const { token } = discord.slashCommand('topics', [{ name: 'list', type: 1, options: [] }])
    const reply = await discord.waitFor((calls) => calls.find((c) => c.path.includes(`/${token}/callback`)))
    expect(JSON.stringify(reply.body)).toContain('ceasefire')

    await slack.connected()
    slack.sendEnvelope('slash_commands', slashCommandFields(slack.responseUrl('start'), 'topics'))
    const responded = await slack.waitFor((c) => c.path === '/respond/start', 10_000)
    expect(JSON.stringify(responded.body)).toContain('ceasefire')

    for (const secret of [DISCORD_TOKEN, SLACK_APP_TOKEN, 'xoxb-secret-bot-token']) expect(stderr).not.toContain(secret)
  } finally {
    child.kill('SIGTERM')
  }
  const code = await new Promise((resolve) => child.on('close', resolve))
  expect(code).toBe(0)
}, 40_000)

it('with Discord and Slack down at start, polls feeds meanwhile, retries with backoff, and answers once they are up', async () => {
  // Two ports nothing listens on yet: the fakes come up there later.
  const ports = { discord: Number(new URL(discord.restApi).port), slack: Number(new URL(slack.base).port) }
  await discord.close()
  await slack.close()
  const feeds = await startFeedServer()
  feeds.route('/rss', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' })
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Ceasefire talks resume in Geneva</title><link>https://wire.example/1</link><guid>w1</guid><pubDate>${new Date().toUTCString()}</pubDate></item></channel></rss>`)
  })
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-start-down-'))
  const shipped = (await import('../config/newsbot.json', { with: { type: 'json' } })).default
  const config = path.join(dir, 'config.json')
  writeFileSync(config, JSON.stringify({ ...shipped, feeds: [{ name: 'Wire', url: feeds.url('/rss'), language: 'en', country: 'US', kind: 'wire' }] }))
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(dir, 'start.db')}`,
      NEWSBOT_CONFIG: config,
      NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true',
      DISCORD_TOKEN,
      DISCORD_API_URL: `http://127.0.0.1:${ports.discord}/api`,
      SLACK_BOT_TOKEN: 'xoxb-secret-bot-token',
      SLACK_APP_TOKEN,
      SLACK_API_URL: `http://127.0.0.1:${ports.slack}/api/`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  let exited: number | null = null
  child.on('exit', (code) => (exited = code))
  const retries = (platform: string) => [...stderr.matchAll(new RegExp(`could not connect, retrying platform=${platform} attempt=(\\d+) retryInMs=(\\d+)`, 'g'))].map((m) => [Number(m[1]), Number(m[2])])
  try {
    // Both keep failing and are retried, further apart each time, while the feed is polled and stored.
    await expect.poll(() => Math.min(retries('discord').length, retries('slack').length), { timeout: 20_000 }).toBeGreaterThanOrEqual(2)
    await expect.poll(() => stderr, { timeout: 20_000 }).toMatch(/feed polled feed=Wire status=ok new=1/)
    expect(exited).toBeNull()
    for (const platform of ['discord', 'slack']) {
      const [first, second] = retries(platform)
      expect(first).toEqual([1, expect.any(Number)])
      expect(second![0]).toBe(2)
      expect(first![1]).toBeGreaterThanOrEqual(500)
      expect(first![1]).toBeLessThanOrEqual(1000)
      expect(second![1]).toBeGreaterThanOrEqual(1000)
      expect(second![1]).toBeLessThanOrEqual(2000)
    }

    discord = await startFakeDiscord({ port: ports.discord })
    slack = await startFakeSlack({ port: ports.slack })
    await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/chat connected platform=discord/)
    await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/chat connected platform="slack \(Socket Mode\)"/)

    const { token } = discord.slashCommand('topics', [{ name: 'list', type: 1, options: [] }])
    const reply = await discord.waitFor((calls) => calls.find((c) => c.path.includes(`/${token}/callback`)))
    expect(JSON.stringify(reply.body)).toContain('ceasefire')
    await slack.connected()
    slack.sendEnvelope('slash_commands', slashCommandFields(slack.responseUrl('later'), 'topics'))
    const responded = await slack.waitFor((c) => c.path === '/respond/later', 10_000)
    expect(JSON.stringify(responded.body)).toContain('ceasefire')
    for (const secret of [DISCORD_TOKEN, SLACK_APP_TOKEN, 'xoxb-secret-bot-token']) expect(stderr).not.toContain(secret)
    expect(stderr).not.toMatch(/unhandled failure/)
  } finally {
    child.kill('SIGTERM')
    await feeds.close()
  }
  const code = await new Promise((resolve) => (exited !== null ? resolve(exited) : child.on('close', resolve)))
  expect(code, stderr).toBe(0)
}, 90_000)
