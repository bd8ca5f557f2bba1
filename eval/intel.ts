// npm run eval:intel — what /timeline and /ceasefire-status answer on every labelled feed set, read as a new user
// reads it (`newsbot ingest FILE…`, then `newsbot run timeline --json` and `newsbot run ceasefire-status --as-of D
// --json`), with the shipped chronology off (live evidence only) and on (the default of a fresh install):
//   - timeline: every labelled event exactly once, dated within a day, in order, and the same entry (date, type,
//     sources) whatever actor or topic filter is applied;
//   - ceasefire: the state at each as-of date within the accepted set;
//   - the ceasefire reader on the beat set's labelled sentences (both halves).
// `--set NAME` runs one set (`sentences:tune` one half of the sentences); `--verbose` prints every timeline entry. JSON in bench/results/eval-intel.json.
// `--llm`: the same with the optional LLM judge of ceasefire sentences (LLM_BASE_URL, LLM_MODEL; eval/support/llm-judge.ts),
// JSON in bench/results/eval-intel-llm.json; without an LLM configured, one line says so and the offline figures follow.
import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { CeasefireJson } from '../commands/ceasefire-status.js'
import type { TimelineJson } from '../commands/timeline.js'
import { beatSentences, HALVES } from './support/beat.js'
import { evalSentences } from './support/ceasefire-sentences.js'
import { evalCeasefireJudge, llmJudgeEnv, llmSkipReason } from './support/llm-judge.js'
import { replayFeeds, runJson, type Replay } from './support/replay.js'
import { scoreTimeline, timelineLines, timelinePasses } from './support/scoring.js'
import { isUnseen, labelledSets, type LabelledSet } from './support/sets.js'

const { values } = parseArgs({ options: { set: { type: 'string' }, verbose: { type: 'boolean' }, llm: { type: 'boolean' } } })
const skipLlm = values.llm ? llmSkipReason() : null
if (skipLlm) console.log(skipLlm)
const llm = Boolean(values.llm) && !skipLlm
const via = llm ? ', LLM judge' : ''
const EVERYTHING = { from: '2000-01-01', to: '2030-12-31' }
/** Filters a reader applies; an entry must read the same under each. */
const FILTERS: Record<string, string>[] = [{ actor: 'person:putin' }, { actor: 'person:zelensky' }, { actor: 'country:us' }, { topic: 'ceasefire' }, { topic: 'us-russia' }]

type Entry = TimelineJson['events'][number]
const entryKey = (e: Entry) => (e.storyId !== null ? `story:${e.storyId}` : `row:${e.date}:${e.title}`)
const entryShape = (e: Entry) => `${e.date.slice(0, 10)}|${e.type}|${e.sources.map((s) => s.url).sort().join(' ')}`

async function filterChanges(replay: Replay, all: TimelineJson): Promise<string[]> {
  const byKey = new Map(all.events.map((e) => [entryKey(e), e]))
  const changes: string[] = []
  for (const filter of FILTERS) {
    const filtered = await runJson<TimelineJson>(replay.ctx, 'timeline', { ...EVERYTHING, ...filter })
    for (const entry of filtered.events) {
      const whole = byKey.get(entryKey(entry))
      if (!whole) changes.push(`${JSON.stringify(filter)}: an entry the unfiltered timeline lacks: ${entry.date} ${entry.title}`)
      else if (entryShape(whole) !== entryShape(entry)) changes.push(`${JSON.stringify(filter)}: ${entry.date} ${entry.title.slice(0, 60)} reads ${entryShape(entry).slice(0, 40)}… instead of ${entryShape(whole).slice(0, 40)}…`)
    }
  }
  return changes
}

interface ModeResult {
  timeline: ReturnType<typeof scoreTimeline>
  filterChanges: string[]
  ceasefire: { asOf: string; state: string; since: string; accepted: string[]; ok: boolean }[]
}

async function evalMode(set: LabelledSet, chronology: boolean): Promise<ModeResult> {
  const replay = await replayFeeds(set.files, { chronology, ...(llm ? { env: llmJudgeEnv() } : {}) })
  try {
    const json = await runJson<TimelineJson>(replay.ctx, 'timeline', EVERYTHING)
    const timeline = scoreTimeline(json, set.gold)
    const changes = await filterChanges(replay, json)
    const ceasefire = []
    for (const c of set.asOf) {
      const status = await runJson<CeasefireJson>(replay.ctx, 'ceasefire-status', { 'as-of': c.asOf })
      const accepted = chronology ? c.withChronology : c.feedsOnly
      ceasefire.push({ asOf: c.asOf, state: status.state, since: status.since, accepted, ok: accepted.includes(status.state), why: status.developments.slice(0, 3).map((d) => `${d.date} ${d.state}: ${d.title.slice(0, 90)}`) })
    }
    const label = `${set.name} timeline, chronology ${chronology ? 'on' : 'off'}${via}`
    const shown = isUnseen(set.name) ? (line: string) => !line.startsWith(' ') : () => true
    for (const line of timelineLines(label, timeline, Boolean(values.verbose)).filter(shown)) console.log(line)
    for (const change of changes) if (shown(' ')) console.log(`  filter changes an entry: ${change}`)
    console.log(`${label}: ${changes.length} entries read differently under a filter`)
    for (const c of shown(' ') ? ceasefire : []) {
      console.log(`  ${c.asOf}: ${c.state} since ${c.since} — accepted ${c.accepted.join('/')} — ${c.ok ? 'ok' : 'WRONG'}`)
      if (!c.ok) for (const w of c.why) console.log(`      ${w}`)
    }
    console.log(`${set.name} ceasefire-status, chronology ${chronology ? 'on' : 'off'}${via}: ${ceasefire.filter((c) => c.ok).length}/${ceasefire.length} as-of states right`)
    const judged = replay.ctx.ceasefireJudge?.stats()
    if (judged) console.log(`${set.name} LLM judge: ${judged.asked} sentences asked, ${judged.accepted} accepted, ${judged.rejected} rejected by the check, ${judged.failed} failed, ${judged.skipped} over the budget`)
    return { timeline: { ...timeline, detail: [] }, filterChanges: changes, ceasefire: ceasefire.map(({ why: _why, ...c }) => c) }
  } finally {
    await replay.close()
  }
}

const result: Record<string, unknown> = { eval: 'intel', date: new Date().toISOString() }
let pass = true
for (const set of labelledSets(values.set)) {
  try {
    for (const chronology of [false, true]) {
      const mode = await evalMode(set, chronology)
      result[`${set.name}:${chronology ? 'chronology' : 'feeds'}`] = mode
      pass &&= timelinePasses(mode.timeline) && mode.filterChanges.length === 0 && mode.ceasefire.every((c) => c.ok)
    }
  } finally {
    set.dispose()
  }
}
if (!values.set || values.set.startsWith('sentences')) {
  // `sentences:tune` must never print the test half's failures.
  for (const half of HALVES.filter((h) => !values.set?.includes(':') || values.set === `sentences:${h}`)) {
    const judge = llm ? evalCeasefireJudge() : null
    await judge?.prepare(beatSentences(half).map((s) => ({ title: s.inTitle ? s.sentence : '', text: s.inTitle ? '' : s.sentence, publishedAt: new Date(`${s.eventDate || '2025-01-01'}T12:00:00Z`) })))
    const sentences = evalSentences(half, Boolean(values.verbose) && !isUnseen(`sentences:${half}`), undefined, judge ? (title, text, published) => judge.readItem(title, text, published) : undefined)
    for (const line of sentences.lines) console.log(judge ? `LLM judge: ${line}` : line)
    const judged = judge?.stats()
    if (judged) console.log(`sentences:${half} LLM judge: ${judged.asked} asked, ${judged.accepted} accepted, ${judged.rejected} rejected by the check, ${judged.failed} failed, ${judged.skipped} over the budget`)
    result[`sentences:${half}`] = sentences.result
    pass &&= sentences.result.accuracy >= 0.9
  }
}
result.pass = pass
if (!values.set) {
  mkdirSync('bench/results', { recursive: true })
  writeFileSync(llm ? 'bench/results/eval-intel-llm.json' : 'bench/results/eval-intel.json', `${JSON.stringify(result, null, 2)}\n`)
}
console.log(`\n${pass ? 'PASS' : 'BELOW TARGET'}: every event once and dated within a day whatever the filter, every as-of state right with the chronology off and on, ceasefire sentences ≥ 90 % right`)
if (!pass) process.exitCode = 1
