// The poll loop of `newsbot start` and `newsbot poll`, in rounds that wait for no feed. A round starts the feeds that
// are due and not still being read from an earlier round, and each feed's items are clustered as soon as they are
// stored: a feed that takes long (a server trickling its answer until the fetch deadline, a parse running up to its
// deadline) holds up no other feed's polling or clustering. Every round also clusters whatever is waiting first, so
// items stored by a process that died before clustering them are taken up at start, whether or not a feed is due.
import { HostQueue } from '../1-fetch/host-queue.js'
import { clusterPending, type ClusterDeps, type ClusterRun } from './cluster-stories.js'
import { dueFeeds, type IngestDeps } from './ingest.js'
import { pollFeed, type FeedPollResult } from './poll-feed.js'

export interface RoundReport {
  results: FeedPollResult[]
  /** The round's passes: before its feeds (what was waiting) and after its last one (with what others stored meanwhile). */
  clustered: ClusterRun
  /** Feeds due but still being read from an earlier round, so not started again. */
  stillReading: number
}

export interface PollRounds {
  /** Starts a round; resolves once its feeds are stored and clustered. `onFeed` hears of each feed as it ends. */
  round(onFeed?: (result: FeedPollResult) => void): Promise<RoundReport>
  /** Resolves once every round started so far has ended. */
  settled(): Promise<void>
}

/**
 * One clustering pass at a time (its decisions depend on each other). A request made while a pass runs gets the next
 * pass, shared by every request made meanwhile, so each caller's pass begins after its call.
 */
function oneAtATime(pass: () => Promise<ClusterRun>): () => Promise<ClusterRun> {
  let running: Promise<ClusterRun> | null = null
  let queued: Promise<ClusterRun> | null = null
  const start = () => {
    const current = pass().finally(() => {
      if (running === current) running = null
    })
    running = current
    return current
  }
  return () => {
    if (!running) return start()
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null
        return start()
      })
    return queued
  }
}

function sumRuns(a: ClusterRun, b: ClusterRun): ClusterRun {
  return { items: a.items + b.items, duplicates: a.duplicates + b.duplicates, storiesCreated: a.storiesCreated + b.storiesCreated, storiesUpdated: a.storiesUpdated + b.storiesUpdated }
}

export function pollRounds(deps: { ingest: IngestDeps; cluster: ClusterDeps }): PollRounds {
  // Shared by all rounds: a host still being read from an earlier round is not asked again before its turn.
  const hosts = new HostQueue(deps.ingest.hostQueue)
  const reading = new Set<number>()
  const rounds = new Set<Promise<unknown>>()
  const cluster = oneAtATime(() => clusterPending(deps.cluster))
  const now = deps.ingest.now ?? (() => new Date())

  const run = async (onFeed?: (result: FeedPollResult) => void): Promise<RoundReport> => {
    const waiting = cluster()
    waiting.catch(() => undefined) // awaited below, after the feeds
    const due = dueFeeds(await deps.ingest.store.feeds.list(), now())
    const starting = due.filter((feed) => !reading.has(feed.id))
    for (const feed of starting) reading.add(feed.id)
    // Settled, not all: a round that fails still waits for its other feeds, so that `settled` means what it says.
    const outcomes = await Promise.allSettled(
      starting.map(async (feed) => {
        try {
          const result = await pollFeed(feed, deps.ingest, hosts)
          onFeed?.(result)
          // A failed pass here is retried by the round's own pass below, whose failure the round reports.
          if (result.created + result.updated > 0) cluster().catch(() => undefined)
          return result
        } finally {
          reading.delete(feed.id)
        }
      }),
    )
    const failed = outcomes.find((o) => o.status === 'rejected')
    if (failed) throw failed.reason
    const results = outcomes.map((o) => (o as PromiseFulfilledResult<FeedPollResult>).value)
    const before = await waiting
    const after = await cluster()
    return { results, clustered: sumRuns(before, after), stillReading: due.length - starting.length }
  }

  return {
    round(onFeed) {
      const round = run(onFeed)
      const tracked = round.catch(() => undefined).finally(() => rounds.delete(tracked))
      rounds.add(tracked)
      return round
    },
    async settled() {
      await Promise.all(rounds)
    },
  }
}
