// /subscribe, /unsubscribe and /subscriptions on every store: defaults, re-subscribing, time and zone checks, who
// may change a channel's subscriptions, and the next delivery time across a DST change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import { nextDelivery } from '../commands/subscribe.js'
import { parseTimezone, suggestTimezones } from '../commands/time-zones.js'
import { unsubscribeCommand } from '../commands/unsubscribe.js'
import type { Invoker, OptionValue, Reply } from '../commands/types.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { commandServices, consoleInvoker } from './support/command-services.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2026-03-20T12:00:00Z')

const discordChannel = (overrides: Partial<Invoker> = {}) =>
  consoleInvoker({ platform: 'discord', channelKey: 'discord:555', channelId: '555', workspaceId: '777', userId: 'alice', ...overrides })

const text = (reply: Reply) => renderConsoleReply(reply).trimEnd()

describe('times and zones', () => {
  it('finds the next delivery in the zone, across a DST change', () => {
    expect(nextDelivery('07:30', 'Asia/Tokyo', NOW).toISOString()).toBe('2026-03-20T22:30:00.000Z')
    expect(nextDelivery('22:00', 'Asia/Tokyo', NOW).toISOString()).toBe('2026-03-20T13:00:00.000Z')
    // New York moves from EST (UTC−5) to EDT (UTC−4) at 02:00 on 8 March 2026.
    const saturday = new Date('2026-03-07T20:00:00Z')
    expect(nextDelivery('08:00', 'America/New_York', saturday).toISOString()).toBe('2026-03-08T12:00:00.000Z')
    expect(nextDelivery('02:30', 'America/New_York', saturday).toISOString()).toBe('2026-03-08T07:30:00.000Z')
    expect(nextDelivery('08:00', 'UTC', new Date('2026-03-20T08:00:00Z')).toISOString()).toBe('2026-03-21T08:00:00.000Z')
  })

  it('spells zones canonically and suggests them', () => {
    expect(parseTimezone('asia/tokyo')).toBe('Asia/Tokyo')
    expect(parseTimezone('utc')).toBe('UTC')
    expect(suggestTimezones('tokyo')).toEqual([{ name: 'Asia/Tokyo', value: 'Asia/Tokyo' }])
    expect(suggestTimezones('new y')[0]).toEqual({ name: 'America/New_York', value: 'America/New_York' })
    expect(suggestTimezones('')).toHaveLength(25)
  })
})

for (const target of storeTargets) {
  describe(`subscriptions on ${target.name}`, () => {
    let store: Store
    let dispose: () => Promise<void>
    beforeAll(async () => ({ store, dispose } = await freshStore(target)))
    afterAll(async () => dispose?.())

    const run = async (command: string, options: Record<string, OptionValue>, invoker: Invoker = discordChannel()) => {
      const services = commandServices(store)
      const reply = await runCommand({ command, subcommand: null, options, invoker, now: NOW }, services)
      expect(services.log.records).toEqual([])
      return reply
    }

    it('subscribes with the given time, zone and language and says when the first digest comes', async () => {
      const reply = await run('subscribe', { topic: 'ceasefire', time: '7:30', timezone: 'asia/tokyo', lang: 'ja' })
      expect(reply).toMatchObject({ kind: 'notice', tone: 'ok', ephemeral: false })
      expect(text(reply)).toBe('Subscribed: this channel gets the Ceasefire and peace talks digest daily at 07:30 (Asia/Tokyo), in Japanese. Next: 21 Mar 2026, 07:30 GMT+9.')
      expect(await store.subscriptions.listForChannel('discord:555')).toMatchObject([
        { platform: 'discord', channelKey: 'discord:555', channelId: '555', workspaceId: '777', topic: 'ceasefire', time: '07:30', timezone: 'Asia/Tokyo', lang: 'ja', createdBy: 'alice' },
      ])
    })

    it('changes only the options given when subscribed again, keeping who made it, and says what changed', async () => {
      const reply = await run('subscribe', { topic: 'Ceasefire and peace talks', time: '18:00' }, discordChannel({ userId: 'bob', locale: 'ja' }))
      expect(text(reply)).toBe('変更しました（時刻 07:30 → 18:00）: このチャンネルに「停戦・和平交渉」のダイジェストを毎日 18:00（Asia/Tokyo）に日本語で配信します。次回: 2026年3月21日 18:00 JST')
      const [only, ...rest] = await store.subscriptions.listForChannel('discord:555')
      expect(rest).toEqual([])
      expect(only).toMatchObject({ time: '18:00', timezone: 'Asia/Tokyo', lang: 'ja', createdBy: 'alice' })
    })

    it('defaults to 08:00 UTC in the invoker’s language; full-width digits are fine', async () => {
      await run('subscribe', { topic: 'us-russia' }, discordChannel({ locale: 'ja' }))
      await run('subscribe', { topic: 'ukraine-war', time: '０９:１５' })
      const all = await store.subscriptions.listAll()
      expect(all.map((s) => [s.topic, s.time, s.timezone, s.lang])).toEqual([
        ['ceasefire', '18:00', 'Asia/Tokyo', 'ja'],
        ['ukraine-war', '09:15', 'UTC', 'en'],
        ['us-russia', '08:00', 'UTC', 'ja'],
      ])
    })

    it('lists the channel’s subscriptions with their next delivery', async () => {
      const reply = await run('subscriptions', {})
      expect(reply).toMatchObject({ kind: 'entries', ephemeral: true })
      expect(text(reply)).toContain('Ceasefire and peace talks\n  Daily at 18:00 (Asia/Tokyo), in Japanese\n  Next: 21 Mar 2026, 18:00 GMT+9 · ceasefire')
      const other = await run('subscriptions', {}, discordChannel({ channelKey: 'discord:999' }))
      expect(text(other)).toContain('This channel has no subscriptions; someone who manages it can add one with /subscribe.')
    })

    it('keeps the schedule when only alerts change, on Discord, Slack and the console', async () => {
      const slack = consoleInvoker({ platform: 'slack', channelKey: 'slack:T1:C1', channelId: 'C1', workspaceId: 'T1', userId: 'U1' })
      for (const invoker of [discordChannel({ channelKey: 'discord:556', channelId: '556' }), slack, consoleInvoker()]) {
        await run('subscribe', { topic: 'ukraine-war', time: '07:30', timezone: 'Asia/Tokyo', lang: 'ja' }, invoker)
        expect(text(await run('subscribe', { topic: 'ukraine-war', alerts: true }, invoker))).toBe(
          'Updated (story alerts on (3+ outlets)): this channel gets the War in Ukraine digest daily at 07:30 (Asia/Tokyo), in Japanese. Next: 21 Mar 2026, 07:30 GMT+9.\nAlerts: stories with 3+ outlets',
        )
        expect(text(await run('subscribe', { topic: 'ukraine-war', ceasefire_alerts: true }, invoker))).toMatch(/^Updated \(ceasefire alerts on\): .* daily at 07:30 \(Asia\/Tokyo\), in Japanese\. .*\nAlerts: stories with 3\+ outlets, ceasefire changes$/)
        expect(text(await run('subscribe', { topic: 'ukraine-war', min_outlets: 2, lang: 'en' }, invoker))).toMatch(/^Updated \(language Japanese → English, alert threshold 3 → 2 outlets\): .* daily at 07:30 \(Asia\/Tokyo\), in English\. .*\nAlerts: stories with 2\+ outlets, ceasefire changes$/)
        expect(text(await run('subscribe', { topic: 'ukraine-war', alerts: false }, { ...invoker, locale: 'ja' }))).toMatch(/^変更しました（速報 オフ）: .*毎日 07:30（Asia\/Tokyo）に英語で配信します。.*\n速報: 停戦状況の変化$/)
        expect(text(await run('subscribe', { topic: 'ukraine-war' }, invoker))).toMatch(/^Unchanged: this channel already gets the War in Ukraine digest daily at 07:30 \(Asia\/Tokyo\), in English\. Next: /)
        expect(await store.subscriptions.listForChannel(invoker.channelKey)).toMatchObject([
          { topic: 'ukraine-war', time: '07:30', timezone: 'Asia/Tokyo', lang: 'en', storyAlerts: false, alertMinOutlets: 2, ceasefireAlerts: true },
        ])
      }
      for (const key of ['discord:556', 'slack:T1:C1', 'console']) await store.subscriptions.remove(key, 'ukraine-war')
    })

    it('refuses times and zones it cannot read, naming the option', async () => {
      for (const time of ['25:00', '8am', '12:60', '0800']) {
        expect(text(await run('subscribe', { topic: 'ceasefire', time }))).toBe(`error: Option "time": "${time}" is not a 24-hour time; use HH:MM, e.g. 08:00 or 18:30.`)
      }
      expect(text(await run('subscribe', { topic: 'ceasefire', timezone: 'Mars/Olympus' }))).toBe(
        'error: Option "timezone": "Mars/Olympus" is not a time zone; use an IANA name such as Asia/Tokyo, Europe/Kyiv or UTC.',
      )
      expect(text(await run('subscribe', { topic: 'ceasefire', timezone: 'Mars/Olympus' }, discordChannel({ locale: 'ja' })))).toMatch(/^error: オプション「timezone」: 「Mars\/Olympus」はタイムゾーンではありません/)
      expect(text(await run('subscribe', { topic: 'weather' }))).toMatch(/^error: Unknown topic "weather"/)
    })

    it('lets only managers change subscriptions, and only in channels', async () => {
      const member = discordChannel({ canManage: false })
      expect(text(await run('subscribe', { topic: 'ceasefire' }, member))).toBe('error: You need the Manage Channels permission (or the bot manager role) here to change this.')
      expect(text(await run('unsubscribe', { topic: 'ceasefire' }, member))).toMatch(/^error: You need the Manage Channels permission/)
      expect(text(await run('subscriptions', {}, member))).toContain('Ceasefire and peace talks')
      const dm = discordChannel({ inDirectMessage: true })
      for (const command of ['subscribe', 'unsubscribe', 'subscriptions']) {
        expect(text(await run(command, command === 'subscriptions' ? {} : { topic: 'ceasefire' }, dm))).toBe('error: This works in a channel, not in direct messages: run it in the channel that should get the news.')
      }
      expect(await store.subscriptions.listForChannel('discord:555')).toHaveLength(3)
    })

    it('suggests only the channel’s own subscriptions to unsubscribe from', async () => {
      await run('unsubscribe', { topic: 'us-russia' })
      const services = commandServices(store)
      const own = await unsubscribeCommand.suggest!('topic', '', services, discordChannel())
      expect(own.map((s) => s.value)).toEqual(['ukraine-war', 'ceasefire'])
      expect(await unsubscribeCommand.suggest!('topic', '', services, consoleInvoker({ channelKey: 'discord:unknown' }))).toEqual([])
    })

    it('unsubscribes, and says so when there is nothing to remove', async () => {
      expect(text(await run('unsubscribe', { topic: 'ceasefire' }))).toBe('Unsubscribed: this channel no longer gets the Ceasefire and peace talks digest.')
      expect(text(await run('unsubscribe', { topic: 'ceasefire' }))).toBe('error: This channel is not subscribed to Ceasefire and peace talks; /subscriptions lists what it gets.')
      expect(text(await run('unsubscribe', { topic: 'ceasefire' }, discordChannel({ locale: 'ja' })))).toBe('error: このチャンネルは「停戦・和平交渉」を登録していません。登録内容は /subscriptions で確認できます。')
      expect((await store.subscriptions.listAll()).map((s) => s.topic)).toEqual(['ukraine-war'])
    })
  })
}
