// Summaries and digests as plain data: every summary sentence carries the link of the item it came from, so each
// claim can be checked; renderers (Discord, Slack, console) turn a Digest into messages.

export interface SummarySentence {
  text: string
  /** Canonical URL of the item the sentence was taken from (or, for a checked LLM sentence, that it rests on). */
  url: string
  language: string
}

export interface StorySummary {
  sentences: SummarySentence[]
  method: 'extractive' | 'llm'
}

/** The member items a summariser may use: nothing else goes into a summary. */
export interface SummaryInput {
  title: string
  items: { url: string; title: string; text: string; language: string; source: string; publishedAt: Date; duplicateOf: string | null }[]
}

export interface DigestSource {
  name: string
  url: string
  language: string
  /** Source kind from the feed config: wire, public-broadcaster, newspaper, state-media, government, aggregator … */
  kind: string
}

export interface DigestStory {
  storyId: number
  title: string
  /** The story moved since the channel's last digest (new outlets, a new language, a headline that changed the facts). */
  updated: boolean
  /** What last changed materially, e.g. "new outlet: TASS" or "headline changed: …". */
  updateReason: string | null
  summary: SummarySentence[]
  sources: DigestSource[]
  outletCount: number
  languages: string[]
  /** When its first and its latest report were published. */
  firstPublishedAt: Date
  lastPublishedAt: Date
}

export type DigestLanguage = 'en' | 'ja'

export interface Digest {
  lang: DigestLanguage
  topics: string[]
  since: Date
  generatedAt: Date
  stories: DigestStory[]
}
