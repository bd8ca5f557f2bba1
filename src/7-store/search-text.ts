// One normal form for stored titles and searched words, applied in JavaScript on both sides: SQLite's lower() and
// LIKE fold ASCII only, and PostgreSQL's depend on the database's locale, so the databases never do the folding.
// NFKC makes full-width Latin and half-width katakana match their usual forms; ё is written е as often as not.
import { stemWord } from '../5-cluster/features.js'

export function searchForm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll('ё', 'е')
}

/** One word of a query: found where a title contains any of its forms, or where the story names one of its entities. */
export interface SearchTerm {
  forms: string[]
  /** Alias-dictionary ids the word names in any language ("Zelensky", "Зеленського", "ゼレンスキー" → person:zelensky). */
  entities: string[]
}

/** Shorter stems ("new" from "news", "u" from "us") would find nearly everything. */
const MIN_STEM = 4

/** The word as typed and its light stem, so that "переговорах" finds "переговоры" and "sanctions" finds "sanction". */
function formsOf(word: string): string[] {
  const language = /\p{Script=Cyrillic}/u.test(word) ? 'ru' : /\p{Script=Latin}/u.test(word) ? 'en' : null
  const stem = language ? stemWord(word, language) : word
  return stem.length >= MIN_STEM && stem !== word ? [word, stem] : [word]
}

/**
 * A query's distinct words as terms. `entitiesOf` reads each word as typed (capitals matter: "US" is a country, "us"
 * is not) with the alias dictionary the stories' entities were extracted with.
 */
export function searchTerms(query: string, entitiesOf: (word: string) => Iterable<string>): SearchTerm[] {
  const terms = new Map<string, SearchTerm>()
  for (const typed of query.normalize('NFKC').split(/\s+/u).filter(Boolean)) {
    const word = searchForm(typed)
    const entities = [...new Set([...(terms.get(word)?.entities ?? []), ...entitiesOf(typed)])]
    terms.set(word, { forms: formsOf(word), entities })
  }
  return [...terms.values()]
}

/** The same test as the store's search, for texts held in memory (the curated chronology). */
export function matchesSearch(text: string, entities: readonly string[], terms: SearchTerm[]): boolean {
  const form = searchForm(text)
  return terms.length > 0 && terms.every((t) => t.forms.some((f) => form.includes(f)) || t.entities.some((e) => entities.includes(e)))
}
