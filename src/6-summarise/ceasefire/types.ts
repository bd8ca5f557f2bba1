// Shared vocabulary of the ceasefire reader and state machine.
import type { ObjectKind } from './lexicon.js'

/** Exactly the states of issue 7, from "nothing on record" to "agreed" and back to "collapsed". */
export const CEASEFIRE_STATES = ['none', 'talks', 'proposed', 'partial', 'agreed', 'collapsed'] as const
export type CeasefireState = (typeof CEASEFIRE_STATES)[number]

/** What a clause's deciding cue says; see config/ceasefire-lexicon.json's $comment. */
export const CUE_FAMILIES = ['agree', 'accept', 'declare', 'inForce', 'propose', 'ready', 'hypothetical', 'reject', 'disagree', 'violate', 'expire', 'end', 'resume', 'withdraw', 'collapse', 'war', 'halt'] as const
export type CueFamily = (typeof CUE_FAMILIES)[number]

/** Stances a party can be reported to take; the claim shown for it. */
export type Stance = CueFamily | 'talks' | 'notAgreed' | 'notRejected' | 'conditional'

export const LIMITED_SCOPES = ['energy', 'sea', 'grain', 'holiday', 'humanitarian', 'local'] as const
export type LimitedScope = (typeof LIMITED_SCOPES)[number] | 'temporary'

/**
 * What a report can say of a ceasefire: the states, plus that an arrangement ran its stated length (or was not
 * extended), which is no breakdown: with nothing else in force the state falls back to where negotiations stand.
 */
export type Reading = Exclude<CeasefireState, 'none'> | 'expired'

/** What a clause's deciding verb governs: a lexicon object kind, or a ceasefire named earlier in the sentence. */
export type GovernedObject = ObjectKind | 'earlier'

/** What one clause of an item says about the ceasefire and who says it. */
export interface ClauseReading {
  /** The state this clause points to, or null when it says nothing about one. */
  state: Reading | null
  /** A war (invasion, offensive) announced in a headline: ends a general ceasefire in force. */
  war: boolean
  stance: Stance | null
  /** What the deciding verb governs (a ceasefire, a scoped deal, a halt, talks, a swap …), when the clause names it. */
  object: GovernedObject | null
  /** Whether the deciding verb is negated ("did not agree", 合意に至らなかった). */
  negated: boolean
  /** Limited scopes named; empty for a general ceasefire. */
  scopes: LimitedScope[]
  /** Stated length in days, when given ("36-hour", "3日間"). */
  days: number | null
  /** The stated last day (YYYY-MM-DD), when given ("until 1 February", "до конца 12 апреля", 「12日まで」). */
  until: string | null
  /** Who is bound, when the clause says: both sides, or one on its own. */
  bound: 'mutual' | 'unilateral' | null
  /** Who says it (a lexicon party name such as "Moscow"): a speaker's prefix or a verb of saying names them. */
  speaker: string | null
  /** Who does it, when the clause names them ("Putin orders …"): not necessarily who says so. */
  agent: string | null
  /** The sentence the clause is in, as written: what a claim quotes. */
  sentence: string
  /** Whether the sentence is the item's headline. */
  inTitle: boolean
}

/** An item's reading: its deciding state and every attributed claim. */
export interface ItemReading {
  state: Reading | null
  /** The deciding clause's stance (what it does: agree, declare, withdraw, violate …). */
  stance: Stance | null
  war: boolean
  scopes: LimitedScope[]
  days: number | null
  until: string | null
  bound: 'mutual' | 'unilateral' | null
  claims: ClauseReading[]
}
