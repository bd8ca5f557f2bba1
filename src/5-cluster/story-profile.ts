// Adding an item to a story: centroid, languages, outlets, headlines, topics, span, and whether the change is
// material (a new independent outlet or a new language) so digests can say "updated".
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
  for (const t of item.topics) story.topics.add(t)
  if (item.publishedAt < story.firstPublishedAt) story.firstPublishedAt = item.publishedAt
  if (item.publishedAt > story.lastPublishedAt) story.lastPublishedAt = item.publishedAt
  if (!independent) return
  story.size++
  for (const [f, w] of item.features) story.features.set(f, (story.features.get(f) ?? 0) + w)
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
  story.title = storyTitle(story)
  if (reasons.length) {
    // News time of the latest material change; a late-arriving older item still records what it changed.
    if (item.publishedAt > story.lastUpdatedAt) story.lastUpdatedAt = item.publishedAt
    story.updateReason = reasons.join('; ')
  }
}
