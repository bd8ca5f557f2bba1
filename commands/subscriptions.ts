// /subscriptions: this channel's daily digests, with when each next arrives.
import { digestStrings } from '../src/i18n/strings.js'
import { topicName } from './shared.js'
import { describeSchedule, nextDelivery } from './subscribe.js'
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
        return {
          title: topicName(services, s.topic, lang),
          lines: [[{ text: lang === 'ja' ? `${schedule}配信` : schedule[0]!.toUpperCase() + schedule.slice(1) }]],
          footer: `${lang === 'ja' ? '次回' : 'Next'}: ${next} · ${s.topic}`,
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
