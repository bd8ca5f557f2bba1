// Topic tags from the multilingual term lists in the config. A topic applies when every one of its term groups
// matches the item's title or text in any language.
import type { TopicConfig } from '../config/app-config.js'
import { TermIndex } from './terms.js'

export interface TopicMatcher {
  (text: string): string[]
}

export function compileTopics(topics: TopicConfig[]): TopicMatcher {
  const index = new TermIndex<string>()
  const groupKeys = topics.map((topic, t) => topic.require.map((_, g) => `${t}:${g}`))
  topics.forEach((topic, t) =>
    topic.require.forEach((group, g) => {
      for (const term of Object.values(group).flat()) index.add(term, groupKeys[t]![g]!)
    }),
  )
  return (text) => {
    const found = index.match(text)
    const tags: string[] = []
    for (let t = 0; t < topics.length; t++) if (groupKeys[t]!.every((key) => found.has(key))) tags.push(topics[t]!.id)
    return tags
  }
}
