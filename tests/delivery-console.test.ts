// A console subscription is delivered like a chat one: `newsbot run subscribe` in the terminal, then `newsbot
// deliver --at …` prints the digest (and a story alert) on stdout, through the outbox, once (a second run prints nothing). On every store.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../src/7-store/prisma-store.js'
import { runCli } from './support/cli.js'
import { seedStories } from './support/delivery.js'
import { storeTargets } from './support/stores.js'

describe.each(storeTargets)('console subscriptions on $name (real processes)', (target) => {
  let dir: string
  let env: Record<string, string>
  let cleanup: () => Promise<void>
  // The next 08:00 in Tokyo after the subscription is made (digests due before a subscription existed are never sent).
  const tomorrowTokyo8 = new Date(`${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T08:00:00+09:00`)
  const at = new Date(tomorrowTokyo8.getTime() < Date.now() + 60_000 ? tomorrowTokyo8.getTime() + 86_400_000 : tomorrowTokyo8.getTime())

  beforeAll(async () => {
    const created = await target.create()
    cleanup = created.cleanup
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-console-'))
    const config = JSON.parse(readFileSync('config/newsbot.json', 'utf8'))
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, feeds: [{ ...config.feeds[0], url: 'http://127.0.0.1:9/rss.xml' }] }))
    env = { DATABASE_URL: created.url, NEWSBOT_CONFIG: path.join(dir, 'config.json'), LANG: 'C', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' }
    const store = await openStore(created.url)
    await seedStories(store, new Date(at.getTime() - 60_000))
    await store.close()
  })
  afterAll(async () => {
    await cleanup?.()
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints the digest of a console subscription once, when it is due', async () => {
    const subscribed = await runCli(['run', 'subscribe', 'ceasefire', '--time', '08:00', '--timezone', 'Asia/Tokyo'], env)
    expect(subscribed.stdout).toMatch(/^Subscribed: this channel gets the Ceasefire and peace talks digest daily at 08:00 \(Asia\/Tokyo\), in English\./)
    const alerts = await runCli(['run', 'subscribe', 'ceasefire', '--alerts'], env)
    expect(alerts.stdout).toMatch(/^Updated \(story alerts on \(3\+ outlets\)\): this channel gets the Ceasefire and peace talks digest daily at 08:00 \(Asia\/Tokyo\), in English\./)

    // Before 08:00 only the alert is due; with --json what the console gets is in the JSON.
    const early = await runCli(['deliver', '--at', new Date(at.getTime() - 60_000).toISOString(), '--json'], env)
    expect(JSON.parse(early.stdout)).toMatchObject({ planned: { digests: 0, storyAlerts: 1 }, sent: { sent: 1 } })
    expect(JSON.parse(early.stdout).console).toEqual([expect.stringMatching(/^⚡ Breaking: Ceasefire and peace talks\n\nPutin agrees to halt strikes on Ukraine energy sites after call with Trump  #1\n/)])

    const due = await runCli(['deliver', '--at', new Date(at.getTime() + 30_000).toISOString()], env)
    expect(due.code).toBe(0)
    const [printed] = due.stdout.split(/\n(?=planned digests)/)
    expect(printed).toMatch(/^Daily digest: Ceasefire and peace talks — /)
    expect(printed).toContain('Putin agrees to halt strikes on Ukraine energy sites after call with Trump')
    expect(printed).not.toContain('⚡')
    expect(due.stdout).toMatch(/\n1 +0 +0 +0 +1 +0 +0\n$/)

    const again = await runCli(['deliver', '--at', new Date(at.getTime() + 90_000).toISOString(), '--json'], env)
    expect(JSON.parse(again.stdout)).toMatchObject({ planned: { digests: 0 }, sent: { sent: 0 }, console: [] })

    const listed = await runCli(['subscriptions', '--json'], env)
    expect(JSON.parse(listed.stdout).subscriptions).toMatchObject([{ platform: 'console', channel: 'console', state: 'active' }])
  }, 60_000)
})
