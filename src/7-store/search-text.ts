// One normal form for stored titles and searched words, applied in JavaScript on both sides: SQLite's lower() and
// LIKE fold ASCII only, and PostgreSQL's depend on the database's locale, so the databases never do the folding.
// NFKC makes full-width Latin and half-width katakana match their usual forms; ё is written е as often as not.
export function searchForm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll('ё', 'е')
}

/** The distinct words of a query, in normal form. */
export function searchWords(query: string): string[] {
  return [...new Set(searchForm(query).split(/\s+/u).filter(Boolean))]
}
