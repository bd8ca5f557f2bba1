// Delivery test helpers: stories worth a digest (a three-outlet Trump–Putin call and a one-outlet story), channel
// subscriptions, and the delivery dependencies wired to the fake platforms.
import { compileAliases, loadAliases } from '../../src/5-cluster/aliases.js'
import type { AlertOptions, StoryState, Store, SubscriptionInput, SubscriptionSettings } from '../../src/7-store/types.js'
import { createDiscordSender } from '../../src/8-deliver/discord/sender.js'
import { createSlackSender } from '../../src/8-deliver/slack/sender.js'
import { loadAppConfig } from '../../src/config/app-config.js'
import { createLogger } from '../../src/log.js'
import type { PlanDeps } from '../../src/services/delivery/plan.js'
import type { SendDeps } from '../../src/services/delivery/send-outbox.js'
import { itemFactory } from './items.js'

export const entities = compileAliases(loadAliases())
export const quietLog = createLogger({ level: 'error', format: 'text' })
const item = itemFactory('delivery.example')

/** Three outlets on the energy-strikes call (ceasefire, us-russia topics) and one on a court case, published in the hours before `at`. */
export async function seedStories(store: Store, at: Date): Promise<void> {
  const seenAt = at
  const hoursBefore = (h: number) => new Date(at.getTime() - h * 3_600_000).toISOString()
  const ids: Record<string, number> = {}
  for (const [name, kind, language] of [['Wire', 'wire', 'en'], ['NHK', 'public-broadcaster', 'ja'], ['TASS', 'state-media', 'ru']] as const) {
    const [feed] = await store.feeds.sync([{ url: `https://${name}.example/rss`, name, language, country: null, kind, pollMinutes: null, origin: 'test' }])
    ids[name] = feed!.id
  }
  const add = (feed: string, ...items: ReturnType<typeof item>[]) => store.items.upsert(ids[feed]!, items, { backfill: false, seenAt })
  await add('Wire', item('Putin agrees to halt strikes on Ukraine energy sites after call with Trump', 'Vladimir Putin agreed in a call with Donald Trump to stop strikes on Ukrainian energy infrastructure for 30 days. He rejected a full 30-day ceasefire.', hoursBefore(3), 'en'))
  await add('NHK', item('プーチン大統領、エネルギー施設への攻撃停止に同意', 'ロシアのプーチン大統領は18日、トランプ大統領との電話会談で、ウクライナのエネルギー施設への攻撃を30日間停止することに同意した。全面的な停戦には応じなかった。', hoursBefore(1), 'ja'))
  await add('TASS', item('Путин поддержал предложение Трампа о прекращении ударов по энергетике', 'Путин в ходе телефонного разговора с Трампом поддержал идею о взаимном отказе от ударов по объектам энергетической инфраструктуры на 30 дней.', hoursBefore(2), 'ru'))
  await add('Wire', item('Kremlin critic sentenced in absentia over Ukraine war posts', 'A Moscow court sentenced an exiled Kremlin critic in absentia to eight years for spreading false information about the Russian army in Ukraine.', hoursBefore(4), 'en'))
  // Stories written directly (not clustered), so these tests do not depend on the clusterer's judgement.
  const pending = await store.stories.pending(100)
  const call = pending.filter((p) => !p.title.startsWith('Kremlin critic'))
  const court = pending.filter((p) => p.title.startsWith('Kremlin critic'))
  const story = (id: number, items: typeof pending): StoryState => {
    const times = items.map((i) => i.publishedAt.getTime())
    return {
      id, title: items[0]!.title, headlines: Object.fromEntries(items.map((i) => [i.language, { title: i.title, itemId: i.id }])),
      languages: new Set(items.map((i) => i.language)), outlets: new Set(items.map((i) => i.source)), itemCount: items.length, size: items.length,
      features: new Map(), topics: new Set(items.flatMap((i) => i.topics).concat('us-russia', 'ceasefire')),
      firstPublishedAt: new Date(Math.min(...times)), lastPublishedAt: new Date(Math.max(...times)), lastUpdatedAt: new Date(Math.max(...times)), updateReason: null,
    }
  }
  await store.stories.apply({
    created: [story(-1, call), story(-2, court)],
    updated: [],
    assignments: [...call.map((i) => ({ itemId: i.id, storyId: -1 })), ...court.map((i) => ({ itemId: i.id, storyId: -2 }))].map((a) => ({ ...a, duplicateOfId: null, signature: [], bandKeys: [] })),
    clusteredAt: seenAt,
  })
}

type SubscriptionOverrides = Partial<SubscriptionSettings & { topic: string; alerts: AlertOptions }>

export function subscription(platform: 'discord' | 'slack' | 'console', channelId: string, { topic = 'ceasefire', alerts, ...settings }: SubscriptionOverrides = {}): SubscriptionInput {
  const channelKey = platform === 'slack' ? `slack:T0001:${channelId}` : platform === 'discord' ? `discord:${channelId}` : 'console'
  const defaults = { time: '08:00', timezone: 'UTC', lang: 'en' }
  return { platform, channelKey, channelId, workspaceId: platform === 'slack' ? 'T0001' : null, topic, createdBy: 'U1', changes: { ...settings, alerts }, defaults }
}

export function planDeps(store: Store, overrides: Partial<PlanDeps> = {}): PlanDeps {
  return { store, digest: { store, entities }, topics: loadAppConfig().topics, log: quietLog, catchUpMs: 6 * 3_600_000, ...overrides }
}

export function sendDeps(store: Store, fakes: { discordApi?: string; slackApi?: string }, overrides: Partial<SendDeps> = {}): SendDeps {
  return {
    store,
    senders: {
      ...(fakes.discordApi && { discord: createDiscordSender({ token: 'fake-token', api: fakes.discordApi, log: quietLog }) }),
      ...(fakes.slackApi && { slack: createSlackSender({ token: 'xoxb-test', apiUrl: fakes.slackApi, log: quietLog, channelIntervalMs: 0 }) }),
    },
    log: quietLog,
    leaseMs: 60_000,
    ...overrides,
  }
}

/** A daily time (UTC "HH:MM") due a minute after `at`, and a moment when it is due: lets a test plan today's digest. */
export function dueSoon(at: Date): { time: string; now: Date } {
  const due = new Date(Math.floor((at.getTime() + 60_000) / 60_000) * 60_000)
  return { time: due.toISOString().slice(11, 16), now: new Date(due.getTime() + 60_000) }
}
