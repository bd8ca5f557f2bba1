// What the ceasefire record holds beside the state, in words and in JSON: the arrangements in force (scope, parties,
// start, stated end, who is bound), where the negotiations stand, the last arrangement that ended and how, and
// whether the newest evidence is old enough that the state may have moved since.
import type { Development } from '../6-summarise/ceasefire/developments.js'
import type { Lexicon } from '../6-summarise/ceasefire/lexicon.js'
import { LAPSE_DAYS, type Arrangement, type EndedHow } from '../6-summarise/ceasefire/state-machine.js'
import type { LimitedScope } from '../6-summarise/ceasefire/types.js'
import type { ReplyLine, Span } from '../../commands/types.js'
import type { CeasefireStatus } from './ceasefire.js'
import { day, formatDay, headlineOf, STATE_LABELS } from './ceasefire-text.js'

type Lang = 'en' | 'ja'
const DAY = 86_400_000
/** Evidence older than this before the as-of moment may no longer tell where things stand. */
export const STALE_DAYS = 21

const SCOPE_LABELS: Record<LimitedScope, Record<Lang, string>> = {
  energy: { en: 'energy infrastructure', ja: 'エネルギー施設' },
  sea: { en: 'Black Sea shipping', ja: '黒海の航行' },
  grain: { en: 'grain exports', ja: '穀物輸出' },
  holiday: { en: 'holiday', ja: '祝日' },
  humanitarian: { en: 'humanitarian corridors', ja: '人道回廊' },
  local: { en: 'local', ja: '局地' },
  temporary: { en: 'temporary', ja: '一時的' },
}

const ENDED_LABELS: Record<EndedHow, Record<Lang, string>> = {
  expired: { en: 'ran its stated length', ja: '期間満了' },
  lapsed: { en: `lapsed (no report of it for ${LAPSE_DAYS} days)`, ja: `失効（${LAPSE_DAYS}日間報道なし）` },
  withdrawn: { en: 'a side withdrew', ja: '一方が離脱' },
  broken: { en: 'broke down', ja: '崩壊' },
  'ended-by-war': { en: 'ended by war', ja: '戦争により終了' },
}

const BOUND_LABELS: Record<'mutual' | 'unilateral', Record<Lang, string>> = {
  mutual: { en: 'both sides bound', ja: '双方が履行' },
  unilateral: { en: 'declared by one side', ja: '一方的' },
}

export interface ArrangementJson {
  general: boolean
  scopes: LimitedScope[]
  parties: string[]
  start: string
  /** The last day its reports give, or its start plus its stated length; null when none is stated. */
  statedEnd: string | null
  bound: 'mutual' | 'unilateral' | null
  title: string
}

export interface RecordJson<Source> {
  inForce: (ArrangementJson & { sources: Source[] })[]
  negotiations: { state: 'talks' | 'proposed'; since: string; latest: string; title: string; sources: Source[] } | null
  lastEnded: (ArrangementJson & { ended: string; how: EndedHow; sources: Source[] }) | null
  newestEvidence: string | null
  /** The newest evidence is more than STALE_DAYS older than the as-of moment. */
  stale: boolean
}

function statedEnd(a: Arrangement): string | null {
  const d = a.development
  if (d.until) return d.until
  return d.days === null ? null : day(new Date(a.from.getTime() + d.days * DAY))
}

function arrangementJson(a: Arrangement, lang: Lang): ArrangementJson {
  return { general: a.general, scopes: a.scopes, parties: a.development.parties ?? [], start: day(a.from), statedEnd: statedEnd(a), bound: a.development.bound ?? null, title: headlineOf(a.development, lang).title }
}

export function recordJson<Source>(status: CeasefireStatus, lang: Lang, sources: (d: Development) => Source[]): RecordJson<Source> {
  const ended = status.lastEnded
  const talks = status.negotiations
  return {
    inForce: status.inForce.map((a) => ({ ...arrangementJson(a, lang), sources: sources(a.development) })),
    negotiations: talks ? { state: talks.state, since: day(talks.since), latest: day(talks.development.date), title: headlineOf(talks.development, lang).title, sources: sources(talks.development) } : null,
    lastEnded: ended ? { ...arrangementJson(ended.arrangement, lang), ended: day(ended.at), how: ended.how, sources: sources(ended.development ?? ended.arrangement.development) } : null,
    newestEvidence: status.newestEvidence ? day(status.newestEvidence) : null,
    stale: isStale(status),
  }
}

export function isStale(status: CeasefireStatus): boolean {
  return status.newestEvidence !== null && status.asOf.getTime() - status.newestEvidence.getTime() > STALE_DAYS * DAY
}

/** "Limited ceasefire (energy infrastructure, temporary)", 「限定停戦（エネルギー施設・一時的）」. */
function arrangementName(a: Pick<Arrangement, 'general' | 'scopes'>, lang: Lang): string {
  if (a.general) return lang === 'ja' ? '全面停戦' : 'General ceasefire'
  const scopes = a.scopes.map((s) => SCOPE_LABELS[s][lang])
  if (lang === 'ja') return scopes.length ? `限定停戦（${scopes.join('・')}）` : '限定停戦'
  return scopes.length ? `Limited ceasefire (${scopes.join(', ')})` : 'Limited ceasefire'
}

/** One line per arrangement in force, where the talks stand and what ended last, each with its sources; then a note when the evidence is old. */
export function recordLines(status: CeasefireStatus, lexicon: Lexicon, lang: Lang, sourceSpans: (d: Development) => Span[]): ReplyLine[] {
  const date = (d: Date) => formatDay(d, lang)
  const parties = (names: string[]) => names.map((n) => lexicon.partyByName.get(n)?.label[lang] ?? n).join(lang === 'ja' ? '・' : ', ')
  const line = (label: Record<Lang, string>, text: string, development: Development | null): ReplyLine => [{ text: label[lang], bold: true }, { text }, ...(development ? [{ text: ' — ' }, ...sourceSpans(development)] : [])]
  const lines: ReplyLine[] = []
  for (const a of status.inForce) {
    const end = statedEnd(a)
    const details = [
      ...(a.development.parties?.length ? [parties(a.development.parties)] : []),
      ...(a.development.bound ? [BOUND_LABELS[a.development.bound][lang]] : []),
      lang === 'ja' ? `${date(a.from)}から` : `since ${date(a.from)}`,
      ...(end ? [lang === 'ja' ? `期限 ${date(new Date(`${end}T00:00:00Z`))}` : `stated end ${date(new Date(`${end}T00:00:00Z`))}`] : []),
    ]
    lines.push(line(LABELS.inForce, `${arrangementName(a, lang)} (${details.join(lang === 'ja' ? '、' : '; ')})`, a.development))
  }
  const talks = status.negotiations
  const ended = status.lastEnded
  if (status.inForce.length === 0 && (talks || ended)) lines.push(line(LABELS.inForce, lang === 'ja' ? 'なし' : 'nothing', null))
  if (talks) {
    const title = headlineOf(talks.development, lang).title
    const text = lang === 'ja' ? `${STATE_LABELS[talks.state].ja}（${date(talks.since)}以降、最新は${date(talks.development.date)}「${title}」）` : `${STATE_LABELS[talks.state].en} since ${date(talks.since)} (latest ${date(talks.development.date)}: “${title}”)`
    lines.push(line(LABELS.negotiations, text, talks.development))
  }
  if (ended) {
    const name = arrangementName(ended.arrangement, lang)
    const text = lang === 'ja' ? `${name}（${date(ended.arrangement.from)}から）は${date(ended.at)}に${ENDED_LABELS[ended.how].ja}` : `${name} of ${date(ended.arrangement.from)}: ${ENDED_LABELS[ended.how].en} on ${date(ended.at)}`
    lines.push(line(LABELS.lastEnded, text, ended.development ?? ended.arrangement.development))
  }
  if (isStale(status)) {
    const newest = status.newestEvidence!
    const days = Math.floor((status.asOf.getTime() - newest.getTime()) / DAY)
    const text = lang === 'ja' ? `記録上の最新の根拠は${date(newest)}（${days}日前）です。その後に状況が変わっている可能性があります。` : `the newest evidence on record is from ${date(newest)}, ${days} days earlier; things may have moved since.`
    lines.push(line(LABELS.stale, text, null))
  }
  return lines
}

const LABELS: Record<'inForce' | 'negotiations' | 'lastEnded' | 'stale', Record<Lang, string>> = {
  inForce: { en: 'In force: ', ja: '発効中: ' },
  negotiations: { en: 'Negotiations: ', ja: '交渉: ' },
  lastEnded: { en: 'Last ended: ', ja: '直近の終了: ' },
  stale: { en: 'Note: ', ja: '注意: ' },
}
