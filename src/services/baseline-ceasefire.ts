// Curated history as ceasefire evidence: each chronology row with a ceasefire effect is a dated development, read
// with the live ones by the same state machine, so the most recent evidence wins whichever kind it is. A live
// development of the same kind within a day of a row is that row's event: one development, both kinds of backing.
import { readItem } from '../6-summarise/ceasefire/reader.js'
import type { Development, DevelopmentKind } from '../6-summarise/ceasefire/developments.js'
import type { Lexicon } from '../6-summarise/ceasefire/lexicon.js'
import type { StoryItem } from '../7-store/types.js'
import type { ChronologyEvent } from '../config/chronology.js'
import { CURATED_KIND, type Basis } from './baseline-timeline.js'

const DAY = 86_400_000
export const CURATED_SOURCE = 'Curated chronology'

/** Curated developments carry no story: their storyId is minus their row, so they never clash with a story's. */
export const isCuratedStoryId = (storyId: number) => storyId < 0

function rowItems(row: ChronologyEvent, at: Date): StoryItem[] {
  // One item per title language (same page): the reply shows the reader's language; sources are listed once per URL.
  const item = (title: string, language: string): StoryItem => ({ id: -row.row, url: row.sourceUrl, title, text: row.sourceNote, source: CURATED_SOURCE, sourceKind: CURATED_KIND, language, publishedAt: at, topics: ['ceasefire'], duplicateOf: null })
  return [item(row.title.en, 'en'), ...(row.title.ja !== row.title.en ? [item(row.title.ja, 'ja')] : [])]
}

/**
 * A row's development. "none" (ceasefire-related, no truce) changes nothing and an empty effect is off-topic: neither
 * is a development, unless the row announces war. The row's title and note are read by the live reader, as a live
 * report's would be: its scope, stated length or last day (energy, Black Sea, a 30-hour Easter truce, "until 1
 * February"), so curated truces expire as live ones do; a row marked "collapsed" whose words say the arrangement ran
 * out is an expiry, and one whose words say a side quit it is a withdrawal.
 */
export function rowDevelopment(row: ChronologyEvent, lexicon: Lexicon): Development | null {
  const at = new Date(`${row.date}T00:00:00Z`)
  const reading = readItem(lexicon, row.title.en, row.sourceNote, at)
  // A row announcing war (the 2022 invasion) ends a general ceasefire still in force (Minsk, July 2020), as a live
  // war headline does; the file leaves its effect empty because it is no ceasefire event itself.
  const effect: DevelopmentKind | null = row.ceasefireEffect === '' || row.ceasefireEffect === 'none' ? (reading.war ? 'war' : null) : row.ceasefireEffect
  if (!effect) return null
  const kind: DevelopmentKind = effect === 'collapsed' && reading.state === 'expired' ? 'expired' : effect
  const lasting = kind === 'partial' || kind === 'agreed'
  const limited = lasting || kind === 'collapsed' || kind === 'expired'
  return {
    storyId: -row.row,
    date: at,
    kind,
    scopes: limited ? reading.scopes : [],
    days: lasting ? reading.days : null,
    until: lasting ? reading.until : null,
    ...(kind === 'collapsed' ? { ending: reading.stance === 'withdraw' ? ('withdrawn' as const) : ('broken' as const) } : {}),
    bound: lasting ? reading.bound : null,
    items: rowItems(row, at),
    confirmed: true,
    basis: 'baseline',
  }
}

const sameDevelopment = (a: Development, b: Development) => a.kind === b.kind && Math.abs(a.date.getTime() - b.date.getTime()) <= DAY && !scopesDiffer(a, b)
/** An energy moratorium's expiry and a holiday truce's are two developments, even a day apart. */
const scopesDiffer = (a: Development, b: Development) => {
  const limited = (d: Development) => d.scopes.filter((s) => s !== 'temporary')
  return limited(a).length > 0 && limited(b).length > 0 && !limited(a).some((s) => limited(b).includes(s))
}

/** Live and curated developments together; a live one that is a row's event joins it (basis "both"). */
export function withBaselineDevelopments(live: Development[], rows: ChronologyEvent[], lexicon: Lexicon): Development[] {
  const curated = rows.flatMap((r) => rowDevelopment(r, lexicon) ?? [])
  const alone: Development[] = []
  for (const d of live) {
    const row = curated.find((c) => sameDevelopment(c, d))
    if (!row) {
      alone.push({ ...d, basis: 'feeds' })
      continue
    }
    row.items = [...row.items, ...d.items]
    row.basis = 'both'
  }
  return [...curated, ...alone]
}

export const basisOf = (d: Development): Basis => d.basis ?? 'feeds'
