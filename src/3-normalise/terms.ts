// The term syntax shared by topic definitions and the alias dictionary:
// - a plain term matches a whole word, case-insensitively (English plural/possessive endings allowed);
// - "stem*" matches any word starting with stem (Russian/Ukrainian inflection); each word of a phrase may be one;
// - a term written in capitals (US, NATO, СВО) matches only in capitals;
// - a Japanese/Chinese-script term matches anywhere.
// Terms compile into hash lookups over the text's words, so matching costs the same for 10 terms or 10,000.

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/
// Words of alphabetic scripts only: Japanese and Chinese have no word spaces and are matched as substrings, and
// splitting at the script boundary lets "NATO" match inside "NATO加盟国".
const WORD = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M}\p{N}]+/gu
/** "U.S." and "U.K." become "US" and "UK", in terms and texts alike. */
const INITIALISM = /(?<![\p{L}])(\p{L})\.(?=\p{L})/gu
// The cheap test first: most texts have no letter.letter at all, and the lookbehind scan is the costly part.
const foldInitialisms = (text: string) => (/\p{L}\.\p{L}/u.test(text) ? text.replace(INITIALISM, '$1') : text)

export function isAcronym(term: string): boolean {
  const letters = term.replace(/[^\p{L}]/gu, '')
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
}

export interface WordPattern {
  text: string
  mode: 'plain' | 'stem' | 'caps'
}

export interface Entry<K> {
  key: K
  rest: WordPattern[]
}

function wordsOf(text: string): string[] {
  return foldInitialisms(text).match(WORD) ?? []
}

/** English plural and possessive forms fold to the singular ("talks" → "talk", "sanctions" → "sanction"). */
function singulars(lower: string): string[] {
  const out = [lower]
  if (lower.length > 3 && lower.endsWith('s')) out.push(lower.slice(0, -1))
  if (lower.length > 4 && lower.endsWith('es')) out.push(lower.slice(0, -2))
  return out
}

function matchesWord(pattern: WordPattern, word: string): boolean {
  if (pattern.mode === 'caps') return word === pattern.text
  const lower = word.toLowerCase()
  if (pattern.mode === 'stem') return lower.startsWith(pattern.text)
  return singulars(lower).includes(pattern.text)
}

export class TermIndex<K> {
  private readonly byWord = new Map<string, Entry<K>[]>()
  private readonly byStem = new Map<string, Entry<K>[]>()
  private readonly byCaps = new Map<string, Entry<K>[]>()
  private readonly substrings: [string, K][] = []
  private minStem = Infinity
  private maxStem = 0
  /** The first minStem letters of every stem: most words start with none of them and skip the stem lookups. */
  private stemHeads = new Set<string>()

  add(term: string, key: K): void {
    if (CJK.test(term)) {
      this.substrings.push([term, key])
      return
    }
    const caps = isAcronym(term)
    const patterns: WordPattern[] = term
      .trim()
      .split(/[\s\u00a0-]+/)
      .flatMap((raw) => {
        const stem = raw.endsWith('*')
        return wordsOf(stem ? raw.slice(0, -1) : raw).map((w, i, all): WordPattern => ({
          text: caps ? w : w.toLowerCase(),
          mode: caps ? 'caps' : stem && i === all.length - 1 ? 'stem' : 'plain',
        }))
      })
    const [first, ...rest] = patterns
    if (!first) return
    const entry = { key, rest }
    const map = first.mode === 'caps' ? this.byCaps : first.mode === 'stem' ? this.byStem : this.byWord
    map.set(first.text, [...(map.get(first.text) ?? []), entry])
    if (first.mode === 'stem') {
      if (first.text.length < this.minStem) {
        this.minStem = first.text.length
        this.stemHeads = new Set([...this.byStem.keys()].map((stem) => stem.slice(0, this.minStem)))
      }
      this.stemHeads.add(first.text.slice(0, this.minStem))
      this.maxStem = Math.max(this.maxStem, first.text.length)
    }
  }

  /** Keys of the terms found in the text, with how often each was found. */
  match(text: string): Map<K, number> {
    const found = new Map<K, number>()
    const words = wordsOf(text)
    // Candidates in a fixed order (whole word, its singulars, capitals, stems by length), so that the keys come out in
    // the order they are first found.
    const visit = (entries: Entry<K>[] | undefined, at: number) => {
      if (!entries) return
      for (const { key, rest } of entries) {
        if (rest.every((p, j) => matchesWord(p, words[at + 1 + j] ?? ''))) found.set(key, (found.get(key) ?? 0) + 1)
      }
    }
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!
      const lower = word.toLowerCase()
      visit(this.byWord.get(lower), i)
      if (lower.length > 3 && lower.endsWith('s')) {
        visit(this.byWord.get(lower.slice(0, -1)), i)
        if (lower.length > 4 && lower.endsWith('es')) visit(this.byWord.get(lower.slice(0, -2)), i)
      }
      visit(this.byCaps.get(word), i)
      if (lower.length >= this.minStem && this.stemHeads.has(lower.slice(0, this.minStem))) {
        for (let n = this.minStem; n <= Math.min(this.maxStem, lower.length); n++) visit(this.byStem.get(lower.slice(0, n)), i)
      }
    }
    if (this.substrings.length && CJK.test(text)) {
      for (const [term, key] of this.substrings) {
        for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) found.set(key, (found.get(key) ?? 0) + 1)
      }
    }
    return found
  }
}
