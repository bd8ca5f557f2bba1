// A channel's digest: the top stories on its topics since its last digest, ranked by breadth of coverage, recency
// and updates, each summarised (LLM when configured and its answer checks out, extractive otherwise) with its
// sources. A story the channel already got comes back only when it moved since: more outlets, a new language, or
// a new material change. A subscription's filters (story-filters.ts) leave stories out before ranking; every story
// considered gets a verdict, which explainDigest returns whole (/digest explain:true) and composeDigest acts on.
import type { EntityExtractor } from '../5-cluster/aliases.js'
import { summariseExtractive } from '../6-summarise/extractive.js'
import type { Digest, DigestLanguage, DigestSource, DigestStory, StorySummary, SummaryInput } from '../6-summarise/types.js'
import { NO_FILTERS } from '../7-store/subscription-store.js'
import type { SentSnapshot, Store, StoryRecord, SubscriptionFilters } from '../7-store/types.js'
import { compileFilters, type FilterOut, type TermsFound } from './story-filters.js'

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
  /** Scheduled delivery: the filter terms of every subscription planned, each report matched against them once. */
  termsFound?: TermsFound
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
  /** The subscription's filters; none by default. */
  filters?: SubscriptionFilters
}

/** Why a story is in the digest or out of it. */
export type StoryVerdict =
  | { in: true; rank: number; updated: boolean; outlets: number; matched: string | null }
  | ({ in: false } & (FilterOut | { reason: 'topic'; topics: string[] } | { reason: 'sent'; sentAt: Date } | { reason: 'ranked-below'; place: number; maxStories: number }))

export interface ConsideredStory {
  story: StoryRecord
  verdict: StoryVerdict
}

const DEFAULT_MAX_STORIES = 8

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

const digestSince = async (deps: DigestDeps, request: DigestRequest) =>
  request.since ?? (await deps.store.digests.lastSentAt(request.channel)) ?? new Date(request.now.getTime() - DAY)

/** Each story's verdict: the kept ones ranked, best first, then the rest in the order given. */
export function judgeStories(stories: StoryRecord[], sent: Map<number, SentSnapshot>, request: DigestRequest, termsFound?: TermsFound): ConsideredStory[] {
  const filters = compileFilters(request.filters ?? NO_FILTERS, termsFound)
  const wanted = new Set(request.topics)
  const kept: { story: StoryRecord; verdict: Extract<StoryVerdict, { in: true }> }[] = []
  const out: ConsideredStory[] = []
  for (const story of stories) {
    if (!story.topics.some((t) => wanted.has(t))) {
      out.push({ story, verdict: { in: false, reason: 'topic', topics: story.topics } })
      continue
    }
    const filtered = filters.judge(story, filters.filters.minOutlets)
    if (!filtered.kept) {
      const { kept: _kept, ...why } = filtered
      out.push({ story, verdict: { in: false, ...why } })
      continue
    }
    const previously = sent.get(story.id)
    if (previously && !movedSince(story, previously)) {
      out.push({ story, verdict: { in: false, reason: 'sent', sentAt: previously.sentAt } })
      continue
    }
    const updated = previously !== undefined
    kept.push({ story, verdict: { in: true, rank: rankScore(story, request.now, updated), updated, outlets: filtered.outlets, matched: filtered.matched } })
  }
  kept.sort((a, b) => b.verdict.rank - a.verdict.rank)
  const maxStories = request.maxStories ?? DEFAULT_MAX_STORIES
  const below = kept.splice(maxStories).map(({ story }, i): ConsideredStory => ({ story, verdict: { in: false, reason: 'ranked-below', place: maxStories + i + 1, maxStories } }))
  return [...kept, ...below, ...out]
}

async function sentBefore(deps: DigestDeps, request: DigestRequest, stories: StoryRecord[]) {
  return request.ignoreHistory ? new Map<number, SentSnapshot>() : deps.store.digests.sent(request.channel, stories.map((s) => s.id))
}

export async function composeDigest(deps: DigestDeps, request: DigestRequest): Promise<Digest> {
  const since = await digestSince(deps, request)
  const stories = await deps.store.stories.list({ topics: request.topics, since })
  const considered = judgeStories(stories, await sentBefore(deps, request, stories), request, deps.termsFound)
  const digestStories: DigestStory[] = []
  for (const { story, verdict } of considered) if (verdict.in) digestStories.push(await digestStory(deps, story, request.lang, verdict.updated))
  return { lang: request.lang, topics: request.topics, since, generatedAt: request.now, stories: digestStories }
}

/** Stories explained at most: the most recently reported on any topic since the digest's start. */
export const EXPLAIN_LIMIT = 200

/**
 * The digest composeDigest would make, story by story: the stories on its topics since its start, then those on
 * the other shipped topics (so a story on another topic says so), each with its verdict. Nothing is summarised.
 */
export async function explainDigest(deps: DigestDeps, request: DigestRequest): Promise<{ since: Date; considered: ConsideredStory[] }> {
  const since = await digestSince(deps, request)
  // Asked apart: a channel's own topic (issue 18) is not among "any topic", which means the shipped ones.
  const onTopics = await deps.store.stories.list({ topics: request.topics, since, limit: EXPLAIN_LIMIT })
  const listed = new Set(onTopics.map((s) => s.id))
  const elsewhere = (await deps.store.stories.list({ since, limit: EXPLAIN_LIMIT })).filter((s) => !listed.has(s.id))
  const stories = [...onTopics, ...elsewhere].slice(0, EXPLAIN_LIMIT)
  return { since, considered: judgeStories(stories, await sentBefore(deps, request, stories), request) }
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
