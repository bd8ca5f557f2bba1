// npm run eval:stories — clustering quality, B-cubed precision/recall/F1, on every labelled feed set read as a new
// user reads it (`newsbot ingest FILE…`, then `newsbot stories`): stories-dev from ../shared when it is there, and the
// tuning and test halves of our own beat set, with off-topic leaks and missing on-topic items; then the English
// sets of ../shared (ECB+: two different events of the same kind must not merge; the UCI headline sample).
// `--set NAME` runs one set; `--verbose` lists every split, merge and leak. `--llm`: after each set's figures, the
// optional LLM pair judge on the story pairs clustering left apart that look borderline (eval/support/llm-judge.ts);
// without LLM_BASE_URL and LLM_MODEL, one line says so.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import { ECBPLUS_DOCS, ECBPLUS_PUBLISHED_AT, evalEcbPlus, evalUciHeadlines, UCI_CSV } from './support/english-sets.js'
import { evalPairJudge, llmSkipReason, pairJudgeLine } from './support/llm-judge.js'
import { replayFeeds } from './support/replay.js'
import { scoreClustering, type ClusteringScore } from './support/scoring.js'
import { isUnseen, labelledSets } from './support/sets.js'

const { values } = parseArgs({ options: { set: { type: 'string' }, verbose: { type: 'boolean' }, 'skip-english': { type: 'boolean' }, llm: { type: 'boolean' } } })
const skipLlm = values.llm ? llmSkipReason() : null
if (skipLlm) console.log(skipLlm)
const llm = Boolean(values.llm) && !skipLlm

/** The targets: the beat set's test half is the one that says how the method does on news it was not tuned on. */
const TARGET_F1: Record<string, number> = { 'stories-dev': 0.9, 'beat:tune': 0.95, 'beat:test': 0.95 }

const results: Record<string, ClusteringScore | unknown> = {}
let below = false
for (const set of labelledSets(values.set)) {
  const replay = await replayFeeds(set.files, { chronology: false })
  try {
    const stories = await replay.ctx.store.stories.list({})
    const score = scoreClustering(stories, set.gold)
    results[set.name] = { ...score, details: undefined }
    if (!isUnseen(set.name)) for (const line of values.verbose ? score.details : score.details.filter((l) => !l.startsWith('missing'))) console.log(`  ${line}`)
    console.log(
      `${set.name}: ${score.items} on-topic items, ${score.events} events, ${score.stories} stories: B-cubed P=${score.precision} R=${score.recall} F1=${score.f1}; ` +
        `off-topic items in stories: ${score.offTopicInStories}; on-topic items missing: ${score.missingOnTopic}`,
    )
    if (score.f1 < (TARGET_F1[set.name] ?? 0.95) || score.offTopicInStories > 0) {
      console.log(`${set.name}: below target (F1 ≥ ${TARGET_F1[set.name] ?? 0.95}, no off-topic item in any story)`)
      below = true
    }
    if (llm) {
      const judged = await evalPairJudge(stories, set.gold, replay.ctx.entities)
      results[`${set.name}:llm`] = { ...judged, score: { ...judged.score, details: undefined } }
      console.log(pairJudgeLine(set.name, judged))
    }
  } finally {
    await replay.close()
    set.dispose()
  }
}

if (!values.set && !values['skip-english']) {
  const params = DEFAULT_CLUSTER_PARAMS
  if (existsSync(ECBPLUS_DOCS)) {
    console.log(`ecbplus: every document dated ${ECBPLUS_PUBLISHED_AT.toISOString()} (no reliable dates; content must separate events)`)
    const ecb = await evalEcbPlus({ params })
    results.ecbplus = ecb
    console.log(
      `ecbplus: ${ecb.items} docs, ${ecb.clusters} gold events, ${ecb.stories} stories: B-cubed P=${ecb.precision} R=${ecb.recall} F1=${ecb.f1}; ` +
        `stories merging the two events of one topic: ${ecb.crossEventMerges} (${ecb.crossEventMergeRate} of stories); stories mixing topics: ${ecb.crossTopicMerges}`,
    )
  } else console.log(`ecbplus: skipped, ${ECBPLUS_DOCS} is not here`)
  if (existsSync(UCI_CSV)) {
    const uci = await evalUciHeadlines({ params })
    results.uci = uci
    console.log(`uci-headlines: ${uci.items} headlines, ${uci.clusters} gold stories, ${uci.stories} stories: B-cubed P=${uci.precision} R=${uci.recall} F1=${uci.f1} (${uci.msPerItem} ms/item)`)
  } else console.log(`uci-headlines: skipped, ${UCI_CSV} is not here`)
}

if (!values.set) {
  mkdirSync('bench/results', { recursive: true })
  writeFileSync(llm ? 'bench/results/eval-stories-llm.json' : 'bench/results/eval-stories.json', `${JSON.stringify(results, null, 2)}\n`)
}
if (below) process.exitCode = 1
