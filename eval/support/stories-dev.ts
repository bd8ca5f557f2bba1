// Replays ../shared/eval/stories-dev: its feeds served on 127.0.0.1, ingested into a fresh SQLite store through the
// real pipeline, then clustered.
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileTopics } from '../../src/3-normalise/topics.js'
import { compileAliases, loadAliases } from '../../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS, type ClusterParams } from '../../src/5-cluster/similarity.js'
import { openStore } from '../../src/7-store/prisma-store.js'
import type { Store } from '../../src/7-store/types.js'
import { loadAppConfig } from '../../src/config/app-config.js'
import { NEAR_DUPLICATE_THRESHOLD } from '../../src/app/context.js'
import { clusterPending } from '../../src/services/cluster-stories.js'
import { inlineFeedProcessor } from '../../src/services/feed-processor.js'
import { pollFeeds } from '../../src/services/ingest.js'

export const STORIES_DEV = fileURLToPath(new URL('../../../shared/eval/stories-dev/', import.meta.url))

export interface GoldItem {
  event: string
  lang: string
  outlet: string
  published: string
}

export function loadGold(): Map<string, GoldItem> {
  return new Map(Object.entries(JSON.parse(readFileSync(path.join(STORIES_DEV, 'feeds', 'gold.json'), 'utf8'))))
}

/** The scorer's URL identity: no query, no fragment, no trailing slash. */
export function scoringUrl(url: string): string {
  const u = new URL(url)
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`
}

/**
 * What kind of outlet each stories-dev feed stands for, as an operator would configure it: the set's outlet names
 * say it (a wire service, a Russian state broadcaster, a syndicating aggregator …), and "who says so" depends on it.
 */
const OUTLET_KINDS: Record<string, string> = {
  'wire-a': 'wire',
  'daily-b': 'newspaper',
  'aggregator-c': 'aggregator',
  'jp-daily': 'newspaper',
  'jp-news': 'public-broadcaster',
  'ru-vesti': 'state-media',
  'ua-pravda': 'online-outlet',
}

export async function replayStoriesDev(params: ClusterParams = DEFAULT_CLUSTER_PARAMS): Promise<Store> {
  const feedDir = path.join(STORIES_DEV, 'feeds')
  const files = readdirSync(feedDir).filter((f) => f.endsWith('.xml'))
  const server = createServer((req, res) => {
    const file = files.find((f) => `/${f}` === req.url)
    if (!file) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'application/xml' }).end(readFileSync(path.join(feedDir, file)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const store = await openStore(`file:${path.join(mkdtempSync(path.join(tmpdir(), 'newsbot-eval-')), 'eval.db')}`)
  try {
    const feeds = await store.feeds.sync(
      files.map((f) => ({ url: `http://127.0.0.1:${port}/${f}`, name: f.replace(/\.xml$/, ''), language: null, country: null, kind: OUTLET_KINDS[f.replace(/\.xml$/, '')] ?? 'newspaper', pollMinutes: null, origin: 'eval' })),
    )
    const config = loadAppConfig()
    await pollFeeds(feeds, {
      store,
      processor: inlineFeedProcessor(compileTopics(config.topics)),
      intervalMinutes: 10,
      fetchOptions: { timeoutMs: 10_000, maxBytes: 10 << 20, maxRedirects: 3, allowPrivateNetworks: true, userAgent: 'newsbot-eval' },
      hostQueue: { concurrency: 4, delayMs: 0 },
    })
    await clusterPending({ store, entities: compileAliases(loadAliases()), params, duplicateThreshold: NEAR_DUPLICATE_THRESHOLD })
    return store
  } finally {
    server.close()
  }
}
