// The ceasefire state as of a moment, from the stored stories: the latest ceasefire-topic stories begun by then (one
// bounded, indexed query), only their members published by then, read by the cue lexicon, folded into dated
// developments and run through the state machine. Each side's latest claim comes along.
import { loadAliases } from '../5-cluster/aliases.js'
import { developmentsOf, partyRank, type Claim, type ReadItem } from '../6-summarise/ceasefire/developments.js'
import { compileLexicon, loadLexiconData, type Lexicon } from '../6-summarise/ceasefire/lexicon.js'
import { readItem } from '../6-summarise/ceasefire/reader.js'
import { runMachine, type MachineResult, type Step } from '../6-summarise/ceasefire/state-machine.js'
import type { CeasefireJudge } from '../6-summarise/judge/ceasefire-judge.js'
import type { CeasefireState, ItemReading } from '../6-summarise/ceasefire/types.js'
import type { Store, StoryItem, StoryRecord } from '../7-store/types.js'
import type { ChronologyEvent } from '../config/chronology.js'
import { withBaselineDevelopments } from './baseline-ceasefire.js'

export const CEASEFIRE_TOPIC = 'ceasefire'
/**
 * How far back the record reaches: the latest this many ceasefire stories. Enough for months of a busy feed; an
 * arrangement agreed before them and never mentioned since is out of sight (see the report's known weaknesses).
 */
export const EVIDENCE_STORIES = 200

export interface CeasefireStatus {
  state: CeasefireState
  /** When the state began; null for none. */
  since: Date | null
  asOf: Date
  /** The step that put the state where it is. */
  cause: Step | null
  /** Every step the machine took, oldest first. */
  steps: Step[]
  /** Arrangements in force, where negotiations stand, and the last arrangement that ended and how. */
  inForce: MachineResult['inForce']
  negotiations: MachineResult['negotiations']
  lastEnded: MachineResult['lastEnded']
  /** The newest development on record by the as-of moment (null when there is none). */
  newestEvidence: Date | null
  /** Each party's latest claim, Moscow, Kyiv and Washington first. */
  claims: Claim[]
  storiesRead: number
}

let lexicon: Lexicon | null = null
export function ceasefireLexicon(): Lexicon {
  lexicon ??= compileLexicon(loadLexiconData(), loadAliases())
  return lexicon
}

// Items do not change once clustered (a retitled item has a new title, hence a new key), and the same recent
// stories are read on every request: a bounded memo keeps repeated /ceasefire-status calls cheap.
const MEMO_LIMIT = 50_000
const memo = new Map<string, ItemReading>()

export function ceasefireReader(lex: Lexicon = ceasefireLexicon()): ReadItem {
  return (item: StoryItem) => {
    const key = `${item.id}|${item.publishedAt.getTime()}|${item.title}|${item.text.length}`
    let reading = memo.get(key)
    if (!reading) {
      if (memo.size >= MEMO_LIMIT) memo.clear()
      reading = readItem(lex, item.title, item.text, item.publishedAt)
      memo.set(key, reading)
    }
    return reading
  }
}

/** Stories as they stood at `asOf`: only members published by then. */
export function asOfStories(stories: StoryRecord[], asOf: Date): StoryRecord[] {
  return stories.flatMap((story) => {
    const items = story.items.filter((i) => i.publishedAt <= asOf)
    return items.length ? [{ ...story, items }] : []
  })
}

/** A party's claim older than this before the as-of moment is not its current position. */
export const CLAIM_MAX_AGE_DAYS = 120

function latestClaims(claims: Claim[], asOf: Date): Claim[] {
  const latest = new Map<string, Claim>()
  for (const claim of claims) {
    if (asOf.getTime() - claim.date.getTime() > CLAIM_MAX_AGE_DAYS * 86_400_000) continue
    const held = latest.get(claim.party)
    if (!held || claim.date > held.date) latest.set(claim.party, claim)
  }
  return [...latest.values()].sort((a, b) => partyRank(a.party) - partyRank(b.party) || b.date.getTime() - a.date.getTime())
}

export function statusFromStories(stories: StoryRecord[], asOf: Date, read: ReadItem = ceasefireReader(), baseline: ChronologyEvent[] = []): CeasefireStatus {
  const live = developmentsOf(asOfStories(stories, asOf), read)
  const claims = live.claims
  const developments = baseline.length ? withBaselineDevelopments(live.developments, baseline, ceasefireLexicon()) : live.developments
  const result = runMachine(developments, asOf, { holidayDefaultDays: ceasefireLexicon().holidayDefaultDays })
  const newest = developments.filter((d) => d.date <= asOf).reduce<Date | null>((a, d) => (!a || d.date > a ? d.date : a), null)
  return {
    state: result.state,
    since: result.since,
    asOf,
    cause: result.cause,
    steps: result.steps,
    inForce: result.inForce,
    negotiations: result.negotiations,
    lastEnded: result.lastEnded,
    newestEvidence: newest,
    claims: latestClaims(claims, asOf),
    storiesRead: stories.length,
  }
}

/**
 * `baseline`: curated chronology rows read beside the stories (src/services/baseline.ts). `judge`: the optional LLM
 * judge (NEWSBOT_LLM_JUDGE), asked about the evidence's sentences first; without it the rule reader alone reads.
 */
export async function ceasefireStatus(store: Store, asOf: Date, baseline: ChronologyEvent[] = [], judge?: CeasefireJudge): Promise<CeasefireStatus> {
  const stories = await store.stories.begunBy({ topic: CEASEFIRE_TOPIC, to: asOf, limit: EVIDENCE_STORIES })
  if (!judge) return statusFromStories(stories, asOf, ceasefireReader(), baseline)
  const evidence = asOfStories(stories, asOf)
  await judge.prepare(evidence.flatMap((s) => s.items))
  return statusFromStories(stories, asOf, (item) => judge.readItem(item.title, item.text, item.publishedAt), baseline)
}
