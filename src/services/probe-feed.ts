// Reads a feed once through the poller's own path (guarded fetch, then decode → parse → normalise on the parse
// workers) without storing anything, so that `/feeds add` can tell the user what it found before the feed is
// followed. Anyone allowed to add a feed chooses what is parsed: on the workers, a hostile feed cannot hold up the
// commands other users are waiting for.
import { fetchFeed, type FetchOptions } from '../1-fetch/http-client.js'
import type { FeedProcessor } from './feed-processor.js'
import type { FeedProbe } from '../../commands/types.js'

export interface ProbeDeps {
  fetchOptions: FetchOptions
  processor: FeedProcessor
  /** As when polling (NEWSBOT_FEED_MAX_ITEMS): the items' language is read from the newest this many. */
  maxItems: number
}

/** The language most of the items are in (the feed's declared one counts only where the text does not contradict it). */
function mainLanguage(languages: string[]): string | null {
  const counts = new Map<string, number>()
  for (const l of languages) if (l !== 'und') counts.set(l, (counts.get(l) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

export async function probeFeed(url: string, deps: ProbeDeps, now = new Date()): Promise<FeedProbe> {
  try {
    const fetched = await fetchFeed(url, {}, deps.fetchOptions)
    if (fetched.status !== 'ok') return { ok: false, error: 'fetch: the server answered 304 Not Modified to a plain request' }
    const output = await deps.processor.process({
      bytes: fetched.bytes,
      contentType: fetched.contentType,
      feedUrl: fetched.finalUrl,
      configuredLanguage: null,
      fetchedAt: now,
      maxItems: deps.maxItems,
    })
    const { items } = output.normalised
    return {
      ok: true,
      title: output.title,
      items: items.length + output.overCap,
      language: mainLanguage(items.map((i) => i.language)) ?? output.language,
    }
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) }
  }
}
