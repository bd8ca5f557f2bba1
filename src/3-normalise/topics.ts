// Topic tags from the multilingual term lists in the config. A topic applies when every one of its term groups
// matches the item's title or text in any language.
import type { TopicConfig } from '../config/app-config.js'

export interface TopicMatcher {
  (text: string): string[]
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function isAcronym(term: string): boolean {
  const letters = term.replace(/[^\p{L}]/gu, '')
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
}

function termPattern(term: string): string {
  if (CJK.test(term)) return escape(term)
  const words = term.trim().split(/\s+/)
  const body = words
    .map((word) => (word.endsWith('*') ? `${escape(word.slice(0, -1))}[\\p{L}\\p{M}]*` : escape(word)))
    .join('[\\s\\u00a0-]+')
  const last = words[words.length - 1] ?? ''
  const inflection = !last.endsWith('*') && /[a-z]$/i.test(last) ? "(?:'s|’s|s|es)?" : ''
  return `(?<![\\p{L}\\p{N}])${body}${inflection}(?![\\p{L}\\p{N}])`
}

interface GroupMatcher {
  caseless: RegExp | null
  exact: RegExp | null
}

function compileGroup(termsByLanguage: Partial<Record<string, string[]>>): GroupMatcher {
  const terms = Object.values(termsByLanguage).flatMap((t) => t ?? [])
  const build = (list: string[], flags: string) => (list.length ? new RegExp(list.map(termPattern).join('|'), flags) : null)
  return {
    caseless: build(terms.filter((t) => !isAcronym(t)), 'iu'),
    exact: build(terms.filter(isAcronym), 'u'),
  }
}

export function compileTopics(topics: TopicConfig[]): TopicMatcher {
  const compiled = topics.map((topic) => ({ id: topic.id, groups: topic.require.map(compileGroup) }))
  return (text) =>
    compiled
      .filter(({ groups }) => groups.every((g) => g.caseless?.test(text) || g.exact?.test(text)))
      .map(({ id }) => id)
}
