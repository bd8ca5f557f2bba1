// A channel's digest: the top stories on its topics since its last digest, ranked by breadth of coverage, recency
// and updates, each summarised (LLM when configured and its answer checks out, extractive otherwise) with its
// sources. A story the channel already got comes back only when it moved since: more outlets, a new language, or
// a new material change.
import type { EntityExtractor } from '../5-cluster/aliases.js'
import { summariseExtractive } from '../6-summarise/extractive.js'
import type { Digest, DigestLanguage, DigestSource, DigestStory, StorySummary, SummaryInput } from '../6-summarise/types.js'
import type { SentSnapshot, Store, StoryRecord } from '../7-store/types.js'

export interface StorySummariser {
  summarise(input: SummaryInput, language: string): Promise<StorySummary | null>
}

export interface DigestDeps {
  store: Store
  entities: EntityExtractor
  /** Optional; its answer is used only when it passes the faithfulness check. */
  llm?: StorySummariser | null
  /**
   * Scheduled delivery composes hundreds of digests in one run, mostly of the same stories: summaries are kept
   * here for the run (keyed by story, language and last change), so each story is summarised once per language.
   */
  storyCache?: Map<string, Promise<DigestStory>>
}

export interface DigestRequest {
  channel: string
  topics: string[]
  lang: DigestLanguage
  now: Date
  /** Default: the channel's last digest, or a day before `now`. */
  since?: Date
  maxStories?: number
  /** On-demand digests show the top stories whatever the channel was sent before. */
  ignoreHistory?: boolean
}

const DAY = 86_400_000
const MAX_SOURCES = 8
/** Source kinds whose reports carry independent weight; a story only state media tell is ranked lower. */
const PRIMARY_KINDS = new Set(['wire', 'public-broadcaster', 'newspaper'])

/** Whether the story moved since the channel got it. */
export function movedSince(story: StoryRecord, sent: SentSnapshot): boolean {
  return (
    story.outletCount > sent.outletCount ||
    story.languages.some((l) => !sent.languages.includes(l)) ||
    (story.updateReason !== null && story.updateReason !== sent.updateReason)
  )
}

function independentItems(story: StoryRecord) {
  return story.items.filter((i) => !i.duplicateOf)
}

export function rankScore(story: StoryRecord, now: Date, updated: boolean): number {
  const kinds = new Set(independentItems(story).map((i) => i.sourceKind))
  const onlyStateMedia = kinds.size === 1 && kinds.has('state-media')
  const breadth = Math.log2(1 + story.outletCount) + 0.75 * (story.languages.length - 1) + ([...kinds].some((k) => PRIMARY_KINDS.has(k)) ? 0.5 : 0)
  const ageDays = Math.max(0, (now.getTime() - story.lastPublishedAt.getTime()) / DAY)
  return (breadth * (onlyStateMedia ? 0.5 : 1) + (updated ? 0.5 : 0)) / (1 + ageDays)
}

function sourcesOf(story: StoryRecord, lang: string): DigestSource[] {
  const seen = new Set<string>()
  const sources: DigestSource[] = []
  // The reader's language first, then the rest in order of publication.
  const ordered = [...independentItems(story)].sort((a, b) => Number(b.language === lang) - Number(a.language === lang))
  for (const item of ordered) {
    if (seen.has(item.source)) continue
    seen.add(item.source)
    sources.push({ name: item.source, url: item.url, language: item.language, kind: item.sourceKind })
  }
  return sources.slice(0, MAX_SOURCES)
}

function summaryInput(story: StoryRecord): SummaryInput {
  return {
    title: story.title,
    items: story.items.map((i) => ({ url: i.url, title: i.title, text: i.text, language: i.language, source: i.source, publishedAt: i.publishedAt, duplicateOf: i.duplicateOf })),
  }
}

/** One story as a digest shows it: headline in the language, summary, sources (alerts use it for a single story). */
export async function digestStory(deps: DigestDeps, story: StoryRecord, lang: DigestLanguage, updated: boolean): Promise<DigestStory> {
  if (!deps.storyCache) return summariseStory(deps, story, lang, updated)
  const key = `${story.id}:${lang}:${updated}:${story.lastUpdatedAt.getTime()}:${story.outletCount}:${story.items.length}`
  let cached = deps.storyCache.get(key)
  if (!cached) deps.storyCache.set(key, (cached = summariseStory(deps, story, lang, updated)))
  return cached
}

async function summariseStory(deps: DigestDeps, story: StoryRecord, lang: DigestLanguage, updated: boolean): Promise<DigestStory> {
  const input = summaryInput(story)
  const summary = (await deps.llm?.summarise(input, lang)) ?? summariseExtractive(input, lang, deps.entities)
  return {
    storyId: story.id,
    title: story.headlines[lang]?.title ?? story.title,
    updated,
    updateReason: story.updateReason,
    summary: summary.sentences,
    sources: sourcesOf(story, lang),
    outletCount: story.outletCount,
    languages: story.languages,
    firstPublishedAt: story.firstPublishedAt,
    lastPublishedAt: story.lastPublishedAt,
  }
}

export async function composeDigest(deps: DigestDeps, request: DigestRequest): Promise<Digest> {
  const since = request.since ?? (await deps.store.digests.lastSentAt(request.channel)) ?? new Date(request.now.getTime() - DAY)
  const stories = await deps.store.stories.list({ topics: request.topics, since })
  const sent = request.ignoreHistory ? new Map<number, SentSnapshot>() : await deps.store.digests.sent(request.channel, stories.map((s) => s.id))
  const fresh = stories
    .map((story) => ({ story, previously: sent.get(story.id) }))
    .filter(({ story, previously }) => !previously || movedSince(story, previously))
    .map(({ story, previously }) => ({ story, updated: previously !== undefined, rank: rankScore(story, request.now, previously !== undefined) }))
    .sort((a, b) => b.rank - a.rank)
    .slice(0, request.maxStories ?? 8)
  const digestStories: DigestStory[] = []
  for (const { story, updated } of fresh) digestStories.push(await digestStory(deps, story, request.lang, updated))
  return { lang: request.lang, topics: request.topics, since, generatedAt: request.now, stories: digestStories }
}

/** After delivery: remember what the channel got, so the next digest does not repeat it. */
export async function recordDigest(store: Store, channel: string, digest: Digest): Promise<void> {
  const snapshots = digest.stories.map(({ storyId, outletCount, languages, updateReason }) => ({ storyId, outletCount, languages, updateReason }))
  await store.digests.record(channel, snapshots, digest.generatedAt)
}

export function digestJson(digest: Digest) {
  return {
    lang: digest.lang,
    stories: digest.stories.map((s) => ({
      storyId: s.storyId,
      title: s.title,
      updated: s.updated,
      firstPublishedAt: s.firstPublishedAt.toISOString(),
      lastPublishedAt: s.lastPublishedAt.toISOString(),
      summary: s.summary.map(({ text, url }) => ({ text, url })),
      sources: s.sources,
    })),
  }
}
