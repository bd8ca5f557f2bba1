// Ingestion benchmark (npm run bench:ingest [-- --items 20000 --runs 3 --seed 1 --concurrency 6]).
// Serves a seeded synthetic corpus of 50 feeds over HTTP on 127.0.0.1 and measures parse-only throughput
// (decode + parse of the feed bytes already in memory) against the full fetch → parse → normalise → store path
// into a fresh SQLite store, with fetch-, normalise- and store-only timings to show where the time goes.
// The full path runs twice per run, without and with 10 channel topics (issue 18: /topics add), to show what a
// channel's own topics cost on ingest, and a new topic's backfill over the stored items is timed.
// Prints a table, writes bench/results/ingest.json, and exits non-zero when the store does not hold what the
// corpus says it should.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runPerHost } from '../src/1-fetch/host-queue.js'
import { fetchFeed, type FetchOptions } from '../src/1-fetch/http-client.js'
import { decodeFeed } from '../src/2-parse/decode.js'
import { parseFeed, type ParsedFeed } from '../src/2-parse/parse-feed.js'
import { normaliseFeed, type NormaliseResult } from '../src/3-normalise/normalise-item.js'
import { compileTopics } from '../src/3-normalise/topics.js'
import { openStore } from '../src/7-store/prisma-store.js'
import type { FeedInput } from '../src/7-store/types.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { readEnv } from '../src/config/env.js'
import { createFeedProcessor, defaultWorkerCount, type FeedProcessor } from '../src/services/feed-processor.js'
import { pollFeeds, type IngestDeps } from '../src/services/ingest.js'
import { BACKFILL_ITEMS, backfillStart, tagChannelTopics } from '../src/services/channel-topics.js'
import type { Store } from '../src/7-store/types.js'
import { generateCorpus, type BenchFeed, type Corpus } from './corpus.js'
import { serveCorpus } from './serve-corpus.js'
import { median, round, wholeOption } from './numbers.js'

const RESULTS = fileURLToPath(new URL('./results/ingest.json', import.meta.url))
const TARGET_RATIO = 0.5

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: process.env.BENCH_ITEMS ?? '10000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '20260115' },
    concurrency: { type: 'string', default: '6' },
    out: { type: 'string', default: RESULTS },
  },
})

const options = {
  items: wholeOption('items', args.items, 100),
  runs: wholeOption('runs', args.runs),
  seed: wholeOption('seed', args.seed, 0),
  concurrency: wholeOption('concurrency', args.concurrency),
}

// The production defaults (NEWSBOT_PARSE_WORKERS may be set to compare), with the loopback server allowed and no
// pause between requests to one host.
const env = readEnv({
  NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true',
  NEWSBOT_HOST_DELAY_MS: '0',
  NEWSBOT_FETCH_CONCURRENCY: String(options.concurrency),
  ...(process.env.NEWSBOT_PARSE_WORKERS ? { NEWSBOT_PARSE_WORKERS: process.env.NEWSBOT_PARSE_WORKERS } : {}),
})
const fetchOptions: FetchOptions = {
  timeoutMs: env.NEWSBOT_FETCH_TIMEOUT_MS,
  maxBytes: env.NEWSBOT_FETCH_MAX_BYTES,
  maxRedirects: 5,
  allowPrivateNetworks: env.NEWSBOT_ALLOW_PRIVATE_NETWORKS,
  userAgent: 'newsbot-bench',
}

// --- stages --------------------------------------------------------------------------------------------------

interface Stage {
  label: string
  runsMs: number[]
  items: number
}

const msOf = (s: Stage) => median(s.runsMs)
const rate = (s: Stage) => s.items / (msOf(s) / 1000)

async function clock<T>(work: () => Promise<T>): Promise<[number, Awaited<T>]> {
  const start = performance.now()
  const value = await work()
  return [performance.now() - start, value]
}

async function parseAll(feeds: BenchFeed[]): Promise<ParsedFeed[]> {
  const out: ParsedFeed[] = []
  for (const feed of feeds) out.push(await parseFeed(decodeFeed(feed.body, feed.contentType).text))
  return out
}

function feedInputs(corpus: Corpus, urls: string[]): FeedInput[] {
  return corpus.feeds.map((f, i) => ({
    url: urls[i]!,
    name: f.name,
    language: f.language,
    country: f.country,
    kind: f.kind,
    pollMinutes: null,
    origin: 'bench',
  }))
}

/** Channel topics as channels might add them: the beat's people and places, a few terms in each language. */
const CHANNEL_TOPICS = [
  [['witkoff', 'уиткофф*', 'віткофф*', 'ウィトコフ'], ['putin', 'путин*', 'путін*', 'プーチン']],
  [['zaporizhzhia', 'запорож*', 'ザポリージャ'], ['nuclear', 'ядерн*', 'атомн*', '原発']],
  [['black sea', 'черн* мор*', 'чорн* мор*', '黒海'], ['grain', 'зерн*', '穀物']],
  [['sanctions', 'санкци*', 'санкці*', '制裁'], ['oil', 'нефт*', 'нафт*', '石油']],
  [['prisoner*', 'пленн*', 'полонен*', '捕虜'], ['exchange', 'обмен*', 'обмін*', '交換']],
  [['drone*', 'беспилотник*', 'дрон*', 'ドローン'], ['kyiv', 'киев*', 'київ*', 'キーウ']],
  [['nato', 'нато', 'NATO'], ['summit', 'саммит*', 'саміт*', '首脳会議']],
  [['crimea', 'крым*', 'крим*', 'クリミア']],
  [['lavrov', 'лавров*', 'ラブロフ'], ['rubio', 'рубио', 'рубіо', 'ルビオ']],
  [['energy', 'энерг*', 'енерг*', 'エネルギー'], ['strike*', 'удар*', '攻撃']],
]

async function addChannelTopics(store: Store, count: number): Promise<void> {
  for (const [i, terms] of CHANNEL_TOPICS.slice(0, count).entries()) {
    await store.channelTopics.add({ scopeKey: 'bench', topicId: `topic-${i}`, name: `topic ${i}`, terms, createdBy: 'bench', taggedThrough: await backfillStart(store) })
  }
}

interface FullRun {
  ms: number
  /** Items tagged with a channel topic (0 without them). */
  channelTagged: number
  stored: number
  created: number
  updated: number
  unchanged: number
  skipped: number
  errors: string[]
}

/** The production path: pollFeeds with deps built as src/app/context.ts builds them, into a fresh SQLite file. */
async function fullRun(corpus: Corpus, urls: string[], dir: string, run: number, processor: FeedProcessor, channelTopics = 0): Promise<FullRun> {
  const store = await openStore(`file:${path.join(dir, `bench-${run}-${channelTopics}.db`)}`)
  const deps: IngestDeps = {
    store,
    processor,
    intervalMinutes: env.NEWSBOT_POLL_INTERVAL_MINUTES,
    maxItems: env.NEWSBOT_FEED_MAX_ITEMS,
    pauseAfter: { failures: env.NEWSBOT_FEED_PAUSE_AFTER_FAILURES, days: env.NEWSBOT_FEED_PAUSE_AFTER_DAYS },
    fetchOptions,
    hostQueue: { concurrency: env.NEWSBOT_FETCH_CONCURRENCY, delayMs: env.NEWSBOT_HOST_DELAY_MS },
  }
  try {
    const feeds = await store.feeds.sync(feedInputs(corpus, urls))
    await addChannelTopics(store, channelTopics)
    const [ms, results] = await clock(() => pollFeeds(feeds, deps))
    const sum = (key: 'created' | 'updated' | 'unchanged' | 'skipped') => results.reduce((n, r) => n + r[key], 0)
    const tagged = await Promise.all((await store.channelTopics.list()).map((t) => store.channelTopics.countTagged(t.key)))
    return {
      ms,
      channelTagged: tagged.reduce((n, c) => n + c, 0),
      stored: await store.items.count(),
      created: sum('created'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
      skipped: sum('skipped'),
      errors: results.filter((r) => r.status !== 'ok').map((r) => `${r.name}: ${r.status} ${r.error ?? ''}`),
    }
  } finally {
    await store.close()
  }
}

/** A topic added to a store holding the corpus: its backfill over the newest stored items, timed. */
async function backfillRun(dir: string, run: number): Promise<{ ms: number; items: number; tagged: number }> {
  const store = await openStore(`file:${path.join(dir, `bench-${run}-0.db`)}`)
  try {
    await addChannelTopics(store, 1)
    const [ms, tagged] = await clock(() => tagChannelTopics(store))
    return { ms, items: tagged.items, tagged: tagged.tags }
  } finally {
    await store.close()
  }
}

/** Store only: the already-normalised items upserted feed by feed into a fresh SQLite file. */
async function storeRun(corpus: Corpus, urls: string[], normalised: NormaliseResult[], dir: string, run: number) {
  const store = await openStore(`file:${path.join(dir, `store-${run}.db`)}`)
  try {
    const feeds = await store.feeds.sync(feedInputs(corpus, urls))
    const seenAt = new Date()
    const [ms] = await clock(async () => {
      for (const [i, feed] of feeds.entries()) await store.items.upsert(feed.id, normalised[i]!.items, { backfill: true, seenAt })
    })
    return { ms, stored: await store.items.count() }
  } finally {
    await store.close()
  }
}

// --- report ----------------------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const tally = (values: string[]) => Object.fromEntries([...new Set(values)].map((v) => [v, values.filter((x) => x === v).length]))

async function main(): Promise<void> {
  const [genMs, corpus] = await clock(async () => generateCorpus({ items: options.items, seed: options.seed }))
  const formats = tally(corpus.feeds.map((f) => f.format))
  const charsets = tally(corpus.feeds.map((f) => f.charset))
  const languages = tally(corpus.feeds.map((f) => f.language ?? 'detected'))
  console.log(
    `Ingestion benchmark: ${fmt(corpus.items)} items in ${corpus.feeds.length} feeds on ${corpus.hosts} hosts, ` +
      `${fmt(corpus.bytes / 1048576, 1)} MB (generated in ${fmt(genMs)} ms, seed ${corpus.seed}), node ${process.version}`,
  )
  console.log(
    `  formats ${JSON.stringify(formats)}, charsets ${JSON.stringify(charsets)}, languages ${JSON.stringify(languages)}`,
  )
  console.log(
    `  expected: ${fmt(corpus.expected.unique)} stored, ${corpus.expected.duplicates} aggregator repeats, ` +
      `${corpus.expected.skipped} without a usable link; ${options.runs} timed run(s) of every stage after a warm-up run\n`,
  )

  const problems: string[] = []
  const check = (ok: boolean, message: string) => void (ok || problems.push(message))
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsbot-bench-'))
  const served = await serveCorpus(corpus)
  try {
    const topics = loadAppConfig(process.env.NEWSBOT_CONFIG).topics
    const matchTopics = compileTopics(topics)
    // The full path parses on worker threads exactly as `newsbot start` does (NEWSBOT_PARSE_WORKERS, default: cores − 1).
    const processor = createFeedProcessor(topics, matchTopics, env.NEWSBOT_PARSE_WORKERS)
    const e = corpus.expected

    const fetchAll = () =>
      runPerHost(served.urls, (u) => u, (u) => fetchFeed(u, {}, fetchOptions), { concurrency: options.concurrency, delayMs: 0 })
    const normaliseAll = (parsed: ParsedFeed[]) =>
      parsed.map((feed, i) =>
        normaliseFeed(feed, {
          feedUrl: served.urls[i]!,
          configuredLanguage: corpus.feeds[i]!.language,
          fetchedAt: new Date(),
          matchTopics,
        }),
      )

    // Each run times every stage in turn, so that a busy machine slows all of them alike; run 0 is the warm-up.
    const times = { fetch: [] as number[], parse: [] as number[], normalise: [] as number[], store: [] as number[] }
    const fullRuns: FullRun[] = []
    const withTopicsRuns: FullRun[] = []
    const backfills: { ms: number; items: number; tagged: number }[] = []
    let parsed: ParsedFeed[] = []
    let normalised: NormaliseResult[] = []
    for (let run = 0; run <= options.runs; run++) {
      const [fetchMs, fetched] = await clock(fetchAll)
      check(
        fetched.every((f, i) => f.status === 'ok' && f.bytes.equals(corpus.feeds[i]!.body)),
        'fetch: served bytes differ from the corpus',
      )
      const [parseMs, parsedNow] = await clock(() => parseAll(corpus.feeds))
      parsed = parsedNow
      const [normaliseMs, normalisedNow] = await clock(async () => normaliseAll(parsed))
      normalised = normalisedNow
      const store = await storeRun(corpus, served.urls, normalised, dir, run)
      check(store.stored === e.unique, `store only: ${store.stored} items stored, ${e.unique} expected`)
      const full = await fullRun(corpus, served.urls, dir, run, processor)
      check(full.errors.length === 0, `full path: ${full.errors.join('; ')}`)
      check(full.stored === e.unique, `full path: the store holds ${full.stored} items, ${e.unique} expected`)
      check(full.created === e.unique, `full path: ${full.created} created, ${e.unique} expected`)
      check(
        full.created + full.updated + full.unchanged === e.valid,
        `full path: ${full.created + full.updated + full.unchanged} items handled, ${e.valid} expected`,
      )
      check(full.skipped === e.skipped, `full path: ${full.skipped} skipped, ${e.skipped} expected`)
      const withTopics = await fullRun(corpus, served.urls, dir, run, processor, CHANNEL_TOPICS.length)
      check(withTopics.errors.length === 0 && withTopics.stored === e.unique, `full path with channel topics: ${withTopics.stored} stored, ${e.unique} expected; ${withTopics.errors.join('; ')}`)
      check(withTopics.channelTagged > 0, 'full path with channel topics: no item tagged')
      const backfill = await backfillRun(dir, run)
      check(backfill.items === Math.min(full.stored, BACKFILL_ITEMS), `backfill: ${backfill.items} items matched, ${Math.min(full.stored, BACKFILL_ITEMS)} expected`)
      if (run === 0) continue
      withTopicsRuns.push(withTopics)
      backfills.push(backfill)
      times.fetch.push(fetchMs)
      times.parse.push(parseMs)
      times.normalise.push(normaliseMs)
      times.store.push(store.ms)
      fullRuns.push(full)
    }
    await processor.close()
    const parsedItems = parsed.reduce((n, p) => n + p.items.length, 0)
    check(parsedItems === corpus.items, `parse: ${parsedItems} items parsed, ${corpus.items} generated`)
    const kept = normalised.flatMap((n) => n.items)
    check(kept.length === e.valid, `normalise: ${kept.length} items kept, ${e.valid} expected`)
    const tagged = kept.filter((i) => i.topics.length > 0).length
    const unknownLanguage = kept.filter((item) => !['en', 'ja', 'ru', 'uk'].includes(item.language)).length
    check(unknownLanguage === 0, `normalise: ${unknownLanguage} items without a known language`)
    const storedItems = fullRuns[0]!.stored

    const stages: Record<string, Stage> = {
      fetch: { label: `fetch only (HTTP, ${options.concurrency} hosts at once)`, runsMs: times.fetch, items: corpus.items },
      parse: { label: 'parse only (decode + parse)', runsMs: times.parse, items: parsedItems },
      normalise: { label: 'normalise only', runsMs: times.normalise, items: parsedItems },
      store: { label: 'store only (upserts into fresh SQLite)', runsMs: times.store, items: kept.length },
      full: { label: `full path (pollFeeds → fresh SQLite, ${env.NEWSBOT_PARSE_WORKERS ?? defaultWorkerCount()} parse workers)`, runsMs: fullRuns.map((r) => r.ms), items: storedItems },
      fullWithTopics: { label: `full path with ${CHANNEL_TOPICS.length} channel topics`, runsMs: withTopicsRuns.map((r) => r.ms), items: storedItems },
    }
    const full = stages.full!
    const ratio = rate(full) / rate(stages.parse!)
    const runRatios = fullRuns.map((r, i) => r.stored / r.ms / (parsedItems / times.parse[i]!))
    const partsMs = ['fetch', 'parse', 'normalise', 'store'].reduce((n, k) => n + msOf(stages[k]!), 0)

    const rows = Object.values(stages).map((s) => [
      s.label,
      fmt(msOf(s)),
      fmt(rate(s)),
      fmt((msOf(s) * 1000) / s.items, 1),
      `${fmt((100 * msOf(s)) / msOf(full))} %`,
    ])
    const header = ['stage', 'median ms', 'items/s', 'µs/item', 'of full']
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)))
    const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')
    console.log(line(header))
    console.log(widths.map((w) => '─'.repeat(w)).join('  '))
    for (const row of rows) console.log(line(row))
    console.log(
      `\nsum of the separate stages: ${fmt(partsMs)} ms; full path: ${fmt(msOf(full))} ms ` +
        `(${fmt(storedItems)} stored, ${fmt(fullRuns[0]!.updated)} updated by aggregator repeats, ${fmt(fullRuns[0]!.skipped)} skipped)`,
    )
    console.log(`topic-tagged items: ${fmt((100 * tagged) / kept.length, 1)} %`)
    const topicCost = msOf(stages.fullWithTopics!) / msOf(full)
    const backfillMs = median(backfills.map((b) => b.ms))
    console.log(
      `${CHANNEL_TOPICS.length} channel topics: full path ${fmt(topicCost, 2)} × the time without them (${fmt(withTopicsRuns[0]!.channelTagged)} tags); ` +
        `a new topic's backfill over ${fmt(backfills[0]!.items)} stored items: ${fmt(backfillMs)} ms`,
    )
    console.log(
      `full path / parse-only throughput: ${fmt(ratio, 2)} (runs: ${runRatios.map((r) => fmt(r, 2)).join(', ')}; ` +
        `target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
    )

    if (problems.length) {
      console.error(`\nverification FAILED (results not written):\n  ${problems.join('\n  ')}`)
      process.exitCode = 1
      return
    }
    console.log(`verified: every feed ok, the store holds the ${fmt(storedItems)} expected items`)

    const results = {
      benchmark: 'ingest',
      date: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
      loadAverage: os.loadavg()[0]!.toFixed(2),
      options,
      corpus: {
        feeds: corpus.feeds.length,
        hosts: corpus.hosts,
        items: corpus.items,
        bytes: corpus.bytes,
        formats,
        charsets,
        languages,
        expected: corpus.expected,
      },
      stages: Object.fromEntries(
        Object.entries(stages).map(([key, s]) => [
          key,
          { items: s.items, medianMs: round(msOf(s)), itemsPerSec: Math.round(rate(s)), runsMs: s.runsMs.map((ms) => round(ms, 1)) },
        ]),
      ),
      full: { stored: storedItems, created: fullRuns[0]!.created, updated: fullRuns[0]!.updated, unchanged: fullRuns[0]!.unchanged, skipped: fullRuns[0]!.skipped },
      topicTaggedShare: round((100 * tagged) / kept.length) / 100,
      ratio: {
        fullOverParse: Math.round(ratio * 1000) / 1000,
        perRun: runRatios.map((r) => Math.round(r * 1000) / 1000),
        target: TARGET_RATIO,
        met: ratio >= TARGET_RATIO,
      },
      channelTopics: {
        topics: CHANNEL_TOPICS.length,
        tags: withTopicsRuns[0]!.channelTagged,
        fullWithOverWithout: Math.round(topicCost * 1000) / 1000,
        backfill: { items: backfills[0]!.items, tagged: backfills[0]!.tagged, medianMs: round(backfillMs), runsMs: backfills.map((b) => round(b.ms, 1)) },
      },
      verified: true,
    }
    await mkdir(path.dirname(args.out), { recursive: true })
    await writeFile(args.out, `${JSON.stringify(results, null, 2)}\n`)
    console.log(`results: ${path.relative(process.cwd(), args.out)}`)
  } finally {
    await served.close()
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
