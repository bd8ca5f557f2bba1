// /feeds resume: a manager puts a paused feed (one that failed too often or too long) back into the poll rounds.
// It is read at the next round; failing again pauses it again and tells its channel again, once.
import { storedFeedUrl } from '../src/services/feed-health.js'
import { notice } from './shared.js'
import { UserError, type CommandServices, type Lang, type SubcommandDefinition } from './types.js'

export const resumeSubcommand: SubcommandDefinition = {
  name: 'resume',
  description: { en: 'Poll a paused feed again', ja: '停止したフィードの取得を再開' },
  managerOnly: true,
  options: [{ name: 'url', type: 'string', description: { en: 'Address of the paused feed (see /feeds list)', ja: '停止したフィードの URL（/feeds list で確認）' }, required: true, maxLength: 500 }],
}

export async function resumeFeed(url: string, services: CommandServices, lang: Lang, now: Date) {
  const feed = await services.store.feeds.resume(await storedFeedUrl(services.store, url), now)
  if (!feed) throw new UserError({ en: `Not following ${url}; /feeds list shows the feeds.`, ja: `${url} は登録されていません。/feeds list で一覧を確認できます。` })
  if (!feed.pausedAt) {
    throw new UserError({ en: `"${feed.name}" is not paused; /feeds list shows how it is doing.`, ja: `「${feed.name}」は停止していません。/feeds list で状態を確認できます。` })
  }
  const text =
    lang === 'ja'
      ? `フィード「${feed.name}」の取得を再開しました。1分以内に取得します。再び失敗するとまた停止します。`
      : `Resumed "${feed.name}": it is read within a minute. If it fails again, it is paused again.`
  return notice('ok', text, false)
}
