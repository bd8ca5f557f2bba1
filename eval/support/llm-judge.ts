// `--llm` for eval:intel and eval:stories: the labelled sets read with the optional LLM judge
// (src/6-summarise/judge/), against the LLM that LLM_BASE_URL and LLM_MODEL name; without them, one line saying so
// and the offline figures only. Clustering never asks the pair judge (src/5-cluster/ decides merges alone), so
// eval:stories --llm asks it about the story pairs clustering left apart that look borderline, merges those it
// judges one event, and scores that against the same gold; the offline figures come first and do not change.
import type { EntityExtractor } from '../../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../../src/5-cluster/similarity.js'
import { createCeasefireJudge, type CeasefireJudge } from '../../src/6-summarise/judge/ceasefire-judge.js'
import { createJudgeChat, type JudgeChat } from '../../src/6-summarise/judge/chat.js'
import { createPairJudge } from '../../src/6-summarise/judge/pair-judge.js'
import type { StoryRecord } from '../../src/7-store/types.js'
import { ceasefireLexicon } from '../../src/services/ceasefire.js'
import { scoringUrl, type GoldItem } from './labelled-set.js'
import { scoreClustering, type ClusteringScore } from './scoring.js'

/** Why --llm cannot run here, or null when it can. */
export function llmSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!env.LLM_BASE_URL) return '--llm skipped: LLM_BASE_URL is not set (an OpenAI-compatible API root, e.g. http://localhost:11434/v1); offline figures only'
  if (!env.LLM_MODEL) return '--llm skipped: LLM_MODEL is not set; offline figures only'
  return null
}

/** The environment a replay needs to read /ceasefire-status with the judge on (an eval may ask 600 times a minute). */
export const llmJudgeEnv = (env: NodeJS.ProcessEnv = process.env) => ({ NEWSBOT_LLM_JUDGE: 'true', NEWSBOT_LLM_JUDGE_CALLS_PER_MINUTE: env.NEWSBOT_LLM_JUDGE_CALLS_PER_MINUTE ?? '600' })

export function evalChat(env: NodeJS.ProcessEnv = process.env): JudgeChat {
  return createJudgeChat({
    baseUrl: env.LLM_BASE_URL!,
    model: env.LLM_MODEL!,
    apiKey: env.LLM_API_KEY,
    timeoutMs: Number(env.LLM_TIMEOUT_MS ?? 20_000),
    callsPerMinute: Number(env.NEWSBOT_LLM_JUDGE_CALLS_PER_MINUTE ?? 600),
  })
}

export const evalCeasefireJudge = (): CeasefireJudge => createCeasefireJudge({ chat: evalChat(), lexicon: ceasefireLexicon() })

/** Pairs asked per set, closest first: a bound on the calls one eval run makes. */
const MAX_PAIRS = 60
/** Entities two stories must share (people, places, organisations; countries are everywhere), and their overlap. */
const MIN_SHARED = 2
const MIN_OVERLAP = 0.3
const DAY = 86_400_000
const NAMED_KINDS = new Set(['person', 'place', 'org'])

function namedIn(story: StoryRecord, entities: EntityExtractor): Set<string> {
  const ids = new Set<string>()
  for (const item of story.items) for (const id of entities(`${item.title}\n${item.text}`).keys()) if (NAMED_KINDS.has(entities.kindOf(id) ?? '')) ids.add(id)
  return ids
}

/**
 * Story pairs clustering left apart that could be one event: begun within clustering's window of each other and
 * sharing named entities, the most alike first.
 */
export function borderlinePairs(stories: StoryRecord[], entities: EntityExtractor): [StoryRecord, StoryRecord][] {
  const window = Math.max(DEFAULT_CLUSTER_PARAMS.beforeDays, DEFAULT_CLUSTER_PARAMS.afterDays) * DAY
  const named = stories.map((s) => namedIn(s, entities))
  const pairs: { pair: [StoryRecord, StoryRecord]; overlap: number }[] = []
  for (let i = 0; i < stories.length; i++) {
    for (let j = i + 1; j < stories.length; j++) {
      if (Math.abs(stories[i]!.firstPublishedAt.getTime() - stories[j]!.firstPublishedAt.getTime()) > window) continue
      const shared = [...named[i]!].filter((id) => named[j]!.has(id)).length
      const overlap = shared / (named[i]!.size + named[j]!.size - shared || 1)
      if (shared >= MIN_SHARED && overlap >= MIN_OVERLAP) pairs.push({ pair: [stories[i]!, stories[j]!], overlap })
    }
  }
  return pairs.sort((a, b) => b.overlap - a.overlap).slice(0, MAX_PAIRS).map((p) => p.pair)
}

/** The gold event most of a story's items belong to. */
function goldEvent(story: StoryRecord, gold: Map<string, GoldItem>): string | null {
  const counts = new Map<string, number>()
  for (const item of story.items) {
    const event = gold.get(scoringUrl(item.url))?.event
    if (event) counts.set(event, (counts.get(event) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

export interface PairJudgeResult {
  pairs: number
  same: number
  different: number
  noVerdict: number
  /** Of the pairs taken as one event, how many are one gold event; of those judged different, how many are two. */
  sameRight: number
  differentRight: number
  score: ClusteringScore
}

/** Asks the pair judge about the borderline pairs, merges what it takes as one event, and scores the result. */
export async function evalPairJudge(stories: StoryRecord[], gold: Map<string, GoldItem>, entities: EntityExtractor): Promise<PairJudgeResult> {
  const judge = createPairJudge({ chat: evalChat(), entities })
  const parent = new Map(stories.map((s) => [s.id, s.id]))
  const root = (id: number): number => (parent.get(id) === id ? id : root(parent.get(id)!))
  const result = { pairs: 0, same: 0, different: 0, noVerdict: 0, sameRight: 0, differentRight: 0 }
  for (const [a, b] of borderlinePairs(stories, entities)) {
    result.pairs++
    const verdict = await judge.judge(a.items, b.items)
    const oneGoldEvent = goldEvent(a, gold) !== null && goldEvent(a, gold) === goldEvent(b, gold)
    if (verdict.same === true) {
      result.same++
      if (oneGoldEvent) result.sameRight++
      parent.set(root(a.id), root(b.id))
    } else if (verdict.same === false) {
      result.different++
      if (!oneGoldEvent) result.differentRight++
    } else result.noVerdict++
  }
  const merged = new Map<number, StoryRecord>()
  for (const story of stories) {
    const held = merged.get(root(story.id))
    merged.set(root(story.id), held ? { ...held, items: [...held.items, ...story.items] } : { ...story, id: root(story.id) })
  }
  return { ...result, score: scoreClustering([...merged.values()], gold) }
}

export function pairJudgeLine(set: string, r: PairJudgeResult): string {
  return (
    `${set} with the LLM pair judge: ${r.pairs} borderline pairs asked: ${r.same} one event (${r.sameRight} right), ${r.different} two (${r.differentRight} right), ${r.noVerdict} no verdict; ` +
    `merged: ${r.score.stories} stories, B-cubed P=${r.score.precision} R=${r.score.recall} F1=${r.score.f1}; off-topic items in stories: ${r.score.offTopicInStories}`
  )
}
