// A subscription's filters applied to one story, for its digest and its alerts alike, with the reason a story is left
// out, so that /digest explain:true can say it. Terms go through the project's term matcher (src/3-normalise/terms.ts:
// whole words with English plurals, "stem*" for inflected languages, capitals-only acronyms, Japanese as written):
// no user-supplied pattern is ever compiled, so no filter can make matching slow.
//
// Only the sources the filters keep count: an item in another language or of a left-out kind neither counts as an
// outlet nor is searched for terms. "Outlets" means what alerts already meant by it: distinct outlets among the
// story's independent reports (near-copies not counted), here among the kept ones; with no language or kind filter
// it is the story's own outlet count.
import { TermIndex } from '../3-normalise/terms.js'
import type { StoryItem, StoryRecord, SubscriptionFilters } from '../7-store/types.js'

export type FilterOut =
  | { reason: 'language'; languages: string[] }
  | { reason: 'kind'; kinds: string[] }
  | { reason: 'excluded'; term: string }
  | { reason: 'no-include' }
  | { reason: 'outlets'; outlets: number; min: number }

export type FilterVerdict = { kept: true; outlets: number; matched: string | null } | ({ kept: false } & FilterOut)

export interface CompiledFilters {
  filters: SubscriptionFilters
  /** `minOutlets`: the digest's (filters.minOutlets) or the alert threshold. */
  judge(story: StoryRecord, minOutlets: number): FilterVerdict
}

function termIndex(terms: string[]): TermIndex<string> | null {
  if (terms.length === 0) return null
  const index = new TermIndex<string>()
  for (const term of terms) index.add(term, term)
  return index
}

/** The first of the terms (in the channel's order) that the kept reports name. */
function firstNamed(index: TermIndex<string> | null, terms: string[], items: StoryItem[]): string | null {
  if (!index) return null
  const found = new Set<string>()
  for (const item of items) for (const term of index.match(`${item.title}\n${item.text}`).keys()) found.add(term)
  return terms.find((t) => found.has(t)) ?? null
}

const uniqueSorted = (values: string[]) => [...new Set(values)].sort()

export function compileFilters(filters: SubscriptionFilters): CompiledFilters {
  const include = termIndex(filters.include)
  const exclude = termIndex(filters.exclude)
  const languages = new Set(filters.languages)
  const leftOutKinds = new Set(filters.excludeKinds)
  const none = !include && !exclude && languages.size === 0 && leftOutKinds.size === 0
  return {
    filters,
    judge(story, minOutlets) {
      // Most subscriptions have no filter, and alerts judge each of them against every recent story.
      if (none) return story.outletCount >= minOutlets ? { kept: true, outlets: story.outletCount, matched: null } : { kept: false, reason: 'outlets', outlets: story.outletCount, min: minOutlets }
      const independent = story.items.filter((i) => !i.duplicateOf)
      const inLanguage = languages.size === 0 ? independent : independent.filter((i) => languages.has(i.language))
      if (inLanguage.length === 0) return { kept: false, reason: 'language', languages: uniqueSorted(independent.map((i) => i.language)) }
      const kept = inLanguage.filter((i) => !leftOutKinds.has(i.sourceKind))
      if (kept.length === 0) return { kept: false, reason: 'kind', kinds: uniqueSorted(inLanguage.map((i) => i.sourceKind)) }
      const excluded = firstNamed(exclude, filters.exclude, kept)
      if (excluded !== null) return { kept: false, reason: 'excluded', term: excluded }
      const matched = firstNamed(include, filters.include, kept)
      if (include && matched === null) return { kept: false, reason: 'no-include' }
      const outlets = kept.length === independent.length ? story.outletCount : new Set(kept.map((i) => i.source)).size
      if (outlets < minOutlets) return { kept: false, reason: 'outlets', outlets, min: minOutlets }
      return { kept: true, outlets, matched }
    },
  }
}
