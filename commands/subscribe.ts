// /subscribe <topic> [time] [timezone] [lang]: a daily digest of a topic in this channel. Times are 24-hour HH:MM
// ("8:00" is read as 08:00; "8am" is refused rather than guessed at, as 12am/12pm often are), zones are IANA names
// in any case ("asia/tokyo" is stored as Asia/Tokyo). Subscribing again to the same topic changes the time, zone
// and language.
import type { AlertOptions } from '../src/7-store/types.js'
import { digestStrings } from '../src/i18n/strings.js'
import { langOption, resolveTopic, suggestTopics, topicName, topicOption } from './shared.js'
import { UserError, type CommandDefinition, type Lang, type Localised, type OptionDefinition, type Suggestion } from './types.js'

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

/** The canonical IANA name (as Intl spells it) of a zone typed in any case; unknown zones are user errors. */
export function parseTimezone(value: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value.trim() }).resolvedOptions().timeZone
  } catch {
    throw new UserError({
      en: `Option "timezone": "${value}" is not a time zone; use an IANA name such as Asia/Tokyo, Europe/Kyiv or UTC.`,
      ja: `オプション「timezone」: 「${value}」はタイムゾーンではありません。Asia/Tokyo、Europe/Kyiv、UTC のような IANA 名で指定してください。`,
    })
  }
}

let zones: string[] | null = null
const zoneList = () => (zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')])

export function suggestTimezones(typed: string): Suggestion[] {
  const wanted = typed.trim().toLowerCase().replace(/ /g, '_')
  const starts = (z: string) => z.toLowerCase().startsWith(wanted) || z.toLowerCase().split('/').some((part) => part.startsWith(wanted))
  const matching = zoneList().filter((z) => z.toLowerCase().includes(wanted))
  return [...matching.filter(starts), ...matching.filter((z) => !starts(z))].slice(0, 25).map((z) => ({ name: z, value: z }))
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

/** The alert settings asked for, or undefined when none of the options was given (existing settings stay). */
function alertsFrom(options: Record<string, unknown>): AlertOptions | undefined {
  if (options.alerts === undefined && options.min_outlets === undefined && options.ceasefire_alerts === undefined) return undefined
  return {
    stories: options.alerts === true || (options.alerts === undefined && options.min_outlets !== undefined),
    minOutlets: typeof options.min_outlets === 'number' ? options.min_outlets : DEFAULT_MIN_OUTLETS,
    ceasefire: options.ceasefire_alerts === true,
  }
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
  options: [topicOption(true), timeOption, timezoneOption, { ...langOption, description: { en: 'Language of the digest (default: yours)', ja: 'ダイジェストの言語（既定: あなたの表示言語）' } }, ...alertOptions],
  managerOnly: true,
  channelOnly: true,
  async run({ options, invoker, now }, services) {
    const lang = invoker.locale
    const topic = resolveTopic(services, options.topic as string)
    const time = typeof options.time === 'string' ? parseTime(options.time) : DEFAULT_TIME
    const timezone = typeof options.timezone === 'string' ? parseTimezone(options.timezone) : DEFAULT_TIMEZONE
    const digestLang = (options.lang as Lang | undefined) ?? lang
    const { created, subscription } = await services.store.subscriptions.upsert({
      platform: invoker.platform,
      channelKey: invoker.channelKey,
      channelId: invoker.channelId,
      workspaceId: invoker.workspaceId,
      topic,
      time,
      timezone,
      lang: digestLang,
      createdBy: invoker.userId,
      alerts: alertsFrom(options),
    })
    const name = topicName(services, topic, lang)
    const schedule = describeSchedule(time, timezone, digestLang, lang)
    const next = digestStrings(lang).formatDateTime(nextDelivery(time, timezone, now), { timeZone: timezone })
    const text =
      lang === 'ja'
        ? `${created ? '登録しました' : '変更しました'}: このチャンネルに「${name}」のダイジェストを${schedule}配信します。次回: ${next}`
        : `${created ? 'Subscribed' : 'Updated'}: this channel gets the ${name} digest ${schedule}. Next: ${next}.`
    const alerts = describeAlerts(subscription, lang)
    return { kind: 'notice', ephemeral: false, tone: 'ok', lines: [[{ text }], ...(alerts ? [[{ text: alerts }]] : [])] }
  },
  async suggest(option, typed, services, invoker) {
    return option === 'timezone' ? suggestTimezones(typed) : suggestTopics(services, typed, invoker.locale)
  },
}
