// npm run eval:stories — clustering quality, B-cubed precision/recall/F1: the labelled multilingual set (stories-dev,
// through the whole pipeline, with off-topic leaks and missing on-topic items), then the English sets: ECB+ (two
// different events of the same kind per topic must not merge) and the UCI headline sample.
import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import { bcubed } from './bcubed.js'
import { ECBPLUS_PUBLISHED_AT, evalEcbPlus, evalUciHeadlines } from './support/english-sets.js'
import { loadGold, replayStoriesDev, scoringUrl } from './support/stories-dev.js'

const gold = loadGold()
// --threshold etc. override the clustering parameters, for exploring the precision/recall trade-off.
const { values } = parseArgs({ options: { threshold: { type: 'string' }, 'after-days': { type: 'string' }, 'max-span-days': { type: 'string' } } })
const params = {
  ...DEFAULT_CLUSTER_PARAMS,
  ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
  ...(values['after-days'] ? { afterDays: Number(values['after-days']) } : {}),
  ...(values['max-span-days'] ? { maxSpanDays: Number(values['max-span-days']) } : {}),
}
const store = await replayStoriesDev(params)
const stories = await store.stories.list({})
await store.close()

const predicted = new Map<string, string>()
let leaked = 0
for (const story of stories) {
  for (const item of story.items) {
    const url = scoringUrl(item.url)
    const g = gold.get(url)
    if (!g) continue
    predicted.set(url, String(story.id))
    if (!g.event.startsWith('E')) {
      leaked++
      console.log(`off-topic in story ${story.id}: ${g.event} ${item.title}`)
    }
  }
}
const onTopic = new Map([...gold].filter(([, g]) => g.event.startsWith('E')).map(([u, g]) => [u, g.event]))
const missing = [...onTopic.keys()].filter((u) => !predicted.has(u))
const score = bcubed(onTopic, predicted)

const byEvent = new Map<string, Set<string>>()
for (const [url, event] of onTopic) byEvent.set(event, (byEvent.get(event) ?? new Set()).add(predicted.get(url) ?? `missing:${url}`))
for (const [event, clusters] of [...byEvent].sort()) if (clusters.size > 1) console.log(`split: ${event} over ${clusters.size} stories`)
for (const story of stories) {
  const events = new Set(story.items.map((i) => gold.get(scoringUrl(i.url))?.event).filter(Boolean))
  if (events.size > 1) console.log(`merged: story ${story.id} holds ${[...events].sort().join(' + ')}`)
}
for (const url of missing) console.log(`missing: ${gold.get(url)?.event} ${url}`)

const result = {
  dataset: 'stories-dev',
  items: onTopic.size,
  stories: stories.length,
  precision: round(score.precision),
  recall: round(score.recall),
  f1: round(score.f1),
  offTopicInStories: leaked,
  missingOnTopic: missing.length,
}
console.log(`stories-dev: B-cubed P=${result.precision} R=${result.recall} F1=${result.f1}; off-topic items in stories: ${leaked}; on-topic items missing: ${missing.length}`)

console.log(`ecbplus: every document dated ${ECBPLUS_PUBLISHED_AT.toISOString()} (no reliable dates; content must separate events)`)
const ecb = await evalEcbPlus({ params })
console.log(
  `ecbplus: ${ecb.items} docs, ${ecb.clusters} gold events, ${ecb.stories} stories: B-cubed P=${ecb.precision} R=${ecb.recall} F1=${ecb.f1}; ` +
    `stories merging the two events of one topic: ${ecb.crossEventMerges} (${ecb.crossEventMergeRate} of stories); stories mixing topics: ${ecb.crossTopicMerges}`,
)
const uci = await evalUciHeadlines({ params })
console.log(`uci-headlines: ${uci.items} headlines, ${uci.clusters} gold stories, ${uci.stories} stories: B-cubed P=${uci.precision} R=${uci.recall} F1=${uci.f1} (${uci.msPerItem} ms/item)`)

mkdirSync('bench/results', { recursive: true })
writeFileSync('bench/results/eval-stories.json', `${JSON.stringify({ storiesDev: result, ecbplus: ecb, uci }, null, 2)}\n`)
if (result.f1 < 0.9 || leaked > 0) {
  console.log('stories-dev below target (F1 ≥ 0.90, no off-topic item in any story)')
  process.exitCode = 1
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
