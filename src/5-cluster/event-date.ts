// When an event happened, as opposed to when it was reported: the earliest report's day, moved back when a headline
// or lede dates the event on or shortly before its publication ("18 March", "3月18日", "18 марта", "12日",
// "yesterday", "вчера", "вчора", "昨日", "on Tuesday", "во вторник", "у вівторок"). Dates after the publication are
// plans ("to take effect Feb. 15"), never the event's day.
import { datesWithPositions } from './features.js'
import { splitSentences } from '../3-normalise/sentences.js'

const DAY = 86_400_000
/** "Shortly before": a report names the day of what it reports within this many days (a weekend's delay at most). */
export const MAX_LOOKBACK_DAYS = 2

/**
 * The outlet's usual UTC offset by language, only to read "yesterday" and day-only dates in the reader's calendar: a
 * Japanese morning paper at 05:00 JST is still the previous day in UTC, and its 「昨日」 is two days back from its own date.
 */
const LOCAL_OFFSET_HOURS: Record<string, number> = { ja: 9, ru: 3, uk: 2 }

/** Relative days, whole words only (вчера, not позавчера; 昨日, not 一昨日). Longer forms first. */
const RELATIVE_DAYS: [RegExp, number][] = [
  [/(?<![\p{L}])(?:позавчера|позавчора)(?![\p{L}])|一昨日|おととい/iu, -2],
  [/(?<![\p{L}])(?:yesterday|last night|вчера|вчора|минулої ночі|прошлой ночью)(?![\p{L}])|(?<!一)昨日|昨夜/iu, -1],
  [/(?<![\p{L}])(?:today|tonight|сегодня|сьогодні)(?![\p{L}])|今日|本日/iu, 0],
]

/**
 * Weekdays as wire copy dates an event ("said on Tuesday", "в среду", "у четвер"): the latest such day on or before the
 * report's own, Sunday first. Only forms that follow a preposition of time, so "Black Friday" or "Среда обитания"
 * dates nothing.
 */
const WEEKDAY_WORDS: [string, string, string][] = [
  ['sunday', 'в воскресенье', '(?:в|у) неділю'],
  ['monday', 'в понедельник', '(?:в|у) понеділок'],
  ['tuesday', 'во вторник', '(?:в|у) вівторок'],
  ['wednesday', 'в среду', '(?:в|у) середу'],
  ['thursday', 'в четверг', '(?:в|у) четвер'],
  ['friday', 'в пятницу', "(?:в|у) п['’ʼ]?ятницю"],
  ['saturday', 'в субботу', '(?:в|у) суботу'],
]
const WEEKDAYS = WEEKDAY_WORDS.map(([en, ru, uk]) => new RegExp(`(?<![\\p{L}])(?:(?:late |early )?on ${en}|(?:late|early) ${en}|${ru}|${uk})(?![\\p{L}])`, 'iu'))

export interface DatedReport {
  title: string
  text: string
  language: string
  publishedAt: Date
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** The headline and the first two sentences: where a report dates what it reports; later sentences give background. */
export function dateLede(report: Pick<DatedReport, 'text' | 'language'>): string {
  return splitSentences(report.text.slice(0, 1_000), report.language).slice(0, 2).join(' ')
}

/**
 * The day one report puts the event on (YYYY-MM-DD, UTC calendar): the first day it names (its headline first, then
 * its lede), when that day is its own or shortly before it; otherwise the day it was published. The first, not the
 * earliest: "…said on the 21st, a day after Rubio spoke to Lavrov on the 20th" dates what it reports on the 21st.
 */
export function reportEventDay(report: DatedReport, lede = dateLede(report), timeZone?: string): string {
  return reportEventDating(report, lede, timeZone).day
}

/**
 * The day one report puts its event on, and whether it is a same-day report that names its own day as the event's
 * ("on Thursday" in Thursday's copy, 「5日」 in the 5th's, "today"): fresh news of that day, where a later report
 * naming an earlier day is a follow-up.
 */
export function reportEventDating(report: DatedReport, lede = dateLede(report), timeZone?: string): { day: string; namesOwnDay: boolean } {
  const published = report.publishedAt.getTime()
  // Where the event's place is known, its calendar dates the report: 02:05 in Moscow is that day, though 23:05 UTC.
  const placeDay = timeZone ? dayStart(dayIn(timeZone, report.publishedAt)) : null
  const localTime = placeDay !== null ? new Date(placeDay + DAY / 2) : new Date(published + (LOCAL_OFFSET_HOURS[report.language] ?? 0) * 3_600_000)
  // Never after the report's own local day, never more than the look-back before it.
  const latest = dayStart(dayOf(localTime.getTime()))
  const earliest = latest - MAX_LOOKBACK_DAYS * DAY
  const own = placeDay ?? dayStart(dayOf(published))
  for (const part of [report.title, lede]) {
    const mentions = datesWithPositions(part, localTime).found.map(({ date, at }) => ({ at, day: dayStart(date) }))
    for (const [pattern, offset] of RELATIVE_DAYS) {
      const m = pattern.exec(part)
      if (m) mentions.push({ at: m.index, day: latest + offset * DAY })
    }
    const weekday = new Date(latest).getUTCDay()
    WEEKDAYS.forEach((pattern, day) => {
      const m = pattern.exec(part)
      if (m) mentions.push({ at: m.index, day: latest - ((weekday - day + 7) % 7) * DAY })
    })
    const first = mentions.sort((a, b) => a.at - b.at).find((m) => m.day >= earliest && m.day <= latest)
    if (first) return { day: dayOf(Math.min(first.day, own)), namesOwnDay: first.day === latest }
  }
  return { day: dayOf(own), namesOwnDay: false }
}

/** The event's day: the earliest any report puts it on, in the calendar of the place it happened when known. */
export function eventDay(reports: DatedReport[], timeZone?: string): string {
  return reports.map((r) => reportEventDay(r, dateLede(r), timeZone)).reduce((a, b) => (b < a ? b : a))
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()
/** The calendar day (YYYY-MM-DD) of a moment in a time zone. */
function dayIn(timeZone: string, at: Date): string {
  let format = dayFormats.get(timeZone)
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })))
  return format.format(at)
}
