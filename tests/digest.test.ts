import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NEAR_DUPLICATE_THRESHOLD } from '../src/app/context.js'
import type { NormalisedItem } from '../src/3-normalise/normalise-item.js'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import type { Store } from '../src/7-store/types.js'
import { clusterPending } from '../src/services/cluster-stories.js'
import { composeDigest, digestJson, recordDigest } from '../src/services/digest.js'
import { renderConsoleDigest } from '../src/8-deliver/console/render-digest.js'
import { digestStrings } from '../src/i18n/strings.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets } from './support/stores.js'

const entities = compileAliases(loadAliases())
const item = itemFactory('digest.example')

describe.each(storeTargets)('digests on $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  const feeds: Record<string, number> = {}
  const now = new Date('2025-03-19T06:00:00Z')

  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
    for (const [name, kind, language] of [['Wire', 'wire', 'en'], ['NHK', 'public-broadcaster', 'ja'], ['TASS', 'state-media', 'ru'], ['Pravda', 'online-outlet', 'uk']]) {
      const [feed] = await store.feeds.sync([{ url: `https://${name}.example/rss`, name: name!, language: language!, country: null, kind: kind!, pollMinutes: null, origin: 'test' }])
      feeds[name!] = feed!.id
    }
    await add('Wire', item('Putin agrees to halt strikes on Ukraine energy sites after call with Trump', 'Vladimir Putin agreed in a call with Donald Trump to stop strikes on Ukrainian energy infrastructure for 30 days. He rejected a full 30-day ceasefire. Trump called the call very good and productive.', '2025-03-18T18:00:00Z', 'en'))
    await add('NHK', item('プーチン大統領、エネルギー施設への攻撃停止に同意', 'ロシアのプーチン大統領は18日、トランプ大統領との電話会談で、ウクライナのエネルギー施設への攻撃を30日間停止することに同意した。全面的な停戦には応じなかった。', '2025-03-18T20:00:00Z', 'ja'))
    await add('TASS', item('Путин поддержал предложение Трампа о прекращении ударов по энергетике', 'Путин в ходе телефонного разговора с Трампом поддержал идею о взаимном отказе от ударов по объектам энергетической инфраструктуры на 30 дней.', '2025-03-18T19:00:00Z', 'ru'))
    await add('Wire', item('Russian drones hit Kharkiv overnight, injuring 12', 'Russian drones struck residential districts of Kharkiv overnight, injuring 12 people, Ukrainian officials said on Tuesday.', '2025-03-18T09:00:00Z', 'en'))
    await clusterPending({ store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: NEAR_DUPLICATE_THRESHOLD })
  })
  afterEach(() => dispose())
  const add = (feed: string, ...items: NormalisedItem[]) => store.items.upsert(feeds[feed]!, items, { backfill: false, seenAt: now })
  const topics = ['us-russia', 'ukraine-war', 'ceasefire']

  it('ranks the widely covered story first, summarises it from its own items, and lists labelled sources', async () => {
    const digest = await composeDigest({ store, entities }, { channel: 'c1', topics, lang: 'en', now })
    expect(digest.stories.map((s) => s.outletCount)).toEqual([3, 1])
    const [top] = digest.stories
    expect(top!.title).toBe('Putin agrees to halt strikes on Ukraine energy sites after call with Trump')
    expect(top!.summary.length).toBeGreaterThanOrEqual(1)
    expect(top!.summary.length).toBeLessThanOrEqual(3)
    for (const s of top!.summary) {
      expect(s.language).toBe('en')
      expect(top!.sources.map((x) => x.url)).toContain(s.url)
    }
    expect(top!.sources.map((s) => [s.name, s.kind])).toEqual([['Wire', 'wire'], ['TASS', 'state-media'], ['NHK', 'public-broadcaster']])
    expect(digestJson(digest).stories[0]).toEqual({
      storyId: top!.storyId,
      title: top!.title,
      updated: false,
      firstPublishedAt: '2025-03-18T18:00:00.000Z',
      lastPublishedAt: '2025-03-18T20:00:00.000Z',
      summary: top!.summary.map(({ text, url }) => ({ text, url })),
      sources: top!.sources,
    })
    expect(renderConsoleDigest(digest)).toContain(`\n  18 Mar 2025 · ${digestStrings('en').outlets(3, top!.languages)}\n`)
  })

  it('speaks Japanese when asked: Japanese headline and sentences, sources in Japanese first', async () => {
    const digest = await composeDigest({ store, entities }, { channel: 'c1', topics, lang: 'ja', now })
    const [top] = digest.stories
    expect(top!.title).toBe('プーチン大統領、エネルギー施設への攻撃停止に同意')
    expect(top!.summary.every((s) => s.language === 'ja')).toBe(true)
    expect(top!.sources[0]!.language).toBe('ja')
    const other = digest.stories[1]!
    expect(other.summary.every((s) => s.language === 'en')).toBe(true) // no Japanese coverage: English, tagged by its language
  })

  it('never repeats a story the channel got, unless it moved since', async () => {
    const first = await composeDigest({ store, entities }, { channel: 'c1', topics, lang: 'en', now })
    await recordDigest(store, 'c1', first)
    const later = new Date(now.getTime() + 3600_000)
    expect((await composeDigest({ store, entities }, { channel: 'c1', topics, lang: 'en', now: later, since: new Date('2025-03-18T00:00:00Z') })).stories).toEqual([])
    expect((await composeDigest({ store, entities }, { channel: 'c2', topics, lang: 'en', now: later })).stories).toHaveLength(2)
    await add('Pravda', item('Зеленський: Україна готова не бити по енергетиці РФ 30 днів', 'Зеленський після розмови Трампа з Путіним заявив, що Україна підтримає припинення ударів по енергетичній інфраструктурі на 30 днів.', '2025-03-18T21:00:00Z', 'uk'))
    await clusterPending({ store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: NEAR_DUPLICATE_THRESHOLD })
    const again = await composeDigest({ store, entities }, { channel: 'c1', topics, lang: 'en', now: later, since: new Date('2025-03-18T00:00:00Z') })
    expect(again.stories.map((s) => [s.outletCount, s.updated, s.updateReason])).toEqual([[4, true, 'new language: uk; new outlet: Pravda']])
  })

  it('uses a checked LLM summary when one is available and falls back to the extractive one otherwise', async () => {
    const llm = { summarise: async () => ({ method: 'llm' as const, sentences: [{ text: 'Checked sentence.', url: 'https://digest.example/1', language: 'en' }] }) }
    const withLlm = await composeDigest({ store, entities, llm }, { channel: 'c1', topics, lang: 'en', now })
    expect(withLlm.stories[0]!.summary).toEqual([{ text: 'Checked sentence.', url: 'https://digest.example/1', language: 'en' }])
    const refused = await composeDigest({ store, entities, llm: { summarise: async () => null } }, { channel: 'c1', topics, lang: 'en', now })
    expect(refused.stories[0]!.summary[0]!.text).not.toBe('Checked sentence.')
  })
})
