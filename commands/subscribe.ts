// /subscribe <topic> [time] [timezone] [lang]: a daily digest of a topic in this channel. Times are 24-hour HH:MM
// ("8:00" is read as 08:00; "8am" is refused rather than guessed at, as 12am/12pm often are), zones are IANA names
// in any case ("asia/tokyo" is stored as Asia/Tokyo). Subscribing again to the same topic changes only the options
// given (the rest keep their stored values) and says what changed. Filters (subscription-filters.ts) narrow what the
// digest and the alerts carry.
import type { AlertOptions, SubscriptionRecord } from '../src/7-store/types.js'
import { digestStrings } from '../src/i18n/strings.js'
import { langOption, resolveTopic, suggestTopics, topicName, topicOption } from './shared.js'
import { describeFilterChanges, describeFilters, filterOptions, filtersFrom } from './subscription-filters.js'
import { parseTimezone, suggestTimezones } from './time-zones.js'
import { UserError, type CommandDefinition, type Lang, type Localised, type OptionDefinition } from './types.js'

export const DEFAULT_TIME = '08:00'
export const DEFAULT_TIMEZONE = 'UTC'
export const DEFAULT_MIN_OUTLETS = 3

export const LANGUAGE_NAMES: Record<Lang, Localised> = { en: { en: 'English', ja: '英語' }, ja: { en: 'Japanese', ja: '日本語' } }

/** "HH:MM", from 24-hour text; full-width digits (as Japanese input methods type them) are accepted. */
export function parseTime(value: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.normalize('NFKC').trim())
  const [hours, minutes] = [Number(match?.[1]), Number(match?.[2])]
  if (!match || hours > 23 || minutes > 59) {
    throw new UserError({
      en: `Option "time": "${value}" is not a 24-hour time; use HH:MM, e.g. 08:00 or 18:30.`,
      ja: `オプション「time」: 「${value}」は24時間表記の時刻ではありません。08:00 や 18:30 のように HH:MM で指定してください。`,
    })
  }
  return `${String(hours).padStart(2, '0')}:${match[2]}`
}

// Delivery time arithmetic lives with the scheduler, which must agree with what /subscribe promises.
export { nextDelivery } from '../src/services/delivery/local-time.js'
import { nextDelivery } from '../src/services/delivery/local-time.js'

/** "daily at 08:00 (Asia/Tokyo), in English" / "毎日 08:00（Asia/Tokyo）に日本語で". */
export function describeSchedule(time: string, timeZone: string, subscriptionLang: Lang, lang: Lang): string {
  const language = LANGUAGE_NAMES[subscriptionLang][lang]
  return lang === 'ja' ? `毎日 ${time}（${timeZone}）に${language}で` : `daily at ${time} (${timeZone}), in ${language}`
}

const timeOption: OptionDefinition = {
  name: 'time',
  type: 'string',
  description: { en: `Time of day, 24-hour HH:MM (default ${DEFAULT_TIME})`, ja: `配信時刻 HH:MM・24時間表記（既定 ${DEFAULT_TIME}）` },
  maxLength: 10,
}

export const timezoneOption: OptionDefinition = {
  name: 'timezone',
  type: 'string',
  description: { en: `IANA time zone, e.g. Asia/Tokyo (default ${DEFAULT_TIMEZONE})`, ja: `タイムゾーン（例: Asia/Tokyo、既定 ${DEFAULT_TIMEZONE}）` },
  autocomplete: true,
  maxLength: 64,
}

const alertOptions: OptionDefinition[] = [
  {
    name: 'alerts',
    type: 'boolean',
    description: { en: 'Also post breaking stories as they reach enough outlets (default: off)', ja: '十分な数の媒体が報じた速報も投稿する（既定: オフ）' },
  },
  {
    name: 'min_outlets',
    type: 'integer',
    description: { en: `Independent outlets a story needs to alert (default ${DEFAULT_MIN_OUTLETS})`, ja: `速報に必要な独立した媒体の数（既定 ${DEFAULT_MIN_OUTLETS}）` },
    min: 2,
    max: 20,
  },
  {
    name: 'ceasefire_alerts',
    type: 'boolean',
    description: { en: 'Also post each change of the ceasefire state (default: off)', ja: '停戦状況が変わるたびに投稿する（既定: オフ）' },
  },
]

/** The alert settings asked for; those not given stay as stored. A threshold alone switches story alerts on. */
function alertsFrom(options: Record<string, unknown>): Partial<AlertOptions> {
  const given = (value: unknown) => (typeof value === 'boolean' ? value : undefined)
  return {
    stories: given(options.alerts) ?? (options.min_outlets !== undefined ? true : undefined),
    minOutlets: typeof options.min_outlets === 'number' ? options.min_outlets : undefined,
    ceasefire: given(options.ceasefire_alerts),
  }
}

/** What subscribing again changed, in the reader's language: "time 07:30 → 18:00", "story alerts on (3+ outlets)", "resumed". */
function describeChanges(before: SubscriptionRecord, after: SubscriptionRecord, lang: Lang): string[] {
  const ja = lang === 'ja'
  const onOff = (on: boolean) => (ja ? (on ? 'オン' : 'オフ') : on ? 'on' : 'off')
  const language = (l: string) => LANGUAGE_NAMES[l as Lang]?.[lang] ?? l
  const changes: string[] = []
  if (before.time !== after.time) changes.push(`${ja ? '時刻' : 'time'} ${before.time} → ${after.time}`)
  if (before.timezone !== after.timezone) changes.push(`${ja ? 'タイムゾーン' : 'time zone'} ${before.timezone} → ${after.timezone}`)
  if (before.lang !== after.lang) changes.push(`${ja ? '言語' : 'language'} ${language(before.lang)} → ${language(after.lang)}`)
  if (before.storyAlerts !== after.storyAlerts) {
    const threshold = after.storyAlerts ? (ja ? `（${after.alertMinOutlets}媒体以上）` : ` (${after.alertMinOutlets}+ outlets)`) : ''
    changes.push(`${ja ? '速報' : 'story alerts'} ${onOff(after.storyAlerts)}${threshold}`)
  } else if (before.alertMinOutlets !== after.alertMinOutlets) {
    changes.push(ja ? `速報に必要な媒体数 ${before.alertMinOutlets} → ${after.alertMinOutlets}` : `alert threshold ${before.alertMinOutlets} → ${after.alertMinOutlets} outlets`)
  }
  if (before.ceasefireAlerts !== after.ceasefireAlerts) changes.push(`${ja ? '停戦状況の速報' : 'ceasefire alerts'} ${onOff(after.ceasefireAlerts)}`)
  changes.push(...describeFilterChanges(before.filters, after.filters, lang))
  if (before.pausedAt) changes.push(ja ? '配信を再開' : 'resumed')
  return changes
}

function subscribedText(previous: SubscriptionRecord | null, s: SubscriptionRecord, name: string, next: string, lang: Lang): string {
  const schedule = describeSchedule(s.time, s.timezone, s.lang as Lang, lang)
  const changes = previous ? describeChanges(previous, s, lang) : []
  if (lang === 'ja') {
    if (previous && changes.length === 0) return `変更はありません: このチャンネルには「${name}」のダイジェストを${schedule}配信しています。次回: ${next}`
    return `${previous ? `変更しました（${changes.join('、')}）` : '登録しました'}: このチャンネルに「${name}」のダイジェストを${schedule}配信します。次回: ${next}`
  }
  if (previous && changes.length === 0) return `Unchanged: this channel already gets the ${name} digest ${schedule}. Next: ${next}.`
  return `${previous ? `Updated (${changes.join(', ')})` : 'Subscribed'}: this channel gets the ${name} digest ${schedule}. Next: ${next}.`
}

/** "alerts: stories with 3+ outlets, ceasefire changes" or null when alerts are off. */
export function describeAlerts(s: { storyAlerts: boolean; alertMinOutlets: number; ceasefireAlerts: boolean }, lang: Lang): string | null {
  const parts =
    lang === 'ja'
      ? [s.storyAlerts ? `${s.alertMinOutlets}媒体以上の速報` : null, s.ceasefireAlerts ? '停戦状況の変化' : null]
      : [s.storyAlerts ? `stories with ${s.alertMinOutlets}+ outlets` : null, s.ceasefireAlerts ? 'ceasefire changes' : null]
  const on = parts.filter(Boolean)
  if (on.length === 0) return null
  return lang === 'ja' ? `速報: ${on.join('、')}` : `Alerts: ${on.join(', ')}`
}

export const subscribeCommand: CommandDefinition = {
  name: 'subscribe',
  description: { en: 'Get a daily digest of a topic in this channel', ja: 'このチャンネルでトピックの日次ダイジェストを受け取る' },
  options: [
    topicOption(true),
    timeOption,
    timezoneOption,
    { ...langOption, description: { en: 'Language of the digest (default: yours)', ja: 'ダイジェストの言語（既定: あなたの表示言語）' } },
    ...alertOptions,
    ...filterOptions,
  ],
  managerOnly: true,
  channelOnly: true,
  async run({ options, invoker, now }, services) {
    const lang = invoker.locale
    const topic = await resolveTopic(services, options.topic as string, invoker)
    const { previous, subscription } = await services.store.subscriptions.upsert({
      platform: invoker.platform,
      channelKey: invoker.channelKey,
      channelId: invoker.channelId,
      workspaceId: invoker.workspaceId,
      topic,
      createdBy: invoker.userId,
      changes: {
        time: typeof options.time === 'string' ? parseTime(options.time) : undefined,
        timezone: typeof options.timezone === 'string' ? parseTimezone(options.timezone) : undefined,
        lang: options.lang as Lang | undefined,
        alerts: alertsFrom(options),
        filters: filtersFrom(options),
      },
      defaults: { time: DEFAULT_TIME, timezone: DEFAULT_TIMEZONE, lang },
    })
    const next = digestStrings(lang).formatDateTime(nextDelivery(subscription.time, subscription.timezone, now), { timeZone: subscription.timezone })
    const text = subscribedText(previous, subscription, topicName(services, topic, lang), next, lang)
    const more = [describeAlerts(subscription, lang), describeFilters(subscription.filters, lang)].filter((line) => line !== null)
    return { kind: 'notice', ephemeral: false, tone: 'ok', lines: [[{ text }], ...more.map((line) => [{ text: line }])] }
  },
  async suggest(option, typed, services, invoker) {
    return option === 'timezone' ? suggestTimezones(typed) : suggestTopics(services, typed, invoker)
  },
}
