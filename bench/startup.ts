// Start-up benchmark (npm run bench:startup [-- --runs 5 --items 10000 --days 120 --seed 7 --workers 2 --before REF]).
// Side by side in one run: the compiled CLI (bin/newsbot.mjs, what `npm start` and `npx newsbot` run), the same
// sources through tsx (bench/tsx-cli.mjs), and the CLI as it was before the build: the last commit whose
// bin/newsbot.mjs ran the sources through tsx (or --before REF; --before none leaves it out), unpacked with
// `git archive` next to this checkout's node_modules, with its own Prisma clients generated. Wall time and peak RSS
// of `--help`, `run topics`, `run timeline --json` and `run ceasefire-status --json` on a SQLite store of --items
// items (bench/seeded-store.ts, ending today), and of `start` in console mode (no chat tokens) with --workers parse
// workers, polling feeds served on 127.0.0.1 (bench:ingest's corpus) until its first round is done, then stopped
// with SIGINT. Bare `node -e 0` is the floor. Every case runs once unmeasured (tsx's transform cache warm, the
// build current), then --runs times in turn; medians are reported. The targets are measured against the CLI before
// the build (against the tsx column when it is left out). Peak RSS is the child's own high-water mark, worker
// threads included (bench/peak-rss.mjs). Writes bench/results/startup.json.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { openStore } from '../src/7-store/prisma-store.js'
import { generateCorpus } from './corpus.js'
import { rng } from './prng.js'
import { buildStories, seedStories } from './seeded-store.js'
import { serveCorpus } from './serve-corpus.js'
import { generateStream } from './story-corpus.js'
import { median, round, wholeOption } from './numbers.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const RESULTS = path.join(ROOT, 'bench/results/startup.json')
const PEAK_RSS = path.join(ROOT, 'bench/peak-rss.mjs')
const DAY = 86_400_000
const TARGETS = { helpSpeedup: 5, helpOverNode: 6, runSpeedup: 2, startRssRatio: 0.75 }

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    items: { type: 'string', default: '10000' },
    days: { type: 'string', default: '120' },
    seed: { type: 'string', default: '7' },
    workers: { type: 'string', default: '2' },
    before: { type: 'string' },
    out: { type: 'string', default: RESULTS },
  },
})

const options = {
  runs: wholeOption('runs', args.runs),
  items: wholeOption('items', args.items),
  days: wholeOption('days', args.days),
  seed: wholeOption('seed', args.seed),
  workers: wholeOption('workers', args.workers),
}

// --- running a child ---------------------------------------------------------------------------------------

interface Side {
  name: string
  /** The checkout it runs from (its config, for start). */
  root: string
  entry: string
  commit?: string
}

interface Sample {
  ms: number
  rssKb: number
}

const work = mkdtempSync(path.join(tmpdir(), 'newsbot-bench-startup-'))
/** No chat tokens (console mode), no .env of the developer's (the children run in a temporary folder): the same for every side. */
const baseEnv: Record<string, string> = { NEWSBOT_LOG_LEVEL: 'info', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', LLM_BASE_URL: '' }

/**
 * Runs node with the arguments until it exits (or, with `until`, until its stderr matches, then stops it with
 * SIGINT); wall time from spawn to exit, and the child's peak RSS.
 */
function run(nodeArgs: string[], env: Record<string, string>, until?: RegExp): Promise<Sample> {
  const rssFile = path.join(work, `rss-${process.hrtime.bigint()}`)
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--import', PEAK_RSS, ...nodeArgs], {
      cwd: work,
      env: { ...process.env, ...baseEnv, ...env, PEAK_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    let stopped = false
    child.stderr.on('data', (d) => {
      stderr += d
      if (until?.test(stderr) && !stopped) stopped = child.kill('SIGINT')
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - started
      if (code !== 0) return reject(new Error(`bench: node ${nodeArgs.join(' ')} exited ${code}\n${stderr}`))
      resolve({ ms, rssKb: Number(readFileSync(rssFile, 'utf8')) })
    })
  })
}

interface Case {
  name: string
  args: string[]
  env: (side: Side) => Record<string, string>
  /** Long-running: stopped once its stderr says this. */
  until?: RegExp
}

interface Measured {
  ms: number
  rssMb: number
}

interface CaseResult {
  name: string
  /** By side name, in the order of SIDES. */
  sides: Record<string, Measured>
}

const summary = (list: Sample[]): Measured => ({ ms: round(median(list.map((s) => s.ms)), 0), rssMb: round(median(list.map((s) => s.rssKb)) / 1024, 1) })

async function measure(c: Case, sides: Side[]): Promise<CaseResult> {
  const samples = sides.map((): Sample[] => [])
  const once = (side: Side) => run([side.entry, ...c.args], c.env(side), c.until)
  for (const side of sides) await once(side)
  for (let i = 0; i < options.runs; i++) for (const [k, side] of sides.entries()) samples[k]!.push(await once(side))
  const result = { name: c.name, sides: Object.fromEntries(sides.map((side, k) => [side.name, summary(samples[k]!)])) }
  process.stderr.write(`  ${c.name}: ${sides.map((side) => `${side.name} ${result.sides[side.name]!.ms} ms`).join(', ')}\n`)
  return result
}

// --- the store and the feeds -------------------------------------------------------------------------------

async function seededStore(): Promise<string> {
  const url = `file:${path.join(work, 'store.db')}`
  const start = new Date(Math.floor((Date.now() - options.days * DAY) / DAY) * DAY)
  const stream = generateStream({ items: options.items, seed: options.seed, perDay: options.items / options.days, start })
  const store = await openStore(url)
  try {
    await seedStories(store, buildStories(stream, rng(options.seed + 1)))
  } finally {
    await store.close()
  }
  return url
}

/** bench:ingest's corpus feeds, served here, and for each checkout a config of its shipped topics and those feeds. */
async function servedFeeds(): Promise<{ configFor: (side: Side) => string; feeds: number; items: number; close: () => Promise<void> }> {
  // Small: start is measured once it is up with its workers, not the work of a large first poll.
  const corpus = generateCorpus({ items: 200, seed: options.seed })
  const served = await serveCorpus(corpus)
  const feeds = corpus.feeds.flatMap((f, i) => (f.language ? [{ name: f.name, url: served.urls[i]!, language: f.language, country: f.country, kind: f.kind }] : []))
  const configFor = (side: Side) => {
    const file = path.join(work, `config-${side.name.replace(/\W+/g, '-')}.json`)
    const shipped = JSON.parse(readFileSync(path.join(side.root, 'config/newsbot.json'), 'utf8'))
    writeFileSync(file, JSON.stringify({ ...shipped, feeds }))
    return file
  }
  return { configFor, feeds: feeds.length, items: corpus.items, close: served.close }
}

// --- the CLI before the build --------------------------------------------------------------------------

const git = (...gitArgs: string[]) => execFileSync('git', ['-C', ROOT, ...gitArgs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()

/** The newest commit whose bin/newsbot.mjs ran the sources through tsx, or null (no history, or never). */
function lastTsxCommit(): string | null {
  try {
    const commits = git('log', '--format=%H', '--', 'bin/newsbot.mjs').split('\n').filter(Boolean)
    const usesTsx = (sha: string) => git('show', `${sha}:bin/newsbot.mjs`).includes('tsx/esm/api')
    if (commits[0] && usesTsx(commits[0])) return git('rev-parse', 'HEAD')
    const newest = commits.findIndex(usesTsx)
    // The parent of the commit that replaced that bin.
    return newest > 0 ? git('rev-parse', `${commits[newest - 1]}^`) : null
  } catch {
    return null
  }
}

/** The CLI before the build, unpacked into `dir`; or why there is none. */
function checkoutBefore(dir: string): Side | { skipped: string } {
  if (args.before === 'none') return { skipped: '--before none' }
  let sha: string | null
  try {
    sha = args.before ? git('rev-parse', '--verify', `${args.before}^{commit}`) : lastTsxCommit()
  } catch {
    return { skipped: `${args.before} is not a commit here` }
  }
  if (!sha) return { skipped: 'no commit whose bin ran the sources through tsx (not a git checkout?)' }
  mkdirSync(dir)
  execFileSync('tar', ['-x', '-C', dir], { input: execFileSync('git', ['-C', ROOT, 'archive', sha], { maxBuffer: 1 << 30 }) })
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'))
  execFileSync('npm', ['run', '--silent', 'db:generate'], { cwd: dir, stdio: 'ignore' })
  return { name: 'before', root: dir, entry: path.join(dir, 'bin/newsbot.mjs'), commit: sha }
}

// --- main --------------------------------------------------------------------------------------------------

console.log(`bench:startup — ${options.runs} runs per case (medians), node ${process.version}`)
let started = performance.now()
const storeUrl = await seededStore()
console.log(`store: ${options.items} items over ${options.days} days, seeded in ${round((performance.now() - started) / 1000, 1)} s`)
const compiled: Side = { name: 'compiled', root: ROOT, entry: path.join(ROOT, 'bin/newsbot.mjs') }
const tsx: Side = { name: 'tsx', root: ROOT, entry: path.join(ROOT, 'bench/tsx-cli.mjs') }
const before = checkoutBefore(path.join(work, 'before'))
const SIDES = 'skipped' in before ? [compiled, tsx] : [compiled, tsx, before]
const reference = 'skipped' in before ? tsx : before
console.log('skipped' in before ? `before: left out (${before.skipped})` : `before: the CLI as of ${before.commit!.slice(0, 10)}, sources through tsx`)
const served = await servedFeeds()
let fresh = 0
const CASES: Case[] = [
  { name: '--help', args: ['--help'], env: () => ({}) },
  { name: 'run topics', args: ['run', 'topics'], env: () => ({ DATABASE_URL: storeUrl }) },
  { name: 'run timeline --json', args: ['run', 'timeline', '--json'], env: () => ({ DATABASE_URL: storeUrl }) },
  { name: 'run ceasefire-status --json', args: ['run', 'ceasefire-status', '--json'], env: () => ({ DATABASE_URL: storeUrl }) },
  {
    name: `start (${options.workers} parse workers)`,
    args: ['start'],
    // Each start on a new database, so that every one polls and parses all the feeds.
    env: (side) => ({ DATABASE_URL: `file:${path.join(work, `start-${++fresh}.db`)}`, NEWSBOT_CONFIG: served.configFor(side), NEWSBOT_PARSE_WORKERS: String(options.workers), NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true', NEWSBOT_HOST_DELAY_MS: '0' }),
    until: /poll round done/,
  },
]

started = performance.now()
const nodeSamples: Sample[] = []
for (let i = 0; i <= options.runs; i++) nodeSamples.push(await run(['-e', '0'], {}))
const bareNode = summary(nodeSamples.slice(1))
const results: CaseResult[] = []
for (const c of CASES) results.push(await measure(c, SIDES))
await served.close()
const measuredSeconds = round((performance.now() - started) / 1000, 0)
rmSync(work, { recursive: true, force: true })

/** How many times faster the compiled CLI is than `side`, and what share of its peak RSS it needs. */
const against = (r: CaseResult, side: Side) => ({ speedup: round(r.sides[side.name]!.ms / r.sides.compiled!.ms, 2), rssRatio: round(r.sides.compiled!.rssMb / r.sides[side.name]!.rssMb, 2) })
const [help, ...rest] = results
const runs = rest.filter((r) => r.name.startsWith('run '))
const start = rest.find((r) => r.name.startsWith('start'))!
const vs = `vs ${reference.name}`
const checks = [
  { target: `--help ≥ ${TARGETS.helpSpeedup}× faster (${vs})`, measured: `${against(help!, reference).speedup}×`, met: against(help!, reference).speedup >= TARGETS.helpSpeedup },
  { target: `--help within ${TARGETS.helpOverNode}× of node -e 0`, measured: `${round(help!.sides.compiled!.ms / bareNode.ms, 2)}×`, met: help!.sides.compiled!.ms <= TARGETS.helpOverNode * bareNode.ms },
  ...runs.map((r) => ({ target: `${r.name} ≥ ${TARGETS.runSpeedup}× faster (${vs})`, measured: `${against(r, reference).speedup}×`, met: against(r, reference).speedup >= TARGETS.runSpeedup })),
  { target: `start peak RSS ≤ ${TARGETS.startRssRatio} of ${reference.name}'s`, measured: `${against(start, reference).rssRatio}`, met: against(start, reference).rssRatio <= TARGETS.startRssRatio },
]

const others = SIDES.filter((side) => side !== compiled)
const header = ['command', ...SIDES.map((side) => `${side.name} ms`), ...others.map((side) => `× vs ${side.name}`), ...SIDES.map((side) => `${side.name} MB`), ...others.map((side) => `RSS vs ${side.name}`)]
const rows = [
  ['node -e 0', String(bareNode.ms), ...Array(SIDES.length - 1 + others.length).fill(''), String(bareNode.rssMb), ...Array(SIDES.length - 1 + others.length).fill('')],
  ...results.map((r) => [
    r.name,
    ...SIDES.map((side) => String(r.sides[side.name]!.ms)),
    ...others.map((side) => `${against(r, side).speedup}×`),
    ...SIDES.map((side) => String(r.sides[side.name]!.rssMb)),
    ...others.map((side) => String(against(r, side).rssRatio)),
  ]),
]
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
console.log(`start polls ${served.feeds} feeds (${served.items} items) on 127.0.0.1 and is stopped after its first round; measured in ${measuredSeconds} s`)
console.log(line(header))
for (const r of rows) console.log(line(r))
for (const c of checks) console.log(`${c.met ? 'met   ' : 'MISSED'} ${c.target}: ${c.measured}`)

mkdirSync(path.dirname(args.out), { recursive: true })
const sides = SIDES.map(({ name, commit }) => ({ name, ...(commit && { commit }) }))
writeFileSync(args.out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, options, sides, bareNode, results, targets: checks }, null, 2)}\n`)
