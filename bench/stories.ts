// Clustering benchmark (npm run bench:stories [-- --sizes 1000,10000,100000 --new 200 --rounds 3 --per-day 300
// --seed 7 --max-build-minutes 15]). For each store size N: a fresh SQLite store gets N synthetic items (en/ja/ru/
// uk, ~300 a day, so 100,000 items span about a year; see story-corpus.ts), clustered into stories; then `--new`
// items dated after them are stored and clusterPending runs over just those, timed: ms per new item. Repeated
// `--rounds` times (each round adds its items to the store); the mean counts. The target: at 100,000 stored
// items the per-item cost is at most twice the cost at 1,000.
//
// The background is built the fast honest way: items bulk-inserted with store.items.upsert, clustered by
// clusterPending in chunks of --chunk items (with a chunk a multiple of 500, the same batches and decisions as one
// clusterPending call over everything, which takes pending items in publication order, 500 at a time), so
// progress is visible and a build that would take longer than --max-build-minutes is stopped with its measured
// throughput. A size whose build or measurement fails is reported as failed, with how far the build got.
// Columns: ms per new item (wall, and process CPU), then per new item the time in each store call (duplicate
// lookup, near, apply) and outside the store ("compute": features, MinHash, similarity); near-duplicate
// candidates returned per new item (one lookup per batch, for all its items' band keys); stories loaded per batch
// (the time window). "event F1" is the B-cubed F1 of the background's stories against the generated events: a
// sanity check of the synthetic data, not a quality target.
// Prints a table and writes bench/results/stories.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import Sqlite from 'better-sqlite3'
import { bcubed } from '../eval/bcubed.js'
import { NEAR_DUPLICATE_THRESHOLD } from '../src/app/context.js'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import { openStore } from '../src/7-store/prisma-store.js'
import type { Store, StoryStore } from '../src/7-store/types.js'
import { clusterPending, type ClusterDeps } from '../src/services/cluster-stories.js'
import { FEEDS, generateStream, type StreamItem } from './story-corpus.js'
import { numberOption, round } from './numbers.js'

const RESULTS = fileURLToPath(new URL('./results/stories.json', import.meta.url))
const TARGET_RATIO = 2

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    new: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    'per-day': { type: 'string', default: '300' },
    seed: { type: 'string', default: '7' },
    chunk: { type: 'string', default: '5000' },
    'max-build-minutes': { type: 'string', default: '15' },
    out: { type: 'string', default: RESULTS },
  },
})

const options = {
  sizes: args.sizes.split(',').map((s) => numberOption('sizes', s.trim(), 100)),
  newItems: numberOption('new', args.new),
  rounds: numberOption('rounds', args.rounds),
  perDay: numberOption('per-day', args['per-day']),
  seed: numberOption('seed', args.seed, 0),
  chunk: numberOption('chunk', args.chunk, 100),
  maxBuildSeconds: numberOption('max-build-minutes', args['max-build-minutes'], 0) * 60,
}
const START = new Date('2025-01-01T00:00:00Z')

// --- store call timing -------------------------------------------------------------------------------------

const CALLS = ['pending', 'duplicateCandidates', 'near', 'apply'] as const
type Call = (typeof CALLS)[number]
interface CallStats {
  calls: number
  ms: number
  /** Rows returned: duplicate candidates (over every band key), stories in the window, pending items. */
  rows: number
}

function instrument(store: Store): { store: Store; stats: Record<Call, CallStats>; reset(): void } {
  const stats = {} as Record<Call, CallStats>
  const reset = () => CALLS.forEach((c) => (stats[c] = { calls: 0, ms: 0, rows: 0 }))
  reset()
  const timed =
    <A extends unknown[], R>(call: Call, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const started = performance.now()
      const result = await fn(...a)
      const s = stats[call]
      s.calls++
      s.ms += performance.now() - started
      if (Array.isArray(result)) s.rows += result.length
      else if (result instanceof Map) for (const list of result.values()) s.rows += (list as unknown[]).length
      return result
    }
  const inner = store.stories
  const stories: StoryStore = {
    ...inner,
    pending: timed('pending', inner.pending),
    duplicateCandidates: timed('duplicateCandidates', inner.duplicateCandidates),
    near: timed('near', inner.near),
    apply: timed('apply', inner.apply),
  }
  return { store: { ...store, stories }, stats, reset }
}

// --- one store size ----------------------------------------------------------------------------------------

interface Round {
  insertMs: number
  clusterMs: number
  msPerItem: number
  /** Process CPU time (user + system) per item: steadier than wall time on a busy machine. */
  cpuMsPerItem: number
}

interface SizeResult {
  size: number
  spanDays: number
  /** Background build: bulk insert, then clustering. */
  insertSeconds: number
  buildClusterSeconds: number
  buildItemsPerSecond: number
  /** Clustering throughput per chunk of the build: [items stored after the chunk, items per second]. */
  buildCurve: [number, number][]
  /** Stories and near-copies in the background store, and B-cubed F1 of its stories against the generated events. */
  stories: number
  duplicates: number
  eventF1: number
  /** Set when the build was stopped at --max-build-minutes; no measurement then. */
  stoppedAt?: number
  /** Set when the store or the clusterer failed; the size is not measured. */
  error?: string
  rounds: Round[]
  /** Over all rounds: total clustering time / new items. */
  msPerItem: number | null
  cpuMsPerItem: number | null
  /** Per new item, over all rounds: time in each store call, and the rest (features, similarity, minhash). */
  breakdownMsPerItem?: Record<Call | 'compute', number>
  duplicateCandidatesPerItem?: number
  storiesInWindowPerBatch?: number
}


async function insert(store: Store, feedIds: Map<string, number>, items: StreamItem[], seenAt: Date): Promise<void> {
  const byFeed = new Map<string, StreamItem[]>()
  for (const s of items) byFeed.set(s.feed, [...(byFeed.get(s.feed) ?? []), s])
  for (const [feed, list] of byFeed) {
    const counts = await store.items.upsert(feedIds.get(feed)!, list.map((s) => s.item), { backfill: false, seenAt })
    if (counts.created !== list.length) throw new Error(`bench: ${feed}: stored ${counts.created} of ${list.length} items`)
  }
}

/** Read straight from the database file: scoring needs only item → story, not every member's text through the store. */
function backgroundQuality(file: string, background: StreamItem[]): Pick<SizeResult, 'stories' | 'duplicates' | 'eventF1'> {
  const db = new Sqlite(file, { readonly: true })
  try {
    const rows = db.prepare('SELECT url, "storyId" AS storyId, "duplicateOfId" AS duplicateOfId FROM "Item" WHERE "storyId" IS NOT NULL').all() as {
      url: string
      storyId: number
      duplicateOfId: number | null
    }[]
    const predicted = new Map(rows.map((r) => [r.url, String(r.storyId)]))
    const gold = new Map(background.filter((s) => predicted.has(s.item.url)).map((s) => [s.item.url, String(s.event)]))
    return {
      stories: new Set(predicted.values()).size,
      duplicates: rows.filter((r) => r.duplicateOfId !== null).length,
      eventF1: round(bcubed(gold, predicted).f1, 3),
    }
  } finally {
    db.close()
  }
}

/** Fills in `result` as it goes, so a failure part-way still reports how far the build got. */
async function benchSize(result: SizeResult, deps: Omit<ClusterDeps, 'store'>): Promise<SizeResult> {
  const size = result.size
  const stream = generateStream({ items: size + options.newItems * options.rounds, seed: options.seed, perDay: options.perDay, start: START })
  const background = stream.slice(0, size)
  const first = background[0]!.item.publishedAt.getTime()
  const last = background[background.length - 1]!.item.publishedAt.getTime()
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-bench-stories-'))
  const raw = await openStore(`file:${path.join(dir, 'bench.db')}`)
  const { store, stats, reset } = instrument(raw)
  result.spanDays = round((last - first) / 86_400_000, 1)
  try {
    const feeds = await store.feeds.sync(FEEDS.map((f) => ({ url: f.url, name: f.name, language: f.language, country: null, kind: 'newspaper', pollMinutes: null, origin: 'bench' })))
    const feedIds = new Map(feeds.map((f) => [f.name, f.id]))

    let insertMs = 0
    let clusterMs = 0
    for (let done = 0; done < size; ) {
      const chunk = background.slice(done, done + options.chunk)
      let started = performance.now()
      await insert(store, feedIds, chunk, chunk[chunk.length - 1]!.item.publishedAt)
      insertMs += performance.now() - started
      started = performance.now()
      const run = await clusterPending({ ...deps, store })
      const ms = performance.now() - started
      clusterMs += ms
      done += chunk.length
      result.buildCurve.push([done, Math.round((run.items / ms) * 1000)])
      result.insertSeconds = round(insertMs / 1000, 2)
      result.buildClusterSeconds = round(clusterMs / 1000, 2)
      result.buildItemsPerSecond = Math.round((done / clusterMs) * 1000)
      process.stderr.write(`  ${size}: built ${done}/${size} (${Math.round((run.items / ms) * 1000)} items/s, ${round(clusterMs / 1000, 1)}s clustering)\n`)
      const projected = (clusterMs + insertMs + ((size - done) / run.items) * (ms + 1)) / 1000
      if (done < size && projected > options.maxBuildSeconds) {
        result.stoppedAt = done
        process.stderr.write(`  ${size}: stopping: at the current rate the build would take ≥ ${Math.round(projected)}s (limit ${options.maxBuildSeconds}s)\n`)
        break
      }
    }
    Object.assign(result, backgroundQuality(path.join(dir, 'bench.db'), background))
    if (result.stoppedAt !== undefined) return result

    reset()
    let measuredMs = 0
    for (let r = 0; r < options.rounds; r++) {
      const fresh = stream.slice(size + r * options.newItems, size + (r + 1) * options.newItems)
      let started = performance.now()
      await insert(store, feedIds, fresh, fresh[fresh.length - 1]!.item.publishedAt)
      const insertedMs = performance.now() - started
      started = performance.now()
      const cpu = process.cpuUsage()
      const run = await clusterPending({ ...deps, store })
      const ms = performance.now() - started
      const { user, system } = process.cpuUsage(cpu)
      if (run.items !== fresh.length) throw new Error(`bench: clustered ${run.items} items, expected ${fresh.length}`)
      measuredMs += ms
      result.rounds.push({
        insertMs: round(insertedMs, 2),
        clusterMs: round(ms, 2),
        msPerItem: round(ms / fresh.length, 3),
        cpuMsPerItem: round((user + system) / 1000 / fresh.length, 3),
      })
    }
    const measuredItems = options.newItems * options.rounds
    result.msPerItem = round(measuredMs / measuredItems, 3)
    result.cpuMsPerItem = round(result.rounds.reduce((sum, r) => sum + r.cpuMsPerItem, 0) / result.rounds.length, 3)
    const storeMs = CALLS.reduce((sum, c) => sum + stats[c].ms, 0)
    result.breakdownMsPerItem = {
      ...(Object.fromEntries(CALLS.map((c) => [c, round(stats[c].ms / measuredItems, 3)])) as Record<Call, number>),
      compute: round((measuredMs - storeMs) / measuredItems, 3),
    }
    result.duplicateCandidatesPerItem = round(stats.duplicateCandidates.rows / measuredItems, 1)
    result.storiesInWindowPerBatch = round(stats.near.rows / (stats.near.calls || 1), 0)
    return result
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function emptyResult(size: number): SizeResult {
  return { size, spanDays: 0, insertSeconds: 0, buildClusterSeconds: 0, buildItemsPerSecond: 0, buildCurve: [], stories: 0, duplicates: 0, eventF1: 0, rounds: [], msPerItem: null, cpuMsPerItem: null }
}

// --- main --------------------------------------------------------------------------------------------------

const deps: Omit<ClusterDeps, 'store'> = {
  entities: compileAliases(loadAliases()),
  params: DEFAULT_CLUSTER_PARAMS,
  duplicateThreshold: NEAR_DUPLICATE_THRESHOLD,
}
console.log(
  `bench:stories — ${options.perDay} items/day (en/ja/ru/uk), ${options.newItems} new items × ${options.rounds} rounds per store size, seed ${options.seed}`,
)
const results: SizeResult[] = []
for (const size of options.sizes) {
  const result = emptyResult(size)
  results.push(result)
  try {
    await benchSize(result, deps)
  } catch (error) {
    // A failure at one size (e.g. a store limit reached only by big stores) is a result too.
    result.error = error instanceof Error ? error.message.trim().split('\n').slice(-1)[0]! : String(error)
    process.stderr.write(`  ${size}: FAILED: ${error instanceof Error ? error.stack : result.error}\n`)
  }
}

const header = ['stored', 'days', 'stories', 'event F1', 'insert s', 'build s', 'build it/s', 'new ms/item', 'cpu ms/item', 'dupCand ms', 'near ms', 'apply ms', 'compute ms', 'cands/item', 'window']
const rows = results.map((r) => [
  String(r.size),
  String(r.spanDays),
  String(r.stories),
  String(r.eventF1),
  String(r.insertSeconds),
  r.error !== undefined ? 'FAILED' : r.stoppedAt !== undefined ? `stopped at ${r.stoppedAt}` : String(r.buildClusterSeconds),
  String(r.buildItemsPerSecond),
  r.msPerItem === null ? '—' : String(r.msPerItem),
  r.cpuMsPerItem === null ? '—' : String(r.cpuMsPerItem),
  String(r.breakdownMsPerItem?.duplicateCandidates ?? '—'),
  String(r.breakdownMsPerItem?.near ?? '—'),
  String(r.breakdownMsPerItem?.apply ?? '—'),
  String(r.breakdownMsPerItem?.compute ?? '—'),
  String(r.duplicateCandidatesPerItem ?? '—'),
  String(r.storiesInWindowPerBatch ?? '—'),
])
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ')
console.log(line(header))
for (const r of rows) console.log(line(r))

const smallest = results.find((r) => r.msPerItem !== null)
const largest = [...results].reverse().find((r) => r.msPerItem !== null)
const comparable = smallest && largest && smallest !== largest
const ratio = comparable ? round(largest.msPerItem! / smallest.msPerItem!, 2) : null
const cpuRatio = comparable ? round(largest.cpuMsPerItem! / smallest.cpuMsPerItem!, 2) : null
if (ratio !== null) {
  const verdict = ratio <= TARGET_RATIO ? 'OK' : 'TOO SLOW'
  console.log(`per-item cost ${largest!.size} vs ${smallest!.size} stored: ×${ratio} wall, ×${cpuRatio} CPU (target ≤ ×${TARGET_RATIO}) — ${verdict}`)
}
const target = options.sizes.length > 1 ? [Math.min(...options.sizes), Math.max(...options.sizes)] : null
if (target && (smallest?.size !== target[0] || largest?.size !== target[1])) {
  console.log(`not measured: the ${target[1]} vs ${target[0]} comparison (see below)`)
}
for (const r of results) {
  if (r.error !== undefined) console.log(`${r.size}: FAILED after ${r.buildCurve.at(-1)?.[0] ?? 0} items built: ${r.error}`)
  if (r.stoppedAt !== undefined) console.log(`${r.size}: build stopped at ${r.stoppedAt} items after ${r.buildClusterSeconds}s clustering (${r.buildItemsPerSecond} items/s; curve ${JSON.stringify(r.buildCurve)})`)
}

mkdirSync(path.dirname(args.out), { recursive: true })
writeFileSync(
  args.out,
  `${JSON.stringify({ date: new Date().toISOString(), options, targetRatio: TARGET_RATIO, ratio, cpuRatio, ratioSizes: ratio === null ? null : [smallest!.size, largest!.size], results }, null, 2)}\n`,
)
