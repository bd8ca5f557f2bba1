// Paused feeds told to people: each pause of a feed is planned into the outbox once, under a key naming the feed and
// the moment it was paused, for the channel that added it from chat or else the operator's (NEWSBOT_ADMIN_CHANNEL).
// Planning from the stored pause, not at the moment of pausing, means a process that dies in between still tells.
import type { PlannedMessage, Store } from '../../7-store/types.js'
import { feedPausedKey, noticeChannel, pauseNotice, type NoticeChannel } from '../feed-health.js'
import { renderNotice } from './render.js'

/** Outbox rows that belong to no subscription (an operator's notice) carry this id; subscription ids start at 1. */
export const NO_SUBSCRIPTION = 0

/** Plans the notice of every pause not told yet; returns how many were planned. */
export async function planFeedPauseNotices(store: Store, admin: NoticeChannel | null, now: Date): Promise<number> {
  const wanted: PlannedMessage[] = []
  for (const feed of await store.feeds.list()) {
    if (!feed.pausedAt) continue
    const channel = noticeChannel(feed, admin)
    if (!channel) continue // nobody to tell: `newsbot feeds` and /feeds list show the pause
    const { title, lines } = pauseNotice(feed, channel)
    wanted.push({
      key: feedPausedKey({ ...feed, pausedAt: feed.pausedAt }),
      subscriptionId: NO_SUBSCRIPTION,
      platform: channel.platform,
      channelId: channel.channelId,
      kind: 'feed-paused',
      bodies: renderNotice(channel.platform, title, lines),
      record: null,
      dueAt: now,
    })
  }
  const existing = await store.outbox.existingKeys(wanted.map((m) => m.key))
  return store.outbox.plan(wanted.filter((m) => !existing.has(m.key)))
}
