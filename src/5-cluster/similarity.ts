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
const CROSS_LINGUAL = 0
const LEXICAL = 1
function comparedAs(f: string): typeof CROSS_LINGUAL | typeof LEXICAL | null {
  const prefix = f[0]
  if (prefix === 'c' || prefix === 'd' || prefix === 'n') return CROSS_LINGUAL
  return prefix === 'w' ? LEXICAL : null
}

interface WindowFeature {
  /** Independent members of the window's stories with the feature. */
  count: number
  typeWeight: number
}

/**
 * How many members of the stories an item is compared with have each feature: the document frequencies behind the
 * weights. Kept up to date as stories enter and leave an item's time window and as they grow, instead of summed
 * afresh for every item over every story in the window. Feature counts are whole numbers, so the sums are exact
 * whatever order they are made in.
 */
export class WindowFrequencies {
  private readonly features = new Map<string, WindowFeature>()
  private readonly stories = new Set<StoryProfile>()
  /** One more than the independent members of the window's stories. */
  population = 1

  constructor(private readonly kindOf: (id: string) => EntityKind | undefined) {}

  /** The window becomes exactly these stories. */
  track(stories: StoryProfile[]): void {
    const current = new Set(stories)
    for (const story of this.stories) if (!current.has(story)) this.remove(story)
    for (const story of current) if (!this.stories.has(story)) this.addStory(story)
  }

  /** A story gained an independent member with these features (and has already counted them itself). */
  grew(story: StoryProfile, features: Features): void {
    if (!this.stories.has(story)) return
    this.population++
    this.count(features, 1)
  }

  private addStory(story: StoryProfile): void {
    this.stories.add(story)
    this.population += story.size
    this.count(story.features, 1)
  }

  private remove(story: StoryProfile): void {
    this.stories.delete(story)
    this.population -= story.size
    this.count(story.features, -1)
  }

  private count(features: Features, sign: 1 | -1): void {
    for (const [f, n] of features) this.add(f, sign * n)
  }

  /** The item being scored counts as one more document with each of its features, whatever their weight. */
  scoring(item: Features, sign: 1 | -1): void {
    for (const f of item.keys()) this.add(f, sign)
  }

  private add(f: string, n: number): void {
    const entry = this.features.get(f)
    if (!entry) this.features.set(f, { count: n, typeWeight: typeWeight(f, this.kindOf) })
    else if ((entry.count += n) === 0) this.features.delete(f)
  }

  feature(f: string): WindowFeature | undefined {
    return this.features.get(f)
  }
}

/**
 * The best-fitting story among candidates (all already in the time window, whose frequencies `window` holds), if any
 * fits well enough. A story whose event the item's frame rules out (another day, kind, counterpart or place:
 * event-frame.ts) is no candidate at all.
 */
export function bestStory(
  item: { features: Features; language: string },
  candidates: StoryProfile[],
  window: WindowFrequencies,
  deps: { types: EventTypeClassifier },
  params: ClusterParams,
): Scored | null {
  if (candidates.length === 0) return null
  window.scoring(item.features, 1)
  try {
    const idfByCount: number[] = []
    const logBase = window.population + 1
    const weight = (feature: WindowFeature) => {
      const idf = (idfByCount[feature.count] ??= Math.log(logBase / (feature.count + 1)) + 1)
      return feature.typeWeight * idf
    }
    const weights = new Map([...item.features.keys()].map((f) => [f, weight(window.feature(f)!)]))
    const frame = frameOf(item.features, 1)
    let best: Scored | null = null
    candidates.forEach((story, index) => {
      if (frameConflict(frame, story, deps.types)) return
      const agrees = frameAgreement(frame, story)
      const minShared = agrees ? MIN_SHARED_FEATURES_AGREEING : MIN_SHARED_FEATURES
      const [shared, words] = cosines(item.features, story, story.languages.has(item.language), weights, (f) => weight(window.feature(f)!), minShared)
      const score = Math.max(shared, (shared + words) / 2)
      if (score >= params.threshold * (agrees ? AGREEING_THRESHOLD_FACTOR : 1) && (!best || score > best.score)) best = { index, score }
    })
    return best
  } finally {
    window.scoring(item.features, -1)
  }
}

/**
 * Cosines of the item with the story over the cross-lingual features and, for a story in the item's language, over
 * its words. The story's side is read only when the item shares something with it: most stories in a window share
 * nothing, and their cosine is 0 whatever their norm.
 */
function cosines(
  item: Features,
  story: StoryProfile,
  sameLanguage: boolean,
  itemWeights: Map<string, number>,
  weight: (f: string) => number,
  minShared: number,
): [number, number] {
  const dot = [0, 0]
  const itemNorm = [0, 0]
  const shared = [0, 0]
  for (const [f, tf] of item) {
    const kind = comparedAs(f)
    if (kind === null || (kind === LEXICAL && !sameLanguage)) continue
    const w = itemWeights.get(f)!
    const x = tf * w
    itemNorm[kind]! += x * x
    const count = story.features.get(f)
    if (count) {
      dot[kind]! += x * (count / story.size) * w
      shared[kind]!++
    }
  }
  if (dot[CROSS_LINGUAL] === 0 && dot[LEXICAL] === 0) return [0, 0]
  const storyNorm = [0, 0]
  for (const [f, count] of story.features) {
    const kind = comparedAs(f)
    if (kind === null || dot[kind] === 0) continue
    const y = (count / story.size) * weight(f)
    storyNorm[kind]! += y * y
  }
  // Cosine over a handful of features is noise (one shared number or date makes two short texts look alike): it
  // counts in full only when several features agree.
  const cosine = (kind: number) => (dot[kind] === 0 ? 0 : (Math.min(1, shared[kind]! / minShared) * dot[kind]!) / Math.sqrt(itemNorm[kind]! * storyNorm[kind]!))
  return [cosine(CROSS_LINGUAL), cosine(LEXICAL)]
}
