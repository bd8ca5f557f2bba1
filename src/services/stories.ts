// Stories as the CLI and chat show them: `newsbot stories --json` is {"stories": [storyJson…]}.
import type { StoryRecord } from '../7-store/types.js'

export function storyJson(story: StoryRecord) {
  return {
    id: story.id,
    title: story.title,
    topics: story.topics,
    languages: story.languages,
    outletCount: story.outletCount,
    firstPublishedAt: story.firstPublishedAt.toISOString(),
    lastUpdatedAt: story.lastUpdatedAt.toISOString(),
    updateReason: story.updateReason,
    headlines: Object.fromEntries(Object.entries(story.headlines).map(([lang, h]) => [lang, h.title])),
    items: story.items.map((i) => ({
      url: i.url,
      title: i.title,
      source: i.source,
      sourceKind: i.sourceKind,
      language: i.language,
      publishedAt: i.publishedAt.toISOString(),
      duplicateOf: i.duplicateOf,
    })),
  }
}
