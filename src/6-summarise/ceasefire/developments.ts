// Stories → dated developments: what each story (or each burst of a long-running story) says about the ceasefire,
// which outlets back it, and whether that backing confirms it. Claims are gathered on the way.
import type { StoryItem, StoryRecord } from '../../7-store/types.js'
import { STATE_WEIGHT } from './reader.js'
import type { ClauseReading, ItemReading, LimitedScope, Stance } from './types.js'

/** Reports of a story more than this far apart are separate developments (a truce declared, then ended). */
const SEGMENT_GAP_MS = 3 * 86_400_000

export type DevelopmentKind = 'talks' | 'proposed' | 'partial' | 'agreed' | 'expired' | 'collapsed' | 'war'

export interface Development {
  storyId: number
  date: Date
  kind: DevelopmentKind
  /** Empty for a general ceasefire. */
  scopes: LimitedScope[]
  days: number | null
  /** The stated last day (YYYY-MM-DD), when the reports give one. */
  until?: string | null
  /** For a collapse: a side quit the arrangement, or it broke down. */
  ending?: 'withdrawn' | 'broken'
  /** For an arrangement: the reports only say it holds (violations alleged, "the truce is holding"). */
  evidence?: 'in-force'
  /** Who the arrangement binds, as its reports say. */
  bound?: 'mutual' | 'unilateral' | null
  /** The parties its reports name as acting or speaking (lexicon party names, Moscow, Kyiv and Washington first). */
  parties?: string[]
  /** The members that report this development, first report first. */
  items: StoryItem[]
  /** More than one outlet, and not only state media (or a checked row of the curated chronology). */
  confirmed: boolean
  /** What backs it: live stories (the default), the curated chronology, or both. */
  basis?: 'baseline' | 'feeds' | 'both'
}

export interface Claim {
  party: string
  stance: Stance
  date: Date
  storyId: number
  /** Each member reporting the claim, with the sentence it reports it in. */
  reports: { item: StoryItem; sentence: string; inTitle: boolean }[]
}

export type ReadItem = (item: StoryItem) => ItemReading

/** Independent outlets behind the items: near-copies of another member count once, as their original. */
export function outletsOf(items: StoryItem[]): string[] {
  return [...new Set(items.filter((i) => !i.duplicateOf).map((i) => i.source))]
}

export function isConfirmed(items: StoryItem[]): boolean {
  // A curated chronology row was checked against its cited page before it shipped.
  if (items.some((i) => i.sourceKind === 'curated')) return true
  const independent = items.filter((i) => !i.duplicateOf)
  return outletsOf(items).length >= 2 && independent.some((i) => i.sourceKind !== 'state-media')
}

export function developmentsOf(stories: StoryRecord[], read: ReadItem): { developments: Development[]; claims: Claim[] } {
  const developments: Development[] = []
  const claims: Claim[] = []
  for (const story of stories) {
    for (const segment of segments(story.items)) {
      const readings = segment.map((item) => ({ item, reading: read(item) }))
      developments.push(...decideSegment(story.id, readings))
      claims.push(...claimsOf(story.id, readings))
    }
  }
  return { developments, claims }
}

function segments(items: StoryItem[]): StoryItem[][] {
  const sorted = [...items].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id - b.id)
  const out: StoryItem[][] = []
  for (const item of sorted) {
    const last = out.at(-1)
    if (last && item.publishedAt.getTime() - last.at(-1)!.publishedAt.getTime() <= SEGMENT_GAP_MS) last.push(item)
    else out.push([item])
  }
  return out
}

/** What a development does to the record: starts an arrangement, ends one, or moves the negotiations. */
const PHASES: ItemReading['state'][][] = [['agreed', 'partial'], ['expired', 'collapsed'], ['talks', 'proposed']]
const BACKING_SHARE = 1 / 3
/** Stances that report an arrangement holding rather than one being made. */
const HOLDING = new Set<ItemReading['stance']>(['violate', 'inForce'])

type Read = { item: StoryItem; reading: ItemReading }

/**
 * A segment's developments: one per phase its members report (an arrangement made, one ended, the talks moved), each
 * the weightiest state of that phase (see STATE_WEIGHT) dated by its first report, so that a story of a truce
 * declared and then ended says both. An "agreed" next to a member naming a limited scope is the same deal reported
 * less precisely, so it counts as partial. A headline announcing war counts when nothing else is said; the state
 * machine decides whether it ends anything.
 */
function decideSegment(storyId: number, readings: Read[]): Development[] {
  const decisive = readings.filter((r) => r.reading.state !== null)
  const war = readings.filter((r) => r.reading.war)
  if (decisive.length === 0) {
    return war.length ? [{ storyId, date: war[0]!.item.publishedAt, kind: 'war', scopes: [], days: null, items: war.map((r) => r.item), confirmed: isConfirmed(war.map((r) => r.item)) }] : []
  }
  // A phase counts when at least a third of the reports that say something of the ceasefire report it: one outlet
  // misreading a six-report story does not make the story's news.
  const quorum = Math.ceil(new Set(decisive.map((r) => r.item.source)).size * BACKING_SHARE)
  const backed = (reads: Read[]) => new Set(reads.map((r) => r.item.source)).size >= quorum
  const inPhase = (phase: ItemReading['state'][]) => decisive.filter((r) => phase.includes(r.reading.state))
  // A story of an arrangement ending is about that: what its reports say of the talks meanwhile is reaction.
  const ending = backed(inPhase(PHASES[1]!))
  return PHASES.flatMap((phase) => {
    if (ending && phase.includes('talks')) return []
    const inPhase = decisive.filter((r) => phase.includes(r.reading.state))
    if (inPhase.length === 0 || !backed(inPhase)) return []
    let kind = inPhase.reduce((a, r) => (STATE_WEIGHT[r.reading.state!] > STATE_WEIGHT[a] ? r.reading.state! : a), inPhase[0]!.reading.state!) as DevelopmentKind
    if (kind === 'agreed' && inPhase.some((r) => r.reading.state === 'partial')) kind = 'partial'
    const backing = inPhase.filter((r) => r.reading.state === kind || (kind === 'partial' && r.reading.state === 'agreed'))
    return [development(storyId, kind, backing, kind === 'collapsed' ? war.filter((r) => !backing.includes(r)) : [])]
  })
}

function development(storyId: number, kind: DevelopmentKind, backing: Read[], alongside: Read[]): Development {
  const items = [...backing, ...alongside].map((r) => r.item).sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())
  const days = backing.map((r) => r.reading.days).filter((d): d is number => d !== null)
  const until = backing.map((r) => r.reading.until).filter((d): d is string => d !== null)
  const bound = backing.map((r) => r.reading.bound).filter((b) => b !== null)
  const named = new Set(backing.flatMap((r) => r.reading.claims.filter((c) => c.state === kind).flatMap((c) => [c.agent, c.speaker])).filter((p): p is string => p !== null))
  return {
    storyId,
    date: items[0]!.publishedAt,
    kind,
    scopes: [...new Set(backing.flatMap((r) => r.reading.scopes))].sort(),
    days: days.length ? Math.max(...days) : null,
    until: until.length ? until.reduce((a, b) => (b > a ? b : a)) : null,
    ...(kind === 'collapsed' ? { ending: backing.some((r) => r.reading.stance === 'withdraw') ? ('withdrawn' as const) : ('broken' as const) } : {}),
    ...((kind === 'partial' || kind === 'agreed') && backing.every((r) => HOLDING.has(r.reading.stance)) ? { evidence: 'in-force' as const } : {}),
    bound: bound.length ? (bound.filter((b) => b === 'unilateral').length * 2 > bound.length ? 'unilateral' : 'mutual') : null,
    parties: [...named].sort((a, b) => partyRank(a) - partyRank(b) || a.localeCompare(b)),
    items,
    confirmed: isConfirmed(items),
  }
}

const MAIN_PARTIES = ['Moscow', 'Kyiv', 'Washington']
/** Moscow, Kyiv and Washington first, in that order; other parties after them. */
export const partyRank = (party: string) => (MAIN_PARTIES.includes(party) ? MAIN_PARTIES.indexOf(party) : MAIN_PARTIES.length)

/** Whose outlet a source is: Russia's state media speak for Moscow; a government's site for its government. */
function outletParty(item: StoryItem): string | null {
  if (item.sourceKind === 'state-media') return 'Moscow'
  if (item.sourceKind === 'government') return ({ ru: 'Moscow', uk: 'Kyiv', en: 'Washington' } as Record<string, string>)[item.language] ?? null
  return null
}

/**
 * Whose own words a clause carries: the party a speaker prefix or a verb of saying names ("Peskov said …"), or, in
 * that party's own outlet, the party that acts or proposes ("Putin orders a truce" on a Russian state channel is
 * Moscow's word; in a Japanese paper's headline it is the paper's, and no claim of Moscow's).
 */
function claimant(clause: ClauseReading, item: StoryItem): string | null {
  return clause.speaker ?? (clause.agent !== null && clause.agent === outletParty(item) ? clause.agent : null)
}

/** One claim per party in a segment, backed by every member that attributes something to that party. */
function claimsOf(storyId: number, readings: { item: StoryItem; reading: ItemReading }[]): Claim[] {
  const byParty = new Map<string, Claim>()
  for (const { item, reading } of readings) {
    const attributed = reading.claims.filter((c) => claimant(c, item) !== null)
    for (const party of new Set(attributed.map((c) => claimant(c, item)!))) {
      const own = preferTitle(attributed.filter((c) => claimant(c, item) === party))!
      const claim = byParty.get(party)
      if (!claim) byParty.set(party, { party, stance: own.stance!, date: item.publishedAt, storyId, reports: [{ item, sentence: own.sentence, inTitle: own.inTitle }] })
      else if (!claim.reports.some((r) => r.item === item)) claim.reports.push({ item, sentence: own.sentence, inTitle: own.inTitle })
    }
  }
  return [...byParty.values()]
}

/** A party's claim as the headline puts it, when the headline attributes one; else as the lead does. */
function preferTitle(claims: ClauseReading[]): ClauseReading | undefined {
  return claims.find((c) => c.inTitle) ?? claims[0]
}
