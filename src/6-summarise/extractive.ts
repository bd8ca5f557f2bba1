// Extractive story summaries: whole sentences taken from the story's own items, so every sentence is checkable
// against the item it links to. Sentences are scored across all independent members by centrality (how much of
// what the story's items share they carry, across languages through the alias ids), position (ledes first) and
// length; near-repeats are dropped. Sentences in the requested language are preferred; other languages fill in
// when it has none, and keep their language so renderers can tag them.
import { shingles } from '../4-dedupe/minhash.js'
import type { EntityExtractor } from '../5-cluster/aliases.js'
import { contentWords, mentionedNumbers } from '../5-cluster/features.js'
import { splitSentences } from '../3-normalise/sentences.js'
import type { StorySummary, SummaryInput, SummarySentence } from './types.js'

export interface ExtractiveOptions {
  maxSentences: number
  /** Stop adding sentences past this many characters (Japanese counts double: it packs more per character). */
  maxChars: number
}

export const DEFAULT_EXTRACTIVE: ExtractiveOptions = { maxSentences: 3, maxChars: 600 }

interface Candidate extends SummarySentence {
  features: Set<string>
  position: number
  shingles: Set<string>
  score: number
}

const REDUNDANT = 0.5
const visualLength = (text: string, language: string) => (language === 'ja' ? text.length * 2 : text.length)

function sentenceFeatures(text: string, language: string, entities: EntityExtractor): Set<string> {
  return new Set([
    ...[...entities(text).keys()].map((id) => `c:${id}`),
    ...mentionedNumbers(text).map((n) => `n:${n}`),
    ...contentWords(text, language).map((w) => `w:${language}:${w}`),
  ])
}

function lengthFactor(text: string, language: string): number {
  const n = visualLength(text, language)
  if (n < 40) return 0.3
  if (n > 500) return 0.5
  return 1
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0
  for (const x of a) if (b.has(x)) both++
  return both / (a.size + b.size - both || 1)
}

function candidates(input: SummaryInput, entities: EntityExtractor): Candidate[] {
  const out: Candidate[] = []
  for (const item of input.items) {
    if (item.duplicateOf) continue // a near-copy says nothing its original does not
    const body = splitSentences(item.text, item.language).filter((s) => /\p{L}/u.test(s))
    const sentences = body.length ? body.slice(0, 8) : [item.title]
    sentences.forEach((text, position) => {
      out.push({ text, url: item.url, language: item.language, position, score: 0, features: sentenceFeatures(text, item.language, entities), shingles: shingles(text) })
    })
  }
  return out
}

function score(all: Candidate[]): void {
  // How many items' sentences carry each feature: what the story's coverage agrees on.
  const support = new Map<string, Set<string>>()
  for (const c of all) for (const f of c.features) support.set(f, (support.get(f) ?? new Set()).add(c.url))
  const items = new Set(all.map((c) => c.url)).size
  for (const c of all) {
    let central = 0
    for (const f of c.features) central += (support.get(f)!.size - 1) / Math.max(1, items - 1) + (f.startsWith('c:') || f.startsWith('n:') ? 0.5 : 0)
    const normalised = central / Math.sqrt(c.features.size || 1)
    c.score = (normalised + 0.1) * (1 / (1 + 0.4 * c.position)) * lengthFactor(c.text, c.language)
  }
}

export function summariseExtractive(
  input: SummaryInput,
  language: string,
  entities: EntityExtractor,
  options: ExtractiveOptions = DEFAULT_EXTRACTIVE,
): StorySummary {
  const all = candidates(input, entities)
  score(all)
  const inLanguage = all.filter((c) => c.language === language)
  const inEnglish = all.filter((c) => c.language === 'en')
  // Fall back to English, then to whatever the story has, rather than to nothing.
  const pool = inLanguage.length ? inLanguage : inEnglish.length ? inEnglish : all
  const chosen: Candidate[] = []
  let chars = 0
  for (const c of [...pool].sort((a, b) => b.score - a.score)) {
    if (chosen.length >= options.maxSentences) break
    if (chosen.some((s) => jaccard(s.shingles, c.shingles) > REDUNDANT)) continue
    const length = visualLength(c.text, c.language)
    if (chosen.length > 0 && chars + length > options.maxChars) continue
    chosen.push(c)
    chars += length
  }
  // Read in order: items as first chosen, and within an item its sentences as written.
  const itemOrder = [...new Set(chosen.map((c) => c.url))]
  chosen.sort((a, b) => itemOrder.indexOf(a.url) - itemOrder.indexOf(b.url) || a.position - b.position)
  return { method: 'extractive', sentences: chosen.map(({ text, url, language: lang }) => ({ text, url, language: lang })) }
}
