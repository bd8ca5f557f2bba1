// What a digest says, before any platform syntax: fixed strings resolved in the digest language, feed text cleaned,
// URLs vetted, each sentence paired with the outlet it cites. The Discord, Slack and console renderers only lay
// this out and escape it, so what a digest contains is decided here once.
import type { Digest, DigestLanguage, DigestStory } from '../6-summarise/types.js'
import { FEED_KINDS, type FeedKind } from '../config/app-config.js'
import { digestStrings, formatDaySpan, localiseUpdateReason, type DateOptions, type DigestStrings } from '../i18n/strings.js'
import { cleanText, hostname, safeUrl, truncateAtWord } from './text.js'

export interface SentenceBlock {
  text: string
  /** Language of the sentence, for word-boundary cuts. */
  language: string
  /** Set when the sentence is not in the digest language, e.g. "[ru]". */
  languageTag: string | null
  /** Null when the item URL was not http(s): the sentence is shown without a link rather than dropped. */
  url: string | null
  /** Outlet the sentence cites (its host name when no listed source has that URL). */
  linkLabel: string
}

export interface SourceBlock {
  name: string
  url: string | null
  kindLabel: string
  /** State media are emphasised by every renderer, not only labelled. */
  stateMedia: boolean
}

export interface StoryBlock {
  storyId: number
  title: string
  /** Where the story title links: the first source with an http(s) URL. */
  url: string | null
  updated: boolean
  /** What changed, in the digest language; set only for updated stories. */
  updateReason: string | null
  sentences: SentenceBlock[]
  /** "5 outlets in en/ru/uk" */
  outlets: string
  /** When it was reported, "18 Mar 2025" or "18 Mar 2025 – 20 Mar 2025", in the reader's time zone. */
  dates: string
  sources: SourceBlock[]
}

export interface DigestBlocks {
  lang: DigestLanguage
  strings: DigestStrings
  heading: string
  /** The "no new stories since …" line, set only when the digest has no stories. */
  emptyMessage: string | null
  stories: StoryBlock[]
}

export interface RenderOptions extends DateOptions {
  /**
   * The configured topics (AppConfig.topics), so that the topic ids a Digest carries are shown by their name in
   * the digest language. An id not found here is shown as it is.
   */
  topics?: readonly { id: string; name: Record<DigestLanguage, string> }[]
}

// Topic names, kinds, language codes and the outlets line come from config in practice, but a Digest is only a type: caps keep
// every fixed part of a rendered line small (a sentence's link label too), so the platform limits are always met by cutting feed text alone.
const MAX_TOPIC = 100
const MAX_KIND = 60
const MAX_LANGUAGE = 16
const MAX_OUTLETS = 200
const MAX_LINK_LABEL = 80

const isFeedKind = (kind: string): kind is FeedKind => (FEED_KINDS as readonly string[]).includes(kind)

export function buildDigestBlocks(digest: Digest, options: RenderOptions = {}): DigestBlocks {
  const strings = digestStrings(digest.lang)
  const names = new Map(options.topics?.map((t) => [t.id, t.name[digest.lang]]))
  // A channel's own topic (issue 18, "<scope>#<id>") is shown by its id.
  const topics = digest.topics.map((t) => truncateAtWord(cleanText(names.get(t) ?? t.slice(t.lastIndexOf('#') + 1)), MAX_TOPIC, digest.lang)).filter(Boolean)
  return {
    lang: digest.lang,
    strings,
    heading: strings.heading(topics, strings.formatDate(digest.generatedAt, options)),
    emptyMessage: digest.stories.length === 0 ? strings.noNewStories(strings.formatDateTime(digest.since, options)) : null,
    stories: digest.stories.map((story) => storyBlock(story, digest.lang, strings, options)),
  }
}

function storyBlock(story: DigestStory, lang: DigestLanguage, strings: DigestStrings, dateOptions: DateOptions): StoryBlock {
  const sources: SourceBlock[] = story.sources.map((source) => {
    const url = safeUrl(source.url)
    const kind = cleanText(source.kind)
    return {
      name: cleanText(source.name) || (url ? hostname(url) : '?'),
      url,
      kindLabel: isFeedKind(kind) ? strings.sourceKinds[kind] : truncateAtWord(kind, MAX_KIND),
      stateMedia: kind === 'state-media',
    }
  })
  const nameByUrl = new Map(sources.flatMap((s) => (s.url ? [[s.url, s.name] as const] : [])))
  const sentences = story.summary.flatMap((sentence): SentenceBlock[] => {
    const text = cleanText(sentence.text)
    if (!text) return []
    const url = safeUrl(sentence.url)
    const language = cleanText(sentence.language).slice(0, MAX_LANGUAGE) || lang
    return [
      {
        text,
        language,
        languageTag: language === lang ? null : strings.languageTag(language),
        url,
        linkLabel: url ? truncateAtWord(nameByUrl.get(url) ?? hostname(url), MAX_LINK_LABEL, lang) : '',
      },
    ]
  })
  return {
    storyId: story.storyId,
    title: cleanText(story.title) || `#${story.storyId}`,
    url: sources.find((s) => s.url)?.url ?? null,
    updated: story.updated,
    updateReason: story.updated && story.updateReason ? localiseUpdateReason(cleanText(story.updateReason), strings) : null,
    sentences,
    outlets: truncateAtWord(strings.outlets(story.outletCount, story.languages.map(cleanText).filter(Boolean)), MAX_OUTLETS, lang),
    dates: formatDaySpan(strings, story.firstPublishedAt, story.lastPublishedAt, dateOptions),
    sources,
  }
}

