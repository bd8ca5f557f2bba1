// One line when no feed can be read (no network, a proxy in the way), instead of only a warning per feed each round;
// and one when feeds can be read again. Rounds that read no feed (nothing due) change nothing.
import type { Logger } from '../log.js'
import type { FeedPollResult } from '../services/poll-feed.js'

/** "fetch: ENOTFOUND: getaddrinfo ENOTFOUND tass.ru" → "fetch: ENOTFOUND"; "fetch: HTTP 502 from URL" → "fetch: HTTP 502". */
function errorKind(error: string): string {
  const [stage, what] = error.split(': ')
  return what === undefined ? stage! : `${stage}: ${what.replace(/ from \S+$/, '')}`
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0]
}

/** Call it with each round's results; it logs only when the state (every feed failing, or not) changes. */
export function feedOutageWatch(log: Logger): (results: FeedPollResult[]) => void {
  let down = false
  return (results) => {
    if (results.length === 0) return
    const errors = results.flatMap((r) => (r.status === 'error' ? [errorKind(r.error ?? 'unknown error')] : []))
    const allFailed = errors.length === results.length
    if (allFailed === down) return
    down = allFailed
    if (down) log.warn(`no feed could be read: ${mostCommon(errors)}; check the network`, { feeds: results.length })
    else log.info('feeds can be read again', { read: results.length - errors.length, failed: errors.length })
  }
}
