import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NEAR_DUPLICATE_THRESHOLD } from '../src/app/context.js'
import type { NormalisedItem } from '../src/3-normalise/normalise-item.js'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import type { Store } from '../src/7-store/types.js'
import { clusterPending, type ClusterDeps } from '../src/services/cluster-stories.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets } from './support/stores.js'

const entities = compileAliases(loadAliases())

const item = itemFactory('news.example')

describe.each(storeTargets)('stories on $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  let deps: ClusterDeps
  const feeds: Record<string, number> = {}

  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
    deps = { store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: NEAR_DUPLICATE_THRESHOLD }
    for (const [name, kind, language] of [
      ['Wire', 'wire', 'en'],
      ['Paper', 'newspaper', 'en'],
      ['Syndicator', 'aggregator', 'en'],
      ['NHK', 'public-broadcaster', 'ja'],
      ['TASS', 'state-media', 'ru'],
      ['Pravda', 'online-outlet', 'uk'],
    ]) {
      const [feed] = await store.feeds.sync([{ url: `https://${name}.example/rss`, name: name!, language: language!, country: null, kind: kind!, pollMinutes: null, origin: 'test' }])
      feeds[name!] = feed!.id
    }
  })
  afterEach(() => dispose())

  const add = (feed: string, ...items: NormalisedItem[]) => store.items.upsert(feeds[feed]!, items, { backfill: false, seenAt: new Date() })

  it('folds one event covered in four languages into one story, with near-copies marked and not counted', async () => {
    const wireText =
      'Donald Trump and Vladimir Putin agreed in a phone call lasting about two and a half hours to hold a summit in Budapest, ' +
      'the Hungarian capital, with advisers led by Marco Rubio meeting first next week. No ceasefire was announced.'
    await add('Wire', item('Trump and Putin agree to meet in Budapest after lengthy phone call', wireText, '2025-10-16T19:25:00Z', 'en'))
    await add('Syndicator', item('Trump, Putin agree to meet in Budapest after lengthy phone call', `${wireText} (Wire)`, '2025-10-16T19:50:00Z', 'en'))
    await add('NHK', item('米ロ首脳が電話会談 ブダペストで首脳会談へ', 'トランプ大統領は16日、ロシアのプーチン大統領と電話会談し、ハンガリーの首都ブダペストで首脳会談を開くことで合意したと明らかにした。', '2025-10-16T22:00:00Z', 'ja'))
    await add('TASS', item('Ушаков: Путин и Трамп договорились о встрече в Будапеште', 'Помощник президента Юрий Ушаков сообщил, что телефонный разговор Путина и Трампа длился около двух с половиной часов, стороны договорились о встрече в Будапеште.', '2025-10-16T20:10:00Z', 'ru'))
    await add('Pravda', item('Трамп і Путін домовилися про зустріч у Будапешті', 'Після телефонної розмови з Путіним Трамп заявив, що зустріч відбудеться в Будапешті, а спершу зустрінуться радники на чолі з Рубіо.', '2025-10-16T21:00:00Z', 'uk'))
    const run = await clusterPending(deps)
    expect(run).toMatchObject({ items: 5, duplicates: 1 })
    const stories = await store.stories.list({})
    expect(stories).toHaveLength(1)
    const [story] = stories
    expect(story!.languages).toEqual(['en', 'ja', 'ru', 'uk'])
    expect(story!.outletCount).toBe(4)
    expect(story!.outlets).not.toContain('Syndicator')
    expect(story!.topics).toContain('us-russia')
    expect(story!.title).toBe('Trump and Putin agree to meet in Budapest after lengthy phone call')
    expect(Object.keys(story!.headlines).sort()).toEqual(['en', 'ja', 'ru', 'uk'])
    const copy = story!.items.find((i) => i.source === 'Syndicator')!
    expect(copy.duplicateOf).toBe(story!.items.find((i) => i.source === 'Wire')!.url)
  })

  it('keeps two Trump–Putin calls a month apart, and the Riyadh and Jeddah talks, in separate stories', async () => {
    await add('Wire',
      item('Trump and Putin speak by phone, agree to start Ukraine talks', 'Donald Trump said he had a lengthy phone call with Vladimir Putin and they agreed their teams would start negotiations on ending the war in Ukraine.', '2025-02-12T18:00:00Z', 'en'),
      item('Trump and Putin speak by phone for two hours about energy truce', 'Vladimir Putin agreed in a call with Donald Trump to stop strikes on Ukrainian energy infrastructure for 30 days but rejected a full ceasefire.', '2025-03-18T18:00:00Z', 'en'),
      item('US and Russian delegations hold talks in Riyadh', 'Marco Rubio and Sergei Lavrov led the delegations at talks in Riyadh, Saudi Arabia, agreeing to restore embassy staff and to start work on ending the war in Ukraine.', '2025-02-18T14:00:00Z', 'en'),
      item('Ukraine accepts US proposal for 30-day ceasefire after talks in Jeddah', 'After talks in Jeddah, Saudi Arabia, Ukraine said it was ready to accept a US proposal for an immediate 30-day ceasefire with Russia; Washington resumed military aid.', '2025-03-11T19:00:00Z', 'en'),
    )
    await clusterPending(deps)
    const stories = await store.stories.list({})
    expect(stories).toHaveLength(4)
    expect(stories.every((s) => s.items.length === 1)).toBe(true)
  })

  it('keeps an untagged report about another subject out of a story on a topic, whatever it shares with it', async () => {
    await add('Wire', item('Trump and Putin speak by phone for two hours about energy truce', 'Vladimir Putin agreed in a call with Donald Trump on Tuesday to stop strikes on Ukrainian energy infrastructure for 30 days.', '2025-03-18T18:00:00Z', 'en'))
    await add('NHK',
      item('米ロ首脳が電話会談 エネルギー施設への攻撃30日間停止で合意', 'アメリカのトランプ大統領とロシアのプーチン大統領は18日、電話で会談し、エネルギー施設への攻撃を30日間停止することで合意しました。', '2025-03-18T21:10:00Z', 'ja'),
      item('宇宙に9か月滞在の飛行士2人 地球に帰還', '9か月滞在したアメリカの飛行士が18日、地球に帰還しました。ロシアの飛行士も同乗しました。トランプ大統領は帰還を急ぐよう求めていました。', '2025-03-18T23:00:00Z', 'ja'),
    )
    await add('Paper', item('Astronauts back on Earth after nine months in space', 'NASA astronauts splashed down on Tuesday with a Russian cosmonaut, hours after Donald Trump and Vladimir Putin agreed in a call to stop strikes on Ukrainian energy infrastructure for 30 days.', '2025-03-18T22:30:00Z', 'en'))
    await clusterPending(deps)
    const stories = await store.stories.list({})
    expect(stories.map((s) => s.items.map((i) => i.title).sort())).toEqual([['Trump and Putin speak by phone for two hours about energy truce', '米ロ首脳が電話会談 エネルギー施設への攻撃30日間停止で合意'].sort()])
  })

  it('updates a story when a late item arrives, and marks new outlets and languages as material updates', async () => {
    await add('Wire', item('Russia and Ukraine agree more POW swaps in Istanbul talks', 'The delegations met for about 40 minutes in Istanbul and agreed to exchange at least 1,200 more prisoners of war each, but remain far apart on a ceasefire.', '2025-07-23T19:05:00Z', 'en'))
    await clusterPending(deps)
    const [before] = await store.stories.list({})
    expect(before!.updateReason).toBeNull()
    await add('TASS', item('Мединский: стороны договорились об обмене ещё 1200 военнопленными', 'Переговоры в Стамбуле длились около 40 минут; стороны договорились об обмене ещё 1200 военнопленными с каждой стороны, сообщил Мединский.', '2025-07-23T18:40:00Z', 'ru'))
    await clusterPending(deps)
    const stories = await store.stories.list({})
    expect(stories).toHaveLength(1)
    expect(stories[0]!.id).toBe(before!.id)
    expect(stories[0]!.languages).toEqual(['en', 'ru'])
    expect(stories[0]!.firstPublishedAt.toISOString()).toBe('2025-07-23T18:40:00.000Z')
    expect(stories[0]!.updateReason).toBe('new language: ru; new outlet: TASS')
  })

  it('lists only stories on a topic, filtered by topic and date', async () => {
    await add('Wire',
      item('Putin orders 36-hour Orthodox Christmas ceasefire; Kyiv dismisses it', 'Vladimir Putin ordered a 36-hour ceasefire in Ukraine for Orthodox Christmas; Kyiv called it a ploy.', '2023-01-05T15:00:00Z', 'en'),
      item('Local council approves new bus lanes', 'The city council voted to add bus lanes downtown.', '2023-01-05T16:00:00Z', 'en'),
    )
    await clusterPending(deps)
    expect((await store.stories.list({})).map((s) => s.title)).toEqual(['Putin orders 36-hour Orthodox Christmas ceasefire; Kyiv dismisses it'])
    expect(await store.stories.list({ topics: ['us-russia'] })).toEqual([])
    expect(await store.stories.list({ topics: ['ceasefire'], since: new Date('2023-02-01') })).toEqual([])
    expect(await store.stories.list({ topics: ['ceasefire'], since: new Date('2023-01-01') })).toHaveLength(1)
  })

  it('survives bad input: empty and emoji-only titles, 50 KB texts, mixed scripts, 1970 and future dates', async () => {
    await add('Wire',
      item('', 'Kremlin says talks with Ukraine continue', '2025-01-01T00:00:00Z', 'en'),
      item('🇺🇦🕊️', '', '2025-01-01T01:00:00Z', 'und'),
      item('Peace talks', 'Ukraine ceasefire talks. '.repeat(2000), '2025-01-01T02:00:00Z', 'en'),
      item('Путин (Putin) とトランプ Trump', 'mixed 文字 текст', '2025-01-01T03:00:00Z', 'ja'),
      item('Old', 'Putin', '1970-01-01T00:00:00Z', 'en'),
      item('Future', 'Putin', '2099-01-01T00:00:00Z', 'en'),
    )
    const run = await clusterPending(deps)
    expect(run.items).toBe(6)
    expect(await store.stories.pending(10)).toEqual([])
  })
})
