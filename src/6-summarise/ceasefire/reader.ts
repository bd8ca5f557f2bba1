// Reads what an item says about a ceasefire: clause by clause, each action cue (agree, propose, reject, collapse …)
// is tied to its nearest object (a ceasefire, a scoped deal, talks), checked for negation, modality and scope, and
// attributed to whoever says or does it. The item's state is the weightiest its clauses support; every attributed
// clause is a claim. Pure: the lexicon is the only input besides the text.
import { tokenise, type CueMatch } from './cue-matcher.js'
import { speakerPrefix } from '../../3-normalise/sentences.js'
import { clauseRanges, sentences, type Range } from '../../3-normalise/clauses.js'
import type { Cue, DurationUnit, Lexicon, ObjectKind, Party, ScopeCue } from './lexicon.js'
import { readDays } from './durations.js'
import type { CeasefireState, ClauseReading, CueFamily, ItemReading, LimitedScope, Stance } from './types.js'

type Reading = Exclude<CeasefireState, 'none'>
const CJK = /[\u3040-\u30ff\u3400-\u9fff]/
/** A negation this close before a verb or its object negates it ("did not agree", "no ceasefire was agreed"). */
const NEGATION_REACH = 14
/** How much of an item's text is read: the lead carries the news; later paragraphs tell background. */
export const LEAD_CHARS = 700

/** Which state wins when an item's clauses disagree: a breakdown or a limited deal is the more specific news. */
export const STATE_WEIGHT: Record<Reading, number> = { collapsed: 5, partial: 4, agreed: 3, proposed: 2, talks: 1 }

interface Context {
  speaker: Party | null
  agents: Party[]
  /** The last ceasefire named in the sentence, for "Kyiv dismisses it". */
  object: { scopes: LimitedScope[]; days: number | null } | null
  /** Limited scopes named anywhere in the sentence ("grain … deal signed"). */
  sentenceScopes: LimitedScope[]
  inTitle: boolean
  sentence: string
}

interface Candidate {
  rank: number
  state: Reading | null
  stance: Stance
  war?: boolean
  scopes: LimitedScope[]
  days: number | null
  at: number
}

const isCue = (kind: Cue['kind']) => (m: CueMatch<Cue>) => m.key.kind === kind
const limitedOf = (scopes: CueMatch<ScopeCue>[]) => [...new Set(scopes.map((s) => s.key).filter((s): s is LimitedScope => s !== 'general'))]

export function readItem(lexicon: Lexicon, title: string, text: string, published?: Date): ItemReading {
  const readings: ClauseReading[] = []
  readings.push(...readSentence(lexicon, title, true))
  for (const s of sentences(text.slice(0, LEAD_CHARS))) {
    // Background about an earlier year ("the 2023 grain deal collapsed") is not today's news.
    if (published && mentionsEarlierYear(s, published)) continue
    readings.push(...readSentence(lexicon, s, false))
  }
  const decisive = readings.filter((r) => r.state !== null)
  const best = decisive.reduce<ClauseReading | null>((a, r) => (!a || STATE_WEIGHT[r.state!] > STATE_WEIGHT[a.state!] ? r : a), null)
  const same = best ? decisive.filter((r) => r.state === best.state) : []
  const days = same.map((r) => r.days).filter((d): d is number => d !== null)
  return {
    state: best?.state ?? null,
    war: readings.some((r) => r.war),
    scopes: [...new Set(same.flatMap((r) => r.scopes))],
    days: days.length ? Math.max(...days) : null,
    claims: readings.filter((r) => r.party !== null && r.stance !== null),
  }
}

function mentionsEarlierYear(sentence: string, published: Date): boolean {
  const year = published.getUTCFullYear()
  return [...sentence.matchAll(/(?<!\d)(?:19|20)\d\d(?!\d)/g)].some((m) => Number(m[0]) < year && Number(m[0]) >= 1990)
}

/** Every cue of a sentence, found once; clauses take their share by position. */
interface Scan {
  text: string
  tokens: ReturnType<typeof tokenise>
  cues: CueMatch<Cue>[]
  scopes: CueMatch<ScopeCue>[]
  parties: CueMatch<Party>[]
  units: CueMatch<DurationUnit>[]
}

const inside = <T extends Range>(list: T[], r: Range) => list.filter((m) => m.start >= r.start && m.end <= r.end)
const isClauseCue = (c: CueMatch<Cue>) => c.key.kind === 'object' || c.key.kind === 'action'
const isSpeech = (c: CueMatch<Cue>) => c.key.kind === 'speech' || c.key.kind === 'speechThenSpeaker'

export function readSentence(lexicon: Lexicon, sentence: string, inTitle: boolean): ClauseReading[] {
  const prefix = speakerPrefix(sentence)
  const prefixParty = prefix ? (lexicon.parties.find(prefix.prefix)[0]?.key ?? null) : null
  const text = prefix && prefixParty ? prefix.body : sentence
  const tokens = tokenise(text)
  const scan: Scan = { text, tokens, cues: [], scopes: [], parties: [], units: [] }
  for (const m of lexicon.all.find(text, tokens)) {
    const { group, key } = m.key
    if (group === 'cue') scan.cues.push({ ...m, key })
    else if (group === 'scope') scan.scopes.push({ ...m, key })
    else if (group === 'party') scan.parties.push({ ...m, key })
    else scan.units.push({ ...m, key })
  }
  if (!scan.cues.some(isClauseCue)) return []
  const parts = mergeCueless(scan, clauseRanges(text))
  // "…, Kremlin says": a trailing clause that only attributes makes its party the speaker of the whole sentence.
  let speaker = prefixParty
  for (const part of parts) {
    const cues = inside(scan.cues, part)
    if (cues.length > 0 && cues.every(isSpeech)) speaker ??= inside(scan.parties, part)[0]?.key ?? null
  }
  const context: Context = { speaker, agents: [], object: null, sentenceScopes: limitedOf(scan.scopes), inTitle, sentence }
  return parts.map((part) => readClause(lexicon, scan, part, context)).filter((r): r is ClauseReading => r !== null)
}

/** A clause with no cue at all ("Russia" in "Russia, Ukraine agree …") belongs to the next one. */
function mergeCueless(scan: Scan, parts: Range[]): Range[] {
  const out: Range[] = []
  let pending: Range | null = null
  for (const part of parts) {
    const range: Range = pending ? { start: pending.start, end: part.end } : part
    if (inside(scan.cues, part).some(isClauseCue)) {
      out.push(range)
      pending = null
    } else pending = range
  }
  if (pending) out.push(pending)
  return out
}

function readClause(lexicon: Lexicon, scan: Scan, range: Range, context: Context): ClauseReading | null {
  const cues = inside(scan.cues, range)
  if (cues.some(isCue('exclude'))) return null
  const text = scan.text
  const ja = CJK.test(text.slice(range.start, range.end))
  const scopeCues = inside(scan.scopes, range)
  const parties = inside(scan.parties, range)
  const days = readDays(lexicon, text, inside(scan.tokens, range), inside(scan.units, range))
  const explicitGeneral = scopeCues.some((s) => s.key === 'general')
  let scopes = limitedOf(scopeCues)
  if (scopes.length === 0 && !explicitGeneral) scopes = context.sentenceScopes
  if (days !== null && days < lexicon.limitedUnderDays) scopes = [...new Set([...scopes, 'temporary' as const])]

  const speech = cues.filter((c) => c.key.kind === 'speech' || c.key.kind === 'speechThenSpeaker')
  const speakerMatch = speech.length ? nearestParty(parties, speech[0]!, speech[0]!.key.kind === 'speechThenSpeaker' && !ja) : null
  const objects = cues.filter((c): c is CueMatch<Cue & { kind: 'object' }> => c.key.kind === 'object' && (c.key.object === 'ceasefire' || c.key.object === 'talks' || scopes.some((s) => s !== 'temporary')))
  const actions = cues.filter((c): c is CueMatch<Cue & { kind: 'action' }> => c.key.kind === 'action' && c.key.family !== 'hypothetical')
  const negations = cues.filter(isCue('negation'))
  const hypothetical = cues.some((c) => c.key.kind === 'action' && c.key.family === 'hypothetical')
  const mutual = cues.some(isCue('mutual'))
  const unilateral = cues.some(isCue('unilateral'))
  const ceasefireHere = objects.some((o) => o.key.object !== 'talks')
  const agentsAll = agentsOf(text, parties.filter((p) => p !== speakerMatch), objects, ja)

  const negated = (action: CueMatch<Cue>, object: CueMatch<Cue> | null) => {
    if (ja) return lexicon.jaNegatedSuffix.test(text.slice(action.end, action.end + 10))
    return negations.some((n) => (n.end <= action.start && action.start - n.end <= NEGATION_REACH) || (object !== null && n.end <= object.start && object.start - n.end <= NEGATION_REACH && object.start < action.start))
  }

  const candidates: Candidate[] = []
  for (const action of actions) {
    const family = action.key.family
    const agents = agentsBefore(agentsAll, action).length ? agentsBefore(agentsAll, action) : agentsAll.length ? agentsAll.map((p) => p.key) : context.agents
    const object = nearestObject(objects, action, ja)
    const kind: ObjectKind | 'earlier' | null = object ? object.key.object : context.object && ANAPHORIC.has(family) ? 'earlier' : null
    const not = negated(action, object)
    const objectScopes = kind === 'earlier' ? context.object!.scopes : scopes
    const objectDays = kind === 'earlier' ? context.object!.days : days
    const candidate = decide(family, kind, not, { hypothetical, mutual, unilateral, agents, scopes: objectScopes, inTitle: context.inTitle })
    if (!candidate) continue
    // What ends is the arrangement itself: "two days after" or a stated length says nothing about which one.
    const kept = candidate.state === 'collapsed' ? objectScopes.filter((s) => s !== 'temporary') : candidate.state === null || candidate.state === 'talks' ? [] : objectScopes
    candidates.push({ ...candidate, scopes: kept, days: candidate.state === 'collapsed' ? null : objectDays, at: action.start })
  }
  if (candidates.length === 0 && objects.some((o) => o.key.object === 'talks')) {
    const talks = objects.find((o) => o.key.object === 'talks')!
    if (!negations.some((n) => n.end <= talks.start && talks.start - n.end <= NEGATION_REACH)) candidates.push({ rank: 1, state: 'talks', stance: 'talks', scopes: [], days: null, at: talks.start })
  }

  // The actor is named before the verb ("Putin orders …"); a name after it is an object or a place ("… urged the UN").
  const firstAction = actions[0]?.start ?? range.end
  const acting = ja ? agentsAll : agentsAll.filter((p) => p.end <= firstAction)
  const agentHere = acting[0]?.key ?? null
  if (agentHere) context.agents = acting.map((p) => p.key)
  if (ceasefireHere) context.object = { scopes, days }
  const best = candidates.sort((a, b) => b.rank - a.rank || a.at - b.at)[0]
  if (!best) return null
  return {
    state: best.state,
    war: best.war ?? false,
    stance: best.stance,
    scopes: best.scopes,
    days: best.days,
    party: (speakerMatch?.key ?? context.speaker ?? agentHere ?? context.agents[0] ?? agentsAll[0]?.key ?? null)?.name ?? null,
    sentence: context.sentence,
    inTitle: context.inTitle,
  }
}

interface Circumstances {
  hypothetical: boolean
  mutual: boolean
  unilateral: boolean
  agents: Party[]
  scopes: LimitedScope[]
  inTitle: boolean
}

/**
 * One action on one object. Ranks settle several actions in a clause: a breakdown outranks a rejection, which
 * outranks a proposal ("rejected a full ceasefire and offered a pause" is a proposal on the table), which outranks
 * an agreement verb ("agrees to the U.S. proposal" is one side accepting).
 */
function decide(family: CueFamily, object: ObjectKind | 'earlier' | null, negated: boolean, c: Circumstances): Omit<Candidate, 'scopes' | 'days' | 'at'> | null {
  const talks = object === 'talks'
  const ceasefire = object !== null && !talks
  switch (family) {
    case 'war':
      return c.inTitle && !negated ? { rank: 8, state: null, stance: 'war', war: true } : null
    case 'collapse':
      if (talks) return negated ? null : { rank: 2, state: 'talks', stance: 'collapse' }
      if (!ceasefire) return null
      return negated ? { rank: 1, state: null, stance: 'inForce' } : { rank: 9, state: 'collapsed', stance: 'collapse' }
    case 'violate':
      // Accusations are claims: both sides accuse each other from a truce's first hour while it formally holds.
      return ceasefire || object === null ? { rank: 0, state: null, stance: negated ? 'inForce' : 'violate' } : null
    case 'reject':
      if (talks) return negated ? { rank: 2, state: 'talks', stance: 'notRejected' } : { rank: 1, state: null, stance: 'reject' }
      if (!ceasefire) return null
      return { rank: 6, state: 'proposed', stance: negated ? 'notRejected' : 'reject' }
    case 'disagree':
      return { rank: 3, state: 'talks', stance: 'disagree' }
    case 'propose':
    case 'ready':
      if (negated || object === null) return null
      return talks ? { rank: 2, state: 'talks', stance: family } : { rank: 5, state: 'proposed', stance: family }
    case 'agree':
    case 'accept':
    case 'declare':
    case 'inForce': {
      if (talks) return negated ? null : { rank: 2, state: 'talks', stance: family }
      if (!ceasefire) return null
      if (negated) return { rank: 3, state: 'talks', stance: 'notAgreed' }
      if (c.hypothetical) return { rank: 3, state: 'talks', stance: 'hypothetical' }
      if (c.scopes.length > 0) return { rank: 4, state: 'partial', stance: family }
      const sides = new Set(c.agents.map((p) => p.side).filter((s) => s === 'moscow' || s === 'kyiv'))
      const both = sides.size === 2 || c.mutual
      if (family === 'accept') return { rank: 4, state: both ? 'agreed' : 'proposed', stance: family }
      // A general ceasefire one belligerent orders on its own is a unilateral, temporary truce.
      const oneSided = c.unilateral || (!both && sides.size === 1 && family === 'declare')
      return oneSided ? { rank: 4, state: 'partial', stance: family } : { rank: 4, state: 'agreed', stance: family }
    }
    case 'hypothetical':
      return null
  }
}

/** Verbs that may refer back to a ceasefire named earlier in the sentence ("Kyiv dismisses it", "…で合意"). */
const ANAPHORIC = new Set<CueFamily>(['agree', 'accept', 'reject', 'collapse', 'violate'])

/**
 * Who acts in a clause. In Japanese the subject carries は or が ("ウクライナは拒否"); with none marked, the sentence's
 * earlier subject still acts. Elsewhere a name right before the ceasefire it qualifies ("Ukraine ceasefire deal")
 * is not an actor.
 */
function agentsOf(clause: string, parties: CueMatch<Party>[], objects: CueMatch<Cue>[], ja: boolean): CueMatch<Party>[] {
  if (ja) {
    const marked = parties.filter((p) => /^[^、。「」]{0,6}?[はが]/u.test(clause.slice(p.end, p.end + 8)))
    return marked.length ? marked : parties
  }
  return parties.filter((p) => !objects.some((o) => o.start >= p.end && o.start - p.end <= 3))
}

function agentsBefore(parties: CueMatch<Party>[], action: CueMatch<Cue>): Party[] {
  return parties.filter((p) => p.end <= action.start).map((p) => p.key)
}

/** Speakers stand before verbs of saying ("Kremlin says"), except after "according to" and the like. */
function nearestParty(parties: CueMatch<Party>[], cue: CueMatch<Cue>, after: boolean): CueMatch<Party> | null {
  let best: CueMatch<Party> | null = null
  let bestDistance = Infinity
  for (const p of parties) {
    const following = p.end > cue.start
    // "said Kremlin spokesman Dmitry Peskov": a speaker after the verb stands right after it.
    if (following && !after && p.start - cue.end > 30) continue
    const distance = following ? (p.start - cue.end) * (after ? 1 : 2) : (cue.start - p.end) * (after ? 2 : 1)
    if (distance < bestDistance) [best, bestDistance] = [p, distance]
  }
  return best
}

/** Objects follow their verb in English, Russian and Ukrainian and precede it in Japanese; the other side counts too, at a cost ("ceasefire deal reached"). */
function nearestObject(objects: CueMatch<Cue>[], action: CueMatch<Cue>, ja: boolean): CueMatch<Cue & { kind: 'object' }> | null {
  let best: CueMatch<Cue & { kind: 'object' }> | null = null
  let bestDistance = Infinity
  for (const o of objects as CueMatch<Cue & { kind: 'object' }>[]) {
    // "agreements dead": a cue that shares words with its object is about that object.
    const overlapping = o.start < action.end && action.start < o.end
    const following = o.start >= action.end
    const gap = overlapping ? 0 : following ? o.start - action.end : action.start - o.end
    const distance = gap * (following === !ja ? 1 : 1.5)
    if (distance < bestDistance) [best, bestDistance] = [o, distance]
  }
  return best
}
