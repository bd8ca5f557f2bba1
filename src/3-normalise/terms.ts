// The term syntax shared by topic definitions and the alias dictionary:
// - a plain term matches a whole word, case-insensitively (English plural/possessive endings allowed);
// - "stem*" matches any word starting with stem (Russian/Ukrainian inflection); each word of a phrase may be one;
// - a term written in capitals (US, NATO, СВО) matches only in capitals;
// - a Japanese/Chinese-script term matches anywhere.
// Every item of every poll is matched against hundreds of terms, so matching is one pass over the text's character
// codes: words are cut into reused buffers (no string per word) and looked up in a character trie of the terms, so
// a word costs a few steps whether there are 10 terms or 10,000.

import { CodeTrie, NONE, ROOT } from './code-trie.js'

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/
const WORD_CHARACTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M}\p{N}]/u
const WORD_CHAR = 1
const LETTER = 2
const HAN_OR_KANA = 4
const FULL_STOP = 0x2e

interface CharTables {
  /** WORD_CHAR: Latin, Cyrillic, Greek, marks and digits (Japanese and Chinese have no word spaces and are matched as
   * substrings; splitting at the script boundary lets "NATO" match inside "NATO加盟国"). LETTER: any letter. */
  classes: Uint8Array
  /** The lower-case form of each UTF-16 code unit (itself where lower-casing would change the length). */
  lower: Uint16Array
}

let tables: CharTables | undefined

function charTables(): CharTables {
  if (tables) return tables
  const letter = /\p{L}/u
  const classes = new Uint8Array(0x10000)
  const lower = new Uint16Array(0x10000)
  for (let c = 0; c < 0x10000; c++) {
    const char = String.fromCharCode(c)
    const isSurrogate = c >= 0xd800 && c <= 0xdfff
    if (!isSurrogate && WORD_CHARACTER.test(char)) classes[c]! |= WORD_CHAR
    if (!isSurrogate && letter.test(char)) classes[c]! |= LETTER
    if (CJK.test(char)) classes[c]! |= HAN_OR_KANA
    const folded = char.toLowerCase()
    lower[c] = folded.length === 1 ? folded.charCodeAt(0) : c
  }
  tables = { classes, lower }
  return tables
}

/** The words of a text as spans of two parallel buffers (as written, and lower-cased). */
interface Words {
  count: number
  /** Whether the text has kana or Han characters, so substring terms are worth looking for. */
  hasCjk: boolean
  start: Int32Array
  end: Int32Array
  original: Uint16Array
  lower: Uint16Array
}

function isLetterAt(text: string, at: number, classes: Uint8Array): boolean {
  return at >= 0 && at < text.length && (classes[text.charCodeAt(at)]! & LETTER) !== 0
}

/**
 * Cuts the text into words. "U.S." and "U.K." become "US" and "UK": a full stop after a lone letter and before
 * another letter is dropped, in terms and texts alike.
 */
function cutWords(text: string, into: Words): Words {
  const { classes, lower } = charTables()
  if (into.original.length < text.length) Object.assign(into, wordBuffers(text.length * 2))
  let count = 0
  let length = 0
  let inWord = false
  let cjk = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const kind = classes[c]!
    cjk |= kind
    if (kind & WORD_CHAR) {
      if (!inWord) into.start[count] = length
      inWord = true
      into.original[length] = c
      into.lower[length++] = lower[c]!
    } else if (c === FULL_STOP && isLetterAt(text, i - 1, classes) && !isLetterAt(text, i - 2, classes) && isLetterAt(text, i + 1, classes)) {
      continue
    } else if (inWord) {
      into.end[count++] = length
      inWord = false
    }
  }
  if (inWord) into.end[count++] = length
  into.count = count
  into.hasCjk = (cjk & HAN_OR_KANA) !== 0
  return into
}

function wordBuffers(chars: number): Pick<Words, 'start' | 'end' | 'original' | 'lower'> {
  return { start: new Int32Array(chars + 1), end: new Int32Array(chars + 1), original: new Uint16Array(chars), lower: new Uint16Array(chars) }
}

/** match() runs to completion without calling out, so one set of buffers serves every index; most ledes fit. */
const scratch: Words = { count: 0, hasCjk: false, ...wordBuffers(4096) }

/** Word w as written. */
function spelling(words: Words, w: number): string {
  return String.fromCharCode(...words.original.subarray(words.start[w], words.end[w]))
}

// The words of a term, by the same rules as cutWords, written as regular expressions. Terms are split here rather
// than by cutWords: V8 optimises cutWords for what it has seen, and a few hundred short terms first left it several
// times slower on the texts that follow.
const WORD = new RegExp(`${WORD_CHARACTER.source}+`, 'gu')
const INITIALISM = /(?<![\p{L}])(\p{L})\.(?=\p{L})/gu

function wordsOf(term: string): string[] {
  return term.replace(INITIALISM, '$1').match(WORD) ?? []
}

function lowerCase(word: string): string {
  const { lower } = charTables()
  let out = ''
  for (let i = 0; i < word.length; i++) out += String.fromCharCode(lower[word.charCodeAt(i)]!)
  return out
}

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

const S = 0x73
const E = 0x65

function sameCodes(buffer: Uint16Array, from: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (buffer[from + i] !== text.charCodeAt(i)) return false
  return true
}

/** English plural and possessive forms fold to the singular ("talks" → "talk", "sanctions" → "sanction"). */
function isPluralOf(words: Words, w: number, singular: string): boolean {
  const start = words.start[w]!
  const length = words.end[w]! - start
  const suffix = length - singular.length
  if (suffix === 1) return length > 3 && words.lower[start + length - 1] === S && sameCodes(words.lower, start, singular)
  if (suffix === 2) return length > 4 && words.lower[start + length - 2] === E && words.lower[start + length - 1] === S && sameCodes(words.lower, start, singular)
  return false
}

function matchesWord(pattern: WordPattern, words: Words, w: number): boolean {
  if (w >= words.count) return false
  const start = words.start[w]!
  const length = words.end[w]! - start
  if (pattern.mode === 'caps') return length === pattern.text.length && sameCodes(words.original, start, pattern.text)
  if (pattern.mode === 'stem') return length >= pattern.text.length && sameCodes(words.lower, start, pattern.text)
  if (length === pattern.text.length) return sameCodes(words.lower, start, pattern.text)
  return isPluralOf(words, w, pattern.text)
}

/** Counts the entries whose first word is word w and whose other words follow it. Plain loops, no closures: this
 * runs for nearly every word of every item. */
function countMatches<K>(entries: Entry<K>[], words: Words, w: number, found: Map<K, number>): void {
  for (const { key, rest } of entries) {
    let all = true
    for (let j = 0; j < rest.length && all; j++) all = matchesWord(rest[j]!, words, w + 1 + j)
    if (all) found.set(key, (found.get(key) ?? 0) + 1)
  }
}

/** What ends at a node of the word trie: terms whose first word is the path to it, whole or as its start. */
const PLAIN = 1
const STEM = 2
const CAPS = 4

export class TermIndex<K> {
  private readonly words = new CodeTrie()
  private wordFlags = new Uint8Array(64)
  private readonly plain = new Map<number, Entry<K>[]>()
  private readonly stems = new Map<number, Entry<K>[]>()
  /** Capitals-only terms by their exact spelling (the trie path is its lower case). */
  private readonly caps = new Map<number, Map<string, Entry<K>[]>>()
  private readonly substrings = new CodeTrie()
  /** Indexes into substringKeys of the substring terms ending at each node. */
  private readonly substringEnds = new Map<number, number[]>()
  /** 1 at the nodes where a substring term ends. */
  private substringFlags = new Uint8Array(64)
  private readonly substringKeys: K[] = []
  /** First code units of the substring terms, so that most positions of a Japanese text cost one array read. */
  private readonly substringStarts = new Uint8Array(0x10000)
  /** Reused by matchWord: the nodes of the stems a word starts with. */
  private readonly stemNodes: number[] = []

  add(term: string, key: K): void {
    if (CJK.test(term)) this.addSubstring(term, key)
    else this.addWords(term, key)
  }

  private addSubstring(term: string, key: K): void {
    const node = this.substrings.insert(term)
    if (this.substringFlags.length < this.substrings.size) this.substringFlags = growTo(this.substringFlags, this.substrings.size)
    this.substringFlags[node] = 1
    this.substringEnds.set(node, [...(this.substringEnds.get(node) ?? []), this.substringKeys.length])
    this.substringKeys.push(key)
    this.substringStarts[term.charCodeAt(0)] = 1
  }

  private addWords(term: string, key: K): void {
    const caps = isAcronym(term)
    const patterns: WordPattern[] = term
      .trim()
      .split(/[\s\u00a0-]+/)
      .flatMap((raw) => {
        const stem = raw.endsWith('*')
        return wordsOf(stem ? raw.slice(0, -1) : raw).map((w, i, all): WordPattern => ({
          text: caps ? w : lowerCase(w),
          mode: caps ? 'caps' : stem && i === all.length - 1 ? 'stem' : 'plain',
        }))
      })
    const [first, ...rest] = patterns
    if (!first) return
    const node = this.words.insert(lowerCase(first.text))
    if (this.wordFlags.length < this.words.size) this.wordFlags = growTo(this.wordFlags, this.words.size)
    const entry = { key, rest }
    if (first.mode === 'plain') append(this.plain, node, entry)
    else if (first.mode === 'stem') append(this.stems, node, entry)
    else {
      const bySpelling = this.caps.get(node) ?? new Map<string, Entry<K>[]>()
      this.caps.set(node, bySpelling)
      append(bySpelling, first.text, entry)
    }
    this.wordFlags[node]! |= first.mode === 'plain' ? PLAIN : first.mode === 'stem' ? STEM : CAPS
  }

  /** Keys of the terms found in the text, with how often each was found. */
  match(text: string): Map<K, number> {
    const found = new Map<K, number>()
    const words = cutWords(text, scratch)
    for (let w = 0; w < words.count; w++) this.matchWord(words, w, found)
    if (this.substringKeys.length && words.hasCjk) this.matchSubstrings(text, found)
    return found
  }

  /**
   * Candidates in a fixed order (the whole word, its singulars, capitals, stems shortest first), so that the keys come
   * out in the order they are first found.
   */
  private matchWord(words: Words, w: number, found: Map<K, number>): void {
    const { lower } = words
    const flags = this.wordFlags
    const start = words.start[w]!
    const length = words.end[w]! - start
    const stemNodes = this.stemNodes
    let stemCount = 0
    // Walking the word's letters down the trie passes the nodes of its stems and, for "talks", of "talk" and "tal".
    let withoutS = NONE
    let withoutEs = NONE
    let node = ROOT
    let depth = 0
    for (; depth < length; depth++) {
      if (depth === length - 2) withoutEs = node
      else if (depth === length - 1) withoutS = node
      if (flags[node]! & STEM) stemNodes[stemCount++] = node
      node = this.words.next(node, lower[start + depth]!)
      if (node === NONE) break
    }
    // NONE is the root, which no term ends at: its flags are 0.
    const whole = depth === length ? node : NONE
    if (flags[whole]! & STEM) stemNodes[stemCount++] = whole
    if (flags[whole]! & PLAIN) countMatches(this.plain.get(whole)!, words, w, found)
    if (length > 3 && lower[start + length - 1] === S) {
      if (flags[withoutS]! & PLAIN) countMatches(this.plain.get(withoutS)!, words, w, found)
      if (length > 4 && lower[start + length - 2] === E && flags[withoutEs]! & PLAIN) countMatches(this.plain.get(withoutEs)!, words, w, found)
    }
    if (flags[whole]! & CAPS) {
      const caps = this.caps.get(whole)!.get(spelling(words, w))
      if (caps) countMatches(caps, words, w, found)
    }
    for (let i = 0; i < stemCount; i++) countMatches(this.stems.get(stemNodes[i]!)!, words, w, found)
  }

  /** Each term's occurrences are counted without overlaps, leftmost first, as a repeated indexOf would. */
  private matchSubstrings(text: string, found: Map<K, number>): void {
    let counts: Map<number, number> | undefined
    let nextFree: Map<number, number> | undefined
    for (let at = 0; at < text.length; at++) {
      if (!this.substringStarts[text.charCodeAt(at)]) continue
      let node = this.substrings.next(ROOT, text.charCodeAt(at))
      for (let end = at + 1; node !== NONE; end++) {
        if (this.substringFlags[node]) {
          for (const term of this.substringEnds.get(node)!) {
            counts ??= new Map()
            nextFree ??= new Map()
            if (at < (nextFree.get(term) ?? 0)) continue
            counts.set(term, (counts.get(term) ?? 0) + 1)
            nextFree.set(term, end)
          }
        }
        node = end < text.length ? this.substrings.next(node, text.charCodeAt(end)) : NONE
      }
    }
    if (!counts) return
    for (const term of [...counts.keys()].sort((a, b) => a - b)) {
      const key = this.substringKeys[term]!
      found.set(key, (found.get(key) ?? 0) + counts.get(term)!)
    }
  }
}

function append<Id, V>(map: Map<Id, V[]>, id: Id, value: V): void {
  map.set(id, [...(map.get(id) ?? []), value])
}

function growTo(array: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  const grown = new Uint8Array(Math.max(size, array.length * 2))
  grown.set(array)
  return grown
}
