// The digest clock's work: for every active subscription, plan what is due now in its own time zone: the daily
// digest once per local date (keyed by that date, so DST changes, restarts and several clocks cannot repeat it),
// a story alert once per story, a ceasefire alert once per state. Planning writes the rendered messages to the
// outbox; sending is separate (send-outbox.ts). A subscription's filters (story-filters.ts) apply to its digest and
// its alerts alike; an alert counts the outlets the filters keep against the subscription's alert threshold.
import type { DigestLanguage } from '../../6-summarise/types.js'
import type { PlannedMessage, Store, StoryRecord, SubscriptionRecord } from '../../7-store/types.js'
import type { RenderOptions } from '../../8-deliver/digest-blocks.js'
import type { Logger } from '../../log.js'
import { composeDigest, digestStory, type DigestDeps } from '../digest.js'
import { compileFilters, TermsFound } from '../story-filters.js'
import type { NoticeChannel } from '../feed-health.js'
import type { CeasefireStateSource } from './ceasefire-source.js'
import { planFeedPauseNotices } from './feed-notices.js'
import { deliveryInstant, localDate, previousDate } from './local-time.js'
import { renderDigestBodies, renderNotice, renderStoryAlert } from './render.js'

export interface PlanDeps {
  store: Store
  digest: DigestDeps
  topics: NonNullable<RenderOptions['topics']>
  log: Logger
  /** A digest missed by up to this much (the process was down at the time) still goes out when it comes back. */
  catchUpMs: number
  ceasefire?: CeasefireStateSource | null
  /** Told of paused feeds that no chat channel added (NEWSBOT_ADMIN_CHANNEL). */
  admin?: NoticeChannel | null
}

export interface PlanCounts {
  digests: number
  storyAlerts: number
  ceasefireAlerts: number
  feedPauses: number
}

const DAY = 86_400_000

export const digestKey = (s: SubscriptionRecord, date: string) => `digest:${s.id}:${date}`

/** The local dates whose digest is due at `now` and not older than the catch-up window (today's, or yesterday's just after midnight). */
export function dueDigestDates(s: SubscriptionRecord, now: Date, catchUpMs: number): { date: string; at: Date }[] {
  const today = localDate(now, s.timezone)
  return [previousDate(today), today]
    .map((date) => ({ date, at: deliveryInstant(date, s.time, s.timezone) }))
    // Not before the subscription existed; its own minute counts (subscribing at 08:00:20 for 08:00 gets today's).
    .filter(({ at }) => at <= now && now.getTime() - at.getTime() <= catchUpMs && at.getTime() >= Math.floor(s.createdAt.getTime() / 60_000) * 60_000)
}

const lang = (s: SubscriptionRecord): DigestLanguage => (s.lang === 'ja' ? 'ja' : 'en')
/** A channel's own topic (issue 18, "<scope>#<id>") is named by its id. */
const topicName = (deps: PlanDeps, id: string, l: DigestLanguage) => deps.topics.find((t) => t.id === id)?.name[l] ?? id.slice(id.lastIndexOf('#') + 1)

/** Digests are planned (composed, rendered, written) this many at a time, and `onPlanned` runs after each slice. */
const PLAN_SLICE = 50

/**
 * The digest dependencies for one planning run: channels with the same topic and the same "since" (every channel
 * new to newsbot, or sent its last digest in the same round) read the same stories, and each story is summarised
 * once per language, so a thousand digests cost little more than a few.
 */
function runScoped(deps: DigestDeps): DigestDeps {
  const lists = new Map<string, Promise<StoryRecord[]>>()
  const stories: Store['stories'] = {
    ...deps.store.stories,
    list(query) {
      const key = JSON.stringify(query)
      let found = lists.get(key)
      if (!found) lists.set(key, (found = deps.store.stories.list(query)))
      return found
    },
  }
  return { ...deps, store: { ...deps.store, stories }, storyCache: new Map() }
}

async function planDigests(deps: PlanDeps, subs: SubscriptionRecord[], now: Date, onPlanned?: () => Promise<void>): Promise<number> {
  deps = { ...deps, digest: { ...runScoped(deps.digest), termsFound: TermsFound.of(subs.map((s) => s.filters)) } }
  const wanted = subs.flatMap((s) => dueDigestDates(s, now, deps.catchUpMs).map(({ date, at }) => ({ s, key: digestKey(s, date), at })))
  const existing = await deps.store.outbox.existingKeys(wanted.map((w) => w.key))
  const todo = wanted.filter((w) => !existing.has(w.key))
  let planned = 0
  // In slices, so that sending (another worker, or the caller) can start while the rest is still being composed.
  for (let i = 0; i < todo.length; i += PLAN_SLICE) {
    planned += await deps.store.outbox.plan(await composeDigests(deps, todo.slice(i, i + PLAN_SLICE), now))
    await onPlanned?.()
  }
  return planned
}

async function composeDigests(deps: PlanDeps, todo: { s: SubscriptionRecord; key: string; at: Date }[], now: Date): Promise<PlannedMessage[]> {
  const messages: PlannedMessage[] = []
  for (const { s, key, at } of todo) {
    const digest = await composeDigest(deps.digest, { channel: s.channelKey, topics: [s.topic], lang: lang(s), now, filters: s.filters })
    const stories = digest.stories.map(({ storyId, outletCount, languages, updateReason }) => ({ storyId, outletCount, languages, updateReason }))
    messages.push({
      key,
      subscriptionId: s.id,
      platform: s.platform,
      channelId: s.channelId,
      kind: 'digest',
      bodies: renderDigestBodies(s.platform, digest, { topics: deps.topics, timeZone: s.timezone }),
      record: { channel: s.channelKey, stories },
      dueAt: at,
    })
  }
  return messages
}

async function planStoryAlerts(deps: PlanDeps, subs: SubscriptionRecord[], now: Date): Promise<number> {
  const byTopic = new Map<string, Promise<StoryRecord[]>>()
  const recent = (topic: string) => {
    if (!byTopic.has(topic)) byTopic.set(topic, deps.store.stories.list({ topics: [topic], since: new Date(now.getTime() - DAY), limit: 200 }))
    return byTopic.get(topic)!
  }
  const wanted: { s: SubscriptionRecord; story: StoryRecord; key: string }[] = []
  const alerting = subs.filter((x) => x.storyAlerts && x.alertsSince)
  const found = TermsFound.of(alerting.map((s) => s.filters))
  for (const s of alerting) {
    const filters = compileFilters(s.filters, found)
    for (const story of await recent(s.topic)) {
      // Only stories still moving since alerts were switched on: turning alerts on must not flood the channel.
      if (story.lastPublishedAt >= s.alertsSince! && filters.judge(story, s.alertMinOutlets).kept) wanted.push({ s, story, key: `story:${s.id}:${story.id}` })
    }
  }
  const existing = await deps.store.outbox.existingKeys(wanted.map((w) => w.key))
  const messages: PlannedMessage[] = []
  for (const { s, story, key } of wanted.filter((w) => !existing.has(w.key))) {
    const l = lang(s)
    const digest = { lang: l, topics: [s.topic], since: now, generatedAt: now, stories: [await digestStory(deps.digest, story, l, false)] }
    const bodies = renderStoryAlert(s.platform, digest, topicName(deps, s.topic, l), { topics: deps.topics, timeZone: s.timezone })
    messages.push({ key, subscriptionId: s.id, platform: s.platform, channelId: s.channelId, kind: 'story-alert', bodies, record: null, dueAt: now })
  }
  return deps.store.outbox.plan(messages)
}

async function planCeasefireAlerts(deps: PlanDeps, subs: SubscriptionRecord[], now: Date): Promise<number> {
  const wanting = subs.filter((s) => s.ceasefireAlerts && s.alertsSince)
  if (wanting.length === 0 || !deps.ceasefire) return 0
  const state = await deps.ceasefire.current(now)
  if (!state) return 0
  const messages = wanting
    .filter((s) => state.since >= s.alertsSince!)
    .map((s): PlannedMessage => ({
      key: `ceasefire:${s.id}:${state.id}`,
      subscriptionId: s.id,
      platform: s.platform,
      channelId: s.channelId,
      kind: 'ceasefire-alert',
      bodies: renderNotice(s.platform, state.text(lang(s)).title, state.text(lang(s)).lines),
      record: null,
      dueAt: now,
    }))
  const existing = await deps.store.outbox.existingKeys(messages.map((m) => m.key))
  return deps.store.outbox.plan(messages.filter((m) => !existing.has(m.key)))
}

/** Plans everything due at `now`; safe to run any number of times (each key is planned once). */
export async function planDue(deps: PlanDeps, now: Date, onPlanned?: () => Promise<void>): Promise<PlanCounts> {
  const subs = (await deps.store.subscriptions.listAll()).filter((s) => !s.pausedAt)
  const counts = {
    digests: await planDigests(deps, subs, now, onPlanned),
    storyAlerts: await planStoryAlerts(deps, subs, now),
    ceasefireAlerts: await planCeasefireAlerts(deps, subs, now),
    feedPauses: await planFeedPauseNotices(deps.store, deps.admin ?? null, now),
  }
  if (counts.digests + counts.storyAlerts + counts.ceasefireAlerts + counts.feedPauses > 0) deps.log.info('delivery planned', { ...counts })
  return counts
}
