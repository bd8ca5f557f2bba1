// Shared vocabulary of the ceasefire reader and state machine.

/** Exactly the states of issue 7, from "nothing on record" to "agreed" and back to "collapsed". */
export const CEASEFIRE_STATES = ['none', 'talks', 'proposed', 'partial', 'agreed', 'collapsed'] as const
export type CeasefireState = (typeof CEASEFIRE_STATES)[number]

/** What a clause's deciding cue says; see config/ceasefire-lexicon.json's $comment. */
export const CUE_FAMILIES = ['agree', 'accept', 'declare', 'inForce', 'propose', 'ready', 'hypothetical', 'reject', 'disagree', 'violate', 'collapse', 'war'] as const
export type CueFamily = (typeof CUE_FAMILIES)[number]

/** Stances a party can be reported to take; the claim shown for it. */
export type Stance = CueFamily | 'talks' | 'notAgreed' | 'notRejected'

export const LIMITED_SCOPES = ['energy', 'sea', 'grain', 'holiday', 'humanitarian', 'local'] as const
export type LimitedScope = (typeof LIMITED_SCOPES)[number] | 'temporary'

/** What one clause of an item says about the ceasefire and who says it. */
export interface ClauseReading {
  /** The state this clause points to, or null when it only carries a claim (violations) or nothing. */
  state: Exclude<CeasefireState, 'none'> | null
  /** A war (invasion, offensive) announced in a headline: ends a general ceasefire in force. */
  war: boolean
  stance: Stance | null
  /** Limited scopes named; empty for a general ceasefire. */
  scopes: LimitedScope[]
  /** Stated length in days, when given ("36-hour", "3日間"). */
  days: number | null
  /** Who says or does it (a lexicon party name such as "Moscow"), when the clause says. */
  party: string | null
  /** The sentence the clause is in, as written: what a claim quotes. */
  sentence: string
  /** Whether the sentence is the item's headline. */
  inTitle: boolean
}

/** An item's reading: its deciding state and every attributed claim. */
export interface ItemReading {
  state: Exclude<CeasefireState, 'none'> | null
  war: boolean
  scopes: LimitedScope[]
  days: number | null
  claims: ClauseReading[]
}
