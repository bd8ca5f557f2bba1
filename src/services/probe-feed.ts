// Reads a feed once through the poller's own path (guarded fetch → decode → parse → normalise) without storing
// anything, so that `/feeds add` can tell the user what it found before the feed is followed.
import { fetchFeed, type FetchOptions } from '../1-fetch/http-client.js'
import { decodeFeed } from '../2-parse/decode.js'
import { parseFeed } from '../2-parse/parse-feed.js'
import { htmlToLine } from '../3-normalise/html-text.js'
import { languageCode } from '../3-normalise/language.js'
import { normaliseFeed } from '../3-normalise/normalise-item.js'
import type { FeedProbe } from '../../commands/types.js'

/** The language most of the items are in (the feed's declared one counts only where the text does not contradict it). */
function mainLanguage(languages: string[]): string | null {
  const counts = new Map<string, number>()
  for (const l of languages) if (l !== 'und') counts.set(l, (counts.get(l) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

export async function probeFeed(url: string, fetchOptions: FetchOptions, now = new Date()): Promise<FeedProbe> {
  try {
    const fetched = await fetchFeed(url, {}, fetchOptions)
    if (fetched.status !== 'ok') return { ok: false, error: 'fetch: the server answered 304 Not Modified to a plain request' }
    // Parsed on this thread: a single feed, at most NEWSBOT_FETCH_MAX_BYTES, once per `/feeds add`.
    const parsed = await parseFeed(decodeFeed(fetched.bytes, fetched.contentType).text)
    const { items } = normaliseFeed(parsed, { feedUrl: fetched.finalUrl, configuredLanguage: null, fetchedAt: now, matchTopics: () => [] })
    return {
      ok: true,
      title: htmlToLine(parsed.title).trim() || null,
      items: items.length,
      language: mainLanguage(items.map((i) => i.language)) ?? languageCode(parsed.language),
    }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) }
  }
}
