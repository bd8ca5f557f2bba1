// Hostile-feed parse benchmark (npm run bench:hostile [-- --runs 5 --smallest 128]).
// Parse time (parseFeed on this thread, the text already decoded) of the feed shapes that once made parsing grow
// with the square of their size (tests/support/hostile-feeds.ts): one element chain nested ever deeper (rejected
// at the nesting limit), items nested as deep as the limit allows, and items whose <title> holds markup and is
// never closed. Each shape at 4 sizes doubling from --smallest KiB; each size parsed once unmeasured, then --runs
// times, median reported. Growth is the time ratio against the size ratio from the smallest size: about 1 for
// linear, about the size ratio itself for quadratic. Prints a table and writes bench/results/hostile.json.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { MAX_NESTING_DEPTH } from '../src/2-parse/markup-scan.js'
import { parseFeed } from '../src/2-parse/parse-feed.js'
import { doublingSizes, nestedFeed, nestedItemsFeed, unclosedTitlesFeed } from '../tests/support/hostile-feeds.js'
import { median, round, wholeOption } from './numbers.js'

const RESULTS = fileURLToPath(new URL('./results/hostile.json', import.meta.url))
const SIZES = 4

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    smallest: { type: 'string', default: '128' },
    out: { type: 'string', default: RESULTS },
  },
})
const options = { runs: wholeOption('runs', args.runs), smallest: wholeOption('smallest', args.smallest) }

const SHAPES: { name: string; build: (bytes: number) => string }[] = [
  { name: 'one chain, 7 bytes a level (past the limit)', build: nestedFeed },
  // rss, channel, item and description are four of the levels.
  { name: `items nested ${MAX_NESTING_DEPTH} deep`, build: (bytes) => nestedItemsFeed(bytes, MAX_NESTING_DEPTH - 4) },
  { name: 'unclosed titles with markup', build: unclosedTitlesFeed },
]

interface Measurement {
  kib: number
  ms: number
  /** Time ratio over size ratio, against the smallest size. */
  growth: number
  outcome: string
}

async function parseOnce(text: string): Promise<{ ms: number; outcome: string }> {
  const started = performance.now()
  const outcome = await parseFeed(text).then(
    (feed) => `${feed.items.length} items`,
    (err: Error) => err.message,
  )
  return { ms: performance.now() - started, outcome }
}

async function measure(build: (bytes: number) => string): Promise<Measurement[]> {
  const rows: Measurement[] = []
  for (const bytes of doublingSizes(options.smallest, SIZES)) {
    const text = build(bytes)
    const { outcome } = await parseOnce(text)
    const times: number[] = []
    for (let run = 0; run < options.runs; run++) times.push((await parseOnce(text)).ms)
    const ms = median(times)
    const first = rows[0]
    const kib = text.length / 1024
    rows.push({ kib: round(kib), ms: round(ms, 2), growth: first ? round(ms / first.ms / (kib / first.kib), 2) : 1, outcome })
  }
  return rows
}

const results: Record<string, Measurement[]> = {}
for (const shape of SHAPES) results[shape.name] = await measure(shape.build)

const header = ['shape', 'KiB', 'ms (median)', 'time × / size ×', 'outcome']
const table = Object.entries(results).flatMap(([name, rows]) => rows.map((r) => [name, String(r.kib), String(r.ms), String(r.growth), r.outcome]))
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)))
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
console.log(line(header))
console.log(widths.map((w) => '─'.repeat(w)).join('  '))
for (const row of table) console.log(line(row))
for (const [name, rows] of Object.entries(results)) {
  const [first, last] = [rows[0]!, rows[rows.length - 1]!]
  console.log(`${name}: size ×${round(last.kib / first.kib)} → time ×${round(last.ms / first.ms)}`)
}

await writeFile(args.out, `${JSON.stringify({ options, maxNestingDepth: MAX_NESTING_DEPTH, shapes: results }, null, 2)}\n`)
console.log(`results: ${path.relative(process.cwd(), args.out)}`)
