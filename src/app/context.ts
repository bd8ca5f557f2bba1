// The composition root: validated environment and config, the store, and the pipeline's dependencies. A command
// pays only for what it uses: the store is opened for reading or writing as the command needs, and the rest (the
// alias dictionary, the topic matcher, parse workers, the curated chronology) is built the first time it is asked for.
import { compileTopics } from '../3-normalise/topics.js'
import { compileAliases, loadAliases, type AliasEntity, type EntityExtractor } from '../5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../5-cluster/similarity.js'
import { createLlmSummariser, llmOptionsFromEnv } from '../6-summarise/llm.js'
import { createCeasefireJudge, type CeasefireJudge } from '../6-summarise/judge/ceasefire-judge.js'
import { createJudgeChat, judgeChatOptionsFromEnv } from '../6-summarise/judge/chat.js'
import { storeOpenError } from '../7-store/database-url.js'
import { openStore, type StoreAccess } from '../7-store/prisma-store.js'
import { acquireWriteLock, type LockMode } from '../7-store/process-lock.js'
import type { Store } from '../7-store/types.js'
import { loadAppConfig, type AppConfig } from '../config/app-config.js'
import { readEnv, type Env } from '../config/env.js'
import { createLogger, type Logger } from '../log.js'
import type { ClusterDeps } from '../services/cluster-stories.js'
import type { FeedProcessor } from '../services/feed-processor.js'
import { refreshStoryEvents } from '../services/story-events.js'
import type { DigestDeps } from '../services/digest.js'
import type { IngestDeps } from '../services/ingest.js'
import { loadBaseline } from '../services/baseline.js'
import { ceasefireLexicon } from '../services/ceasefire.js'
import type { ChronologyEvent } from '../config/chronology.js'
import type { FeedProbe } from '../../commands/types.js'
import type { OpmlSource } from '../services/opml-source.js'

export interface AppContext {
  env: Env
  config: AppConfig
  log: Logger
  store: Store
  ingest: IngestDeps
  cluster: ClusterDeps
  processor: FeedProcessor
  digest: DigestDeps
  entities: EntityExtractor
  /** Curated history rows (shipped + NEWSBOT_CHRONOLOGY) for /timeline and /ceasefire-status. */
  baseline: ChronologyEvent[]
  /** The LLM judge of ceasefire sentences, only with NEWSBOT_LLM_JUDGE on (off by default, even with LLM_BASE_URL set). */
  ceasefireJudge: CeasefireJudge | undefined
  /** `/feeds add`: reads a feed once as the poller does (its fetch options and private-network guard, its parse workers). */
  probeFeed(url: string): Promise<FeedProbe>
  /** `/feeds import`: an OPML file's text from an address (the same fetch options and guard) or a path, size-capped. */
  readOpml(source: OpmlSource): Promise<string>
  /** Stops the parse workers (if a feed was parsed) and closes the store. */
  close(): Promise<void>
}

export interface ContextOptions {
  /**
   * 'write' (the default): migrations applied, and what older versions left undone caught up (see openStore, and
   * timeline events of stories that have none). 'read': a migrated database is required, and nothing is written.
   */
  access?: StoreAccess
  /**
   * Reads and checks the curated chronology now, so that a bad row stops a command that answers chat commands with
   * the row named, as a bad variable does, instead of failing the first /timeline. Otherwise it is read when asked for.
   */
  checkChronology?: boolean
  /**
   * Commands that poll, cluster or deliver take the store's write lock before migrating, waiting their turn, and
   * hold it until close (see process-lock.ts). The others (`newsbot run subscribe …`) make the small writes chat
   * commands make beside a running bot.
   */
  lock?: LockMode
}

const VERSION = '0.1.0'
/** Estimated Jaccard similarity of character shingles above which an item is a near-copy (wire text + credit line). */
export const NEAR_DUPLICATE_THRESHOLD = 0.6

export function userAgent(env: Env): string {
  const contact = env.NEWSBOT_CONTACT ? `; ${env.NEWSBOT_CONTACT}` : ''
  return `newsbot/${VERSION} (self-hosted news digest bot; +https://github.com/newsbot/newsbot${contact})`
}

/** Built on first use, then kept. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null
  return () => (made ??= { value: make() }).value
}

/** The parser (and its worker threads) starts with the first feed to parse: most commands parse none. */
function onDemandProcessor(start: () => Promise<FeedProcessor>): FeedProcessor {
  let started: Promise<FeedProcessor> | null = null
  return {
    process: async (job) => (await (started ??= start())).process(job),
    close: async () => {
      if (started) await (await started).close()
    },
  }
}

export async function createAppContext(source: NodeJS.ProcessEnv = process.env, options: ContextOptions = {}): Promise<AppContext> {
  const access = options.access ?? 'write'
  const env = readEnv(source)
  const config = loadAppConfig(env.NEWSBOT_CONFIG)
  const log = createLogger({ level: env.NEWSBOT_LOG_LEVEL, format: env.NEWSBOT_LOG_FORMAT })
  const aliases = once<AliasEntity[]>(loadAliases)
  const entities = once(() => compileAliases(aliases()))
  // A bad chronology row is a ConfigError naming the file, row and column.
  const baseline = once(() => loadBaseline({ shipped: env.NEWSBOT_BASELINE, operatorFile: env.NEWSBOT_CHRONOLOGY }, aliases()))
  if (options.checkChronology) baseline()
  const lock = options.lock
    ? await acquireWriteLock(env.DATABASE_URL, { mode: options.lock, waitMs: env.NEWSBOT_LOCK_WAIT_SECONDS * 1000, onWait: (message) => log.warn(message) }).catch((err: unknown) => {
        throw storeOpenError(err, env.DATABASE_URL)
      })
    : null
  let store: Store
  try {
    store = await openStore(env.DATABASE_URL, { access })
  } catch (err) {
    await lock?.release()
    throw storeOpenError(err, env.DATABASE_URL)
  }
  const processor = onDemandProcessor(async () => {
    const { createFeedProcessor } = await import('../services/feed-processor.js')
    return createFeedProcessor(config.topics, compileTopics(config.topics), env.NEWSBOT_PARSE_WORKERS)
  })
  const llm = once(() => (env.LLM_BASE_URL ? createLlmSummariser({ ...llmOptionsFromEnv(env, log), entities: entities() }) : null))
  const ceasefireJudge = once(() => {
    const options = judgeChatOptionsFromEnv(env, log)
    return options ? createCeasefireJudge({ chat: createJudgeChat(options), lexicon: ceasefireLexicon(), log }) : undefined
  })
  // Timeline events of stories that have none: stories clustered before events existed (clustering keeps the rest
  // current). The dictionary is compiled only if there are some.
  if (access === 'write') {
    await refreshStoryEvents({
      store,
      get entities() {
        return entities()
      },
    })
  }
  const fetchOptions = {
    timeoutMs: env.NEWSBOT_FETCH_TIMEOUT_MS,
    maxBytes: env.NEWSBOT_FETCH_MAX_BYTES,
    maxRedirects: 5,
    allowPrivateNetworks: env.NEWSBOT_ALLOW_PRIVATE_NETWORKS,
    userAgent: userAgent(env),
  }
  return {
    env,
    config,
    log,
    store,
    processor,
    get entities() {
      return entities()
    },
    get baseline() {
      return baseline()
    },
    get ceasefireJudge() {
      return ceasefireJudge()
    },
    ingest: {
      store,
      processor,
      intervalMinutes: env.NEWSBOT_POLL_INTERVAL_MINUTES,
      maxItems: env.NEWSBOT_FEED_MAX_ITEMS,
      pauseAfter: { failures: env.NEWSBOT_FEED_PAUSE_AFTER_FAILURES, days: env.NEWSBOT_FEED_PAUSE_AFTER_DAYS },
      fetchOptions,
      hostQueue: { concurrency: env.NEWSBOT_FETCH_CONCURRENCY, delayMs: env.NEWSBOT_HOST_DELAY_MS },
    },
    cluster: {
      store,
      get entities() {
        return entities()
      },
      params: DEFAULT_CLUSTER_PARAMS,
      duplicateThreshold: NEAR_DUPLICATE_THRESHOLD,
    },
    digest: {
      store,
      get entities() {
        return entities()
      },
      get llm() {
        return llm()
      },
    },
    probeFeed: async (url) => (await import('../services/probe-feed.js')).probeFeed(url, { fetchOptions, processor, maxItems: env.NEWSBOT_FEED_MAX_ITEMS }),
    readOpml: async (source) => (await import('../services/opml-source.js')).readOpmlSource(source, fetchOptions),
    async close() {
      await processor.close()
      await store.close()
      await lock?.release()
    },
  }
}
