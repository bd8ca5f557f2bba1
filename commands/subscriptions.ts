// /subscriptions: this channel's daily digests, with when each next arrives, their alerts and their filters.
import { digestStrings } from '../src/i18n/strings.js'
import { topicName } from './shared.js'
import { describeAlerts, describeSchedule, nextDelivery } from './subscribe.js'
import { describeFilters } from './subscription-filters.js'
import type { CommandDefinition, Lang } from './types.js'

export const subscriptionsCommand: CommandDefinition = {
  name: 'subscriptions',
  description: { en: "List this channel's daily digests", ja: 'このチャンネルの日次ダイジェストの一覧' },
  options: [],
  channelOnly: true,
  async run({ invoker, now }, services) {
    const lang = invoker.locale
    const subscriptions = await services.store.subscriptions.listForChannel(invoker.channelKey)
    const strings = digestStrings(lang)
    return {
      kind: 'entries',
      ephemeral: true,
      title: lang === 'ja' ? 'このチャンネルの配信登録' : "This channel's subscriptions",
      entries: subscriptions.map((s) => {
        const schedule = describeSchedule(s.time, s.timezone, s.lang as Lang, lang)
        const next = strings.formatDateTime(nextDelivery(s.time, s.timezone, now), { timeZone: s.timezone })
        const alerts = describeAlerts(s, lang)
        const filters = describeFilters(s.filters, lang)
        // A paused subscription says why and how to resume instead of promising a next delivery.
        const paused = s.pausedAt
          ? lang === 'ja'
            ? `一時停止中: ${s.pausedReason}（/subscribe で再開）`
            : `Paused: ${s.pausedReason} (run /subscribe again to resume)`
          : null
        return {
          title: topicName(services, s.topic, lang),
          lines: [
            [{ text: lang === 'ja' ? `${schedule}配信` : schedule[0]!.toUpperCase() + schedule.slice(1) }],
            ...(alerts ? [[{ text: alerts }]] : []),
            ...(filters ? [[{ text: filters }]] : []),
            ...(paused ? [[{ text: paused, bold: true }]] : []),
          ],
          footer: paused ? s.topic : `${lang === 'ja' ? '次回' : 'Next'}: ${next} · ${s.topic}`,
          highlight: paused !== null,
        }
      }),
      empty:
        lang === 'ja'
          ? 'このチャンネルには配信登録がありません。管理者は /subscribe で登録できます。'
          : 'This channel has no subscriptions; someone who manages it can add one with /subscribe.',
      pageSize: 10,
    }
  },
}
