// The composition root: validated environment and config, the store, and the pipeline's dependencies, built once.
import { compileTopics } from '../3-normalise/topics.js'
import { compileAliases, loadAliases, type EntityExtractor } from '../5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../5-cluster/similarity.js'
import { createLlmSummariser, llmOptionsFromEnv } from '../6-summarise/llm.js'
import { openStore } from '../7-store/prisma-store.js'
import type { Store } from '../7-store/types.js'
import { loadAppConfig, type AppConfig } from '../config/app-config.js'
import { readEnv, type Env } from '../config/env.js'
import { createLogger, type Logger } from '../log.js'
import type { ClusterDeps } from '../services/cluster-stories.js'
import { createFeedProcessor, type FeedProcessor } from '../services/feed-processor.js'
import { refreshStoryEvents } from '../services/story-events.js'
import type { DigestDeps } from '../services/digest.js'
import type { IngestDeps } from '../services/ingest.js'
import { probeFeed } from '../services/probe-feed.js'
import { loadBaseline } from '../services/baseline.js'
import type { ChronologyEvent } from '../config/chronology.js'
import type { FeedProbe } from '../../commands/types.js'

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
  /** `/feeds add`: reads a feed once with the poller's fetch options (and its private-network guard). */
  probeFeed(url: string): Promise<FeedProbe>
}

const VERSION = '0.1.0'
/** Estimated Jaccard similarity of character shingles above which an item is a near-copy (wire text + credit line). */
export const NEAR_DUPLICATE_THRESHOLD = 0.6

export function userAgent(env: Env): string {
  const contact = env.NEWSBOT_CONTACT ? `; ${env.NEWSBOT_CONTACT}` : ''
  return `newsbot/${VERSION} (self-hosted news digest bot; +https://github.com/newsbot/newsbot${contact})`
}

export async function createAppContext(source: NodeJS.ProcessEnv = process.env): Promise<AppContext> {
  const env = readEnv(source)
  const config = loadAppConfig(env.NEWSBOT_CONFIG)
  const log = createLogger({ level: env.NEWSBOT_LOG_LEVEL, format: env.NEWSBOT_LOG_FORMAT })
  const store = await openStore(env.DATABASE_URL)
  const matchTopics = compileTopics(config.topics)
  const aliases = loadAliases()
  const entities = compileAliases(aliases)
  // A bad chronology row stops the start, named, as a bad variable does.
  const baseline = loadBaseline({ shipped: env.NEWSBOT_BASELINE, operatorFile: env.NEWSBOT_CHRONOLOGY }, aliases)
  // Timeline events of stories that have none: stories clustered before events existed (clustering keeps the rest current).
  await refreshStoryEvents({ store, entities })
  const processor = createFeedProcessor(config.topics, matchTopics, env.NEWSBOT_PARSE_WORKERS)
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
    entities,
    ingest: {
      store,
      processor,
      intervalMinutes: env.NEWSBOT_POLL_INTERVAL_MINUTES,
      fetchOptions,
      hostQueue: { concurrency: env.NEWSBOT_FETCH_CONCURRENCY, delayMs: env.NEWSBOT_HOST_DELAY_MS },
    },
    cluster: {
      store,
      entities,
      params: DEFAULT_CLUSTER_PARAMS,
      duplicateThreshold: NEAR_DUPLICATE_THRESHOLD,
    },
    digest: { store, entities, llm: env.LLM_BASE_URL ? createLlmSummariser({ ...llmOptionsFromEnv(env, log), entities }) : null },
    probeFeed: (url) => probeFeed(url, fetchOptions),
    baseline,
  }
}
