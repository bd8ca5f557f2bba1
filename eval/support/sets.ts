// The labelled feed sets the evaluations replay: stories-dev from ../shared (when it is there) and the two halves of
// our own beat set, each as feed files, gold labels and the accepted ceasefire states at as-of dates.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beatAsOf, beatOutlets, beatRows, HALVES, type AsOfCase, type Half } from './beat.js'
import { buildFeeds, type GoldItem } from './labelled-set.js'

export const STORIES_DEV = fileURLToPath(new URL('../../../shared/eval/stories-dev/', import.meta.url))

export interface LabelledSet {
  name: string
  files: string[]
  gold: Map<string, GoldItem>
  asOf: AsOfCase[]
  /** Removes whatever the set wrote to disk. */
  dispose(): void
}

/** ../shared/eval/stories-dev as its gen.py wrote it; null (with the reason printed) on a machine without ../shared. */
export function storiesDevSet(): LabelledSet | null {
  const feeds = path.join(STORIES_DEV, 'feeds')
  if (!existsSync(path.join(feeds, 'gold.json'))) {
    console.log(`stories-dev: skipped, ${feeds} is not here (it ships in ../shared beside the repository, not with it)`)
    return null
  }
  const expected = JSON.parse(readFileSync(path.join(STORIES_DEV, 'expected.json'), 'utf8')) as { ceasefire: Record<string, string[]> }
  return {
    name: 'stories-dev',
    files: readdirSync(feeds).filter((f) => f.endsWith('.xml')).sort().map((f) => path.join(feeds, f)),
    gold: new Map(Object.entries(JSON.parse(readFileSync(path.join(feeds, 'gold.json'), 'utf8')) as Record<string, GoldItem>)),
    // The set's states hold whether or not the shipped chronology is read beside it: both are history.
    asOf: Object.entries(expected.ceasefire).map(([asOf, accepted]) => ({ asOf, feedsOnly: accepted, withChronology: accepted, why: '' })),
    dispose() {},
  }
}

/** One half of eval/beat, written out as feeds in a temporary directory. */
export function beatSet(half: Half): LabelledSet {
  const dir = mkdtempSync(path.join(tmpdir(), `newsbot-beat-${half}-`))
  const built = buildFeeds(beatRows(half), beatOutlets(), dir)
  return { name: `beat:${half}`, files: built.files.map((f) => f.file), gold: built.gold, asOf: beatAsOf(half), dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * The test halves are for reporting only: the evals print their totals, never which of their items or dates went
 * wrong, so that nobody tunes on them by reading a failure.
 */
export const isUnseen = (setName: string) => setName.endsWith(':test')

/** Every set to report, in order: stories-dev (if present), then the beat set's tuning and test halves. */
export function labelledSets(only?: string): LabelledSet[] {
  const sets: (() => LabelledSet | null)[] = [storiesDevSet, ...HALVES.map((h) => () => beatSet(h))]
  const names = ['stories-dev', ...HALVES.map((h) => `beat:${h}`)]
  return sets.filter((_, i) => !only || names[i] === only || names[i]!.endsWith(only)).flatMap((make) => make() ?? [])
}
