// Words for the ceasefire status in each reply language: state names, the summary sentence, why a change is marked
// unconfirmed. Kept apart from the command so that JSON and chat say the same thing.
import type { Development } from '../6-summarise/ceasefire/developments.js'
import { isConfirmed, outletsOf } from '../6-summarise/ceasefire/developments.js'
import type { Step } from '../6-summarise/ceasefire/state-machine.js'
import type { CeasefireState } from '../6-summarise/ceasefire/types.js'
import type { StoryItem } from '../7-store/types.js'
import { digestStrings } from '../i18n/strings.js'
import { CURATED_KIND } from './baseline-timeline.js'

type Lang = 'en' | 'ja'

export const STATE_LABELS: Record<CeasefireState, Record<Lang, string>> = {
  none: { en: 'No ceasefire process on record', ja: '停戦をめぐる動きなし' },
  talks: { en: 'Talks', ja: '交渉中' },
  proposed: { en: 'Ceasefire proposed', ja: '停戦案あり' },
  partial: { en: 'Partial ceasefire', ja: '部分停戦' },
  agreed: { en: 'Ceasefire agreed', ja: '停戦合意' },
  collapsed: { en: 'Ceasefire collapsed', ja: '停戦崩壊' },
}

const STATE_SENTENCES: Record<CeasefireState, Record<Lang, string>> = {
  none: { en: 'No ceasefire talks, proposal or truce on record', ja: '停戦交渉・停戦案・休戦の記録はありません' },
  talks: { en: 'Negotiations are under way, with no ceasefire in force or on the table', ja: '交渉が続いていますが、発効中の停戦も具体的な停戦案もありません' },
  proposed: { en: 'A ceasefire proposal is on the table, accepted by at most one side', ja: '停戦案が示されていますが、双方の受け入れには至っていません' },
  partial: { en: 'A limited, sectoral or temporary ceasefire is in force', ja: '限定的・部分的または一時的な停戦が発効しています' },
  agreed: { en: 'A general ceasefire has been agreed by both sides', ja: '双方が全面的な停戦で合意しています' },
  collapsed: { en: 'The ceasefire that was agreed or declared has broken down or ended', ja: '合意・宣言された停戦は崩壊または終了しています' },
}

export const UNCONFIRMED: Record<Lang, string> = { en: 'unconfirmed', ja: '未確認' }

export function day(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function formatDay(date: Date, lang: Lang): string {
  return digestStrings(lang).formatDate(date, { timeZone: 'UTC' })
}

export function kindLabel(kind: string, lang: Lang): string {
  const strings = digestStrings(lang)
  return kind === CURATED_KIND ? strings.curatedHistory : ((strings.sourceKinds as Record<string, string>)[kind] ?? kind)
}

/** Why a development is not confirmed: one outlet only, or state media only. */
export function unconfirmedReason(items: StoryItem[], lang: Lang): string | null {
  if (isConfirmed(items)) return null
  if (outletsOf(items).length < 2) return lang === 'ja' ? '報じたのは1媒体のみ' : 'reported by one outlet only'
  return lang === 'ja' ? '報じたのは国営メディアのみ' : 'reported by state media only'
}

/** The development's headline in the reader's language when one of its reports is in it. */
export function headlineOf(development: Development, lang: Lang): { title: string; url: string } {
  const lead = development.items.find((i) => i.language === lang) ?? development.items[0]!
  return { title: lead.title, url: lead.url }
}

export function stepTitle(step: Step, lang: Lang): string {
  const { title } = headlineOf(step.development, lang)
  if (step.note === 'expired') return lang === 'ja' ? `期間満了: ${title}` : `Ran its stated length: ${title}`
  if (step.note === 'ended') return lang === 'ja' ? `戦闘再開で停戦終了: ${title}` : `Ended by war: ${title}`
  return title
}

export function summary(lang: Lang, state: CeasefireState, since: Date | null, asOf: Date, cause: Step | null, storiesRead: number): string {
  const sentence = STATE_SENTENCES[state][lang]
  if (!cause || !since) {
    return lang === 'ja'
      ? `${formatDay(asOf, lang)}までの停戦関連ニュース最新${storiesRead}件に、${sentence.replace(/ません$/, 'ませんでした')}。`
      : `${sentence} in the latest ${storiesRead} ceasefire ${storiesRead === 1 ? 'story' : 'stories'} up to ${formatDay(asOf, lang)}.`
  }
  const { title } = headlineOf(cause.development, lang)
  const outlets = outletsOf(cause.development.items).length
  const languages = [...new Set(cause.development.items.map((i) => i.language))].sort()
  const reason = cause.note === 'expired' ? null : unconfirmedReason(cause.development.items, lang)
  const strings = digestStrings(lang)
  if (lang === 'ja') {
    const why = cause.note === 'expired' ? `（${formatDay(cause.development.date, lang)}の休戦が期間満了）` : `（${formatDay(cause.development.date, lang)}「${title}」、${strings.outlets(outlets, languages)}${reason ? `、${UNCONFIRMED.ja}: ${reason}` : ''}）`
    return `${formatDay(since, lang)}以降: ${sentence}${why}。`
  }
  const why =
    cause.note === 'expired'
      ? ` (the truce of ${formatDay(cause.development.date, lang)} ran its stated length)`
      : ` (${formatDay(cause.development.date, lang)}: “${title}”, ${strings.outlets(outlets, languages)}${reason ? `; ${UNCONFIRMED.en}: ${reason}` : ''})`
  return `Since ${formatDay(since, lang)}: ${sentence}${why}.`
}
