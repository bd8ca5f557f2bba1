// The ceasefire reader on the beat set's labelled sentences: each headline or lede sentence read alone (as the
// reader reads an item's headline, or its lead), its reading (none, talks, proposed, partial, agreed, expired,
// collapsed) and scope compared with the label, and who it attributes the claim to compared with the labelled
// speaker where the sentence says something of a ceasefire and its speaker is one of the three main parties.
import { claimantOf, readItem, readSentence } from '../../src/6-summarise/ceasefire/reader.js'
import type { ClauseReading, GovernedObject, ItemReading, Stance } from '../../src/6-summarise/ceasefire/types.js'
import { ceasefireLexicon } from '../../src/services/ceasefire.js'
import { beatSentences, type Half, type LabelledSentence } from './beat.js'

const MAIN_PARTIES = new Set(['Moscow', 'Kyiv', 'Washington'])
/** Scopes that say what a limited arrangement covers; "general" and "temporary" only qualify it. */
const coverage = (scopes: string[]) => scopes.filter((s) => s !== 'general' && s !== 'temporary').sort().join('+')
const SCOPED = new Set(['partial', 'expired', 'collapsed'])

export interface SentenceResult {
  sentences: number
  right: number
  accuracy: number
  readingRight: number
  scopeChecked: number
  scopeRight: number
  speakerChecked: number
  speakerRight: number
  /** Gold reading → read reading → count. */
  confusion: Record<string, Record<string, number>>
  /** Per labelled field (action, object, negated) on sentences that say something of a ceasefire: right, checked, and gold → read counts. */
  fields: Record<FieldName, FieldTally>
}

type FieldName = 'action' | 'object' | 'negated'
interface FieldTally {
  right: number
  checked: number
  confusion: Record<string, number>
}

/** The labels' action names for the reader's stances; an ending's stance is named by what it ended in. */
function actionOf(clause: ClauseReading | undefined): string {
  if (!clause?.stance) return 'none'
  const byStance: Partial<Record<Stance, string>> = { inForce: 'in-force', talks: 'talk', notAgreed: 'agree', notRejected: 'reject', conditional: 'propose', resume: 'collapse', withdraw: 'collapse', war: 'collapse', halt: 'declare' }
  if (clause.stance === 'end') return clause.state === 'collapsed' ? 'collapse' : 'expire'
  return byStance[clause.stance] ?? clause.stance
}

/** The reader's object kinds in the labels' terms: a truce is a ceasefire, a memorandum is talks' output. */
const READ_OBJECT: Record<GovernedObject, string> = { ceasefire: 'ceasefire', earlier: 'ceasefire', deal: 'deal', halt: 'halt', hostilities: 'halt', fire: 'ceasefire', promise: 'halt', talks: 'talks', goal: 'talks', swap: 'prisoner-exchange', other: 'other', relations: 'other' }
const GOLD_OBJECT: Record<string, string> = { truce: 'ceasefire', memorandum: 'talks' }

/** The clause that decides the reading: the first of the sentence's clauses in the state read. */
function decidingClause(s: LabelledSentence, state: string): ClauseReading | undefined {
  const published = new Date(`${s.eventDate || '2025-01-01'}T12:00:00Z`)
  return readSentence(ceasefireLexicon(), s.sentence, s.inTitle, published).find((c) => c.state === state)
}

/** How an item is read: the rule reader, or (eval:intel --llm) the LLM judge's checked reading. */
export type ItemReader = (title: string, text: string, published: Date) => ItemReading
const ruleReader: ItemReader = (title, text, published) => readItem(ceasefireLexicon(), title, text, published)

function judge(s: LabelledSentence, readWith: ItemReader) {
  const published = new Date(`${s.eventDate || '2025-01-01'}T12:00:00Z`)
  const reading = s.inTitle ? readWith(s.sentence, '', published) : readWith('', s.sentence, published)
  const read = reading.state ?? 'none'
  const readingOk = read === s.reading
  const scopeApplies = readingOk && SCOPED.has(s.reading) && coverage(s.scope) !== ''
  const scopeOk = !scopeApplies || coverage(reading.scopes) === coverage(s.scope)
  const speakers = [...new Set(reading.claims.map(claimantOf).filter((p) => p !== null))]
  // Who says it is checked where the sentence says something of a ceasefire and names one of the three main parties.
  const speakerApplies = MAIN_PARTIES.has(s.speaker) && s.reading !== 'none'
  const speakerOk = !speakerApplies || speakers.includes(s.speaker)
  const clause = decidingClause(s, read)
  const fields: Record<FieldName, [string, string]> = {
    action: [s.action, actionOf(clause)],
    object: [GOLD_OBJECT[s.object] ?? s.object, clause?.object ? READ_OBJECT[clause.object] : 'none'],
    negated: [s.negated ? '1' : '0', clause?.negated ? '1' : '0'],
  }
  return { read, readScopes: reading.scopes, speakers, readingOk, scopeApplies, scopeOk, speakerApplies, speakerOk, fields }
}

/** `only` narrows the half, e.g. to the rows added since a method was last tuned (a held-out figure). */
export function evalSentences(half: Half, verbose: boolean, only: (s: LabelledSentence) => boolean = () => true, readWith: ItemReader = ruleReader): { lines: string[]; result: SentenceResult } {
  const sentences = beatSentences(half).filter(only)
  const tally = (): FieldTally => ({ right: 0, checked: 0, confusion: {} })
  const result: SentenceResult = { sentences: sentences.length, right: 0, accuracy: 0, readingRight: 0, scopeChecked: 0, scopeRight: 0, speakerChecked: 0, speakerRight: 0, confusion: {}, fields: { action: tally(), object: tally(), negated: tally() } }
  const lines: string[] = []
  for (const s of sentences) {
    const j = judge(s, readWith)
    const row = (result.confusion[s.reading] ??= {})
    row[j.read] = (row[j.read] ?? 0) + 1
    if (j.readingOk) result.readingRight++
    if (j.scopeApplies) result.scopeChecked++
    if (j.scopeApplies && j.scopeOk) result.scopeRight++
    if (j.speakerApplies) result.speakerChecked++
    if (j.speakerApplies && j.speakerOk) result.speakerRight++
    // The governing verb, its object and its negation are labelled for what the sentence says of a ceasefire.
    if (s.reading !== 'none') {
      for (const [name, [gold, got]] of Object.entries(j.fields) as [FieldName, [string, string]][]) {
        const field = result.fields[name]
        field.checked++
        if (gold === got) field.right++
        else field.confusion[`${gold}→${got}`] = (field.confusion[`${gold}→${got}`] ?? 0) + 1
      }
    }
    const ok = j.readingOk && j.scopeOk
    if (ok) result.right++
    if (verbose && (!ok || !j.speakerOk)) {
      const wanted = `${s.reading}${s.scope.length ? `(${s.scope.join('+')})` : ''}${s.speaker && s.speaker !== 'none' ? ` by ${s.speaker}` : ''}`
      const got = `${j.read}${j.readScopes.length ? `(${j.readScopes.join('+')})` : ''}${j.speakers.length ? ` by ${j.speakers.join('/')}` : ''}`
      lines.push(`  ${s.id} [${s.lang}${s.inTitle ? ', headline' : ''}] wanted ${wanted}, read ${got}: ${s.sentence}`)
    }
  }
  result.accuracy = Math.round((result.right / (sentences.length || 1)) * 1000) / 1000
  const pct = (a: number, b: number) => `${a}/${b} (${b ? Math.round((a / b) * 1000) / 10 : 100} %)`
  lines.push(
    `sentences:${half}: ${pct(result.right, result.sentences)} right (reading and scope); reading ${pct(result.readingRight, result.sentences)}; ` +
      `scope ${pct(result.scopeRight, result.scopeChecked)}; speaker ${pct(result.speakerRight, result.speakerChecked)}`,
  )
  const states = ['none', 'talks', 'proposed', 'partial', 'agreed', 'expired', 'collapsed']
  lines.push(`  gold \\ read  ${states.map((s) => s.slice(0, 8).padStart(9)).join('')}`)
  for (const gold of states) {
    if (!result.confusion[gold]) continue
    lines.push(`  ${gold.padEnd(12)}${states.map((s) => String(result.confusion[gold]![s] ?? 0).padStart(9)).join('')}`)
  }
  for (const [name, field] of Object.entries(result.fields)) {
    const worst = Object.entries(field.confusion).sort((a, b) => b[1] - a[1]).slice(0, 8)
    lines.push(`  ${name.padEnd(8)} ${pct(field.right, field.checked)}${worst.length ? `; gold→read ${worst.map(([k, n]) => `${k} ${n}`).join(', ')}` : ''}`)
  }
  return { lines, result }
}
