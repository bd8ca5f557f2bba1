// /ceasefire-status [as-of]: where the ceasefire stands (none, talks, proposed, partial, agreed, collapsed) and since
// when, each side's latest claim with who reported it, and the dated developments behind it, every source with its
// kind. `newsbot run ceasefire-status --json` prints the documented shape (see CeasefireJson).
import type { Claim } from '../src/6-summarise/ceasefire/developments.js'
import type { Step } from '../src/6-summarise/ceasefire/state-machine.js'
import type { CeasefireState } from '../src/6-summarise/ceasefire/types.js'
import type { StoryItem } from '../src/7-store/types.js'
import { CEASEFIRE_TOPIC, CLAIM_MAX_AGE_DAYS, ceasefireLexicon, ceasefireStatus, type CeasefireStatus } from '../src/services/ceasefire.js'
import { day, formatDay, headlineOf, kindLabel, STATE_LABELS, stepTitle, summary, UNCONFIRMED, unconfirmedReason } from '../src/services/ceasefire-text.js'
import { basisOf, isCuratedStoryId } from '../src/services/baseline-ceasefire.js'
import { recordJson, recordLines, type RecordJson } from '../src/services/ceasefire-record.js'
import { CURATED_KIND, type Basis } from '../src/services/baseline-timeline.js'
import { digestStrings } from '../src/i18n/strings.js'
import { langOption, parseDateOption, replyLang } from './shared.js'
import { UserError, type CommandDefinition, type Lang, type ReplyEntry, type ReplyLine, type Span } from './types.js'

/** Which evidence the state rests on, said under the summary. */
const RESTS_ON: Record<Basis, Record<Lang, string>> = {
  baseline: { en: 'Rests on: the curated chronology shipped with newsbot (no live report of it yet).', ja: '根拠: 同梱の編集済み年表（ライブ報道はまだありません）。' },
  feeds: { en: 'Rests on: live reports from the feeds.', ja: '根拠: フィードのライブ報道。' },
  both: { en: 'Rests on: the curated chronology and live reports from the feeds.', ja: '根拠: 同梱の編集済み年表とフィードのライブ報道。' },
}

/** Said on the development the current state rests on, so that its highlight is explained on every platform. */
const CAUSE_LABEL: Record<Lang, string> = { en: 'the current state rests on this', ja: '現在の状態の根拠' }

/** Developments listed (newest first); the state uses every one the evidence holds. */
const LISTED = 50

interface SourceJson {
  name: string
  url: string
  language: string
  kind: string
}

/** What `--json` prints: the state and its record (what is in force, where talks stand, what ended last). */
export interface CeasefireJson extends RecordJson<SourceJson> {
  state: CeasefireState
  since: string
  asOf: string
  summary: string
  claims: { party: string; claim: string; date: string; sources: SourceJson[] }[]
  /** What the current state rests on: the cause's backing (null when nothing is on record). */
  basis: Basis | null
  /** "baseline": a curated chronology row; "feeds": live stories; "both": a curated event live stories reported too. */
  developments: { date: string; title: string; state: CeasefireState; sources: SourceJson[]; basis: Basis }[]
}

function asOfOption(value: unknown, now: Date): Date {
  if (typeof value !== 'string') return now
  if (parseDateOption('as-of', value) > now) {
    throw new UserError({ en: 'Option "as-of" is in the future; give today or an earlier date.', ja: 'オプション「as-of」が未来の日付です。今日以前の日付を指定してください。' })
  }
  // A date means the end of that day, or now when that day is today.
  const end = parseDateOption('as-of', value, true)
  return end > now ? now : end
}

const sourceJson = (i: StoryItem): SourceJson => ({ name: i.source, url: i.url, language: i.language, kind: i.sourceKind })

/** Every report once per outlet and URL, originals before near-copies. */
function sourcesOf(items: StoryItem[]): StoryItem[] {
  const seen = new Set<string>()
  return [...items].sort((a, b) => Number(Boolean(a.duplicateOf)) - Number(Boolean(b.duplicateOf))).filter((i) => !seen.has(i.url) && Boolean(seen.add(i.url)))
}

/** Steps worth listing: a war headline only when it ended a ceasefire. */
function listedSteps(status: CeasefireStatus): Step[] {
  return status.steps.filter((s) => s.development.kind !== 'war' || s.note === 'ended').reverse().slice(0, LISTED)
}

/** The report a claim is quoted from: one in the reader's language where a source wrote in it, headlines next. */
function quotedReport(claim: Claim, lang: Lang): Claim['reports'][number] {
  const score = (r: Claim['reports'][number]) => Number(r.item.language === lang) * 2 + Number(r.inTitle)
  return claim.reports.reduce((a, r) => (score(r) > score(a) ? r : a))
}

export function ceasefireJson(status: CeasefireStatus, lang: Lang): CeasefireJson {
  return {
    state: status.state,
    since: day(status.since ?? status.asOf),
    asOf: day(status.asOf),
    summary: summary(lang, status.state, status.since, status.asOf, status.cause, status.storiesRead),
    claims: status.claims.map((c) => ({ party: c.party, claim: quotedReport(c, lang).sentence, date: day(c.date), sources: claimSources(c, lang).map(sourceJson) })),
    basis: status.cause ? basisOf(status.cause.development) : null,
    developments: listedSteps(status).map((s) => ({ date: day(s.at), title: stepTitle(s, lang), state: s.state, sources: sourcesOf(s.development.items).map(sourceJson), basis: basisOf(s.development) })),
    ...recordJson(status, lang, (d) => sourcesOf(d.items).map(sourceJson)),
  }
}

/** "Wire A (wire service) · ru-vesti (state media)": every source linked, its kind beside it, state media in bold. */
function sourceSpans(items: StoryItem[], lang: Lang): Span[] {
  return sourcesOf(items).flatMap((item, i) => [
    ...(i > 0 ? [{ text: ' · ' }] : []),
    { text: item.sourceKind === CURATED_KIND ? digestStrings(lang).curatedChronology : item.source, url: item.url },
    { text: ` (${kindLabel(item.sourceKind, lang)})`, bold: item.sourceKind === 'state-media' },
  ])
}

/** Sources named on a line of the intro in chat (the quoted report's first); the developments and JSON list them all. */
const INTRO_SOURCES = 3

function claimSources(claim: Claim, lang: Lang, limit = Infinity): StoryItem[] {
  const quoted = quotedReport(claim, lang).item
  return [quoted, ...sourcesOf(claim.reports.map((r) => r.item)).filter((i) => i.url !== quoted.url)].slice(0, limit)
}

function claimLines(status: CeasefireStatus, lang: Lang): ReplyLine[] {
  const lexicon = ceasefireLexicon()
  const says = (party: string) => {
    const label = lexicon.partyByName.get(party)?.label[lang] ?? party
    return lang === 'ja' ? `${label}の主張: ` : `${label} says: `
  }
  const shown = new Set(status.claims.map((c) => c.party))
  const silent = ['Moscow', 'Kyiv', 'Washington'].filter((p) => !shown.has(p))
  const lines: ReplyLine[] = status.claims.map((c) => [
    { text: says(c.party), bold: true },
    { text: lang === 'ja' ? `「${quotedReport(c, lang).sentence}」` : `“${quotedReport(c, lang).sentence}”` },
    { text: lang === 'ja' ? ` — ${formatDay(c.date, lang)}、報道: ` : ` — ${formatDay(c.date, lang)}, reported by ` },
    ...sourceSpans(claimSources(c, lang, INTRO_SOURCES), lang),
  ])
  for (const party of silent) lines.push([{ text: says(party), bold: true }, { text: lang === 'ja' ? `（直近${CLAIM_MAX_AGE_DAYS}日間の記録なし）` : `(nothing on record in the last ${CLAIM_MAX_AGE_DAYS} days)` }])
  return lines
}

function stepEntry(step: Step, status: CeasefireStatus, lang: Lang): ReplyEntry {
  const state = step.state
  const reason = step.note === 'expired' ? null : unconfirmedReason(step.development.items, lang)
  const outlets = new Set(step.development.items.filter((i) => !i.duplicateOf && i.sourceKind !== CURATED_KIND).map((i) => i.source)).size
  const curated = step.development.items.find((i) => i.sourceKind === CURATED_KIND)
  const live = basisOf(step.development) !== 'baseline'
  return {
    title: stepTitle(step, lang),
    url: headlineOf(step.development, lang).url,
    lines: [[{ text: STATE_LABELS[state][lang], bold: true }, ...(reason ? [{ text: ` — ${UNCONFIRMED[lang]}: ${reason}`, bold: true }] : [])], sourceSpans(step.development.items, lang)],
    footer: [
      formatDay(step.at, lang),
      ...(curated ? [lang === 'ja' ? `編集済みの年表 ${curated.id * -1}行目` : `curated history, row ${-curated.id}`] : []),
      ...(live ? [lang === 'ja' ? `${outlets}媒体` : `${outlets} ${outlets === 1 ? 'outlet' : 'outlets'}`] : []),
      ...(isCuratedStoryId(step.development.storyId) ? [] : [`#${step.development.storyId}`]),
      ...(step === status.cause ? [CAUSE_LABEL[lang]] : []),
    ].join(' · '),
    highlight: step === status.cause,
  }
}

export const ceasefireStatusCommand: CommandDefinition = {
  name: 'ceasefire-status',
  description: { en: 'Where the ceasefire stands, since when, and who says so', ja: '停戦の現状・その時期・各当事者の主張' },
  options: [
    {
      name: 'as-of',
      type: 'string',
      description: { en: 'The state on this day, YYYY-MM-DD (default: now)', ja: 'この日時点の状況 YYYY-MM-DD（既定: 現在）' },
      maxLength: 40,
    },
    langOption,
  ],
  async run({ options, invoker, now }, services) {
    const lang = replyLang(options, invoker)
    if (!services.config.topics.some((t) => t.id === CEASEFIRE_TOPIC)) {
      throw new UserError({ en: `This newsbot does not follow a "${CEASEFIRE_TOPIC}" topic (see /topics).`, ja: `このボットは「${CEASEFIRE_TOPIC}」トピックを追っていません（/topics を参照）。` })
    }
    const status = await ceasefireStatus(services.store, asOfOption(options['as-of'], now), services.baseline, services.ceasefireJudge)
    const data = ceasefireJson(status, lang)
    const reason = status.cause && status.cause.note !== 'expired' ? unconfirmedReason(status.cause.development.items, lang) : null
    const head = lang === 'ja' ? `${STATE_LABELS[status.state].ja}（${formatDay(status.since ?? status.asOf, lang)}以降）` : `${STATE_LABELS[status.state].en} since ${formatDay(status.since ?? status.asOf, lang)}`
    return {
      kind: 'entries',
      ephemeral: false,
      title: lang === 'ja' ? `停戦の状況（${formatDay(status.asOf, lang)}時点）` : `Ceasefire status as of ${formatDay(status.asOf, lang)}`,
      intro: [[{ text: head, bold: true }, ...(reason ? [{ text: lang === 'ja' ? ` — ${UNCONFIRMED.ja}（${reason}）` : ` — ${UNCONFIRMED.en} (${reason})`, bold: true }] : [])], [{ text: data.summary }], ...(data.basis ? [[{ text: RESTS_ON[data.basis][lang] }]] : []), ...recordLines(status, ceasefireLexicon(), lang, (d) => sourceSpans(sourcesOf(d.items).slice(0, INTRO_SOURCES), lang)), ...claimLines(status, lang)],
      entries: listedSteps(status).map((s) => stepEntry(s, status, lang)),
      empty: lang === 'ja' ? '停戦に関する動きは見つかりませんでした。' : 'No ceasefire developments found.',
      pageSize: 8,
      data,
    }
  },
}
