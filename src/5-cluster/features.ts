// What an item says, as language-neutral features: named entities and key terms (alias ids), dates and numbers it
// mentions, plus content words for comparing items of the same language. Headline features count double.
import { LEDE_CHARS } from '../3-normalise/normalise-item.js'
import type { EntityExtractor } from './aliases.js'

export type Features = Map<string, number>

const MONTHS: Record<string, number> = {}
const monthNames = [
  ['jan', 'january', 'января', 'січня', 'январь', 'січень'],
  ['feb', 'february', 'февраля', 'лютого', 'февраль', 'лютий'],
  ['mar', 'march', 'марта', 'березня', 'март', 'березень'],
  ['apr', 'april', 'апреля', 'квітня', 'апрель', 'квітень'],
  ['may', 'мая', 'травня', 'май', 'травень'],
  ['jun', 'june', 'июня', 'червня', 'июнь', 'червень'],
  ['jul', 'july', 'июля', 'липня', 'июль', 'липень'],
  ['aug', 'august', 'августа', 'серпня', 'август', 'серпень'],
  ['sep', 'sept', 'september', 'сентября', 'вересня', 'сентябрь', 'вересень'],
  ['oct', 'october', 'октября', 'жовтня', 'октябрь', 'жовтень'],
  ['nov', 'november', 'ноября', 'листопада', 'ноябрь', 'листопад'],
  ['dec', 'december', 'декабря', 'грудня', 'декабрь', 'грудень'],
]
monthNames.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)))
const MONTH_WORD = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')

const DAY_MONTH = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+|-го\\s+)(${MONTH_WORD})\\.?(?![\\p{L}])`, 'giu')
const MONTH_DAY = new RegExp(`(?<![\\p{L}\\p{N}])(${MONTH_WORD})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}])`, 'giu')
const JA_MONTH_DAY = /(\d{1,2})月(\d{1,2})日/g
const JA_DAY = /(?<![月\d])(\d{1,2})日/g

/** A day and month resolved to the date nearest the publication date (news speaks of the recent past and near future). */
function resolveDate(month: number, day: number, published: Date): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  const year = published.getUTCFullYear()
  const candidates = [year - 1, year, year + 1].map((y) => Date.UTC(y, month - 1, day))
  const best = candidates.reduce((a, b) => (Math.abs(b - published.getTime()) < Math.abs(a - published.getTime()) ? b : a))
  return new Date(best).toISOString().slice(0, 10)
}

/** Japanese day-only dates (「26日」) belong to the publication month, or the previous one when still ahead. */
function resolveDayOnly(day: number, published: Date): string | null {
  if (day < 1 || day > 31) return null
  const month = published.getUTCMonth() + 1
  return day > published.getUTCDate() + 7 ? resolveDate(month === 1 ? 12 : month - 1, day, published) : resolveDate(month, day, published)
}

/** Dates a text mentions, each with where it stands, in order; `rest` is the text with them blanked out (same length). */
export function datesWithPositions(text: string, published: Date): { found: { date: string; at: number }[]; rest: string } {
  const found: { date: string; at: number }[] = []
  const blank = (pattern: RegExp, source: string, read: (m: RegExpExecArray) => string | null) =>
    source.replace(pattern, (...args) => {
      const match = args[0] as string
      const at = args[args.length - 2] as number
      const date = read(args.slice(0, -2) as unknown as RegExpExecArray)
      if (date) found.push({ date, at })
      return ' '.repeat(match.length)
    })
  let rest = blank(JA_MONTH_DAY, text, (m) => resolveDate(Number(m[1]), Number(m[2]), published))
  rest = blank(JA_DAY, rest, (m) => resolveDayOnly(Number(m[1]), published))
  rest = blank(DAY_MONTH, rest, (m) => resolveDate(MONTHS[m[2]!.toLowerCase()] ?? 0, Number(m[1]), published))
  rest = blank(MONTH_DAY, rest, (m) => resolveDate(MONTHS[m[1]!.toLowerCase()] ?? 0, Number(m[2]), published))
  return { found: found.sort((a, b) => a.at - b.at), rest }
}

/** Dates a text mentions, in the order it mentions them; `rest` is the text with them blanked out. */
export function mentionedDates(text: string, published: Date): { dates: string[]; rest: string } {
  const { found, rest } = datesWithPositions(text, published)
  return { dates: found.map((f) => f.date), rest }
}

const MULTIPLIER: [RegExp, number][] = [
  [/^\s*(?:万)/u, 1e4],
  [/^\s*(?:億)/u, 1e8],
  [/^\s*(?:thousand|тысяч|тыс\.|тисяч|тис\.)/iu, 1e3],
  [/^\s*(?:million|mln|млн|миллион|мільйон)/iu, 1e6],
  [/^\s*(?:billion|bn|млрд|миллиард|мільярд)/iu, 1e9],
]

/** Numbers that identify an event (36 hours, 1,200 prisoners, 30万人 = 300,000, 21%), not years or single digits. */
export function mentionedNumbers(text: string): string[] {
  const out: string[] = []
  // NFKC: full-width digits (３０万) read as digits. A number may follow Japanese text directly (約30万人), not a
  // Latin or Cyrillic letter (F-16, G7 are names).
  const normalised = text.normalize('NFKC')
  for (const m of normalised.matchAll(/(?<![\p{Script=Latin}\p{Script=Cyrillic}\d.,])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+(?:[.,]\d+)?)(?![\d])/gu)) {
    const raw = m[1]!
    let value = Number(raw.replace(/[,\u00a0\u202f ](?=\d{3})/g, '').replace(',', '.'))
    const after = normalised.slice(m.index! + m[0].length, m.index! + m[0].length + 12)
    const scale = MULTIPLIER.find(([re]) => re.test(after))
    if (scale) value *= scale[1]
    else if (/^\d{4}$/.test(raw) && value >= 1900 && value <= 2100) continue
    if (!Number.isFinite(value) || value < 2) continue
    out.push(String(Math.round(value * 100) / 100))
  }
  return out
}

const STOP: Record<string, Set<string>> = {
  en: new Set('the a an and or of to in on at for with by from as is are was were be been has have had it its this that these those after before over under into about says said say will would could should may might not no new also than but more most what who which when where how all any some up out two three one'.split(' ')),
  ru: new Set('и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между заявил заявила сообщил также'.split(' ')),
  uk: new Set('і й та в у на з із до від не що як це його її їх він вона вони ми ви за по про для при після через але або чи вже ще також має буде було були бути який яка яке які цей ця ці того тому щоб якщо коли де там тут між над під без заявив заявила повідомив'.split(' ')),
}

const wordSegmenters = new Map<string, Intl.Segmenter>()
function segmenter(language: string): Intl.Segmenter {
  let s = wordSegmenters.get(language)
  if (!s) wordSegmenters.set(language, (s = new Intl.Segmenter(language, { granularity: 'word' })))
  return s
}

/** Content words, lightly stemmed: enough to compare two items written in the same language. */
export function contentWords(text: string, language: string): string[] {
  const out: string[] = []
  const stop = STOP[language]
  for (const { segment, isWordLike } of segmenter(language).segment(text)) {
    if (!isWordLike) continue
    const word = segment.toLowerCase()
    if (/^\d/.test(word)) continue
    if (language === 'ja') {
      if (word.length >= 2 && /^[\u30a0-\u30ff\u4e00-\u9fff]+$/.test(word)) out.push(word)
      continue
    }
    if (word.length < 3 || stop?.has(word)) continue
    out.push(stemWord(word, language))
  }
  return out
}

/** A lower-case word's light stem: Russian and Ukrainian inflect the ending, English adds plural and possessive endings. */
export function stemWord(word: string, language: string): string {
  if (language === 'ru' || language === 'uk') return word.slice(0, 6)
  return word.replace(/(?:'s|’s|ies|es|s)$/, (s) => (s === 'ies' ? 'y' : '')).slice(0, 10)
}

export interface FeatureInput {
  title: string
  text: string
  language: string
  publishedAt: Date
}


export function extractFeatures(item: FeatureInput, entities: EntityExtractor): Features {
  const features: Features = new Map()
  const add = (key: string, weight: number) => features.set(key, Math.max(features.get(key) ?? 0, weight))
  const parts: [string, number][] = [
    [item.title, 2],
    [item.text.slice(0, LEDE_CHARS), 1],
  ]
  for (const [part, weight] of parts) {
    if (!part) continue
    const { dates, rest } = mentionedDates(part, item.publishedAt)
    for (const d of dates) add(`d:${d}`, weight)
    for (const n of mentionedNumbers(rest)) add(`n:${n}`, weight)
    for (const id of entities(part).keys()) add(`c:${id}`, weight)
    for (const w of contentWords(part, item.language)) add(`w:${item.language}:${w}`, weight)
  }
  return features
}
