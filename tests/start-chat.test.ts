// `newsbot start` with chat tokens: the real executable connects to Discord and Slack (fakes on 127.0.0.1, reached
// through DISCORD_API_URL and SLACK_API_URL), answers a command on each, keeps its tokens out of the log, and stops
// cleanly.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BIN } from './support/cli.js'
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
    await expect.poll(() => stderr, { timeout: 20_000 }).toMatch(/chat connected platforms="discord, slack \(Socket Mode\)"/)
    expect(stderr).not.toMatch(/chat is off/)

    const { token } = discord.slashCommand('topics')
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
