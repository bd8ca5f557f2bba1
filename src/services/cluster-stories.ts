// Folds newly stored items into stories, incrementally: near-copies are marked as copies of their original (never
// an independent source), every other item joins the best-fitting story in its time window or starts one.
// Every item is clustered, not only topic-tagged ones: a report that names no topic term (a Russian item about the
// grain deal that never says "Ukraine") still belongs to its event, and the story's topics come from all its members;
// but an untagged item whose headline is about another subject (sport, space, a disaster) joins no story on a topic.
import { bandKeys, minhash, shingles, similarity } from '../4-dedupe/minhash.js'
import { defaultEventTypes, type EventTypeClassifier } from '../3-normalise/event-types.js'
import { defaultOtherSubjects } from '../3-normalise/topics.js'
import type { EntityExtractor } from '../5-cluster/aliases.js'
import { frameFeatures } from '../5-cluster/event-frame.js'
import { extractFeatures } from '../5-cluster/features.js'
import { bestStory, WindowFrequencies, withinWindow, type ClusterParams } from '../5-cluster/similarity.js'
import { addMember, newStory, topicFeatures, type Member } from '../5-cluster/story-profile.js'
import type { ClusterBatch, DuplicateCandidate, PendingItem, StoryState, Store } from '../7-store/types.js'
import { refreshStoryEvents } from './story-events.js'

export interface ClusterDeps {
  store: Store
  entities: EntityExtractor
  /** Default: the shipped vocabulary (config/event-types.json). */
  types?: EventTypeClassifier
  /** Whether a headline is about a subject outside the beat; default: config/other-subjects.json. */
  otherSubject?: (headline: string) => boolean
  params: ClusterParams
  /** Estimated Jaccard similarity above which an item is a near-copy of an earlier one. */
  duplicateThreshold: number
  now?: () => Date
}

export interface ClusterRun {
  items: number
  duplicates: number
  storiesCreated: number
  storiesUpdated: number
}

const DAY = 86_400_000

/** Items of this batch, as the near-duplicate index will hold them. */
type Indexed = Omit<DuplicateCandidate, 'itemId'>

/** An item's MinHash signature and its LSH band keys. */
interface Fingerprint {
  signature: number[]
  keys: string[]
}

function fingerprint(item: PendingItem): Fingerprint {
  const signature = minhash(shingles(`${item.title}\n${item.text}`))
  return { signature, keys: bandKeys(signature) }
}

/** One batch of pending items, processed in publication order against the stories in their time window. */
class BatchClusterer {
  private readonly stories: StoryState[]
  private readonly byId = new Map<number, StoryState>()
  private readonly created: StoryState[] = []
  private readonly touched = new Set<StoryState>()
  private readonly local = new Map<string, number[]>()
  private readonly indexed = new Map<number, Indexed>()
  private readonly window: WindowFrequencies
  private nextPlaceholder = -1
  readonly assignments: ClusterBatch['assignments'] = []
  duplicates = 0

  private readonly types: EventTypeClassifier
  private readonly otherSubject: (headline: string) => boolean

  /** `stored`: the near-duplicate candidates already in the store under each band key of the batch's items. */
  constructor(
    private readonly deps: ClusterDeps,
    existing: StoryState[],
    private readonly stored: Map<string, DuplicateCandidate[]>,
  ) {
    this.stories = [...existing]
    for (const story of existing) this.byId.set(story.id, story)
    this.types = deps.types ?? defaultEventTypes()
    this.otherSubject = deps.otherSubject ?? defaultOtherSubjects()
    this.window = new WindowFrequencies(deps.entities.kindOf)
  }

  add(item: PendingItem, { signature, keys }: Fingerprint): void {
    const original = this.findOriginal(signature, item.language, [...this.storedCandidates(keys), ...this.localCandidates(keys)])
    const features = extractFeatures(item, this.deps.entities)
    for (const [key, weight] of [...frameFeatures(item, { entities: this.deps.entities, types: this.types }), ...topicFeatures(item.topics)]) features.set(key, weight)
    const member: Member = { ...item, features }
    let story: StoryState | null = null
    if (original?.storyId != null) {
      story = this.byId.get(original.storyId) ?? null
      if (story) addMember(story, member, false)
    }
    if (!story) story = this.joinOrStart(member)
    this.touched.add(story)
    if (original) this.duplicates++
    const duplicateOfId = original ? (original.duplicateOfId ?? original.itemId) : null
    this.assignments.push({ itemId: item.id, storyId: story.id, duplicateOfId, signature, bandKeys: keys })
    this.indexed.set(item.id, { signature, language: item.language, storyId: story.id, duplicateOfId })
    for (const key of keys) this.local.set(key, [...(this.local.get(key) ?? []), item.id])
  }

  /** Stored items under any of the keys, oldest first: among equally similar originals the last one wins, so the order decides. */
  private storedCandidates(keys: string[]): DuplicateCandidate[] {
    const byItem = new Map<number, DuplicateCandidate>()
    for (const key of keys) for (const c of this.stored.get(key) ?? []) byItem.set(c.itemId, c)
    return [...byItem.values()].sort((a, b) => a.itemId - b.itemId)
  }

  private localCandidates(keys: string[]): DuplicateCandidate[] {
    const ids = new Set(keys.flatMap((k) => this.local.get(k) ?? []))
    return [...ids].map((itemId) => ({ itemId, ...this.indexed.get(itemId)! }))
  }

  private findOriginal(signature: number[], language: string, candidates: DuplicateCandidate[]): DuplicateCandidate | null {
    let best: DuplicateCandidate | null = null
    let bestScore = this.deps.duplicateThreshold
    for (const c of candidates) {
      if (c.language !== language) continue
      const score = similarity(signature, c.signature)
      if (score >= bestScore) {
        best = c
        bestScore = score
      }
    }
    return best
  }

  private joinOrStart(member: Member): StoryState {
    const { params } = this.deps
    const offBeat = member.topics.length === 0 && this.otherSubject(member.title)
    const candidates = this.stories.filter((s) => withinWindow(member.publishedAt, s, params) && !(offBeat && s.topics.size > 0))
    this.window.track(candidates)
    const best = bestStory(member, candidates, this.window, { types: this.types }, params)
    if (best) {
      const story = candidates[best.index]!
      addMember(story, member, true)
      this.window.grew(story, member.features)
      return story
    }
    const story = newStory(this.nextPlaceholder--, member)
    this.stories.push(story)
    this.byId.set(story.id, story)
    this.created.push(story)
    return story
  }

  batch(clusteredAt: Date): ClusterBatch {
    return {
      created: this.created,
      updated: [...this.touched].filter((s) => s.id > 0),
      assignments: this.assignments,
      clusteredAt,
    }
  }
}

export async function clusterPending(deps: ClusterDeps, batchSize = 500): Promise<ClusterRun> {
  const run = await clusterItems(deps, batchSize)
  // The timeline's events of the stories this run touched (and of any left from before events existed).
  await refreshStoryEvents(deps)
  return run
}

async function clusterItems(deps: ClusterDeps, batchSize: number): Promise<ClusterRun> {
  const run: ClusterRun = { items: 0, duplicates: 0, storiesCreated: 0, storiesUpdated: 0 }
  const { params } = deps
  for (;;) {
    const pending = await deps.store.stories.pending(batchSize)
    if (pending.length === 0) return run
    // A story can take an item only if it began at most maxSpanDays before it and at most beforeDays after it: a
    // range on the stories' first item, read from its index, however large the store.
    const from = new Date(pending[0]!.publishedAt.getTime() - params.maxSpanDays * DAY)
    const to = new Date(pending[pending.length - 1]!.publishedAt.getTime() + params.beforeDays * DAY)
    const fingerprints = pending.map(fingerprint)
    const stored = await deps.store.stories.duplicateCandidates([...new Set(fingerprints.flatMap((f) => f.keys))])
    const clusterer = new BatchClusterer(deps, await deps.store.stories.near(from, to), stored)
    pending.forEach((item, i) => clusterer.add(item, fingerprints[i]!))
    const batch = clusterer.batch((deps.now ?? (() => new Date()))())
    await deps.store.stories.apply(batch)
    run.items += pending.length
    run.duplicates += clusterer.duplicates
    run.storiesCreated += batch.created.length
    run.storiesUpdated += batch.updated.length
    if (pending.length < batchSize) return run
  }
}
