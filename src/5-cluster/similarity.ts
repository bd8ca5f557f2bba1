// How well an item fits a story: weighted cosine between the item's features and the story's centroid, with
// weights from how rare each feature is among the stories in the same time window (Putin and Ukraine are
// everywhere that week; Budapest, 36 hours or a named envoy are what tell one event from another).
import type { EventTypeClassifier } from '../3-normalise/event-types.js'
import type { EntityKind } from './aliases.js'
import { frameAgreement, frameConflict, frameOf } from './event-frame.js'
import type { Features } from './features.js'

export interface StoryProfile {
  firstPublishedAt: Date
  lastPublishedAt: Date
  /** Independent (non-duplicate) members. */
  size: number
  /** For each feature, how many independent members have it. */
  features: Map<string, number>
  languages: Set<string>
}

export interface ClusterParams {
  /** Minimum similarity to join a story. */
  threshold: number
  /** An item may join a story whose first item is at most this much later than the item. */
  beforeDays: number
  /** … or whose last item is at most this much earlier. */
  afterDays: number
  /** A story spans at most this many days: coverage of one event, not of a whole conflict. */
  maxSpanDays: number
}

export const DEFAULT_CLUSTER_PARAMS: ClusterParams = { threshold: 0.16, beforeDays: 2, afterDays: 3, maxSpanDays: 7 }

const KIND_WEIGHT: Record<EntityKind, number> = { person: 1, country: 0.5, place: 1.5, org: 1, term: 1.2 }
const DAY = 86_400_000
/** Features an item must share with a story for their similarity to count in full (tuned on ECB+ and stories-dev). */
const MIN_SHARED_FEATURES = 4
/** … and when the item's event frame agrees with the story's in every respect (frameAgreement), tuned on beat:tune. */
const MIN_SHARED_FEATURES_AGREEING = 2
const AGREEING_THRESHOLD_FACTOR = 0.5

export function typeWeight(feature: string, kindOf: (id: string) => EntityKind | undefined): number {
  switch (feature[0]) {
    case 'c':
      return KIND_WEIGHT[kindOf(feature.slice(2)) ?? 'term']
    case 'd':
      return 1.5
    case 'n':
      return 1
    default:
      return 1
  }
}

export function withinWindow(at: Date, story: StoryProfile, params: ClusterParams): boolean {
  const t = at.getTime()
  const first = story.firstPublishedAt.getTime()
  const last = story.lastPublishedAt.getTime()
  if (t < first - params.beforeDays * DAY || t > last + params.afterDays * DAY) return false
  return Math.max(t, last) - Math.min(t, first) <= params.maxSpanDays * DAY
}

interface Scored {
  index: number
  score: number
}

/** Content features the similarity compares: alias ids, dates and figures across languages; words within one. */
const crossLingual = (f: string) => f[0] === 'c' || f[0] === 'd' || f[0] === 'n'
const lexical = (f: string) => f[0] === 'w'

/**
 * The best-fitting story among candidates (all already in the time window), if any fits well enough. A story whose
 * event the item's frame rules out (another day, kind, counterpart or place: event-frame.ts) is no candidate at all.
 */
export function bestStory(
  item: { features: Features; language: string },
  candidates: StoryProfile[],
  deps: { kindOf: (id: string) => EntityKind | undefined; types: EventTypeClassifier },
  params: ClusterParams,
): Scored | null {
  const kindOf = deps.kindOf
  if (candidates.length === 0) return null
  const df = new Map<string, number>()
  let population = 1
  for (const story of candidates) {
    population += story.size
    for (const [f, n] of story.features) df.set(f, (df.get(f) ?? 0) + n)
  }
  for (const f of item.features.keys()) df.set(f, (df.get(f) ?? 0) + 1)
  const weight = (f: string) => typeWeight(f, kindOf) * (Math.log((population + 1) / ((df.get(f) ?? 0) + 1)) + 1)
  const weights = new Map([...item.features.keys()].map((f) => [f, weight(f)]))

  const frame = frameOf(item.features, 1)
  let best: Scored | null = null
  candidates.forEach((story, index) => {
    if (frameConflict(frame, story, deps.types)) return
    const agrees = frameAgreement(frame, story)
    const minShared = agrees ? MIN_SHARED_FEATURES_AGREEING : MIN_SHARED_FEATURES
    const sameLanguage = story.languages.has(item.language)
    const shared = cosine(item.features, story, weights, weight, crossLingual, minShared)
    const words = sameLanguage ? cosine(item.features, story, weights, weight, lexical, minShared) : 0
    const score = Math.max(shared, (shared + words) / 2)
    if (score >= params.threshold * (agrees ? AGREEING_THRESHOLD_FACTOR : 1) && (!best || score > best.score)) best = { index, score }
  })
  return best
}

function cosine(
  item: Features,
  story: StoryProfile,
  itemWeights: Map<string, number>,
  weight: (f: string) => number,
  include: (f: string) => boolean,
  minShared: number,
): number {
  let dot = 0
  let itemNorm = 0
  let shared = 0
  for (const [f, tf] of item) {
    if (!include(f)) continue
    const x = tf * itemWeights.get(f)!
    itemNorm += x * x
    const count = story.features.get(f)
    if (count) {
      dot += x * (count / story.size) * itemWeights.get(f)!
      shared++
    }
  }
  let storyNorm = 0
  for (const [f, count] of story.features) {
    if (!include(f)) continue
    const y = (count / story.size) * weight(f)
    storyNorm += y * y
  }
  // Cosine over a handful of features is noise (one shared number or date makes two short texts look alike): it
  // counts in full only when several features agree.
  const evidence = Math.min(1, shared / minShared)
  return dot === 0 ? 0 : (evidence * dot) / Math.sqrt(itemNorm * storyNorm)
}
