// Finds lexicon terms in a clause with their positions. Same term syntax as topics and aliases (see
// src/3-normalise/terms.ts), but the ceasefire reader needs to know where each cue is (what a verb's nearest object
// is, whether a negation stands right before it), which TermIndex's counts do not say.
import { isAcronym, type Entry, type WordPattern } from '../../3-normalise/terms.js'

export interface CueMatch<K> {
  key: K
  /** Character offsets in the text searched. */
  start: number
  end: number
}

interface Token {
  /** Normalised: apostrophes and initialism dots removed, English possessive dropped. */
  text: string
  lower: string
  /** The lower-case word and its English singulars ("talks" → "talk"). */
  forms: string[]
  start: number
  end: number
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/
// Latin, Cyrillic and Greek words; apostrophes (Ukrainian п'ять) and dots between letters (U.S.) stay inside a word.
const WORD = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M}\p{N}]+(?:['’ʼ.][\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M}\p{N}]+)*/gu
const POSSESSIVE = /['’ʼ]s$/i

const JOINERS = /['’ʼ.]/

function normalise(word: string): string {
  if (!JOINERS.test(word)) return word
  return word.replace(POSSESSIVE, '').replace(/['’ʼ.]/g, '')
}

export function tokenise(text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(WORD)) {
    const t = normalise(m[0])
    const lower = t.toLowerCase()
    out.push({ text: t, lower, forms: singulars(lower), start: m.index, end: m.index + m[0].length })
  }
  return out
}

function singulars(lower: string): string[] {
  const out = [lower]
  if (lower.length > 3 && lower.endsWith('s')) out.push(lower.slice(0, -1))
  if (lower.length > 4 && lower.endsWith('es')) out.push(lower.slice(0, -2))
  return out
}

function matches(p: WordPattern, token: Token | undefined): boolean {
  if (!token) return false
  if (p.mode === 'caps') return token.text === p.text
  if (p.mode === 'stem') return token.lower.startsWith(p.text)
  return token.forms.includes(p.text)
}

export class CueIndex<K> {
  /**
   * Whether a longer match hides a shorter one inside it: by default every one does ("ceasefire" inside "ceasefire
   * talks"); an index of several kinds of term says which compete (a party's name does not hide a verb).
   */
  constructor(private readonly hides: (outer: K, inner: K) => boolean = () => true) {}

  private readonly words = new Map<string, Entry<K>[]>()
  private readonly caps = new Map<string, Entry<K>[]>()
  private readonly stems = new Map<string, Entry<K>[]>()
  /** Japanese terms by their first character: a text is scanned once, not once per term. */
  private readonly substrings = new Map<string, [string, K][]>()
  /** The distinct lengths of stems, shortest first: a word is looked up by its prefixes of these lengths only. */
  private stemLengths: number[] = []
  /** The first few letters of every stem: most words start with none of them and skip the stem lookups. */
  private stemHeads = new Set<string>()
  private headLength = Infinity

  private readonly terms: [string, K][] = []

  /** Every term added, with its key. */
  each(visit: (term: string, key: K) => void): void {
    for (const [term, key] of this.terms) visit(term, key)
  }

  add(term: string, key: K): void {
    this.terms.push([term, key])
    if (CJK.test(term)) {
      const first = term[0]!
      this.substrings.set(first, [...(this.substrings.get(first) ?? []), [term, key]])
      return
    }
    const caps = isAcronym(term)
    const patterns = term
      .trim()
      .split(/[\s\u00a0-]+/)
      .filter(Boolean)
      .map((raw): WordPattern => {
        const stem = raw.endsWith('*')
        const text = normalise(stem ? raw.slice(0, -1) : raw)
        return { text: caps ? text : text.toLowerCase(), mode: caps ? 'caps' : stem ? 'stem' : 'plain' }
      })
    const [first, ...rest] = patterns
    if (!first || !first.text) return
    const map = first.mode === 'caps' ? this.caps : first.mode === 'stem' ? this.stems : this.words
    map.set(first.text, [...(map.get(first.text) ?? []), { key, rest }])
    if (first.mode === 'stem') {
      if (!this.stemLengths.includes(first.text.length)) this.stemLengths = [...this.stemLengths, first.text.length].sort((a, b) => a - b)
      if (first.text.length < this.headLength) {
        this.headLength = first.text.length
        this.stemHeads = new Set([...this.stems.keys()].map((stem) => stem.slice(0, this.headLength)))
      }
      this.stemHeads.add(first.text.slice(0, this.headLength))
    }
  }

  /** Every match, in text order; a match lying inside a longer one is dropped ("ceasefire" inside "ceasefire talks"). */
  find(text: string, tokens: Token[] = tokenise(text)): CueMatch<K>[] {
    const found: CueMatch<K>[] = []
    const visit = (entries: Entry<K>[] | undefined, at: number) => {
      for (const { key, rest } of entries ?? []) {
        if (rest.every((p, j) => matches(p, tokens[at + 1 + j]))) found.push({ key, start: tokens[at]!.start, end: tokens[at + rest.length]!.end })
      }
    }
    tokens.forEach((token, i) => {
      for (const form of token.forms) visit(this.words.get(form), i)
      visit(this.caps.get(token.text), i)
      if (token.lower.length < this.headLength || !this.stemHeads.has(token.lower.slice(0, this.headLength))) return
      for (const n of this.stemLengths) {
        if (n > token.lower.length) break
        visit(this.stems.get(token.lower.slice(0, n)), i)
      }
    })
    if (this.substrings.size && CJK.test(text)) {
      for (let at = 0; at < text.length; at++) {
        for (const [term, key] of this.substrings.get(text[at]!) ?? []) if (text.startsWith(term, at)) found.push({ key, start: at, end: at + term.length })
      }
    }
    return outermost(found, this.hides)
  }
}

/** Drops matches strictly inside a longer match; equal spans (one term under several keys) all stay. */
function outermost<K>(found: CueMatch<K>[], hides: (outer: K, inner: K) => boolean): CueMatch<K>[] {
  const bySize = [...found].sort((a, b) => b.end - b.start - (a.end - a.start))
  const kept: CueMatch<K>[] = []
  for (const m of bySize) {
    const inside = kept.some((k) => k.start <= m.start && m.end <= k.end && k.end - k.start > m.end - m.start && hides(k.key, m.key))
    if (!inside && !kept.some((k) => k.key === m.key && k.start === m.start && k.end === m.end)) kept.push(m)
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end)
}
