// Text helpers shared by the digest renderers: feed text is cleaned once, URLs are vetted once, and every cut a
// renderer makes to fit a platform limit lands on a word boundary (a dictionary word boundary for Japanese).
import { visibleText } from '../3-normalise/visible-text.js'

/** Longest URL we link: Discord rejects embed URLs past 2048, and a link must fit inside one Slack section. */
export const MAX_URL_LENGTH = 2000
export const ELLIPSIS = '…'

/** Feed text as one line of what a reader sees: newlines fold too, so feed text can never start a line of markup. */
export function cleanText(text: string): string {
  return visibleText(text).replace(/\s+/g, ' ').trim()
}

/**
 * The URL if it is http(s) and short enough to link, else null. Characters that end a link in Discord markdown
 * or Slack mrkdwn are percent-encoded (the WHATWG serialiser already encodes spaces, quotes and angle brackets).
 */
export function safeUrl(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  if (parsed.username || parsed.password) return null
  const href = parsed.href.replace(/[()|]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return href.length <= MAX_URL_LENGTH ? href : null
}

export function hostname(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '')
}

const wordSegmenters = new Map<string, Intl.Segmenter>()
function wordSegmenter(locale: string): Intl.Segmenter {
  let segmenter = wordSegmenters.get(locale)
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' })
    wordSegmenters.set(locale, segmenter)
  }
  return segmenter
}
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * At most `max` UTF-16 units (the stricter of the ways platforms count), cut at the last word boundary that
 * leaves room for "…". A single word longer than the limit is cut between graphemes, never inside a surrogate pair.
 */
export function truncateAtWord(text: string, max: number, locale = 'en'): string {
  if (text.length <= max) return text
  if (max <= ELLIPSIS.length) return ''
  const limit = max - ELLIPSIS.length
  // Look a little past the cut so the segmenter sees the word that straddles it.
  const window = text.slice(0, limit + 40)
  let cut = 0
  for (const { index } of wordSegmenter(locale).segment(window)) {
    if (index > limit) break
    cut = index
  }
  if (cut === 0) {
    for (const { index, segment } of graphemes.segment(window)) {
      if (index + segment.length > limit) break
      cut = index + segment.length
    }
  }
  const head = text
    .slice(0, cut)
    .replace(/[\s,、;:，・-]+$/u, '')
  return head ? head + ELLIPSIS : ''
}

/**
 * The longest word-boundary cut of `raw` whose rendering (escaping, link syntax around it) fits in `max`. Cutting
 * before rendering means an escape sequence or a link is never split.
 */
export function fitRendered(raw: string, max: number, render: (text: string) => string, locale = 'en'): string {
  let n = raw.length
  for (;;) {
    const text = truncateAtWord(raw, n, locale)
    const rendered = render(text)
    if (rendered.length <= max || text === '') return rendered
    n = Math.min(text.length, n) - Math.max(1, rendered.length - max)
  }
}
