// Filters per subscription (issue 18) on every store: stored and changed like the other options, and applied to the
// scheduled digest, to alerts and to the digest's explanation alike. The seeded stories: a call on energy strikes
// told by a wire (en), NHK (ja) and TASS (ru, state media), and a court case told by the wire alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NO_FILTERS } from '../src/7-store/subscription-store.js'
import type { Store, SubscriptionFilters } from '../src/7-store/types.js'
import { planDue } from '../src/services/delivery/plan.js'
import { composeDigest, explainDigest } from '../src/services/digest.js'
import { entities, planDeps, seedStories, subscription } from './support/delivery.js'
import { freshStore, storeTargets } from './support/stores.js'

const CALL = 'Putin agrees to halt strikes on Ukraine energy sites after call with Trump'
const COURT = 'Kremlin critic sentenced in absentia over Ukraine war posts'

describe.each(storeTargets)('subscription filters on $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  // After the subscriptions' alerts are switched on (now), so the stories may alert.
  const at = new Date(Date.now() + 5 * 3_600_000)

  beforeEach(async () => ({ store, dispose } = await freshStore(target)))
  afterEach(() => dispose())

  const subscribe = (channel: string, filters: Partial<SubscriptionFilters>, settings: Parameters<typeof subscription>[2] = {}) =>
    store.subscriptions.upsert({ ...subscription('discord', channel, settings), changes: { ...subscription('discord', channel, settings).changes, filters } })

  const digestTitles = async (filters: Partial<SubscriptionFilters>) => {
    const digest = await composeDigest({ store, entities }, { channel: 'c', topics: ['ceasefire'], lang: 'en', now: at, filters: { ...NO_FILTERS, ...filters } })
    return digest.stories.map((s) => s.title).sort()
  }

  it('stores filters, keeps them when other options change, and replaces or clears only the one given', async () => {
    const { subscription: created } = await subscribe('1', { exclude: ['Trump', 'トランプ'], languages: ['en', 'ja'] })
    expect(created.filters).toEqual({ ...NO_FILTERS, exclude: ['Trump', 'トランプ'], languages: ['en', 'ja'] })
    const { subscription: retimed, previous } = await subscribe('1', {}, { time: '09:00' })
    expect(previous!.filters).toEqual(created.filters)
    expect(retimed).toMatchObject({ time: '09:00', filters: created.filters })
    await subscribe('1', { exclude: [], minOutlets: 2, excludeKinds: ['state-media'] })
    const expected = { ...NO_FILTERS, languages: ['en', 'ja'], minOutlets: 2, excludeKinds: ['state-media'] }
    expect((await store.subscriptions.listForChannel('discord:1'))[0]!.filters).toEqual(expected)
    expect((await store.subscriptions.get(created.id))!.filters).toEqual(expected)
    expect((await store.subscriptions.listAll())[0]!.filters).toEqual(expected)
    // A subscription made without filters has none.
    expect((await subscribe('2', {})).subscription.filters).toEqual(NO_FILTERS)
  })

  it('leaves out of the digest a story an exclude term names, in any of its kept reports, and keeps the rest', async () => {
    await seedStories(store, at)
    expect(await digestTitles({})).toEqual([CALL, COURT].sort())
    expect(await digestTitles({ exclude: ['Trump'] })).toEqual([COURT])
    // Only the Japanese report counts: it names トランプ, and the English-only court case has no source in Japanese.
    expect(await digestTitles({ languages: ['ja'], exclude: ['トランプ'] })).toEqual([])
    expect(await digestTitles({ languages: ['ja'] })).toEqual([CALL])
    // Include terms: a Russian stem, a phrase; neither names the court case.
    expect(await digestTitles({ include: ['энергетик*'] })).toEqual([CALL])
    expect(await digestTitles({ include: ['energy infrastructure', 'court'] })).toEqual([CALL, COURT].sort())
    // Without state media the call has two outlets.
    expect(await digestTitles({ excludeKinds: ['state-media'], minOutlets: 2 })).toEqual([CALL])
    expect(await digestTitles({ excludeKinds: ['state-media'], minOutlets: 3 })).toEqual([])
  })

  it('leaves the same stories out of alerts, counting only the outlets the filters keep against the alert threshold', async () => {
    const alerts = { stories: true, minOutlets: 3, ceasefire: false }
    await subscribe('10', {}, { alerts })
    await subscribe('11', { exclude: ['trump'] }, { alerts })
    await subscribe('12', { excludeKinds: ['state-media'] }, { alerts })
    await subscribe('13', { include: ['прекращении ударов'], minOutlets: 5 }, { alerts })
    await seedStories(store, at)
    await planDue(planDeps(store, { catchUpMs: 0 }), at)
    const alerted = (await store.outbox.list()).filter((m) => m.kind === 'story-alert').map((m) => m.channelId).sort()
    // The digest's own threshold (5) is not the alert's (3): channel 13 gets the call.
    expect(alerted).toEqual(['10', '13'])
  })

  it('explains each story: in with the term it matched, or out for its topic, a filter, its outlets, or as already sent', async () => {
    await seedStories(store, at)
    const request = { channel: 'discord:20', topics: ['ceasefire'], lang: 'en' as const, now: at }
    const verdicts = async (filters: Partial<SubscriptionFilters>, topics = ['ceasefire']) => {
      const { considered } = await explainDigest({ store, entities }, { ...request, topics, filters: { ...NO_FILTERS, ...filters } })
      return Object.fromEntries(considered.map(({ story, verdict }) => [story.title, verdict]))
    }
    expect(await verdicts({ exclude: ['Trump'], include: ['Ukraine'] })).toMatchObject({ [CALL]: { in: false, reason: 'excluded', term: 'Trump' }, [COURT]: { in: true, matched: 'Ukraine', outlets: 1 } })
    expect(await verdicts({ excludeKinds: ['state-media'], minOutlets: 3, languages: ['en', 'ru'] })).toMatchObject({
      [CALL]: { in: false, reason: 'outlets', outlets: 1, min: 3 },
      [COURT]: { in: false, reason: 'outlets', outlets: 1, min: 3 },
    })
    expect(await verdicts({ languages: ['uk'] })).toMatchObject({ [CALL]: { in: false, reason: 'language', languages: ['en', 'ja', 'ru'] } })
    expect(await verdicts({ languages: ['ru'], excludeKinds: ['state-media'] })).toMatchObject({ [CALL]: { in: false, reason: 'kind', kinds: ['state-media'] } })
    expect(await verdicts({}, ['no-such-topic'])).toMatchObject({ [CALL]: { in: false, reason: 'topic' } })
    const { considered } = await explainDigest({ store, entities }, { ...request, maxStories: 1 })
    expect(considered.map((c) => c.verdict)).toMatchObject([{ in: true }, { in: false, reason: 'ranked-below', place: 2, maxStories: 1 }])
    await store.digests.record('discord:20', considered.map(({ story }) => ({ storyId: story.id, outletCount: story.outletCount, languages: story.languages, updateReason: story.updateReason })), new Date(at.getTime() - 60_000))
    const again = await explainDigest({ store, entities }, { ...request, since: new Date(at.getTime() - 86_400_000) })
    expect(again.considered.map((c) => c.verdict)).toMatchObject([{ in: false, reason: 'sent' }, { in: false, reason: 'sent' }])
  })
})
