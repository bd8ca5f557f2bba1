// The same article arriving through several feeds at once (an agency story in a wire feed and a newspaper's, polled
// in one round, or on two workers) is stored once, and no feed's poll fails over it, on every store.
import { afterEach, describe, expect, it } from 'vitest'
import type { Store } from '../src/7-store/types.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets } from './support/stores.js'

describe.each(storeTargets)('items written at once by several feeds ($name)', (target) => {
  let dispose: (() => Promise<void>) | undefined
  afterEach(async () => dispose?.())

  it('stores a shared article once and fails no feed', async () => {
    let store: Store
    ;({ store, dispose } = await freshStore(target))
    const feeds = await store.feeds.sync(
      Array.from({ length: 6 }, (_, i) => ({ url: `https://feed-${i}.example/rss`, name: `Feed ${i}`, language: 'en', country: null, kind: 'wire', pollMinutes: null, origin: 'config' })),
    )
    const make = itemFactory('agency.example')
    const shared = Array.from({ length: 40 }, (_, i) => make(`Ceasefire talks, day ${i}`, 'Envoys met in Geneva to discuss a ceasefire in Ukraine.', '2025-03-11T10:00:00Z', 'en'))
    // Each feed has its own GUIDs for the same URLs, as republishers do.
    const results = await Promise.allSettled(feeds.map((feed) => store.items.upsert(feed.id, shared.map((item) => ({ ...item, guid: `${feed.id}:${item.guid}` })), { backfill: false, seenAt: new Date() })))
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([])
    expect(await store.items.count()).toBe(shared.length)
    const created = results.map((r) => (r as PromiseFulfilledResult<{ created: number }>).value.created)
    expect(created.reduce((a, b) => a + b, 0)).toBe(shared.length)
  })
})
