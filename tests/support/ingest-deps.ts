// What pollFeeds needs in a test: the store, a processor, and fetch options for feed servers on 127.0.0.1 with no
// politeness delay, each part overridable where a test is about it (a deadline, a cap, a slow server).
import type { FetchOptions } from '../../src/1-fetch/http-client.js'
import type { Store } from '../../src/7-store/types.js'
import type { FeedProcessor } from '../../src/services/feed-processor.js'
import type { IngestDeps } from '../../src/services/ingest.js'

export interface TestIngestOptions extends Partial<Omit<IngestDeps, 'store' | 'processor' | 'fetchOptions'>> {
  fetch?: Partial<FetchOptions>
}

export function testIngestDeps(store: Store, processor: FeedProcessor, { fetch, ...rest }: TestIngestOptions = {}): IngestDeps {
  return {
    store,
    processor,
    intervalMinutes: 10,
    maxItems: 500,
    pauseAfter: { failures: 10, days: 3 },
    fetchOptions: { timeoutMs: 2_000, maxBytes: 1 << 20, maxRedirects: 3, allowPrivateNetworks: true, userAgent: 'test', ...fetch },
    hostQueue: { concurrency: 4, delayMs: 0 },
    ...rest,
  }
}
