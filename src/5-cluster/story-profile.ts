// Adding an item to a story: centroid, languages, outlets, headlines, topics, span, and whether the change is
// material (a new independent outlet or a new language) so digests can say "updated". A story is on a topic when at
// least a third of its independent reports are: the report that names a topic in passing ("…and Ukraine was
// discussed too") does not make a story of three others about the war.
import type { StoryState } from '../7-store/types.js'
import type { Features } from './features.js'

export interface Member {
  id: number
  title: string
  language: string
  source: string
  publishedAt: Date
  topics: string[]
  features: Features
}

/** Topic votes ride in the centroid (T:topic), so a stored story keeps counting them. */
const TOPIC = 'T:'
const TOPIC_SHARE = 1 / 3

export function topicFeatures(topics: string[]): [string, number][] {
  return topics.map((t) => [`${TOPIC}${t}`, 1])
}

const votes = (story: StoryState) => [...story.features].filter(([f]) => f.startsWith(TOPIC))

export function newStory(placeholderId: number, item: Member): StoryState {
  return {
    id: placeholderId,
    title: item.title,
    headlines: { [item.language]: { title: item.title, itemId: item.id } },
    languages: new Set([item.language]),
    outlets: new Set([item.source]),
    itemCount: 1,
    size: 1,
    features: new Map(item.features),
    topics: new Set(item.topics),
    firstPublishedAt: item.publishedAt,
    lastPublishedAt: item.publishedAt,
    lastUpdatedAt: item.publishedAt,
    updateReason: null,
  }
}

/** English headline when there is one (the widest audience), else the earliest language's. */
function storyTitle(story: StoryState): string {
  return (story.headlines.en ?? Object.values(story.headlines)[0])?.title ?? story.title
}

export function addMember(story: StoryState, item: Member, independent: boolean): void {
  story.itemCount++
  widen(story, item.publishedAt, item.publishedAt)
  if (!independent) return
  count(story, item.features, 1, item.topics)
  const reasons: string[] = []
  if (!story.languages.has(item.language)) {
    story.languages.add(item.language)
    story.headlines[item.language] = { title: item.title, itemId: item.id }
    reasons.push(`new language: ${item.language}`)
  }
  if (!story.outlets.has(item.source)) {
    story.outlets.add(item.source)
    reasons.push(`new outlet: ${item.source}`)
  }
  changed(story, reasons, item.publishedAt)
}

function widen(story: StoryState, first: Date, last: Date): void {
  if (first < story.firstPublishedAt) story.firstPublishedAt = first
  if (last > story.lastPublishedAt) story.lastPublishedAt = last
}

/** `members` independent reports with these summed features join; topics follow the votes. */
function count(story: StoryState, features: Features, members: number, topics: string[]): void {
  // A story stored before topic votes were counted keeps its topics and gains the newcomers', as it always did.
  const counted = votes(story).length > 0 || story.topics.size === 0
  story.size += members
  for (const [f, w] of features) story.features.set(f, (story.features.get(f) ?? 0) + w)
  if (counted) story.topics = new Set(votes(story).filter(([, n]) => n >= story.size * TOPIC_SHARE).map(([f]) => f.slice(TOPIC.length)))
  else for (const t of topics) story.topics.add(t)
}

function changed(story: StoryState, reasons: string[], at: Date): void {
  story.title = storyTitle(story)
  if (reasons.length === 0) return
  // News time of the latest material change; a late-arriving older item still records what it changed.
  if (at > story.lastUpdatedAt) story.lastUpdatedAt = at
  story.updateReason = reasons.join('; ')
}
