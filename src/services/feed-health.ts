// When a failing feed is paused, and how a pause is told: one rule for the poller, and one wording (en/ja) for the
// notice its channel gets, /feeds list and `newsbot feeds`, so that all of them say the same thing. Backoff alone
// keeps a dead feed cheap; pausing it makes somebody decide whether it is worth following.
import type { DigestLanguage } from '../6-summarise/types.js'
import type { FeedRecord, Store } from '../7-store/types.js'
import { digestStrings } from '../i18n/strings.js'
import { redactSecrets } from '../redact.js'

/** When to pause (NEWSBOT_FEED_PAUSE_AFTER_FAILURES, NEWSBOT_FEED_PAUSE_AFTER_DAYS); 0 turns a measure off. */
export interface PausePolicy {
  failures: number
  days: number
}

/** What paused a feed, stored as its pausedReason and put into words when shown. */
export type PauseRule = 'failures' | 'days'

const DAY = 86_400_000

/** Whether a failure at `at`, the feed's `failures`-th in a row, pauses it, and by which measure. */
export function pauseRule(feed: Pick<FeedRecord, 'lastSuccessAt' | 'createdAt'>, failures: number, at: Date, policy: PausePolicy): PauseRule | null {
  if (policy.failures > 0 && failures >= policy.failures) return 'failures'
  // A feed never read successfully counts from when it was added.
  const since = feed.lastSuccessAt ?? feed.createdAt
  if (policy.days > 0 && at.getTime() - since.getTime() >= policy.days * DAY) return 'days'
  return null
}

/** Where the pause of a feed is told: the chat channel that added it, else the operator's channel. */
export interface NoticeChannel {
  platform: string
  channelId: string
  lang: DigestLanguage
}

export function noticeChannel(feed: FeedRecord, admin: NoticeChannel | null): NoticeChannel | null {
  if (feed.origin === 'chat' && feed.addedByPlatform && feed.addedByChannelId) {
    return { platform: feed.addedByPlatform, channelId: feed.addedByChannelId, lang: feed.addedByLang === 'ja' ? 'ja' : 'en' }
  }
  return admin
}

/** The one key of one pause: resuming and failing again is a new pause, told again; a pause is told once. */
export const feedPausedKey = (feed: FeedRecord & { pausedAt: Date }) => `feed-paused:${feed.id}:${feed.pausedAt.getTime()}`

/** How a channel on `platform` resumes the feed, as its users type it. */
export function resumeCommand(platform: string, url: string): string {
  if (platform === 'slack') return `/newsbot feeds resume ${url}`
  if (platform === 'console') return `newsbot feeds resume ${url}`
  return `/feeds resume url:${url}`
}

/** Why a paused feed is paused, in one line: "paused 3 Dec 2026 after 10 failures in a row (last success 1 Dec 2026)". */
export function pausedWhy(feed: FeedRecord, lang: DigestLanguage): string {
  if (!feed.pausedAt) return ''
  const day = (d: Date) => digestStrings(lang).formatDate(d, { timeZone: 'UTC' })
  const ja = lang === 'ja'
  const lastSuccess = feed.lastSuccessAt ? (ja ? `最終成功 ${day(feed.lastSuccessAt)}` : `last success ${day(feed.lastSuccessAt)}`) : ja ? '一度も取得に成功していません' : 'never read successfully'
  if (feed.pausedReason === 'days') {
    const days = Math.floor((feed.pausedAt.getTime() - (feed.lastSuccessAt ?? feed.createdAt).getTime()) / DAY)
    return ja ? `${day(feed.pausedAt)}に停止: ${days}日間取得に成功していません（${lastSuccess}）` : `paused ${day(feed.pausedAt)}: no successful read for ${days} days (${lastSuccess})`
  }
  return ja
    ? `${day(feed.pausedAt)}に停止: ${feed.consecutiveFailures}回連続で失敗（${lastSuccess}）`
    : `paused ${day(feed.pausedAt)} after ${feed.consecutiveFailures} ${feed.consecutiveFailures === 1 ? 'failure' : 'failures in a row'} (${lastSuccess})`
}

/** The notice a channel gets once per pause: which feed, why, the last error, and how to resume it there. */
export function pauseNotice(feed: FeedRecord, channel: NoticeChannel): { title: string; lines: string[] } {
  // A feed URL or error may carry the operator's credentials; the channel sees neither.
  const url = redactSecrets(feed.url)
  const error = redactSecrets(feed.lastError ?? '').slice(0, 500)
  const resume = resumeCommand(channel.platform, url)
  if (channel.lang === 'ja') {
    return {
      title: `フィードを停止しました: ${feed.name}`,
      lines: [url, `newsbot はこのフィードの取得を止めました: ${pausedWhy(feed, 'ja')}。`, `最後のエラー: ${error}`, `再開するには: ${resume}（次の巡回で取得します。再び失敗するとまた停止します）`],
    }
  }
  return {
    title: `Feed paused: ${feed.name}`,
    lines: [url, `newsbot stopped reading this feed: ${pausedWhy(feed, 'en')}.`, `Last error: ${error}`, `To resume: ${resume} (it is read at the next round; if it fails again, it is paused again)`],
  }
}

/**
 * The stored URL someone means: as given, or as notices and lists show it, credentials masked (when exactly one feed
 * looks like that), so that the resume command a notice prints works when pasted.
 */
export async function storedFeedUrl(store: Store, url: string): Promise<string> {
  if (await store.feeds.findByUrl(url)) return url
  const shownSo = (await store.feeds.list()).filter((f) => redactSecrets(f.url) === url)
  return shownSo.length === 1 ? shownSo[0]!.url : url
}
