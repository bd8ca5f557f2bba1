// Chat command benchmark (npm run bench:commands [-- --items 100000 --days 730 --runs 1000 --seed 7
// --stores sqlite,postgres]). A store holding --items items (bench:stories' multilingual en/ja/ru/uk stream, tagged
// by the shipped topic matcher, entities read by the shipped alias dictionary) in stories of about 3 items over
// --days days, on SQLite and on PostgreSQL; then /timeline (topic, from/to and actor varied) and /ceasefire-status
// (as-of varied) run --runs times each through runCommand, as a chat adapter calls them. Reports the handler's
// p50/p99 in ms per store; the target is p99 < 250 ms on both. Writes bench/results/commands.json.
//
// The store is seeded as bench/seeded-store.ts does (seconds, not a clustering run); seeding is not measured.
// PostgreSQL: a temporary database is created next to TEST_DATABASE_URL's (default
// postgresql://postgres@127.0.0.1:5432/postgres) and dropped afterwards; when the server cannot be reached,
// PostgreSQL is skipped with the reason.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { runCommand, type Invocation } from '../commands/run.js'
import type { CommandServices } from '../commands/types.js'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { loadBaseline } from '../src/services/baseline.js'
import { openStore } from '../src/7-store/prisma-store.js'
import { loadAppConfig } from '../src/config/app-config.js'
import type { Logger } from '../src/log.js'
import { rng } from './prng.js'
import { buildStories, seedStories, type SeedStory } from './seeded-store.js'
import { generateStream } from './story-corpus.js'
import { round, wholeOption } from './numbers.js'

const RESULTS = fileURLToPath(new URL('./results/commands.json', import.meta.url))
const TARGET_P99_MS = 250
const DAY = 86_400_000

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    days: { type: 'string', default: '730' },
    runs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '7' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    out: { type: 'string', default: RESULTS },
  },
})

const options = {
  items: wholeOption('items', args.items),
  days: wholeOption('days', args.days),
  runs: wholeOption('runs', args.runs),
  seed: wholeOption('seed', args.seed),
  stores: args.stores.split(',').map((s) => s.trim()),
}
const START = new Date('2024-11-01T00:00:00Z')

// --- corpus ------------------------------------------------------------------------------------------------

const config = loadAppConfig()
const entities = compileAliases(loadAliases())

// --- measurement -------------------------------------------------------------------------------------------

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (message, fields) => console.error(message, fields) }
const TOPICS = [undefined, 'us-russia', 'ukraine-war', 'ceasefire']
const ACTORS = [undefined, undefined, 'person:putin', 'person:zelensky', 'Trump', 'Путин', 'ゼレンスキー', 'country:us', 'org:nato', 'Лавров']
const SPANS = [undefined, 7, 30, 90, 365, options.days]

const day = (at: number) => new Date(at).toISOString().slice(0, 10)

/** One /timeline request: default range or a from/to window anywhere in the corpus, with or without topic and actor. */
function timelineOptions(random: () => number, first: number, now: number): Record<string, string> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const out: Record<string, string> = {}
  const topic = pick(TOPICS)
  const actor = pick(ACTORS)
  const span = pick(SPANS)
  if (topic) out.topic = topic
  if (actor) out.actor = actor
  if (span) {
    const from = first + random() * Math.max(0, now - first - span * DAY)
    out.from = day(from)
    out.to = day(from + span * DAY)
  }
  return out
}

function ceasefireOptions(random: () => number, first: number, now: number): Record<string, string> {
  return random() < 0.2 ? {} : { 'as-of': day(first + random() * (now - first - DAY)) }
}

interface Timing {
  p50: number
  p99: number
  max: number
  /** Entries in the replies, on average: what the handler loaded and built. */
  meanEntries: number
}

async function measure(services: CommandServices, command: string, optionsFor: () => Record<string, string>, now: Date): Promise<Timing> {
  const ms: number[] = []
  let entries = 0
  for (let i = 0; i < options.runs; i++) {
    const invocation: Invocation = {
      command,
      subcommand: null,
      options: optionsFor(),
      invoker: { platform: 'console', channelKey: 'bench', channelId: 'bench', workspaceId: null, userId: 'bench', inDirectMessage: false, canManage: false, locale: i % 3 === 0 ? 'ja' : 'en' },
      now,
    }
    const started = performance.now()
    const reply = await runCommand(invocation, services)
    ms.push(performance.now() - started)
    if (reply.kind !== 'entries') throw new Error(`bench: /${command} ${JSON.stringify(invocation.options)} answered ${JSON.stringify(reply)}`)
    entries += reply.entries.length
  }
  ms.sort((a, b) => a - b)
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(ms.at(-1)!), meanEntries: round(entries / ms.length) }
}

// --- stores --------------------------------------------------------------------------------------------------

interface Target {
  name: 'sqlite' | 'postgres'
  /** A new empty database, or the reason there is none. */
  create(): Promise<{ url: string; cleanup: () => Promise<void> } | { skipped: string }>
}

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

const TARGETS: Target[] = [
  {
    name: 'sqlite',
    async create() {
      const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-bench-commands-'))
      return { url: `file:${path.join(dir, 'bench.db')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
    },
  },
  {
    name: 'postgres',
    async create() {
      const name = `newsbot_bench_${process.pid}`
      try {
        await execute(adminUrl, `CREATE DATABASE ${name}`)
      } catch (err) {
        return { skipped: `PostgreSQL at ${new URL(adminUrl).host} is not reachable (${(err as Error).message})` }
      }
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      return { url: url.toString(), cleanup: () => execute(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
    },
  },
]

interface StoreResult {
  store: string
  skipped?: string
  seedSeconds?: number
  items?: number
  stories?: number
  timeline?: Timing
  ceasefireStatus?: Timing
}

async function benchStore(target: Target, stories: SeedStory[], span: { first: number; now: number }): Promise<StoreResult> {
  const created = await target.create()
  if ('skipped' in created) return { store: target.name, skipped: created.skipped }
  const store = await openStore(created.url)
  try {
    const started = performance.now()
    await seedStories(store, stories)
    // PostgreSQL's autovacuum would have analysed tables this size by now; a fresh bulk load has no statistics yet.
    if (target.name === 'postgres') await vacuumAnalyze(created.url)
    const seedSeconds = round((performance.now() - started) / 1000)
    const services: CommandServices = {
      store,
      config,
      digest: { store, entities, llm: null },
      entities,
      log: quiet,
      probeFeed: async () => ({ ok: false, error: 'not in the benchmark' }),
      readOpml: async () => '',
      // As deployed: the shipped chronology joins the live events.
      baseline: loadBaseline({ shipped: true }, loadAliases()),
    }
    const random = rng(options.seed)
    const now = new Date(span.now)
    const timeline = await measure(services, 'timeline', () => timelineOptions(random, span.first, span.now), now)
    const ceasefireStatus = await measure(services, 'ceasefire-status', () => ceasefireOptions(random, span.first, span.now), now)
    return { store: target.name, seedSeconds, items: await store.items.count(), stories: stories.length, timeline, ceasefireStatus }
  } finally {
    await store.close()
    await created.cleanup()
  }
}

const vacuumAnalyze = (url: string) => execute(url, 'VACUUM ANALYZE')

// --- main --------------------------------------------------------------------------------------------------

const perDay = options.items / options.days
console.log(`bench:commands — ${options.items} items over ${options.days} days (${round(perDay)}/day, en/ja/ru/uk), ${options.runs} runs per command, seed ${options.seed}`)
let started = performance.now()
const stream = generateStream({ items: options.items, seed: options.seed, perDay, start: START })
const stories = buildStories(stream, rng(options.seed + 1))
const span = { first: START.getTime(), now: stream.at(-1)!.item.publishedAt.getTime() }
const ceasefireStories = stories.filter((s) => s.state.topics.has('ceasefire')).length
console.log(`corpus: ${stories.length} stories (${round(options.items / stories.length, 2)} items each), ${ceasefireStories} on ceasefire, built in ${round((performance.now() - started) / 1000)}s`)

const results: StoreResult[] = []
for (const target of TARGETS.filter((t) => options.stores.includes(t.name))) {
  started = performance.now()
  try {
    const result = await benchStore(target, stories, span)
    results.push(result)
    if (result.skipped) console.log(`${target.name}: skipped: ${result.skipped}`)
    else console.log(`${target.name}: seeded in ${result.seedSeconds}s, measured in ${round((performance.now() - started) / 1000 - result.seedSeconds!)}s`)
  } catch (err) {
    results.push({ store: target.name, skipped: `failed: ${(err as Error).message}` })
    console.log(`${target.name}: FAILED: ${(err as Error).stack}`)
  }
}

const header = ['store', 'command', 'p50 ms', 'p99 ms', 'max ms', 'entries', 'verdict']
const rows = results.flatMap((r) =>
  r.skipped
    ? [[r.store, '—', '—', '—', '—', '—', r.skipped.slice(0, 60)]]
    : (
        [
          ['/timeline', r.timeline!],
          ['/ceasefire-status', r.ceasefireStatus!],
        ] as const
      ).map(([command, t]) => [r.store, command, String(t.p50), String(t.p99), String(t.max), String(t.meanEntries), t.p99 < TARGET_P99_MS ? 'OK' : 'TOO SLOW']),
)
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (cells: string[]) => cells.map((c, i) => (i < 2 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
console.log(line(header))
for (const r of rows) console.log(line(r))
console.log(`target: p99 < ${TARGET_P99_MS} ms per command on every store`)

mkdirSync(path.dirname(args.out), { recursive: true })
writeFileSync(args.out, `${JSON.stringify({ date: new Date().toISOString(), options, targetP99Ms: TARGET_P99_MS, results }, null, 2)}\n`)
