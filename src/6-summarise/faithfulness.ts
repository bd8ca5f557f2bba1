// Is a generated summary backed by the story's own items? Before an LLM summary is shown it must pass cheap,
// explainable checks; anything it cannot back up sends the caller back to the extractive summary:
// - links: every sentence's URL (and any URL in its text) is one of the sources';
// - entities: every person, country, place and organisation the dictionary finds is named by some source, compared
//   on alias ids, so 「プーチン」 in a Japanese summary is backed by "Putin" in an English item;
// - names outside the dictionary: capitalised Latin-script words (a lone capitalised word opening a sentence is
//   taken for an ordinary word) and, in Japanese, katakana runs of 3+ characters must occur in some source
//   (case- and accent-insensitively), or match a source's name in another script by sound (name-keys.ts:
//   「ゲルシコビッチ」 ~ "Gershkovich", "Shoigu" ~ «Шойгу»); common katakana loanwords are not names;
// - numbers: every number (mentionedNumbers: 30万 = 300,000, 1.5 million = 1500000, 21%), every year and every
//   English number word ("three") must occur among the sources' numbers;
// - language: the sentence is written mostly in the requested language's script.
// Content words the summary shares with no same-language source are counted too, but only into `score` (a
// paraphrase has some, and a story's other-language items cannot back them), which ranks summaries by how much
// unsupported content they carry.
// Pure functions: no I/O.
import type { EntityExtractor } from '../5-cluster/aliases.js'
import { contentWords, mentionedNumbers } from '../5-cluster/features.js'
import { katakanaKey, latinKey } from './name-keys.js'

export interface CheckedSentence {
  text: string
  url: string
}

export interface SourceItem {
  url: string
  title: string
  text: string
  language: string
}

export type ProblemKind = 'empty' | 'link' | 'entity' | 'name' | 'number' | 'language'

export interface FaithfulnessProblem {
  kind: ProblemKind
  /** Index of the sentence in the summary. */
  sentence: number
  /** What is unsupported: the URL, entity id, name or number. */
  detail: string
}

export interface FaithfulnessVerdict {
  ok: boolean
  problems: FaithfulnessProblem[]
  /** Content words found in no source of the summary's language (informational: paraphrases have some). */
  unsupportedWords: string[]
  /**
   * Unsupported content, 0 when everything is backed: 1 per problem, 0.25 per unsupported content word, plus the
   * share (0–1) of the summary's word pairs that no same-language source has. For ranking, not for accepting.
   */
  score: number
}

export interface FaithfulnessOptions {
  /** The language the summary was asked for; enables the script check and the lexical score. */
  language?: string
}

const CHECKED_KINDS = new Set(['person', 'country', 'place', 'org'])
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>)\]]+/giu

/** Words that open sentences or clauses; dropped from the front of a capitalised run ("The Kremlin" → "Kremlin"). */
const OPENERS = new Set(
  'the a an in on at after before but and or as for from with by while when if this that these those it its he she they we his her their our both meanwhile however also there then since under over amid despite according earlier later today yesterday on what who why how where some many most several other another each every all no not one two three'.split(
    ' ',
  ),
)

/** Roles and honorifics: part of a name run but not a name ("President Putin" rests on "Putin"). */
const TITLES = new Set(
  'president prime minister foreign defence defense interior finance secretary state general chancellor ambassador spokesman spokeswoman spokesperson deputy chief vice senator governor mayor king queen prince princess pope premier envoy special mr mrs ms dr sir lord lady commander colonel lieutenant admiral marshal sergeant captain patriarch chairman chairwoman speaker director'.split(
    ' ',
  ),
)

/** Common katakana loanwords of news writing: not names. */
const LOANWORDS = new Set(
  `ジャーナリスト ジャーナル テレビ ラジオ インターネット ネット オンライン メディア ニュース メッセージ コメント インタビュー スピーチ ビデオ
メール ソーシャル プラットフォーム サイト データ スパイ テロ テロリスト ハッカー ミサイル ドローン ロケット レーダー タンカー
ヘリコプター ジェット エンジン システム エネルギー パイプライン インフラ プラント ウラン ガソリン オイル ルーブル ユーロ フリヴニャ
グリブナ マーケット ビジネス コスト インフレ テーマ プロセス プラン プログラム プロジェクト シナリオ ルール ルート ライン
レベル ペース ポイント ケース リスト グループ チーム メンバー リーダー トップ パートナー サミット フォーラム キャンプ
センター ホテル オフィス アパート マンション エリア ゾーン ゼロ パーセント メートル キロメートル キログラム ボランティア ミッション
オペレーション イベント セキュリティ サイバー ウイルス ワクチン クリスマス パレード セレモニー スポーツ オリンピック トラック タクシー ボート
フェリー ホットライン テーブル ガイドライン ロードマップ パスポート ストライキ ボイコット キャンペーン コメンテーター アナリスト エコノミスト エキスパート スポークスマン
リスク バランス チャンス サポート アクセス コントロール モニター モデル タイプ サービス ターゲット ベース ポスト スケジュール
ラウンド ステージ シリーズ グローバル トーン ショック ダメージ コンテナ ビル`.split(/\s+/),
)

const EN_NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40,
  fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
}
const EN_SCALE: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 }

const stripUrls = (text: string) => text.replace(URL_IN_TEXT, ' ')

/** Full-width digits to ASCII, and a space between CJK text and a digit so "約30万人" yields 300000. */
function numberText(text: string): string {
  return stripUrls(text.normalize('NFKC'))
    .replace(/(?<!\d)\d{1,2}月(?!\d)/gu, ' ') // a month (「3月」), not a quantity: "in March" has no number to back it
    .replace(/(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー])(?=\d)/gu, ' ')
    // "£30m", "$1.2bn", "€500k" after a currency sign: the m is million, not metres
    .replace(/([£$€¥#₽₴]\s?\d+(?:[.,]\d+)?)\s?(m|bn|k)(?![\p{L}\d])/giu, (_m, amount: string, unit: string) => `${amount} ${({ m: 'million', bn: 'billion', k: 'thousand' } as Record<string, string>)[unit.toLowerCase()]}`)
}

/** Numbers a text states: digits (with 万, million … scales), years, and English number words. */
export function statedNumbers(text: string): Set<string> {
  const plain = numberText(text)
  const out = new Set(mentionedNumbers(plain))
  // mentionedNumbers leaves out whatever reads as a year, 2,000 included: years are claims too.
  for (const m of plain.matchAll(/(?<![\p{L}\d.,])(1[89]\d\d|20\d\d|[12][,\u00a0\u202f ]\d{3})(?!\d|[.,]\d|\s*(?:万|億|thousand|million|billion|bn|mln|млн|млрд|тыс|тис|миллион|мільйон|миллиард|мільярд))/giu)) {
    const value = Number(m[1]!.replace(/\D/g, ''))
    if (value >= 1800 && value <= 2100) out.add(String(value))
  }
  const words = plain.toLowerCase().match(/[a-z]+/g) ?? []
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    let value = EN_NUMBER_WORDS[word]
    if (value === undefined) continue
    // twenty-five, two hundred, three million
    const next = words[i + 1]
    if (value >= 20 && value < 100 && next && EN_NUMBER_WORDS[next] !== undefined && EN_NUMBER_WORDS[next]! < 10) value += EN_NUMBER_WORDS[words[++i]!]!
    const scale = words[i + 1] ? EN_SCALE[words[i + 1]!] : undefined
    if (scale && word !== 'hundred') {
      value *= scale
      i++
    }
    out.add(String(value))
  }
  return out
}

/** Lowercase, accents off, "U.S." → "us", possessive off. */
function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/u, '')
}

function variants(folded: string): string[] {
  const out = [folded]
  if (folded.length > 3 && folded.endsWith('s')) out.push(folded.slice(0, -1))
  if (folded.length > 4 && folded.endsWith('es')) out.push(folded.slice(0, -2))
  return out
}

const foldInitialisms = (text: string) => text.replace(/(?<![\p{L}])((?:\p{L}\.){2,})/gu, (m) => m.replace(/\./g, ''))

interface Token {
  word: string
  start: number
  end: number
}

function tokens(text: string): Token[] {
  return [...foldInitialisms(text).matchAll(/[\p{L}\p{M}\p{N}]+(?:['’]\p{L}+)?/gu)].map((m) => ({ word: m[0], start: m.index!, end: m.index! + m[0].length }))
}

const isLatin = (word: string) => /^\p{Script=Latin}/u.test(word)
const isCapitalised = (word: string) => /^\p{Lu}/u.test(word)

/**
 * Runs of capitalised Latin-script words that are names, not sentence openers. In a Latin-script sentence a lone
 * capitalised word at the start of a sentence, clause or quote is taken for an ordinary word; in other scripts every
 * capitalised Latin word counts.
 */
export function latinNameRuns(text: string, latinSentence: boolean): string[][] {
  const folded = foldInitialisms(text)
  const runs: { words: string[]; atStart: boolean }[] = []
  let current: { words: string[]; atStart: boolean } | null = null
  let previousEnd = 0
  for (const token of tokens(text)) {
    const gap = folded.slice(previousEnd, token.start)
    previousEnd = token.end
    if (!(isLatin(token.word) && isCapitalised(token.word) && token.word.length > 1)) {
      current = null
      continue
    }
    if (current && /^[\s\u00a0-]+$/u.test(gap)) {
      current.words.push(token.word)
      continue
    }
    const atStart = token.start === 0 || !/[\p{L}\p{N}]/u.test(folded.slice(0, token.start)) || /[.!?:;"“«(]/u.test(gap)
    runs.push((current = { words: [token.word], atStart }))
  }
  const out: string[][] = []
  for (const run of runs) {
    let words = run.words
    if (latinSentence && run.atStart) {
      if (OPENERS.has(words[0]!.toLowerCase())) words = words.slice(1)
      else if (words.length === 1) continue
    }
    if (words.length) out.push(words)
  }
  return out
}

/** Katakana runs of 3+ characters (split at ・ and ＝), a cheap detector of foreign names in Japanese. */
export function katakanaRuns(text: string): string[] {
  return text.match(/[\u30a1-\u30fa\u30fc]{3,}/gu)?.filter((run) => !/^ー/.test(run)) ?? []
}

function scriptShares(text: string): { latin: number; cyrillic: number; japanese: number; kana: number } {
  let latin = 0
  let cyrillic = 0
  let japanese = 0
  let kana = 0
  let letters = 0
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue
    letters++
    if (/\p{Script=Latin}/u.test(ch)) latin++
    else if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic++
    else if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/u.test(ch)) {
      japanese++
      if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) kana++
    }
  }
  const n = letters || 1
  return { latin: latin / n, cyrillic: cyrillic / n, japanese: japanese / n, kana }
}

/** Whether a sentence is written in the language's script (ja: mostly Japanese with kana; ru/uk: Cyrillic; en: Latin). */
export function inLanguageScript(text: string, language: string): boolean {
  const s = scriptShares(text)
  if (language === 'ja') return s.japanese >= 0.5 && s.kana > 0
  if (language === 'ru' || language === 'uk') return s.cyrillic >= 0.6
  if (language === 'en') return s.latin >= 0.6
  return true
}

export interface SourceIndex {
  urls: Set<string>
  ids: Set<string>
  words: Set<string>
  /** Titles and texts joined, for substring checks (katakana). */
  joined: string
  numbers: Set<string>
  contentWords: Map<string, Set<string>>
  bigrams: Map<string, Set<string>>
  /** Sound keys of the sources' names by script: katakana, and capitalised Latin and Cyrillic words and runs. */
  nameKeys: { kana: Set<string>; latin: Set<string>; cyrillic: Set<string> }
}

function bigramsOf(text: string, language: string): string[] {
  const words = language === 'ja' ? [...text.replace(/[^\p{L}\p{N}]/gu, '')] : tokens(text).map((t) => fold(t.word))
  return words.slice(1).map((w, i) => `${words[i]} ${w}`)
}

/** Pre-computes what the sources say, for checking several summaries against the same story. */
export function indexSources(sources: SourceItem[], entities: EntityExtractor): SourceIndex {
  const index: SourceIndex = {
    urls: new Set(),
    ids: new Set(),
    words: new Set(),
    joined: '',
    numbers: new Set(),
    contentWords: new Map(),
    bigrams: new Map(),
    nameKeys: { kana: new Set(), latin: new Set(), cyrillic: new Set() },
  }
  const parts: string[] = []
  for (const source of sources) {
    index.urls.add(source.url)
    for (const part of [source.title, source.text]) {
      if (!part) continue
      parts.push(part)
      for (const id of entities(part).keys()) index.ids.add(id)
      for (const token of tokens(part)) for (const v of variants(fold(token.word))) index.words.add(v)
      for (const n of statedNumbers(part)) index.numbers.add(n)
      const words = index.contentWords.get(source.language) ?? new Set()
      for (const w of contentWords(part, source.language)) words.add(w)
      index.contentWords.set(source.language, words)
      addNameKeys(part, index.nameKeys)
      const pairs = index.bigrams.get(source.language) ?? new Set()
      for (const b of bigramsOf(part, source.language)) pairs.add(b)
      index.bigrams.set(source.language, pairs)
    }
  }
  index.joined = parts.join('\n')
  return index
}

const KATAKANA_NAME = /[\u30a1-\u30fa\u30fc]+(?:[・＝=][\u30a1-\u30fa\u30fc]+)*/gu
const MIN_KEY = 3

/** Runs of adjacent capitalised words of one alphabetic script, anywhere in the text. */
function capitalisedRuns(text: string): { script: 'latin' | 'cyrillic'; words: string[] }[] {
  const runs: { script: 'latin' | 'cyrillic'; words: string[]; end: number }[] = []
  const folded = foldInitialisms(text)
  for (const token of tokens(text)) {
    const script = isLatin(token.word) ? 'latin' : /^\p{Script=Cyrillic}/u.test(token.word) ? 'cyrillic' : null
    if (!script || !isCapitalised(token.word)) continue
    const last = runs.at(-1)
    if (last && last.script === script && /^[\s\u00a0-]+$/u.test(folded.slice(last.end, token.start))) {
      last.words.push(token.word)
      last.end = token.end
    } else runs.push({ script, words: [token.word], end: token.end })
  }
  return runs
}

function addNameKeys(text: string, keys: SourceIndex['nameKeys']): void {
  for (const group of text.match(KATAKANA_NAME) ?? []) {
    const parts = group.split(/[・＝=]/)
    for (const part of parts) keys.kana.add(katakanaKey(part))
    if (parts.length > 1) keys.kana.add(katakanaKey(parts.join('')))
  }
  for (const run of capitalisedRuns(text)) {
    const set = keys[run.script]
    for (let i = 0; i < run.words.length; i++) {
      for (let j = i + 1; j <= Math.min(run.words.length, i + 3); j++) set.add(latinKey(run.words.slice(i, j).join('')))
    }
  }
}

/** A name matches a source's name in another script by its sound key (3+ classes: shorter keys match too much). */
function soundsLikeSource(key: string, scripts: Set<string>[]): boolean {
  return key.length >= MIN_KEY && scripts.some((set) => set.has(key))
}

function wordSupported(word: string, index: SourceIndex): boolean {
  return variants(fold(word)).some((v) => index.words.has(v))
}

/** Dictionary ids of people, countries, places and organisations named in the text (terms are not checked). */
function namedIds(text: string, entities: EntityExtractor): string[] {
  return [...entities(text).keys()].filter((id) => CHECKED_KINDS.has(entities.kindOf(id) ?? ''))
}

function unsupportedNameWords(run: string[], entities: EntityExtractor, index: SourceIndex): string[] {
  // Words of a dictionary name are left to the entity check, which compares ids ("White House" is backed by
  // 「ホワイトハウス」). A span names an entity when its shorter spans do not already: "Putin Sergei" leaves "Sergei".
  const covered = new Array<boolean>(run.length).fill(false)
  const idsOf = new Map<string, Set<string>>()
  const ids = (i: number, j: number) => {
    const key = `${i}:${j}`
    let found = idsOf.get(key)
    if (!found) idsOf.set(key, (found = j > i ? new Set(entities(run.slice(i, j).join(' ')).keys()) : new Set()))
    return found
  }
  for (let length = 1; length <= Math.min(6, run.length); length++) {
    for (let i = 0; i + length <= run.length; i++) {
      const j = i + length
      const shorter = new Set([...ids(i + 1, j), ...ids(i, j - 1)])
      if ([...ids(i, j)].some((id) => !shorter.has(id))) for (let k = i; k < j; k++) covered[k] = true
    }
  }
  const unsupported = run.filter((word, i) => !covered[i] && !TITLES.has(word.toLowerCase()) && !wordSupported(word, index))
  if (!unsupported.length) return []
  // A name written in another script by the sources: "Paul Whelan" ~ 「ポール・ウィーラン」, "Shoigu" ~ «Шойгу».
  const other = [index.nameKeys.kana, index.nameKeys.cyrillic]
  if (run.length > 1 && latinKey(run.join('')).length > MIN_KEY && soundsLikeSource(latinKey(run.join('')), other)) return []
  return unsupported.filter((word) => !soundsLikeSource(latinKey(word), other))
}

function checkSentence(sentence: CheckedSentence, n: number, index: SourceIndex, entities: EntityExtractor, language: string | undefined): FaithfulnessProblem[] {
  const problems: FaithfulnessProblem[] = []
  const add = (kind: ProblemKind, detail: string) => problems.push({ kind, sentence: n, detail })
  const text = stripUrls(sentence.text)
  if (!/\p{L}/u.test(text)) add('empty', sentence.text.slice(0, 40))
  if (!index.urls.has(sentence.url)) add('link', sentence.url)
  for (const m of sentence.text.matchAll(URL_IN_TEXT)) if (!index.urls.has(m[0])) add('link', m[0])
  if (language && !inLanguageScript(text, language)) add('language', `not ${language}`)

  const ids = namedIds(text, entities)
  for (const id of ids) if (!index.ids.has(id)) add('entity', id)

  const latinSentence = scriptShares(text).latin >= 0.5
  for (const run of latinNameRuns(text, latinSentence)) {
    for (const word of unsupportedNameWords(run, entities, index)) add('name', word)
  }
  for (const group of text.match(KATAKANA_NAME) ?? []) {
    const parts = group.split(/[・＝=]/)
    const other = [index.nameKeys.latin, index.nameKeys.cyrillic]
    const whole = katakanaKey(parts.join(''))
    if (parts.length > 1 && whole.length > MIN_KEY && soundsLikeSource(whole, other)) continue
    for (const run of parts.flatMap(katakanaRuns)) {
      if (LOANWORDS.has(run) || index.joined.includes(run)) continue
      if (entities(run).size) continue // a dictionary name or term: the entity check has judged it
      if (soundsLikeSource(katakanaKey(run), other)) continue
      add('name', run)
    }
  }
  for (const number of statedNumbers(text)) if (!index.numbers.has(number)) add('number', number)
  return dedupe(problems)
}

function dedupe(problems: FaithfulnessProblem[]): FaithfulnessProblem[] {
  const byKey = new Map(problems.map((p) => [`${p.kind}\0${p.detail}`, p]))
  return [...byKey.values()]
}

function lexical(sentence: CheckedSentence, language: string, index: SourceIndex): { words: string[]; novelPairs: number; pairs: number } {
  const known = index.contentWords.get(language)
  const knownPairs = index.bigrams.get(language)
  if (!known || !knownPairs) return { words: [], novelPairs: 0, pairs: 0 }
  const text = stripUrls(sentence.text)
  const words = [...new Set(contentWords(text, language))].filter((w) => !known.has(w) && !(language === 'ja' && index.joined.includes(w)))
  const pairs = bigramsOf(text, language)
  return { words, novelPairs: pairs.filter((p) => !knownPairs.has(p)).length, pairs: pairs.length }
}

/** Checks a summary's sentences against the items it may rest on. */
export function checkFaithfulness(
  sentences: CheckedSentence[],
  sources: SourceItem[] | SourceIndex,
  entities: EntityExtractor,
  options: FaithfulnessOptions = {},
): FaithfulnessVerdict {
  const index = Array.isArray(sources) ? indexSources(sources, entities) : sources
  const problems = sentences.flatMap((s, i) => checkSentence(s, i, index, entities, options.language))
  if (!sentences.length) problems.push({ kind: 'empty', sentence: 0, detail: 'no sentences' })
  const language = options.language
  let unsupportedWords: string[] = []
  let novelPairs = 0
  let pairs = 0
  if (language) {
    for (const s of sentences) {
      const l = lexical(s, language, index)
      unsupportedWords = [...unsupportedWords, ...l.words]
      novelPairs += l.novelPairs
      pairs += l.pairs
    }
  }
  const score = problems.length + 0.25 * unsupportedWords.length + (pairs ? novelPairs / pairs : 0)
  return { ok: problems.length === 0, problems, unsupportedWords, score: Math.round(score * 1000) / 1000 }
}

/** One line per problem, for logs and test messages. */
export function describeProblems(verdict: FaithfulnessVerdict): string[] {
  return verdict.problems.map((p) => `sentence ${p.sentence + 1}: unsupported ${p.kind} ${p.detail}`)
}
