// Reads what an item says about a ceasefire: clause by clause, each action cue (agree, propose, reject, collapse …)
// is tied to its nearest object (a ceasefire, a scoped deal, talks), checked for negation, modality and scope, and
// attributed to whoever says or does it. The item's state is the weightiest its clauses support; every attributed
// clause is a claim. Pure: the lexicon is the only input besides the text.
import { tokenise, type CueMatch } from './cue-matcher.js'
import { speakerPrefix } from '../../3-normalise/sentences.js'
import { clauseRanges, sentences, type Range } from '../../3-normalise/clauses.js'
import type { Cue, DurationUnit, Lexicon, ObjectKind, Party, ScopeCue } from './lexicon.js'
import { datesWithPositions } from '../../5-cluster/features.js'
import { readDays } from './durations.js'
import { ACCUSED, asTimeFrame, COMPLEMENT, COUNTED, DEADLINE, directives, framed, mentionsEarlierYear, NEGATED_AFTER, PAST_MARK, warAsDate } from './marks.js'
import type { ClauseReading, CueFamily, GovernedObject, ItemReading, LimitedScope, Reading, Stance } from './types.js'

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/
/** A negation this close before a verb or its object negates it ("did not agree", "no ceasefire was agreed"). */
const NEGATION_REACH = 14
/** How much of an item's text is read: the lead carries the news; later paragraphs tell background. */
export const LEAD_CHARS = 700

/** Which reading wins when an item's clauses disagree: an ending or a limited deal is the more specific news. */
export const STATE_WEIGHT: Record<Reading, number> = { collapsed: 6, expired: 5, partial: 4, agreed: 3, proposed: 2, talks: 1 }

interface Context {
  speaker: Party | null
  agents: Party[]
  /** The last ceasefire named in the sentence, for "Kyiv dismisses it". */
  object: { scopes: LimitedScope[]; days: number | null } | null
  /** Limited scopes named anywhere in the sentence ("grain … deal signed"). */
  sentenceScopes: LimitedScope[]
  /**
   * A condition in a clause of its own binds the sentence's ceasefire ("will cease fire …, as soon as Kyiv withdraws");
   * one in a clause that names its own truce binds only that one ("agreed to halt energy strikes, but set conditions
   * for a full ceasefire").
   */
  conditional: boolean
  /** A truce the sentence names anywhere: what "resumed strikes" ends, even when named after it ("after a brief pause"). */
  truceNamed: boolean
  /** An invasion or offensive in the sentence: what it ends is broken, not run out ("Invasion ends Donbas ceasefires"). */
  war: boolean
  /** Strikes carried out or resumed in the sentence: a truce they end was broken ("the pause ended: Russia again strikes"). */
  strikes: boolean
  /** A truce said to have run its stated length: fighting that resumes after it breaks nothing. */
  expiryStated: boolean
  /** Contacts said to be about bilateral ties, with nothing in the sentence about the war, are no negotiation on it. */
  relationsOnly: boolean
  /** When the item was published: what "until 1 February" is read against. */
  published: Date | null
  inTitle: boolean
  sentence: string
}

interface Candidate {
  rank: number
  state: Reading | null
  stance: Stance
  object: GovernedObject | null
  negated: boolean
  war?: boolean
  bound?: 'mutual' | 'unilateral'
  scopes: LimitedScope[]
  days: number | null
  at: number
  /** An ending that dates the clause's news ("as the pause ended, Zelensky repeated his offer"), not news itself. */
  frame?: boolean
}

const namesTruce = (c: CueMatch<Cue>) => c.key.kind === 'object' && TRUCE_OBJECTS.has(c.key.object)
const isWar = (c: CueMatch<Cue>) => c.key.kind === 'action' && c.key.family === 'war'
const isCue = (kind: Cue['kind']) => (m: CueMatch<Cue>) => m.key.kind === kind
/** Limited scopes named; the grain deal's "Black Sea" is its route, not a second arrangement. */
function limitedOf(scopes: CueMatch<ScopeCue>[]): LimitedScope[] {
  const named = new Set(scopes.map((s) => s.key).filter((s): s is LimitedScope => s !== 'general'))
  if (named.has('grain')) named.delete('sea')
  return [...named]
}

const NOTHING: ItemReading = { state: null, stance: null, war: false, scopes: [], days: null, until: null, bound: null, claims: [] }

export function readItem(lexicon: Lexicon, title: string, text: string, published?: Date): ItemReading {
  const read = itemSentences(lexicon, title, text, published)
  if (!read) return NOTHING
  return combineClauses(read.flatMap(({ sentence, inTitle }) => readSentence(lexicon, sentence, inTitle, published)))
}

/** The sentences an item's reading rests on (headline, then the lead's), or null for a report of another conflict's truce. */
export function itemSentences(lexicon: Lexicon, title: string, text: string, published?: Date): { sentence: string; inTitle: boolean }[] | null {
  // A report about another war's truce (Gaza, Israel and Iran, a trade truce) says nothing of this one, in any sentence.
  const lead = sentences(leadOf(text))
  if (aboutOtherConflict(lexicon, title || lead[0] || '')) return null
  const read = title ? [{ sentence: title, inTitle: true }] : []
  // Background about an earlier year ("the 2023 grain deal collapsed") is not today's news.
  for (const s of lead) if (!(published && mentionsEarlierYear(s, published))) read.push({ sentence: s, inTitle: false })
  return read
}

/** An item's reading from its clauses: the weightiest state wins, and every attributed clause is a claim. */
export function combineClauses(readings: ClauseReading[]): ItemReading {
  const decisive = readings.filter((r) => r.state !== null)
  const best = decisive.reduce<ClauseReading | null>((a, r) => (!a || STATE_WEIGHT[r.state!] > STATE_WEIGHT[a.state!] ? r : a), null)
  const same = best ? decisive.filter((r) => r.state === best.state) : []
  const days = same.map((r) => r.days).filter((d): d is number => d !== null)
  const until = same.map((r) => r.until).filter((d): d is string => d !== null)
  return {
    state: best?.state ?? null,
    stance: best?.stance ?? null,
    war: readings.some((r) => r.war),
    scopes: [...new Set(same.flatMap((r) => r.scopes))],
    days: days.length ? Math.max(...days) : null,
    until: until.length ? until.reduce((a, b) => (b > a ? b : a)) : null,
    bound: same.find((r) => r.bound !== null)?.bound ?? null,
    claims: readings.filter((r) => (r.speaker ?? r.agent) !== null && r.stance !== null),
  }
}

/** The first LEAD_CHARS of a text, run on to the end of the sentence they stop in: a claim quotes whole sentences. */
function leadOf(text: string): string {
  if (text.length <= LEAD_CHARS) return text
  const end = /[.!?。！？](?=\s|$)/u.exec(text.slice(LEAD_CHARS, LEAD_CHARS + LEAD_RUN_ON))
  return text.slice(0, end ? LEAD_CHARS + end.index + 1 : LEAD_CHARS)
}
/** How far past LEAD_CHARS a sentence may run before the lead is cut anyway. */
const LEAD_RUN_ON = 400

/**
 * The last day a clause gives an arrangement, read against the publication date: "until 1 February", "through May
 * 10", "to the end of 12 April", «до 1 февраля», «до кінця 12 квітня», 「2月1日まで」「12日いっぱい」.
 */
const UNTIL_BEFORE = /(?:^|[^\p{L}])(?:until|till|through|to the end of|до конца|до кінця|до|по)\s+$/iu
const UNTIL_AFTER = /^\s*(?:まで|いっぱい|までの)/u

function statedEnd(clause: string, published: Date): string | null {
  for (const { date, at } of datesWithPositions(clause, published).found) {
    const before = clause.slice(Math.max(0, at - 16), at)
    const after = clause.slice(at).replace(/^[^\s、。まい]*日/u, '')
    if (UNTIL_BEFORE.test(before) || UNTIL_AFTER.test(after)) return date
  }
  return null
}

/** Acts that are a party's own word even when no verb of saying reports them: it proposed, rejected, accepted, declared. */
const SPEECH_ACTS = new Set<Stance>(['propose', 'ready', 'reject', 'accept', 'declare', 'conditional'])

/** Whose claim a clause is, as far as its words say: the speaker, or the party doing a speech act. */
export function claimantOf(clause: ClauseReading): string | null {
  return clause.speaker ?? (clause.stance !== null && SPEECH_ACTS.has(clause.stance) ? clause.agent : null)
}

function aboutOtherConflict(lexicon: Lexicon, sentence: string): boolean {
  return lexicon.cues.find(sentence).some((m) => m.key.kind === 'exclude')
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

export function readSentence(lexicon: Lexicon, sentence: string, inTitle: boolean, published?: Date): ClauseReading[] {
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
  const ranges = clauseRanges(text)
  const parts = mergeCueless(scan, ranges)
  const speaker = prefixParty ?? sentenceSpeaker(scan, ranges)
  const objectNamed = (kinds: ObjectKind[]) => scan.cues.some((c) => c.key.kind === 'object' && kinds.includes(c.key.object))
  const context: Context = {
    speaker,
    agents: [],
    object: null,
    sentenceScopes: limitedOf(scan.scopes),
    inTitle,
    sentence,
    conditional: parts.some((r) => inside(scan.cues, r).some(isCue('condition')) && !inside(scan.cues, r).some(namesTruce)),
    truceNamed: objectNamed(['ceasefire', 'halt']),
    war: scan.cues.some(isWar),
    strikes: scan.cues.some((c) => c.key.kind === 'strike' || (c.key.kind === 'action' && c.key.family === 'resume')),
    expiryStated: scan.cues.some((c) => c.key.kind === 'action' && c.key.family === 'expire'),
    relationsOnly: objectNamed(['relations']) && !objectNamed(['ceasefire', 'halt', 'deal', 'goal', 'swap', 'hostilities']) && !scan.parties.some((p) => p.key.side === 'kyiv') && !scan.cues.some(isWar),
    published: published ?? null,
  }
  const read = parts.map((part) => readClause(lexicon, scan, part, context)).filter((r) => r !== null)
  // An ending that only dates another clause's news (an offer repeated as a pause ends) gives way to that news; beside
  // another ending ("quits the deal as it expires") it is part of the news.
  const news = read.some((r) => !r.frame && r.reading.state !== null && r.reading.state !== 'collapsed' && r.reading.state !== 'expired')
  return read.filter((r) => !(r.frame && news)).map((r) => r.reading)
}

/**
 * Who the sentence says is speaking, when one clause of it only attributes ("…, Kremlin says", "как сообщил Песков,
 * …", "Речник Кремля Пєсков заявив, що …"), or, in Japanese, the party the sentence opens with as its topic when it
 * ends in a verb of saying (「ペスコフ報道官は18日、…と述べました」).
 */
function sentenceSpeaker(scan: Scan, ranges: Range[]): Party | null {
  const speech = scan.cues.filter(isSpeech)
  if (speech.length === 0) return null
  if (CJK.test(scan.text)) return scan.parties.find((p) => p.start < 30 && /^[^、。「」]{0,8}?[はが]/u.test(scan.text.slice(p.end, p.end + 10)))?.key ?? null
  for (const range of ranges) {
    const cues = inside(scan.cues, range)
    const party = inside(scan.parties, range)[0]
    if (party && cues.length > 0 && cues.every(isSpeech)) return party.key
  }
  // "…ran its course at midnight, with Peskov saying …": whoever a verb of saying has for its subject.
  for (const cue of speech) {
    const range = ranges.find((r) => cue.start >= r.start && cue.end <= r.end)
    // The subject may stand clauses before its verb: "Ushakov, after talks with Witkoff, said …".
    const party = (range ? subjectOf(inside(scan.parties, range), cue, cue.key.kind === 'speechThenSpeaker') : null) ?? scan.parties.find((p) => p.end <= cue.start)
    if (party) return party.key
  }
  return null
}

/**
 * A clause with no cue at all ("Russia" in "Russia, Ukraine agree …") belongs to the next one; so does a clause whose
 * verb has no object when the next names one with no verb of its own ("Russia demanded a pullout | as the price of a
 * truce"), or the other way round (Japanese puts the object first: 「前線で戦闘停止を　…呼びかけ」).
 */
function mergeCueless(scan: Scan, parts: Range[]): Range[] {
  const has = (r: Range, kind: 'object' | 'action') => inside(scan.cues, r).some((c) => c.key.kind === kind)
  const out: Range[] = []
  let pending: Range | null = null
  for (const part of parts) {
    const range: Range = pending ? { start: pending.start, end: part.end } : part
    if (inside(scan.cues, part).some(isClauseCue)) {
      const last = out.at(-1)
      const verbOnly = (r: Range) => has(r, 'action') && !has(r, 'object')
      const objectOnly = (r: Range) => has(r, 'object') && !has(r, 'action')
      // A Japanese object marked with を at the end of its clause belongs to the verb of the next.
      const continued = (r: Range) => /を\s*$/u.test(scan.text.slice(r.start, r.end))
      // «настаивали на том, | чтобы … было достигнуто прекращение огня»: a clause of "that" is what the verb before it says.
      const complement = COMPLEMENT.test(scan.text.slice(part.start, part.end))
      if (last && (((verbOnly(last) && objectOnly(part)) || (verbOnly(last) && complement)) || (objectOnly(last) && (verbOnly(part) || continued(last))))) out[out.length - 1] = { start: last.start, end: range.end }
      else out.push(range)
      pending = null
    } else pending = range
  }
  if (pending) out.push(pending)
  return out
}

function readClause(lexicon: Lexicon, scan: Scan, range: Range, context: Context): { reading: ClauseReading; frame: boolean } | null {
  const text = scan.text
  const ja = CJK.test(text.slice(range.start, range.end))
  const { cues, halts } = withHalts(inside(scan.cues, range).map((c) => (ja ? agreementNoun(text, c) : c)), ja, text)
  if (cues.some(isCue('exclude'))) return null
  const scopeCues = inside(scan.scopes, range)
  const parties = inside(scan.parties, range)
  const days = readDays(lexicon, text, inside(scan.tokens, range), inside(scan.units, range))
  const explicitGeneral = scopeCues.some((s) => s.key === 'general')
  let scopes = limitedOf(scopeCues)
  if (scopes.length === 0 && !explicitGeneral) scopes = context.sentenceScopes
  const statedUntil = context.published ? statedEnd(text.slice(range.start, range.end), context.published) : null
  // A stated length under two weeks, or a stated last day ("spared strikes until February 1"), limits it in time.
  if ((days !== null && days < lexicon.limitedUnderDays) || statedUntil !== null) scopes = [...new Set([...scopes, 'temporary' as const])]

  const speech = cues.filter((c) => c.key.kind === 'speech' || c.key.kind === 'speechThenSpeaker')
  const speakerMatch = speech.length && !ja ? subjectOf(parties, speech[0]!, speech[0]!.key.kind === 'speechThenSpeaker') : null
  // A deal or a halt is a truce only with a limited scope ("grain deal", "halt energy strikes"); a swap, an aid package
  // or an embassy is what a verb may govern instead of a ceasefire ("agreed to swap 1,000 prisoners").
  // A halt of strikes stated as such ("stop strikes", «без ударов», 「攻撃を停止」, a verb of stopping with what it
  // stops) is limited by nature, a short pause when no scope is named; a bare "halt" or "pause" needs a scope.
  const statedHalt = (c: CueMatch<Cue>) => c.key.kind === 'object' && c.key.object === 'halt' && (halts.has(c) || HALT_PHRASE.test(text.slice(c.start, c.end)))
  if (scopes.length === 0 && !explicitGeneral && cues.some(statedHalt)) scopes = ['temporary']
  const objects = cues.filter(
    (c): c is CueMatch<Cue & { kind: 'object' }> =>
      c.key.kind === 'object' &&
      (!SCOPED_OBJECTS.has(c.key.object) || scopes.some((s) => s !== 'temporary') || (statedHalt(c) && scopes.length > 0)) &&
      // "the Ukrainian delegation sought …": a delegation named as a party is who acts, not what is talked about.
      !(c.key.object === 'talks' && parties.some((p) => p.start <= c.start && c.end <= p.end)),
  )
  const verbs = [...cues.filter((c): c is CueMatch<Cue & { kind: 'action' }> => c.key.kind === 'action' && c.key.family !== 'hypothetical' && !warAsDate(text, c) && !compoundTail(text, c)), ...directives(text, cues)].sort(
    (a, b) => a.start - b.start,
  )
  const actions = verbs.filter((v) => !acceptedProposal(text, v, verbs, ja))
  const negations = cues.filter(isCue('negation'))
  const hypothetical = cues.some((c) => c.key.kind === 'action' && c.key.family === 'hypothetical')
  const mutual = cues.some(isCue('mutual'))
  const unilateral = cues.some(isCue('unilateral'))
  const conditional = context.conditional || cues.some(isCue('condition'))
  const ceasefireHere = objects.some((o) => TRUCE_OBJECTS.has(o.key.object))
  const agentsAll = agentsOf(text, parties.filter((p) => p !== speakerMatch), objects, ja)

  const negated = (action: CueMatch<Cue>, object: CueMatch<Cue> | null) => {
    if (ja) return lexicon.jaNegatedSuffix.test(text.slice(action.end, action.end + 10))
    // "did not agree", "no ceasefire was agreed", "ended without a truce": before the verb, or right before its object.
    const before = negations.some((n) => (n.end <= action.start && action.start - n.end <= NEGATION_REACH) || (object !== null && n.end <= object.start && object.start - n.end <= NEGATION_REACH))
    return before || NEGATED_AFTER.test(text.slice(action.end, action.end + 16))
  }

  const candidates: Candidate[] = []
  for (const action of actions) {
    // "traded accusations of breaking it", "broke the truce 3,000 times": breaches alleged or counted are violations
    // claimed, the truce still in force.
    const alleged = ACCUSED.test(text.slice(Math.max(0, action.start - 40), action.start)) || COUNTED.test(text.slice(action.end, action.end + 40))
    const family = action.key.family === 'collapse' && alleged ? 'violate' : action.key.family
    const agents = agentsBefore(agentsAll, action).length ? agentsBefore(agentsAll, action) : agentsAll.length ? agentsAll.map((p) => p.key) : context.agents
    // "broke its promise", 「約束違反」: a broken pledge is what breaking governs, wherever the clause names it.
    const promise = BREAKINGS.has(family) ? objects.find((o) => o.key.object === 'promise') : undefined
    // "insisted on a ceasefire before further talks", "ready to send troops after a ceasefire": what dates a proposal is
    // not what it proposes.
    const pool = family === 'propose' || family === 'ready' ? objects.filter((o) => !framed(text, o)) : objects
    const object = promise ?? nearestObject(pool, action, ja, text)
    // "The ultimatum expires on Friday": a deadline runs out, not the truce it demands.
    if (ENDINGS.has(family) && !object && DEADLINE.test(text.slice(range.start, range.end))) continue
    const earlier = context.object ?? (ENDINGS.has(family) && context.truceNamed ? { scopes, days: null } : null)
    const kind: ObjectKind | 'earlier' | null = object ? object.key.object : earlier && ANAPHORIC.has(family) ? 'earlier' : null
    const not = negated(action, object)
    const objectScopes = kind === 'earlier' ? earlier!.scopes : scopes
    const objectDays = kind === 'earlier' ? earlier!.days : days
    // An order governs the resumption only with no truce of its own in between: "ordered the offensive resumed", not
    // "the truce Putin declared … ended, and fighting resumed" (nor 「宣言した停戦は…終了し、戦闘が再開」).
    const ordered = actions.some((a) => {
      if (a.key.family !== 'declare') return false
      const [from, to] = ja ? [action.end, a.start] : [a.end, action.start]
      return from <= to && !objects.some((o) => TRUCE_OBJECTS.has(o.key.object) && o.start >= from && o.end <= to)
    })
    const candidate = decide(family, kind, not, { hypothetical, conditional, mutual, unilateral, agents, scopes: objectScopes, inTitle: context.inTitle, war: context.war, strikes: context.strikes, expiryStated: context.expiryStated, truceNamed: context.truceNamed, ordered })
    if (!candidate) continue
    // What ends is the arrangement itself: "two days after" or a stated length says nothing about which one.
    const ending = candidate.state === 'collapsed' || candidate.state === 'expired'
    const kept = ending ? objectScopes.filter((s) => s !== 'temporary') : candidate.state === null || candidate.state === 'talks' ? [] : objectScopes
    candidates.push({ ...candidate, object: kind, negated: not, scopes: kept, days: ending ? null : objectDays, at: action.start, frame: ending && asTimeFrame(text, range, action) })
  }
  const unnegated = (o: CueMatch<Cue>) => !negations.some((n) => n.end <= o.start && o.start - n.end <= NEGATION_REACH)
  const truce = objects.find((o) => TRUCE_OBJECTS.has(o.key.object) && unnegated(o))
  // "Putin set a condition for a full ceasefire", "will cease fire as soon as Kyiv withdraws": a truce on terms.
  if (conditional && truce && !candidates.some((c) => c.rank >= 5)) candidates.push({ rank: 5, state: 'proposed', stance: 'conditional', object: truce.key.object, negated: false, scopes: [], days: null, at: range.start })
  // "…could yet prove a first step toward a ceasefire": a truce spoken of as possible is a matter for talks, unless
  // it is demanded on pain of something ("threatens tariffs if Moscow stands in the way of a ceasefire").
  else if (candidates.length === 0 && hypothetical && truce) {
    const demand = actions.find((a) => a.key.family === 'propose')
    const common = { object: truce.key.object, negated: false, scopes: [], days: null }
    candidates.push(demand ? { ...common, rank: 5, state: 'proposed', stance: 'propose', at: demand.start } : { ...common, rank: 3, state: 'talks', stance: 'hypothetical', at: range.start })
  }
  // A limited truce stated without a verb of its own ("Россия воздержится от ударов по Киеву до 1 февраля"), unless it
  // is named as past ("after a short pause, Russia struck …") or as what a meeting is about ("met on a Black Sea truce").
  else if (
    candidates.length === 0 &&
    truce &&
    scopes.some((s) => s !== 'temporary') &&
    !objects.some((o) => o.key.object === 'talks') &&
    !PAST_MARK.test(text.slice(Math.max(range.start, truce.start - 24), truce.start))
  )
    candidates.push({ rank: 1, state: 'partial', stance: 'inForce', object: truce.key.object, negated: false, scopes, days, at: truce.start })
  // What is to follow a ceasefire (troops, guarantees) is planned in talks about one.
  const framedTruce = objects.find((o) => TRUCE_OBJECTS.has(o.key.object) && framed(text, o))
  if (candidates.length === 0 && framedTruce) candidates.push({ rank: 1, state: 'talks', stance: 'talks', object: framedTruce.key.object, negated: false, scopes: [], days: null, at: range.start })
  if (candidates.length === 0 && objects.some((o) => o.key.object === 'talks')) {
    const talks = objects.find((o) => o.key.object === 'talks')!
    if (!negations.some((n) => n.end <= talks.start && talks.start - n.end <= NEGATION_REACH)) candidates.push({ rank: 1, state: 'talks', stance: 'talks', object: 'talks', negated: false, scopes: [], days: null, at: talks.start })
  }

  // The actor is named before the verb ("Putin orders …"); a name after it is an object or a place ("… urged the UN").
  const firstAction = actions[0]?.start ?? range.end
  const acting = ja ? agentsAll : agentsAll.filter((p) => p.end <= firstAction)
  const agentHere = acting[0]?.key ?? null
  if (agentHere) context.agents = acting.map((p) => p.key)
  if (ceasefireHere) context.object = { scopes, days }
  const best = candidates.sort((a, b) => b.rank - a.rank || a.at - b.at)[0]
  if (!best || (best.state === 'talks' && context.relationsOnly)) return null
  const lasting = best.state === 'partial' || best.state === 'agreed'
  const reading: ClauseReading = {
    state: best.state,
    war: best.war ?? false,
    stance: best.stance,
    object: best.object,
    negated: best.negated,
    scopes: best.scopes,
    days: best.days,
    until: lasting ? statedUntil : null,
    bound: best.bound ?? (unilateral ? 'unilateral' : mutual ? 'mutual' : null),
    speaker: (speakerMatch?.key ?? context.speaker)?.name ?? null,
    agent: (agentHere ?? context.agents[0] ?? agentsAll[0]?.key ?? null)?.name ?? null,
    sentence: context.sentence,
    inTitle: context.inTitle,
  }
  return { reading, frame: best.frame ?? false }
}

interface Circumstances {
  hypothetical: boolean
  /** "only after sanctions are lifted", "as the price of a truce": not in force, on the table. */
  conditional: boolean
  mutual: boolean
  unilateral: boolean
  agents: Party[]
  scopes: LimitedScope[]
  inTitle: boolean
  war: boolean
  strikes: boolean
  expiryStated: boolean
  truceNamed: boolean
  /** A verb of ordering before this one in the clause ("ordered the operation resumed"). */
  ordered: boolean
}


/** Objects that are a truce only when a limited scope is named (a "deal", a "halt"); the rest are one by themselves or never. */
const SCOPED_OBJECTS = new Set<ObjectKind>(['deal', 'halt'])
/** What a ceasefire verb can govern and make a truce of. */
const TRUCE_OBJECTS = new Set<ObjectKind | 'earlier'>(['ceasefire', 'deal', 'halt', 'earlier'])

/**
 * One action on one object. Ranks settle several actions in a clause: a breakdown outranks an order or an entry
 * into force ("Putin answered the proposal and gave the order": the order is the news), which outranks a rejection,
 * which outranks a proposal ("rejected a full ceasefire and offered a pause" is a proposal on the table), which
 * outranks an agreement verb ("agrees to the U.S. proposal" is one side accepting). A verb governing a prisoner swap
 * is negotiation when the swap is agreed or proposed, nothing when it is carried out; one governing an aid package, an
 * embassy or a minerals deal says nothing about a ceasefire.
 */
function decide(family: CueFamily, object: ObjectKind | 'earlier' | null, negated: boolean, c: Circumstances): Omit<Candidate, 'scopes' | 'days' | 'at' | 'object' | 'negated'> | null {
  // An end of the war sought is what talks and proposals are about ("agreed to work toward ending the war").
  if (object === 'goal') {
    if (negated) return null
    if (family === 'propose' || family === 'ready' || family === 'reject') return { rank: 5, state: 'proposed', stance: family }
    return family === 'agree' || family === 'accept' || family === 'declare' ? { rank: 2, state: 'talks', stance: family } : null
  }
  const talks = object === 'talks'
  const swap = object === 'swap'
  const ceasefire = object !== null && TRUCE_OBJECTS.has(object)
  switch (family) {
    case 'war':
      return c.inTitle && !negated ? { rank: 8, state: null, stance: 'war', war: true } : null
    case 'end':
      if (!ceasefire) return null
      if (negated) return { rank: 1, state: null, stance: 'inForce' }
      // A plain "ended" says how, by what the sentence tells with it: strikes end a truce by breaking it, unless it
      // ran its stated length first (「期限を迎えて終了し、戦闘が再開された」).
      return c.war || (c.strikes && !c.expiryStated) ? { rank: 9, state: 'collapsed', stance: 'collapse' } : { rank: 8, state: 'expired', stance: 'expire' }
    case 'resume':
      // "resumed massive strikes": the pause on them is over, broken; unless the truce ran out first and no one
      // ordered the resumption ("expired at midnight, after which fighting resumed").
      if (negated || (c.expiryStated && !c.ordered)) return null
      return c.truceNamed || c.inTitle ? { rank: 9, state: 'collapsed', stance: 'collapse' } : null
    case 'expire':
      if (!ceasefire) return null
      if (negated) return { rank: 1, state: null, stance: 'inForce' }
      return c.war ? { rank: 9, state: 'collapsed', stance: 'collapse' } : { rank: 8, state: 'expired', stance: 'expire' }
    case 'withdraw':
    case 'collapse':
      if (object === 'promise') return negated ? null : { rank: 9, state: 'collapsed', stance: 'collapse' }
      if (talks) return negated ? null : { rank: 2, state: 'talks', stance: family }
      if (!ceasefire) return null
      return negated ? { rank: 1, state: null, stance: 'inForce' } : { rank: 9, state: 'collapsed', stance: family }
    case 'violate':
      if (object === 'promise') return negated ? null : { rank: 9, state: 'collapsed', stance: 'collapse' }
      // Accusations are claims, and say a truce is in force: both sides accuse each other from a truce's first hour.
      if (!(ceasefire || object === null)) return null
      return { rank: 0, state: ceasefire && c.scopes.length > 0 && !negated ? 'partial' : null, stance: negated ? 'inForce' : 'violate' }
    case 'reject':
      if (talks) return negated ? { rank: 2, state: 'talks', stance: 'notRejected' } : { rank: 1, state: null, stance: 'reject' }
      if (!ceasefire) return null
      return { rank: 6, state: 'proposed', stance: negated ? 'notRejected' : 'reject' }
    case 'disagree':
      return { rank: 3, state: 'talks', stance: 'disagree' }
    case 'propose':
    case 'ready':
      if (negated || object === null || object === 'other' || object === 'relations') return null
      return talks || swap ? { rank: 2, state: 'talks', stance: family } : { rank: 5, state: 'proposed', stance: family }
    case 'agree':
    case 'accept':
    case 'declare':
    case 'inForce': {
      if (talks) return negated ? null : { rank: 2, state: 'talks', stance: family }
      if (swap) return (family === 'agree' || family === 'accept') && !negated ? { rank: 2, state: 'talks', stance: family } : null
      if (!ceasefire) return null
      // One side's acceptance withheld ("Putin did not agree to a full ceasefire") is a rejection; a deal not reached is talks.
      if (negated) return family === 'accept' ? { rank: 6, state: 'proposed', stance: 'reject' } : { rank: 3, state: 'talks', stance: 'notAgreed' }
      if (c.conditional) return { rank: 5, state: 'proposed', stance: 'conditional' }
      if (c.hypothetical) return { rank: 3, state: 'talks', stance: 'hypothetical' }
      const ordered = family === 'declare' || family === 'inForce'
      if (c.scopes.length > 0) return { rank: ordered ? 7 : 4, state: 'partial', stance: family }
      // A general ceasefire binds the two belligerents: Moscow and Kyiv named, or "both sides" with no third party
      // acting (the "two sides" of a US–Russia meeting agree on no truce between Russia and Ukraine).
      const sides = new Set(c.agents.map((p) => p.side).filter((s) => s === 'moscow' || s === 'kyiv'))
      const outsider = c.agents.some((p) => p.side !== 'moscow' && p.side !== 'kyiv')
      const both = sides.size === 2 || (c.mutual && !outsider)
      if (family === 'accept') return { rank: 4, state: both ? 'agreed' : 'proposed', stance: family }
      // A general ceasefire one belligerent orders on its own is a unilateral, temporary truce.
      const oneSided = c.unilateral || (!both && sides.size === 1 && family === 'declare')
      return oneSided ? { rank: ordered ? 7 : 4, state: 'partial', stance: family, bound: 'unilateral' } : { rank: ordered ? 7 : 4, state: 'agreed', stance: family, ...(both ? { bound: 'mutual' as const } : {}) }
    }
    case 'hypothetical':
    case 'halt':
      return null
  }
}

/** Verbs of taking up what another side asked for. */
const ACCEPTING = new Set<CueFamily>(['accept', 'agree'])
/** "agrees to Trump's request", «принял предложение», «погодився на пропозицію»: an accepting verb, then its object. */
const ACCEPTED_AFTER = /^\s*(?:to|with|on|на|с|з|із)?\s*(?:[\p{L}\p{N}.'’-]+\s+){0,2}$/iu
/** 「トランプ氏の要請にプーチン氏応じる」「提案を受け入れ」: the request marked with に or を, then who accepts it, then the verb. */
const ACCEPTED_BEFORE_JA = /^\s*[にを][^、。]{0,8}$/u

/**
 * A request, offer or proposal that an accepting verb governs is what is accepted, not a second act of proposing:
 * the acceptance is the news ("Putin agrees to Trump's request to spare Kyiv" is a halt agreed).
 */
function acceptedProposal(text: string, verb: CueMatch<Cue & { kind: 'action' }>, verbs: CueMatch<Cue & { kind: 'action' }>[], ja: boolean): boolean {
  if (verb.key.family !== 'propose') return false
  return verbs.some((v) => {
    if (!ACCEPTING.has(v.key.family)) return false
    if (ja) return v.start >= verb.end && ACCEPTED_BEFORE_JA.test(text.slice(verb.end, v.start))
    return v.end <= verb.start && ACCEPTED_AFTER.test(text.slice(v.end, verb.start))
  })
}

/**
 * A verb of stopping governs what it stops: "Russia halted strikes for 30 hours", «приостановить удары»,
 * 「攻撃を…停止」. Such a verb is one side's declaration of a halt; stopping anything else, and strikes or fighting
 * named without it, say nothing about a truce. A halt stated for a number of hours or days is limited by that alone.
 */
function withHalts(cues: CueMatch<Cue>[], ja: boolean, text: string): { cues: CueMatch<Cue>[]; halts: Set<CueMatch<Cue>> } {
  // "suspended its participation after a drone attack": an attack that dates the act is not what it stops.
  const isStoppable = (c: CueMatch<Cue>) => c.key.kind === 'object' && (c.key.object === 'hostilities' || c.key.object === 'fire')
  const stoppable = (c: CueMatch<Cue>) => isStoppable(c) && !PAST_MARK.test(text.slice(Math.max(0, c.start - 24), c.start))
  const halts = new Set<CueMatch<Cue>>()
  const stopping = new Set<string>()
  const out: CueMatch<Cue>[] = []
  for (const cue of cues) {
    if (isStoppable(cue)) continue
    const family = cue.key.kind === 'action' ? cue.key.family : null
    // "agree to end the use of force", "end attacks": ending what is fought with halts it, as a verb of stopping does.
    const following = (o: CueMatch<Cue>) => stoppable(o) && o.start >= cue.end && o.start - cue.end <= HALT_REACH
    if (family !== 'halt' && !(family === 'end' && !ja && cues.some(following))) {
      out.push(cue)
      continue
    }
    // What is stopped follows the verb ("halted strikes"), or stands before it in Japanese and in the passive
    // («удары … приостановлены», "attacks stopped", «вогонь … мають припинити»).
    const stopped = ja
      ? cues.find((o) => stoppable(o) && o.end <= cue.start && cue.start - o.end <= HALT_REACH_JA)
      : (cues.find(following) ?? cues.findLast((o) => stoppable(o) && o.end <= cue.start && cue.start - o.end <= HALT_REACH_BEFORE))
    if (!stopped) continue
    stopping.add(`${cue.start}:${cue.end}`)
    // Fire stopped is a ceasefire («вогонь … припинити»); strikes or fighting stopped are a halt on them.
    const fire = stopped.key.kind === 'object' && stopped.key.object === 'fire'
    const halt: CueMatch<Cue> = { ...stopped, key: { kind: 'object', object: fire ? 'ceasefire' : 'halt' } }
    if (!fire) halts.add(halt)
    // "agrees to halt strikes", «согласился прекратить удары»: the halt is what the first verb is about.
    const governing = out.findLast((c) => c.key.kind === 'action' && c.end <= cue.start && cue.start - c.end <= GOVERNED_REACH)
    out.push(...(governing ? [halt] : [{ ...cue, key: { kind: 'action' as const, family: 'declare' as const } }, halt]))
  }
  // «удары приостановлены»: a verb that suspends strikes halts them; it withdraws from nothing.
  const suspendsStrikes = (c: CueMatch<Cue>) => c.key.kind === 'action' && c.key.family === 'withdraw' && stopping.has(`${c.start}:${c.end}`)
  return { cues: out.filter((c) => !suspendsStrikes(c)).sort((a, b) => a.start - b.start), halts }
}

/**
 * 「穀物合意の履行を停止」「合意は失効」: 合意 followed by a case particle is the agreement, a noun, not the verb
 * 「合意した」; a limited scope in the clause makes it a deal.
 */
function agreementNoun(text: string, c: CueMatch<Cue>): CueMatch<Cue> {
  if (c.key.kind !== 'action' || c.key.family !== 'agree' || !text.slice(c.start, c.end).endsWith('合意')) return c
  return /^(?:[のをはが]|から)/u.test(text.slice(c.end, c.end + 2)) ? { ...c, key: { kind: 'object', object: 'deal' } } : c
}

/** "open-ended", "long-awaited": a word hyphened onto the one before is part of a modifier, not a verb. */
const compoundTail = (text: string, c: CueMatch<Cue>) => /\p{L}-$/u.test(text.slice(Math.max(0, c.start - 2), c.start)) && !/[\s-]/u.test(text.slice(c.start, c.end))

/** How far a verb of stopping reaches for what it stops ("halt all strikes on energy infrastructure"; 「攻撃を一時」). */
const HALT_REACH = 40
const HALT_REACH_JA = 8
const HALT_REACH_BEFORE = 40
/** A halt phrase that names what stops, as against a bare "halt" or "pause". */
const HALT_PHRASE = /\s|攻撃|戦闘|武力/u
/** How near a verb must stand before a verb of stopping to govern it ("agreed to halt"). */
const GOVERNED_REACH = 6

/** Verbs that may refer back to a ceasefire named earlier in the sentence ("Kyiv dismisses it", "…で合意"). */
const ANAPHORIC = new Set<CueFamily>(['agree', 'accept', 'reject', 'expire', 'end', 'withdraw', 'collapse', 'violate'])
/** Verbs that end a truce named anywhere in the sentence ("resumed massive strikes after a brief pause"). */
const ENDINGS = new Set<CueFamily>(['expire', 'end', 'withdraw', 'collapse'])
/** Verbs that break a promise (a pledge to hold fire is a truce, and breaking it ends one). */
const BREAKINGS = new Set<CueFamily>(['violate', 'collapse'])

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

/**
 * Who a verb of saying has for its subject: the first party of its clause before it ("Ushakov, after talks with
 * Witkoff and Kushner, said …"), else the party right after it ("as Peskov said", "said Kremlin spokesman Peskov",
 * "according to Peskov").
 */
function subjectOf(parties: CueMatch<Party>[], cue: CueMatch<Cue>, after: boolean): CueMatch<Party> | null {
  const before = parties.filter((p) => p.end <= cue.start)
  if (!after && before.length) return before[0]!
  return parties.find((p) => p.start >= cue.end && p.start - cue.end <= 30) ?? (after ? null : before[0] ?? null)
}

/** 「停戦と和平交渉を」: an object joined by と or や to the next one, which を marks. */
function coordinatedWithMarked(text: string, o: CueMatch<Cue>, objects: CueMatch<Cue>[]): boolean {
  const next = objects.find((n) => n.start > o.end && /^\s*[とや]\s*$/u.test(text.slice(o.end, n.start)))
  return next !== undefined && (/^\s*を/u.test(text.slice(next.end, next.end + 2)) || coordinatedWithMarked(text, next, objects))
}

/** Objects follow their verb in English, Russian and Ukrainian and precede it in Japanese; the other side counts too, at a cost ("ceasefire deal reached"). */
function nearestObject(objects: CueMatch<Cue>[], action: CueMatch<Cue>, ja: boolean, text = ''): CueMatch<Cue & { kind: 'object' }> | null {
  let best: CueMatch<Cue & { kind: 'object' }> | null = null
  let bestDistance = Infinity
  for (const o of objects as CueMatch<Cue & { kind: 'object' }>[]) {
    // "agreements dead": a cue that shares words with its object is about that object.
    const overlapping = o.start < action.end && action.start < o.end
    const following = o.start >= action.end
    const gap = overlapping ? 0 : following ? o.start - action.end : action.start - o.end
    // In Japanese the noun marked with を is the verb's object, however far before it: 「停戦を…呼びかけ」; so is each
    // noun coordinated with it by と or や (「停戦と交渉を呼びかけ」), the first of them winning.
    const marked = ja && !following && (/^\s*を/u.test(text.slice(o.end, o.end + 2)) || coordinatedWithMarked(text, o, objects))
    const distance = marked ? 0 : gap * (following === !ja ? 1 : 1.5)
    if (distance < bestDistance) [best, bestDistance] = [o, distance]
  }
  return best
}
