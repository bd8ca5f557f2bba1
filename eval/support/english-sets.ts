// The English document-clustering sets under ../shared/eval/clustering, run through the store and the incremental
// clusterer (clusterPending) exactly as stored feed items would be, then scored with B-cubed:
//   ECB+        982 full articles, 43 topics × 2 different seminal events of the same kind; gold = subtopic.
//   UCI sample  6,366 English headlines (title, URL, publisher, time) with Google News story ids; gold = STORY.
// Each evaluation opens its own fresh SQLite store in a temporary directory and removes it afterwards.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3'
import { NEAR_DUPLICATE_THRESHOLD } from '../../src/app/context.js'
import { canonicalUrl } from '../../src/3-normalise/canonical-url.js'
import { htmlToLine } from '../../src/3-normalise/html-text.js'
import type { NormalisedItem } from '../../src/3-normalise/normalise-item.js'
import { compileAliases, loadAliases, type EntityExtractor } from '../../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS, type ClusterParams } from '../../src/5-cluster/similarity.js'
import { openStore } from '../../src/7-store/prisma-store.js'
import type { FeedInput } from '../../src/7-store/types.js'
import { clusterPending, type ClusterRun } from '../../src/services/cluster-stories.js'
import { bcubed } from '../bcubed.js'

export const CLUSTERING_SETS = fileURLToPath(new URL('../../../shared/eval/clustering/', import.meta.url))
export const ECBPLUS_DOCS = path.join(CLUSTERING_SETS, 'ecbplus_event_clusters', 'ecbplus_docs.jsonl')
export const UCI_CSV = path.join(CLUSTERING_SETS, 'uci_news_aggregator_sample', 'uci-news-aggregator.prefix6366.csv')

/**
 * ECB+ documents carry no publication date, so every document gets this one instant. The two seminal events of a
 * topic (years apart in reality) then fall in the same time window, and only content can keep them apart: the
 * hard case, and the one that matters (two different strikes or earthquakes in the same week).
 */
export const ECBPLUS_PUBLISHED_AT = new Date('2024-06-15T12:00:00Z')

/** A topic tag on every evaluation item, so the stories are also visible to store.stories.list() (topic-tagged stories only). */
const EVAL_TOPIC = 'eval'
const MAX_TITLE_CHARS = 500

export interface EnglishSetOptions {
  params?: ClusterParams
  entities?: EntityExtractor
  /** Print merge/split details. */
  verbose?: boolean
}

export interface EnglishSetResult {
  dataset: string
  /** Scored items (stored, clustered, with a gold class). */
  items: number
  /** Gold clusters among them. */
  clusters: number
  /** Predicted stories holding at least one scored item. */
  stories: number
  precision: number
  recall: number
  f1: number
  /** Wall time of clusterPending alone, and of the whole run (store, insert, cluster, read back). */
  clusterSeconds: number
  totalSeconds: number
  duplicates: number
}

export interface EcbPlusResult extends EnglishSetResult {
  dataset: 'ecbplus'
  /** The fixed publication date every document got. */
  publishedAt: string
  /** Seed of the arrival-order shuffle. */
  seed: number
  /** Predicted stories holding documents of both subtopics (both seminal events) of one topic. */
  crossEventMerges: number
  /** crossEventMerges / stories. */
  crossEventMergeRate: number
  /** Share of documents that sit in such a story. */
  docsInCrossEventMerges: number
  /** Predicted stories holding documents of more than one topic (unrelated events). */
  crossTopicMerges: number
  /** B-cubed F1 against the coarser topic classes, for reference. */
  topicF1: number
}

export interface UciResult extends EnglishSetResult {
  dataset: 'uci-headlines'
  rows: number
  /** Rows without a usable URL. */
  skippedRows: number
  /** Rows whose canonical URL repeats an earlier row's (the store keeps one item; the repeat is not scored). */
  duplicateUrls: number
  publishers: number
  /** clusterSeconds × 1000 / items. */
  msPerItem: number
}

// --- shared plumbing -----------------------------------------------------------------------------------------

function commonFigures(r: {
  items: number
  gold: Map<string, string>
  stories: number
  score: { precision: number; recall: number; f1: number }
  clusterSeconds: number
  started: number
  duplicates: number
}): Omit<EnglishSetResult, 'dataset'> {
  return {
    items: r.items,
    clusters: new Set(r.gold.values()).size,
    stories: r.stories,
    precision: round(r.score.precision),
    recall: round(r.score.recall),
    f1: round(r.score.f1),
    clusterSeconds: round(r.clusterSeconds, 2),
    totalSeconds: round((performance.now() - r.started) / 1000, 2),
    duplicates: r.duplicates,
  }
}

let defaultEntities: EntityExtractor | null = null
function entitiesFrom(options: EnglishSetOptions): EntityExtractor {
  return options.entities ?? (defaultEntities ??= compileAliases(loadAliases()))
}

interface PredictedStory {
  id: string
  title: string
  urls: string[]
}

interface ClusteredSet {
  /** Story id for each stored item's URL (items outside any story are absent). */
  storyOf: Map<string, string>
  stories: PredictedStory[]
  run: ClusterRun
  clusterSeconds: number
}

/**
 * Stores the items (in the given order) in a fresh SQLite store, clusters them, and reads the stories back. The
 * stories are read from the database file directly: store.stories.list({}) fails on SQLite once a store holds a
 * few thousand stories (Prisma P2029, "query parameter limit … exceeded", from the items include).
 */
async function clusterInFreshStore(feed: FeedInput, items: NormalisedItem[], seenAt: Date, options: EnglishSetOptions): Promise<ClusteredSet> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-eval-en-'))
  const file = path.join(dir, 'eval.db')
  try {
    const store = await openStore(`file:${file}`)
    let run: ClusterRun
    let clusterSeconds: number
    try {
      const [stored] = await store.feeds.sync([feed])
      const counts = await store.items.upsert(stored!.id, items, { backfill: false, seenAt })
      if (counts.created !== items.length) throw new Error(`eval: stored ${counts.created} of ${items.length} items (${JSON.stringify(counts)})`)
      const started = performance.now()
      run = await clusterPending({
        store,
        entities: entitiesFrom(options),
        params: options.params ?? DEFAULT_CLUSTER_PARAMS,
        duplicateThreshold: NEAR_DUPLICATE_THRESHOLD,
      })
      clusterSeconds = (performance.now() - started) / 1000
    } finally {
      await store.close()
    }
    const db = new Sqlite(file, { readonly: true })
    try {
      const rows = db
        .prepare('SELECT i.url AS url, s.id AS id, s.title AS title FROM "Item" i JOIN "Story" s ON s.id = i."storyId" ORDER BY s.id, i.id')
        .all() as { url: string; id: number; title: string }[]
      const storyOf = new Map<string, string>()
      const byId = new Map<string, PredictedStory>()
      for (const row of rows) {
        const id = String(row.id)
        storyOf.set(row.url, id)
        let story = byId.get(id)
        if (!story) byId.set(id, (story = { id, title: row.title, urls: [] }))
        story.urls.push(row.url)
      }
      return { storyOf, stories: [...byId.values()], run, clusterSeconds }
    } finally {
      db.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function evalItem(fields: Pick<NormalisedItem, 'guid' | 'url' | 'title' | 'text' | 'publishedAt' | 'sourceName'>): NormalisedItem {
  return {
    ...fields,
    language: 'en',
    author: null,
    publishedAtEstimated: false,
    topics: [EVAL_TOPIC],
    contentHash: fields.guid,
  }
}

function cutTitle(title: string): string {
  return title.length <= MAX_TITLE_CHARS ? title : `${title.slice(0, MAX_TITLE_CHARS).replace(/\s+\S*$/, '')}…`
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Deterministic shuffle (mulberry32), so runs are comparable. */
function shuffled<T>(list: T[], seed: number): T[] {
  let s = seed >>> 0
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

// --- ECB+ ------------------------------------------------------------------------------------------------------

interface EcbDoc {
  doc_id: string
  topic: number
  subtopic: string
  source: string
  text: string
}

export function loadEcbPlus(file = ECBPLUS_DOCS): EcbDoc[] {
  const docs: EcbDoc[] = []
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return
      const doc = JSON.parse(line) as Partial<EcbDoc>
      if (typeof doc.doc_id !== 'string' || typeof doc.subtopic !== 'string' || typeof doc.text !== 'string' || doc.topic === undefined) {
        throw new Error(`eval: ${file}:${i + 1} is not an ECB+ document record`)
      }
      docs.push(doc as EcbDoc)
    })
  return docs
}

/** Undoes the commonest tokeniser spacing (" , ", "`` x ''", "( x )", " 's", "$ 1", "U . S .", "2 : 00", "anti - war"). */
export function detokenise(line: string): string {
  return line
    .replace(/``\s*/g, '"')
    .replace(/\s*''/g, '"')
    .replace(/(?<=\b[A-Z]) \. (?=[A-Z]\b)/g, '.')
    .replace(/(?<=\d) ([.:/]) (?=\d)/g, '$1')
    .replace(/(?<=\d) , (?=\d{3}\b)/g, ',')
    .replace(/(?<=[\p{L}\p{N}]) - (?=[\p{L}\p{N}])/gu, '-')
    .replace(/\s+([,.;:!?%)\]}])/g, '$1')
    .replace(/([([{$])\s+/g, '$1')
    .replace(/\s+(n't|'s|'re|'ve|'ll|'d|'m)(?![\p{L}])/giu, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim()
}

const DATELINE_WORDS =
  /^(?:jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday|st|nd|rd|th|am|pm|a\.?m|p\.?m|on|at|by|in|of|last|first|updated|update|posted|published|publication|date|time|edited|found|article|hrs|gmt|utc|bst|cet|cest|est|edt|et|pst|pdt|ist|ct|cdt|mt|mdt)$/i

/** "Published : November 28, 2005", "22 July 2013 Last updated at 17:50 GMT", "11 / 28 / 05": a dateline, not a headline. */
function isDateline(line: string): boolean {
  const words = line.match(/\p{L}+(?:\.\p{L}+)*/gu) ?? []
  return /\d/.test(line) && words.filter((w) => w.length > 1 && !DATELINE_WORDS.test(w)).length < 2
}

/**
 * The ECB+ additions start with the source URL, tokenised ("http : / / nypost . com / …"): metadata, not article
 * text, and the item's own URL is synthetic, so it is dropped. The headline is the first line that is not a
 * dateline (the ECB+ additions have a headline; the original ECB documents start straight with the lede, whose
 * first sentence serves); datelines stay in the text.
 */
export function ecbItem(doc: EcbDoc): NormalisedItem {
  const lines = doc.text
    .split('\n')
    .filter((line, i) => !(i === 0 && /^https?\s*:/.test(line)))
    .map(detokenise)
    .filter(Boolean)
  const headline = Math.max(0, lines.findIndex((line) => !isDateline(line)))
  return evalItem({
    guid: doc.doc_id,
    url: `https://ecbplus.example/${doc.doc_id}`,
    title: cutTitle(lines[headline] ?? doc.doc_id),
    text: lines.filter((_, i) => i !== headline).join('\n'),
    publishedAt: ECBPLUS_PUBLISHED_AT,
    sourceName: doc.source,
  })
}

/**
 * ECB+ through the clusterer. All documents share one publication instant, so they are clustered in arrival order
 * (storage order); the order is a seeded shuffle, news of different events arriving interleaved. One feed holds
 * them all (two feeds would make one source's documents all arrive first); the document's source kind is its
 * outlet name.
 */
export async function evalEcbPlus(options: EnglishSetOptions & { seed?: number; limit?: number } = {}): Promise<EcbPlusResult> {
  const started = performance.now()
  const seed = options.seed ?? 20141
  const docs = shuffled(loadEcbPlus(), seed).slice(0, options.limit)
  const items = docs.map(ecbItem)
  const feed: FeedInput = { url: 'https://ecbplus.example/feed', name: 'ECB+', language: 'en', country: null, kind: 'eval', pollMinutes: null, origin: 'eval' }
  const { storyOf, stories, run, clusterSeconds } = await clusterInFreshStore(feed, items, ECBPLUS_PUBLISHED_AT, options)

  const docByUrl = new Map(docs.map((d, i) => [items[i]!.url, d]))
  const gold = new Map(items.map((item, i) => [item.url, docs[i]!.subtopic]))
  const goldTopic = new Map(items.map((item, i) => [item.url, String(docs[i]!.topic)]))
  const score = bcubed(gold, storyOf)
  const topicScore = bcubed(goldTopic, storyOf)

  let crossEventMerges = 0
  let docsInCrossEventMerges = 0
  let crossTopicMerges = 0
  const scoredStories = stories.filter((s) => s.urls.some((u) => docByUrl.has(u)))
  for (const story of scoredStories) {
    const members = story.urls.flatMap((u) => docByUrl.get(u) ?? [])
    const subtopicsByTopic = new Map<number, Set<string>>()
    for (const d of members) subtopicsByTopic.set(d.topic, (subtopicsByTopic.get(d.topic) ?? new Set()).add(d.subtopic))
    const mergedTopics = [...subtopicsByTopic].filter(([, subs]) => subs.size > 1).map(([t]) => t)
    if (mergedTopics.length) {
      crossEventMerges++
      docsInCrossEventMerges += members.length
      if (options.verbose) {
        const counts = mergedTopics.map((t) => [...subtopicsByTopic.get(t)!].map((s) => `${s}×${members.filter((d) => d.subtopic === s).length}`).join(' + '))
        console.log(`ecbplus: story ${story.id} merges ${counts.join('; ')} — ${story.title.slice(0, 90)}`)
      }
    }
    if (subtopicsByTopic.size > 1) crossTopicMerges++
  }
  if (options.verbose) {
    const split = new Map<string, Set<string>>()
    for (const [url, sub] of gold) split.set(sub, (split.get(sub) ?? new Set()).add(storyOf.get(url) ?? `none:${url}`))
    const worst = [...split].filter(([, s]) => s.size > 1).sort((a, b) => b[1].size - a[1].size)
    console.log(`ecbplus: ${worst.length} of ${split.size} subtopics split; worst: ${worst.slice(0, 8).map(([s, set]) => `${s} over ${set.size}`).join(', ')}`)
  }

  return {
    dataset: 'ecbplus',
    ...commonFigures({ items: items.length, gold, stories: scoredStories.length, score, clusterSeconds, started, duplicates: run.duplicates }),
    publishedAt: ECBPLUS_PUBLISHED_AT.toISOString(),
    seed,
    crossEventMerges,
    crossEventMergeRate: round(crossEventMerges / (scoredStories.length || 1)),
    docsInCrossEventMerges: round(docsInCrossEventMerges / (items.length || 1)),
    crossTopicMerges,
    topicF1: round(topicScore.f1),
  }
}

// --- UCI News Aggregator sample ------------------------------------------------------------------------------

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') {
        field += '"'
        i++
      } else quoted = false
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (quoted) throw new Error('eval: CSV ends inside a quoted field')
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''))
}

export interface UciRow {
  id: string
  title: string
  url: string
  publisher: string
  story: string
  timestamp: number
}

/** The dump escapes punctuation with backslashes in URLs and publisher names ("story\?track=rss", "\(subscription\)"). */
const unescapeDump = (s: string) => s.replace(/\\([^\p{L}\p{N}\s])/gu, '$1')

export function loadUci(file = UCI_CSV): UciRow[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'))
  const columns = ['ID', 'TITLE', 'URL', 'PUBLISHER', 'STORY', 'TIMESTAMP']
  const index = Object.fromEntries(columns.map((c) => [c, header?.indexOf(c) ?? -1]))
  const missing = columns.filter((c) => index[c]! < 0)
  if (missing.length) throw new Error(`eval: ${file} lacks column(s) ${missing.join(', ')}`)
  return rows.map((r, n) => {
    const get = (c: string) => r[index[c]!] ?? ''
    const timestamp = Number(get('TIMESTAMP'))
    if (r.length !== header!.length || !Number.isFinite(timestamp) || !get('STORY')) throw new Error(`eval: ${file} row ${n + 2} is malformed`)
    return { id: get('ID'), title: get('TITLE'), url: unescapeDump(get('URL')), publisher: unescapeDump(get('PUBLISHER')), story: get('STORY'), timestamp }
  })
}

/**
 * The UCI headline sample through the clusterer: title only (text ''), publication time from TIMESTAMP, one
 * aggregator feed whose items name their publisher (the outlet), URLs canonicalised as the normaliser does. Rows
 * without a usable URL are skipped and a repeated canonical URL is kept once (the store would merge them).
 */
export async function evalUciHeadlines(options: EnglishSetOptions = {}): Promise<UciResult> {
  const started = performance.now()
  const rows = loadUci()
  const items: NormalisedItem[] = []
  const gold = new Map<string, string>()
  let skippedRows = 0
  let duplicateUrls = 0
  for (const row of rows) {
    const url = canonicalUrl(row.url)
    const title = cutTitle(htmlToLine(row.title))
    if (!url || !title) {
      skippedRows++
      continue
    }
    if (gold.has(url)) {
      duplicateUrls++
      continue
    }
    gold.set(url, row.story)
    items.push(evalItem({ guid: row.id, url, title, text: '', publishedAt: new Date(row.timestamp), sourceName: row.publisher || null }))
  }
  const feed: FeedInput = { url: 'https://uci-news-aggregator.example/feed', name: 'UCI News Aggregator', language: 'en', country: null, kind: 'aggregator', pollMinutes: null, origin: 'eval' }
  const seenAt = new Date(Math.max(...items.map((i) => i.publishedAt.getTime())))
  const { storyOf, stories, run, clusterSeconds } = await clusterInFreshStore(feed, items, seenAt, options)
  const score = bcubed(gold, storyOf)
  const scoredStories = stories.filter((s) => s.urls.some((u) => gold.has(u)))

  if (options.verbose) {
    const byStory = new Map<string, Set<string>>()
    for (const [url, g] of gold) byStory.set(g, (byStory.get(g) ?? new Set()).add(storyOf.get(url) ?? `none:${url}`))
    const sizes = [...byStory.values()].map((s) => s.size).sort((a, b) => b - a)
    console.log(`uci: gold stories spread over predicted stories: max ${sizes[0]}, median ${sizes[Math.floor(sizes.length / 2)]}`)
    const mixed = scoredStories
      .map((s) => ({ s, golds: new Set(s.urls.map((u) => gold.get(u)).filter(Boolean)) }))
      .filter((x) => x.golds.size > 1)
      .sort((a, b) => b.golds.size - a.golds.size)
    console.log(`uci: ${mixed.length} predicted stories mix gold stories; worst: ${mixed.slice(0, 5).map((x) => `${x.s.id} (${x.golds.size} gold, ${x.s.urls.length} items) “${x.s.title.slice(0, 60)}”`).join('; ')}`)
  }

  return {
    dataset: 'uci-headlines',
    ...commonFigures({ items: items.length, gold, stories: scoredStories.length, score, clusterSeconds, started, duplicates: run.duplicates }),
    rows: rows.length,
    skippedRows,
    duplicateUrls,
    publishers: new Set(items.map((i) => i.sourceName)).size,
    msPerItem: round((clusterSeconds * 1000) / (items.length || 1), 2),
  }
}
