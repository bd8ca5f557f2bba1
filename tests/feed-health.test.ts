// Feeds that report their own health (issue 18), on every store: a feed served on 127.0.0.1 that keeps failing is
// paused after N rounds (or days without a success) and no longer polled; the Discord or Slack channel that added
// it with /feeds add is told exactly once, in its language, through the outbox and the fake platforms, with the last
// error (secrets masked) and how to resume, also after a crash between sending and recording; a feed that recovers
// before N is never paused; /feeds resume puts it back, and failing again pauses and tells again, once. Also with
// real processes: `newsbot deliver` killed after sending a notice, then run again, sends none twice.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import type { CommandServices, Invoker } from '../commands/types.js'
import { compileTopics } from '../src/3-normalise/topics.js'
import type { FeedRecord, Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { readEnv } from '../src/config/env.js'
import { openStore } from '../src/7-store/prisma-store.js'
import { runCli } from './support/cli.js'
import { planDue } from '../src/services/delivery/plan.js'
import { sendDue, type CrashPoint } from '../src/services/delivery/send-outbox.js'
import type { PausePolicy } from '../src/services/feed-health.js'
import { inlineFeedProcessor } from '../src/services/feed-processor.js'
import { pollRounds } from '../src/services/poll-rounds.js'
import { probeFeed } from '../src/services/probe-feed.js'
import { commandServices, consoleInvoker } from './support/command-services.js'
import { entities, planDeps, sendDeps } from './support/delivery.js'
import { fakePlatforms } from './support/fake-platforms.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'
import { testIngestDeps } from './support/ingest-deps.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import { NEAR_DUPLICATE_THRESHOLD } from '../src/app/context.js'
import { freshStore, storeTargets } from './support/stores.js'

const DISCORD_CHANNEL = '700000000000000077'
const SLACK_CHANNEL = 'C0FEEDS01'
const topics = loadAppConfig().topics
const processor = inlineFeedProcessor(compileTopics(topics))
const GOOD = rss([{ title: 'Talks resume in Riyadh', link: 'https://health.example/1', date: 'Thu, 03 Dec 2026 08:00:00 GMT' }])

const discordInvoker = (locale: 'en' | 'ja'): Partial<Invoker> => ({ platform: 'discord', channelKey: `discord:${DISCORD_CHANNEL}`, channelId: DISCORD_CHANNEL, locale, canManage: true })
const slackInvoker = (locale: 'en' | 'ja'): Partial<Invoker> => ({ platform: 'slack', channelKey: `slack:T0001:${SLACK_CHANNEL}`, channelId: SLACK_CHANNEL, workspaceId: 'T0001', locale, canManage: true })

let server: FeedServer
/** Path → whether it answers with a feed (true) or HTTP 503 (false). */
const healthy = new Map<string, boolean>()
beforeAll(async () => {
  server = await startFeedServer()
  for (const path of ['/discord.xml', '/slack.xml', '/config.xml', '/days.xml']) {
    server.route(path, (_req, res) => {
      if (healthy.get(path)) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(GOOD)
      else res.writeHead(503).end('down')
    })
  }
})
afterAll(async () => server?.close())

describe.each(storeTargets)('feed health on $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  const fakes = fakePlatforms()
  let clock: Date
  let services: CommandServices

  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
    fakes.discord.channelMessages.clear()
    fakes.slack.posted.clear()
    healthy.clear()
    clock = new Date()
    services = commandServices(store, { probeFeed: (url) => probeFeed(url, { fetchOptions: testIngestDeps(store, processor).fetchOptions, processor, maxItems: 500 }, clock) })
  })
  afterEach(() => dispose())

  const feedsCommand = async (subcommand: string, url: string | null, invoker: Partial<Invoker>) =>
    renderConsoleReply(await runCommand({ command: 'feeds', subcommand, options: url ? { url } : {}, invoker: consoleInvoker(invoker), now: clock }, services)).trimEnd()
  /** A feed URL whose query carries a secret, which no channel may see. */
  const feedUrl = (path: string) => `${server.url(path)}?token=canary-secret`
  const add = async (path: string, invoker: Partial<Invoker>) => {
    healthy.set(path, true)
    expect(await feedsCommand('add', feedUrl(path), invoker)).toMatch(/^(Now following|フィード「Test feed」を追加しました)/)
    healthy.set(path, false)
  }
  const rounds = (pauseAfter: PausePolicy) =>
    pollRounds({
      ingest: testIngestDeps(store, processor, { pauseAfter, now: () => clock }),
      cluster: { store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: NEAR_DUPLICATE_THRESHOLD },
    })
  /** One poll round at the time every backed-off feed is due again, then what the delivery clock does each minute. */
  const roundThenDeliver = async (poller: ReturnType<typeof rounds>, crash?: (point: CrashPoint) => void) => {
    const due = (await store.feeds.list()).map((f) => f.nextPollAt?.getTime() ?? 0)
    clock = new Date(Math.max(clock.getTime(), ...due) + 1000)
    const report = await poller.round()
    const planned = await planDue(planDeps(store), clock)
    await sendDue(sendDeps(store, { discordApi: fakes.discord.restApi, slackApi: fakes.slack.apiUrl }, { now: () => clock, ...(crash && { crash }) }), 2)
    return { polled: report.results.length, planned: planned.feedPauses }
  }
  const discordMessages = () => fakes.discord.channelMessages.get(DISCORD_CHANNEL) ?? []
  const slackMessages = () => fakes.slack.posted.get(SLACK_CHANNEL) ?? []
  const feedAt = async (path: string) => (await store.feeds.findByUrl(feedUrl(path))) as FeedRecord

  it('pauses a feed after N failures in a row and tells the channels that added it once, each in its language', async () => {
    await add('/discord.xml', discordInvoker('ja'))
    await add('/slack.xml', slackInvoker('en'))
    const poller = rounds({ failures: 3, days: 0 })
    expect(await roundThenDeliver(poller)).toEqual({ polled: 2, planned: 0 })
    expect(await roundThenDeliver(poller)).toEqual({ polled: 2, planned: 0 })
    expect(discordMessages().length + slackMessages().length).toBe(0)
    expect(await roundThenDeliver(poller)).toEqual({ polled: 2, planned: 2 })
    expect(await feedAt('/discord.xml')).toMatchObject({ consecutiveFailures: 3, pausedReason: 'failures' })

    // Paused: not polled any more, and told once however often the clock runs.
    const hits = server.hits.get('/discord.xml')!.length
    for (let i = 0; i < 3; i++) expect(await roundThenDeliver(poller)).toEqual({ polled: 0, planned: 0 })
    expect(server.hits.get('/discord.xml')!.length).toBe(hits)
    expect(discordMessages()).toHaveLength(1)
    expect(slackMessages()).toHaveLength(1)

    // Discord shows the escaped content as typed, without the backslashes.
    const discord = discordMessages()[0]!.content.replace(/\\/g, '')
    expect(discord).toContain('フィードを停止しました')
    expect(discord).toContain('3回連続で失敗')
    expect(discord).toContain('最後のエラー: fetch: HTTP 503 from')
    expect(discord).toContain('/feeds resume url:')
    const slack = JSON.stringify(slackMessages()[0])
    expect(slack).toContain('Feed paused')
    expect(slack).toContain('after 3 failures in a row (never read successfully)')
    expect(slack).toContain('/newsbot feeds resume')
    for (const text of [discord, slack]) {
      expect(text).toContain('token=***')
      expect(text).not.toContain('canary-secret')
    }
  })

  it('tells once after a sender died between sending the notice and recording it', async () => {
    await add('/discord.xml', discordInvoker('en'))
    await add('/slack.xml', slackInvoker('en'))
    const poller = rounds({ failures: 1, days: 0 })
    const died = new Error('simulated crash')
    let crashes = 0
    expect(await roundThenDeliver(poller, (point) => {
      if (point === 'after-send' && crashes++ < 2) throw died
    })).toEqual({ polled: 2, planned: 2 })
    // Both notices are on the platforms, neither recorded; the next sender finds them there instead of repeating them.
    expect([discordMessages().length, slackMessages().length]).toEqual([1, 1])
    clock = new Date(clock.getTime() + 3_600_000)
    await roundThenDeliver(poller)
    expect([discordMessages().length, slackMessages().length]).toEqual([1, 1])
    expect((await store.outbox.list()).map((e) => [e.kind, e.state])).toEqual([['feed-paused', 'sent'], ['feed-paused', 'sent']])
  })

  it('never pauses a feed that recovers before N failures', async () => {
    await add('/discord.xml', discordInvoker('en'))
    const poller = rounds({ failures: 3, days: 0 })
    for (const up of [false, false, true, false, false, true]) {
      healthy.set('/discord.xml', up)
      expect(await roundThenDeliver(poller)).toEqual({ polled: 1, planned: 0 })
    }
    expect(await feedAt('/discord.xml')).toMatchObject({ pausedAt: null, consecutiveFailures: 0 })
    expect(discordMessages()).toHaveLength(0)
  })

  it('resumes with /feeds resume (managers only); failing again pauses and tells again, once', async () => {
    await add('/discord.xml', discordInvoker('en'))
    const poller = rounds({ failures: 2, days: 0 })
    await roundThenDeliver(poller)
    const { name } = await feedAt('/discord.xml')
    expect(await feedsCommand('resume', feedUrl('/discord.xml'), discordInvoker('en'))).toBe(`error: "${name}" is not paused; /feeds list shows how it is doing.`)
    await roundThenDeliver(poller)
    expect(discordMessages()).toHaveLength(1)
    expect(await feedsCommand('list', null, discordInvoker('en'))).toMatch(/1 feeds, 1 failing, 1 paused[\s\S]*⏸ paused .* after 2 failures in a row \(never read successfully\)/)

    expect(await feedsCommand('resume', feedUrl('/discord.xml'), { ...discordInvoker('en'), canManage: false })).toMatch(/^error: .*Manage Channels/)
    expect((await feedAt('/discord.xml')).pausedAt).not.toBeNull()
    expect(await feedsCommand('resume', feedUrl('/discord.xml'), discordInvoker('en'))).toMatch(/^Resumed ".*": it is read within a minute/)
    expect(await feedAt('/discord.xml')).toMatchObject({ pausedAt: null, nextPollAt: clock })

    // Polled at the next round; still failing, so paused again at once and told again under a new key.
    const hits = server.hits.get('/discord.xml')!.length
    expect(await roundThenDeliver(poller)).toEqual({ polled: 1, planned: 1 })
    expect(server.hits.get('/discord.xml')!.length).toBe(hits + 1)
    await roundThenDeliver(poller)
    expect(discordMessages()).toHaveLength(2)
    expect(new Set((await store.outbox.list()).map((e) => e.key)).size).toBe(2)

    // Resumed as the notice shows the URL (its token masked), and working: polled as usual, no pause.
    expect(await feedsCommand('resume', feedUrl('/discord.xml').replace('canary-secret', '***'), discordInvoker('en'))).toMatch(/^Resumed/)
    healthy.set('/discord.xml', true)
    expect(await roundThenDeliver(poller)).toEqual({ polled: 1, planned: 0 })
    expect(await feedAt('/discord.xml')).toMatchObject({ pausedAt: null, lastStatus: 'ok', consecutiveFailures: 0 })
  })

  it("tells the operator's channel (NEWSBOT_ADMIN_CHANNEL) of a config-file feed, and nobody when none is set", async () => {
    await store.feeds.sync([{ url: feedUrl('/config.xml'), name: 'Config Wire', language: 'en', country: 'US', kind: 'wire', pollMinutes: null, origin: 'config' }])
    const poller = rounds({ failures: 1, days: 0 })
    expect(await roundThenDeliver(poller)).toEqual({ polled: 1, planned: 0 })
    const admin = { platform: 'slack', channelId: SLACK_CHANNEL, lang: 'ja' as const }
    expect((await planDue(planDeps(store, { admin }), clock)).feedPauses).toBe(1)
    expect((await planDue(planDeps(store, { admin }), clock)).feedPauses).toBe(0)
    await sendDue(sendDeps(store, { slackApi: fakes.slack.apiUrl }, { now: () => clock }), 1)
    expect(slackMessages()).toHaveLength(1)
    expect(JSON.stringify(slackMessages()[0])).toContain('フィードを停止しました: Config Wire')
  })

  it('pauses a feed with no successful read for the configured days, counting from its last success', async () => {
    await add('/days.xml', discordInvoker('en'))
    const feed = await feedAt('/days.xml')
    const fourDaysAgo = new Date(clock.getTime() - 4 * 86_400_000)
    await store.feeds.recordSuccess(feed.id, { at: fourDaysAgo, status: 'ok', etag: null, lastModified: null, minIntervalSeconds: null, nextPollAt: fourDaysAgo })
    const poller = rounds({ failures: 0, days: 3 })
    expect(await roundThenDeliver(poller)).toEqual({ polled: 1, planned: 1 })
    expect(await feedAt('/days.xml')).toMatchObject({ consecutiveFailures: 1, pausedReason: 'days' })
    expect(discordMessages()[0]!.content.replace(/\\/g, '')).toMatch(/no successful read for 4 days \(last success \d+ \w+ \d{4}\)/)
  })
})

describe('pause settings in the environment', () => {
  it('defaults to 10 failures or 3 days, and nobody told of config feeds', () => {
    const env = readEnv({})
    expect([env.NEWSBOT_FEED_PAUSE_AFTER_FAILURES, env.NEWSBOT_FEED_PAUSE_AFTER_DAYS, env.NEWSBOT_ADMIN_CHANNEL, env.NEWSBOT_ADMIN_LANG]).toEqual([10, 3, undefined, 'en'])
  })

  it('reads the operator channel per platform and refuses one it cannot reach or spell', () => {
    expect(readEnv({ NEWSBOT_ADMIN_CHANNEL: 'console' }).NEWSBOT_ADMIN_CHANNEL).toEqual({ platform: 'console', channelId: 'console' })
    expect(readEnv({ NEWSBOT_ADMIN_CHANNEL: 'slack:C0ADMIN123', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).NEWSBOT_ADMIN_CHANNEL).toEqual({ platform: 'slack', channelId: 'C0ADMIN123' })
    expect(() => readEnv({ NEWSBOT_ADMIN_CHANNEL: 'discord:123456789012345678' })).toThrow('NEWSBOT_ADMIN_CHANNEL: names a discord channel, so DISCORD_TOKEN must be set to reach it')
    expect(() => readEnv({ NEWSBOT_ADMIN_CHANNEL: '#ops' })).toThrow('NEWSBOT_ADMIN_CHANNEL: must be discord:<channel id> (digits), slack:<channel id> (C… or G…) or console (got "#ops")')
    expect(() => readEnv({ NEWSBOT_FEED_PAUSE_AFTER_FAILURES: '-1' })).toThrow('NEWSBOT_FEED_PAUSE_AFTER_FAILURES: must be a whole number of at least 0')
  })
})

describe('a pause told by real processes (SQLite)', () => {
  const fakes = fakePlatforms()
  let dir: string
  beforeAll(() => void (dir = mkdtempSync(path.join(tmpdir(), 'newsbot-feed-health-'))))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('`newsbot deliver` killed after sending the notices, then run again: each channel has its notice once', async () => {
    const url = `file:${path.join(dir, 'crash.db')}`
    const store = await openStore(url)
    const paused = new Date()
    for (const [platform, channelId] of [['discord', DISCORD_CHANNEL], ['slack', SLACK_CHANNEL]] as const) {
      const [feed] = await store.feeds.sync([{ url: `https://${platform}.example/rss`, name: `${platform} feed`, language: null, country: null, kind: 'online-outlet', pollMinutes: null, origin: 'chat', addedByPlatform: platform, addedByChannelId: channelId, addedByLang: 'en' }])
      await store.feeds.recordFailure(feed!.id, { at: paused, error: 'fetch: HTTP 503 from https://example/rss', nextPollAt: paused, pauseReason: 'failures' })
    }
    await store.close()
    const env = { DATABASE_URL: url, NEWSBOT_LOG_LEVEL: 'info', DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fakes.discord.restApi, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fakes.slack.apiUrl, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: 'secret' }
    const killed = await runCli(['deliver', '--json'], { ...env, NEWSBOT_CRASH_AT: 'after-send', NEWSBOT_DELIVERY_CONCURRENCY: '1' }, 120_000)
    const counts = () => [fakes.discord.channelMessages.get(DISCORD_CHANNEL)?.length ?? 0, fakes.slack.posted.get(SLACK_CHANNEL)?.length ?? 0]
    // Died by SIGKILL with a notice on the platform and not recorded (one lane per platform: maybe both).
    expect(killed.code, killed.stdout + killed.stderr).toBeNull()
    expect([1, 2]).toContain(counts()[0]! + counts()[1]!)
    const restarted = await runCli(['deliver', '--json'], env, 120_000)
    expect(restarted.stderr).not.toMatch(/error/i)
    expect(counts()).toEqual([1, 1])
    expect(JSON.parse((await runCli(['deliver', '--json'], env, 120_000)).stdout).planned.feedPauses).toBe(0)
    expect(counts()).toEqual([1, 1])
  }, 400_000)
})
