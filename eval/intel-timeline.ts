// The timeline half of eval:intel: `newsbot run timeline --json` over all of stories-dev, scored as
// ../shared/eval/stories-dev/score.py's timeline() does: each gold event exactly once (an entry whose sources map to
// more than one gold event, or to an off-topic one, is wrong or mixed), dated within a day of its earliest report,
// entries in date order.
import { runCommand } from '../commands/run.js'
import type { TimelineJson } from '../commands/timeline.js'
import type { CommandServices } from '../commands/types.js'
import type { Store } from '../src/7-store/types.js'
import { consoleInvoker } from '../src/cli/console-invoker.js'
import { loadGold, scoringUrl } from './support/stories-dev.js'

const DAY = 86_400_000

export interface TimelineScore {
  goldEvents: number
  covered: number
  duplicates: number
  wrongOrMixed: number
  dateErrors: { event: string; dated: string; gold: string }[]
  chronological: boolean
  entries: number
  /** What each entry was, for reading the result: gold events its sources belong to. */
  detail: { date: string; type: string; storyId: number | null; gold: string[]; title: string }[]
}

/** score.py's timeline(), entry for entry. */
export function scoreTimeline(json: TimelineJson, gold = loadGold()): TimelineScore {
  const first = new Map<string, string>()
  for (const g of gold.values()) {
    if (!g.event.startsWith('E')) continue
    const day = g.published.slice(0, 10)
    if (!first.has(g.event) || day < first.get(g.event)!) first.set(g.event, day)
  }
  const seen = new Map<string, number>()
  const order: string[] = []
  const score: TimelineScore = { goldEvents: first.size, covered: 0, duplicates: 0, wrongOrMixed: 0, dateErrors: [], chronological: true, entries: json.events.length, detail: [] }
  for (const entry of json.events) {
    const events = [...new Set(entry.sources.flatMap((s) => gold.get(scoringUrl(s.url))?.event ?? []))]
    score.detail.push({ date: entry.date, type: entry.type, storyId: entry.storyId, gold: events, title: entry.title })
    if (events.length !== 1 || events[0]!.startsWith('X')) {
      score.wrongOrMixed++
      continue
    }
    const event = events[0]!
    seen.set(event, (seen.get(event) ?? 0) + 1)
    const goldDay = first.get(event)!
    if (Math.abs(Date.parse(entry.date.slice(0, 10)) - Date.parse(goldDay)) > DAY) {
      score.dateErrors.push({ event, dated: entry.date, gold: goldDay })
      score.wrongOrMixed++
    }
    order.push(entry.date.slice(0, 10))
  }
  score.covered = seen.size
  score.duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0)
  const sorted = [...order].sort()
  score.chronological = order.join() === sorted.join() || order.join() === [...sorted].reverse().join()
  return score
}

export async function evalTimeline(store: Store, services: CommandServices): Promise<{ lines: string[]; result: unknown; pass: boolean }> {
  const reply = await runCommand(
    { command: 'timeline', subcommand: null, options: { from: '2000-01-01', to: '2030-12-31' }, invoker: consoleInvoker({ locale: 'en' }), now: new Date('2030-12-31T00:00:00Z') },
    { ...services, store },
  )
  if (!reply.data) throw new Error(`eval: /timeline gave no JSON: ${JSON.stringify(reply)}`)
  const json = reply.data as TimelineJson
  const score = scoreTimeline(json)
  const pass = score.covered === score.goldEvents && score.duplicates === 0 && score.wrongOrMixed === 0 && score.chronological
  const lines = [
    'timeline (stories-dev, scored as score.py timeline):',
    ...score.detail.map((d) => `  ${d.date}  ${d.type.padEnd(17)} ${(d.gold.join('+') || '—').padEnd(7)} #${String(d.storyId).padEnd(4)} ${d.title}`),
    ...score.dateErrors.map((e) => `  ${e.event}: dated ${e.dated}, gold ${e.gold}`),
    `events covered ${score.covered}/${score.goldEvents}; duplicate entries ${score.duplicates}; wrong or mixed entries ${score.wrongOrMixed}; date errors beyond a day ${score.dateErrors.length}; chronological ${score.chronological}`,
  ]
  return { lines, result: { ...score, json }, pass }
}
