// A subscription's filters applied to one story, for its digest and its alerts alike, with the reason a story is left
// out, so that /digest explain:true can say it. Terms go through the project's term matcher (src/3-normalise/terms.ts:
// whole words with English plurals, "stem*" for inflected languages, capitals-only acronyms, Japanese as written):
// no user-supplied pattern is ever compiled, so no filter can make matching slow.
//
// Only the sources the filters keep count: an item in another language or of a left-out kind neither counts as an
// outlet nor is searched for terms. "Outlets" means what alerts already meant by it: distinct outlets among the
// story's independent reports (near-copies not counted), here among the kept ones; with no language or kind filter
// it is the story's own outlet count.
//
// Alerts judge every subscription against every recent story each minute: the terms of all of them are matched
// against each report once (TermsFound), and each subscription only looks its terms up in what was found.
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

/** The terms each report names, of a set of terms (every subscription's in a planning run), matched once per report. */
export class TermsFound {
  private readonly index = new TermIndex<string>()
  private readonly byItem = new Map<number, Set<string>>()

  constructor(terms: Iterable<string>) {
    for (const term of new Set(terms)) this.index.add(term, term)
  }

  static of(filters: SubscriptionFilters[]): TermsFound {
    return new TermsFound(filters.flatMap((f) => [...f.include, ...f.exclude]))
  }

  in(item: StoryItem): Set<string> {
    let found = this.byItem.get(item.id)
    if (!found) this.byItem.set(item.id, (found = new Set(this.index.match(`${item.title}\n${item.text}`).keys())))
    return found
  }
}

/** The first of the terms (in the channel's order) that one of the kept reports names. */
function firstNamed(found: TermsFound, terms: string[], items: StoryItem[]): string | null {
  if (terms.length === 0) return null
  const named = items.map((i) => found.in(i))
  return terms.find((t) => named.some((n) => n.has(t))) ?? null
}

const uniqueSorted = (values: string[]) => [...new Set(values)].sort()

/** `found` must know the filters' terms (TermsFound.of the run's filters); by default it knows just these. */
export function compileFilters(filters: SubscriptionFilters, found: TermsFound = TermsFound.of([filters])): CompiledFilters {
  const include = filters.include.length > 0
  const exclude = filters.exclude.length > 0
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
      const excluded = firstNamed(found, filters.exclude, kept)
      if (excluded !== null) return { kept: false, reason: 'excluded', term: excluded }
      const matched = firstNamed(found, filters.include, kept)
      if (include && matched === null) return { kept: false, reason: 'no-include' }
      const outlets = kept.length === independent.length ? story.outletCount : new Set(kept.map((i) => i.source)).size
      if (outlets < minOutlets) return { kept: false, reason: 'outlets', outlets, min: minOutlets }
      return { kept: true, outlets, matched }
    },
  }
}
