// /timeline on events, through the command core on every store: stories of one event merged into one entry with all
// their sources, off-topic stories left out, the actor filter, the documented JSON, and events kept current as
// stories grow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import type { TimelineJson } from '../commands/timeline.js'
import type { Invoker, Reply } from '../commands/types.js'
import { defaultEventTypes } from '../src/3-normalise/event-types.js'
import type { NormalisedItem } from '../src/3-normalise/normalise-item.js'
import { extractFeatures } from '../src/5-cluster/features.js'
import { addMember, newStory } from '../src/5-cluster/story-profile.js'
import { sameEvent } from '../src/6-summarise/event-merge.js'
import type { StoryEventRecord, StoryState, Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { refreshStoryEvents } from '../src/services/story-events.js'
import { commandServices, consoleInvoker, entities } from './support/command-services.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2025-05-30T12:00:00Z')

const FEEDS = [
  { url: 'https://wire.example/rss', name: 'Example Wire', kind: 'wire' },
  { url: 'https://state.example/rss', name: 'State Agency', kind: 'state-media' },
  { url: 'https://pravda.example/rss', name: 'UA Pravda', kind: 'online-outlet' },
  { url: 'https://jp.example/rss', name: 'JP Daily', kind: 'newspaper' },
]
type Outlet = 'wire' | 'state' | 'pravda' | 'jp'
type Report = [outlet: Outlet, title: string, text: string, publishedAt: string, language: string]

/**
 * Stores the reports and makes each list one story, as clustering would have: decided here, so that the test does
 * not depend on what the clusterer would join. Returns the stories' ids in the order given.
 */
async function seedStories(store: Store, stories: Report[][]): Promise<number[]> {
  const feeds = await store.feeds.sync(FEEDS.map((f) => ({ ...f, language: null, country: null, pollMinutes: null, origin: 'config' })))
  const feedOf = (outlet: Outlet) => feeds.find((f) => f.url.startsWith(`https://${outlet}.`))!
  const factories = new Map<Outlet, ReturnType<typeof itemFactory>>()
  const made: { outlet: Outlet; item: NormalisedItem; story: number }[] = []
  stories.forEach((reports, story) =>
    reports.forEach(([outlet, title, text, at, language]) => {
      if (!factories.has(outlet)) factories.set(outlet, itemFactory(`${outlet}.example`))
      made.push({ outlet, item: factories.get(outlet)!(title, text, at, language), story })
    }),
  )
  for (const outlet of factories.keys()) {
    await store.items.upsert(feedOf(outlet).id, made.filter((m) => m.outlet === outlet).map((m) => m.item), { backfill: false, seenAt: NOW })
  }
  const pending = await store.stories.pending(1000)
  const states: StoryState[] = []
  const assignments = made.map((m) => {
    const p = pending.find((x) => x.title === m.item.title)!
    const member = { ...p, features: extractFeatures(p, entities) }
    const state = states[m.story]
    if (state) addMember(state, member, true)
    else states[m.story] = newStory(-(m.story + 1), member)
    return { itemId: p.id, storyId: -(m.story + 1), duplicateOfId: null, signature: [], bandKeys: [] }
  })
  await store.stories.apply({ created: states, updated: [], assignments, clusteredAt: NOW })
  await refreshStoryEvents({ store, entities }) // as clusterPending does after applying its batches
  const byTitle = await store.stories.inRange({ from: new Date(0), to: NOW, limit: 1000 })
  return stories.map((reports) => byTitle.stories.find((s) => s.items.some((i) => i.title === reports[0]![1]))!.id)
}

const SWAP_EN: Report = ['wire', 'Russia and Ukraine swap 390 prisoners each in largest exchange', 'The exchange, brokered by the UAE, took place on the Belarusian border.', '2025-05-23T10:00:00Z', 'en']
const SWAP_JA: Report = ['jp', 'ロシアとウクライナが捕虜390人ずつを交換', 'ロシアとウクライナは23日、UAEの仲介で捕虜を交換した。', '2025-05-23T21:00:00Z', 'ja']
const SWAP_UK: Report = ['pravda', 'Україна повернула додому 390 військовополонених', 'Обмін відбувся за посередництва ОАЕ на кордоні з Білоруссю.', '2025-05-23T12:00:00Z', 'uk']
const SWAP_RU: Report = ['state', 'Россия и Украина обменялись 390 военнопленными', 'Обмен прошёл при посредничестве ОАЭ.', '2025-05-23T11:00:00Z', 'ru']
const TRUCE: Report = ['wire', 'Putin declares three-day Victory Day truce from May 8', 'Russian President Vladimir Putin ordered a ceasefire in Ukraine for the Victory Day holiday.', '2025-04-28T12:00:00Z', 'en']
const TRUCE_RU: Report = ['state', 'Путин объявил перемирие на День Победы', 'Президент России Владимир Путин объявил о прекращении огня на Украине с 8 по 11 мая.', '2025-04-28T13:00:00Z', 'ru']
const TALKS: Report = ['pravda', 'Зеленський і Ердоган провели переговори в Анкарі', 'Президент України Володимир Зеленський зустрівся з президентом Туреччини в Анкарі.', '2025-05-14T09:00:00Z', 'uk']
const BOXING: Report = ['wire', 'Usyk beats Fury on points in Riyadh', 'The Ukrainian champion kept his heavyweight belts.', '2025-05-18T23:00:00Z', 'en']

for (const target of storeTargets) {
  describe(`/timeline events on ${target.name}`, () => {
    let store: Store
    let dispose: () => Promise<void>
    let ids: number[]
    beforeAll(async () => {
      ;({ store, dispose } = await freshStore(target))
      // The swap came in as three stories (the clusterer kept the Ukrainian and Japanese reports apart).
      ids = await seedStories(store, [[TRUCE, TRUCE_RU], [TALKS], [SWAP_EN, SWAP_RU], [SWAP_UK], [SWAP_JA], [BOXING]])
    })
    afterAll(async () => dispose?.())

    const run = async (options: Record<string, string>, invoker: Partial<Invoker> = {}): Promise<Reply> => {
      const services = commandServices(store)
      const reply = await runCommand({ command: 'timeline', subcommand: null, options, invoker: consoleInvoker(invoker), now: NOW }, services)
      expect(services.log.records).toEqual([])
      return reply
    }
    const json = async (options: Record<string, string>, invoker: Partial<Invoker> = {}) => (await run(options, invoker)).data as TimelineJson

    it('lists one entry per event, oldest first, merging the stories of one event with all their sources', async () => {
      const { events } = await json({ from: '2025-04-01' })
      expect(events.map((e) => [e.date, e.type])).toEqual([
        ['2025-04-28', 'truce'],
        ['2025-05-14', 'talks'],
        ['2025-05-23', 'prisoner-exchange'],
      ])
      const swap = events[2]!
      expect(swap.storyId).toBe(ids[2])
      expect(swap.sources).toEqual([
        { name: 'Example Wire', url: 'https://wire.example/2', language: 'en', kind: 'wire' },
        { name: 'State Agency', url: 'https://state.example/2', language: 'ru', kind: 'state-media' },
        { name: 'UA Pravda', url: 'https://pravda.example/2', language: 'uk', kind: 'online-outlet' },
        { name: 'JP Daily', url: 'https://jp.example/1', language: 'ja', kind: 'newspaper' },
      ])
      // The Japanese morning paper's report (05:00 JST on the 24th) is the 23rd's event; the truce planned "from May 8" is dated when declared.
      expect(swap.date).toBe('2025-05-23')
      expect(events[0]).toEqual({
        date: '2025-04-28',
        basis: 'feeds',
        type: 'truce',
        title: TRUCE[1],
        participants: ['person:putin', 'country:russia', 'country:ukraine'],
        place: null,
        storyId: ids[0],
        sources: [
          { name: 'Example Wire', url: 'https://wire.example/1', language: 'en', kind: 'wire' },
          { name: 'State Agency', url: 'https://state.example/1', language: 'ru', kind: 'state-media' },
        ],
      })
    })

    it('leaves out stories on no topic', async () => {
      const { events } = await json({ from: '2025-05-18', to: '2025-05-19' })
      expect(events).toEqual([])
    })

    it('filters by actor and topic, and gives Japanese readers a Japanese title when a source wrote one', async () => {
      expect((await json({ actor: 'Erdogan' })).events.map((e) => e.type)).toEqual(['talks'])
      expect((await json({ actor: 'Путин', from: '2025-04-01' })).events.map((e) => e.type)).toEqual(['truce'])
      expect((await json({ topic: 'ceasefire', from: '2025-04-01' })).events.map((e) => e.type)).toEqual(['truce'])
      const ja = await json({ from: '2025-05-20' }, { locale: 'ja' })
      expect(ja.events.map((e) => e.title)).toEqual([SWAP_JA[1]])
    })

    it('shows each entry as a dated line with type and participants, every source with its kind, state media marked', async () => {
      const reply = await run({ from: '2025-04-01', to: '2025-04-30' })
      expect(reply).toMatchObject({ kind: 'entries', entries: [{ title: `28 Apr 2025 · truce · Putin — ${TRUCE[1]}`, url: 'https://wire.example/1' }] })
      const text = renderConsoleReply(reply)
      expect(text).toContain('Example Wire <https://wire.example/1> (wire service) · State Agency <https://state.example/1> (state media)')
      expect(reply.kind === 'entries' && reply.entries[0]!.lines[0]!.find((s) => s.text === ' (state media)')).toMatchObject({ bold: true })
      const ja = renderConsoleReply(await run({ from: '2025-04-01', to: '2025-04-30' }, { locale: 'ja' }))
      // No Japanese source: the story's own (English) title.
      expect(ja).toContain(`2025年4月28日 · 停戦 · プーチン — ${TRUCE[1]}`)
      expect(ja).toContain('State Agency <https://state.example/1>（国営メディア）')
    })

    it('works the event out again when its story grows', async () => {
      const [wire] = await store.feeds.sync([{ ...FEEDS[0]!, language: null, country: null, pollMinutes: null, origin: 'config' }])
      const late = itemFactory('wire.example')
      for (let i = 0; i < 3; i++) late('', '', NOW.toISOString(), 'en') // the wire's first three URLs are taken
      await store.items.upsert(wire!.id, [late('Kyiv rejects Putin’s Victory Day truce as theatre', 'Ukraine said the truce was a show.', '2025-04-28T18:00:00Z', 'en')], { backfill: false, seenAt: NOW })
      const [pending] = await store.stories.pending(10)
      const [before] = await store.stories.near(new Date('2025-04-28T00:00:00Z'), new Date('2025-04-28T23:59:59Z'))
      addMember(before!, { ...pending!, features: extractFeatures(pending!, entities) }, true)
      await store.stories.apply({ created: [], updated: [before!], assignments: [{ itemId: pending!.id, storyId: before!.id, duplicateOfId: null, signature: [], bandKeys: [] }], clusteredAt: NOW })
      expect(await refreshStoryEvents({ store, entities })).toBe(1)
      const { events } = await json({ from: '2025-04-01', to: '2025-04-30' })
      expect(events).toHaveLength(1)
      // One source per outlet: the wire's earlier report stands for it.
      expect(events[0]!.sources.map((s) => s.url)).toEqual(['https://wire.example/1', 'https://state.example/1'])
      expect((await store.events.inRange({ from: '2025-04-28', to: '2025-04-28', limit: 10 })).events[0]!.itemCount).toBe(3)
    })
  })
}

describe('one entry per real event', () => {
  const judge = { types: defaultEventTypes(), partyOf: entities.partyOf }
  const event = (storyId: number, type: string, participants: string[], evidence: string[]): StoryEventRecord => ({
    storyId, day: '2025-08-06', type, typeScores: { [type]: 1 }, participants, place: null, title: `${type} ${storyId}`, titles: {}, sources: [], evidence, outletCount: 3, itemCount: 3,
  })

  it('keeps an envoy’s meeting and the same day’s tariffs on a state its reports never mention two entries', () => {
    const meeting = event(1, 'meeting', ['person:witkoff', 'person:putin'], ['person:witkoff', 'person:putin', 'person:trump', 'country:us', 'country:russia', 'place:moscow'])
    const tariffs = event(2, 'sanctions', ['person:trump', 'country:india'], ['person:trump', 'person:witkoff', 'person:putin', 'country:india', 'country:russia', 'n:50'])
    expect(sameEvent(meeting, tariffs, judge)).toBe(false)
    // The meeting's own readout joins it, whoever it names.
    const readout = event(3, 'sanctions', ['person:putin', 'person:witkoff'], ['person:witkoff', 'person:putin', 'person:trump', 'country:russia', 'term:ultimatum'])
    expect(sameEvent(meeting, readout, judge)).toBe(true)
  })

  it('keeps talks and the exchange they agreed, on the next day their reports name, two entries', () => {
    const evidence = ['person:witkoff', 'person:umerov', 'country:russia', 'country:ukraine', 'country:us', 'place:abu-dhabi', 'n:157']
    const talks = { ...event(1, 'talks', ['person:witkoff', 'person:umerov'], [...evidence, 'day:2026-02-04']), day: '2026-02-04' }
    const swap = { ...event(2, 'prisoner-exchange', ['person:witkoff'], [...evidence, 'day:2026-02-05']), day: '2026-02-05' }
    expect(sameEvent(talks, swap, judge)).toBe(false)
    // Without days of their own, the same evidence a day apart is one event, as before.
    expect(sameEvent({ ...talks, evidence }, { ...swap, evidence }, judge)).toBe(true)
  })
})
