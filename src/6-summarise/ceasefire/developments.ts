// Stories → dated developments: what each story (or each burst of a long-running story) says about the ceasefire,
// which outlets back it, and whether that backing confirms it. Claims are gathered on the way.
import type { StoryItem, StoryRecord } from '../../7-store/types.js'
import { STATE_WEIGHT } from './reader.js'
import type { ClauseReading, ItemReading, LimitedScope, Stance } from './types.js'

/** Reports of a story more than this far apart are separate developments (a truce declared, then ended). */
const SEGMENT_GAP_MS = 3 * 86_400_000

export type DevelopmentKind = 'talks' | 'proposed' | 'partial' | 'agreed' | 'collapsed' | 'war'

export interface Development {
  storyId: number
  date: Date
  kind: DevelopmentKind
  /** Empty for a general ceasefire. */
  scopes: LimitedScope[]
  days: number | null
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
      const development = decideSegment(story.id, readings)
      if (development) developments.push(development)
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

/**
 * The segment's development is the weightiest state any member reports (see STATE_WEIGHT); an "agreed" next to a
 * member naming a limited scope is the same deal reported less precisely, so it counts as partial. A headline
 * announcing war counts when nothing else is said; the state machine decides whether it ends anything.
 */
function decideSegment(storyId: number, readings: { item: StoryItem; reading: ItemReading }[]): Development | null {
  const decisive = readings.filter((r) => r.reading.state !== null)
  if (decisive.length === 0) {
    const war = readings.filter((r) => r.reading.war)
    return war.length ? { storyId, date: war[0]!.item.publishedAt, kind: 'war', scopes: [], days: null, items: war.map((r) => r.item), confirmed: isConfirmed(war.map((r) => r.item)) } : null
  }
  let kind: DevelopmentKind = decisive.reduce((a, r) => (STATE_WEIGHT[r.reading.state!] > STATE_WEIGHT[a] ? r.reading.state! : a), decisive[0]!.reading.state!)
  if (kind === 'agreed' && decisive.some((r) => r.reading.state === 'partial')) kind = 'partial'
  const backing = decisive.filter((r) => r.reading.state === kind || (kind === 'partial' && r.reading.state === 'agreed') || (kind === 'collapsed' && r.reading.war))
  const withWar = kind === 'collapsed' ? [...backing, ...readings.filter((r) => r.reading.war && !backing.includes(r))] : backing
  const items = withWar.map((r) => r.item).sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())
  const days = backing.map((r) => r.reading.days).filter((d): d is number => d !== null)
  return {
    storyId,
    date: items[0]!.publishedAt,
    kind,
    scopes: [...new Set(backing.flatMap((r) => r.reading.scopes))].sort(),
    days: days.length ? Math.max(...days) : null,
    items,
    confirmed: isConfirmed(items),
  }
}

/** One claim per party in a segment, backed by every member that attributes something to that party. */
function claimsOf(storyId: number, readings: { item: StoryItem; reading: ItemReading }[]): Claim[] {
  const byParty = new Map<string, Claim>()
  for (const { item, reading } of readings) {
    const clause = preferTitle(reading.claims)
    if (!clause) continue
    for (const party of new Set(reading.claims.map((c) => c.party!))) {
      const own = preferTitle(reading.claims.filter((c) => c.party === party))!
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
