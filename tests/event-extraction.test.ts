// Events from stories, as pure functions: the day it happened, its type and participants in en/ja/ru/uk, and which
// stories are one event.
import { describe, expect, it } from 'vitest'
import { storyEvent } from '../src/6-summarise/event.js'
import { eventDay, reportEventDay } from '../src/5-cluster/event-date.js'
import { mergeEvents, sameEvent } from '../src/6-summarise/event-merge.js'
import { defaultEventTypes, primaryType, typeScores } from '../src/3-normalise/event-types.js'
import type { StoryEventRecord, StoryItem, StoryRecord } from '../src/7-store/types.js'
import { entities } from './support/command-services.js'

const types = defaultEventTypes()
const report = (title: string, publishedAt: string, language: string, text = '') => ({ title, text, language, publishedAt: new Date(publishedAt) })
const typeOf = (...titles: string[]) => primaryType(typeScores(titles.map((title) => ({ title, lede: '' })), types), types)

describe('event day', () => {
  it('reads the weekday wire copy dates an event by, never a weekday in a name', () => {
    // 2026-02-05 is a Thursday: "on Wednesday" is the day before, "в четверг" the same day.
    expect(reportEventDay(report('Talks open in Abu Dhabi', '2026-02-05T08:00:00Z', 'en', 'The delegations began a second round on Wednesday.'))).toBe('2026-02-04')
    expect(reportEventDay(report('Россия и Украина обменялись пленными', '2026-02-05T15:00:00Z', 'ru', 'Стороны в четверг провели обмен, о котором договорились в среду.'))).toBe('2026-02-05')
    expect(reportEventDay(report('Переговори завершилися', '2025-03-25T08:30:00Z', 'uk', 'Делегації завершили переговори у понеділок пізно ввечері.'))).toBe('2025-03-24')
    // A weekday further back than a report looks (Friday, in a Tuesday report) and Easter Sunday date nothing.
    expect(reportEventDay(report('Talks ended on Friday', '2025-04-22T10:00:00Z', 'en'))).toBe('2025-04-22')
    expect(reportEventDay(report('Truce until midnight after Easter Sunday', '2025-04-19T17:00:00Z', 'en'))).toBe('2025-04-19')
  })

  it('is the day of the earliest report', () => {
    expect(eventDay([report('Talks resume', '2025-05-16T09:00:00Z', 'en'), report('Переговоры возобновились', '2025-05-16T07:30:00Z', 'ru')])).toBe('2025-05-16')
  })

  it('never moves to a date the report announces for later', () => {
    expect(reportEventDay(report('Ukraine ceasefire deal reached in Minsk, to take effect Feb. 15', '2015-02-12T09:05:00Z', 'en'))).toBe('2015-02-12')
    expect(reportEventDay(report('Путин предложил возобновить переговоры в Стамбуле 15 мая', '2025-05-10T23:05:00Z', 'ru'))).toBe('2025-05-10')
    expect(reportEventDay(report('ウクライナ東部、15日から停戦', '2015-02-12T20:00:00Z', 'ja'))).toBe('2015-02-12')
  })

  it('takes a Japanese next-morning report as the previous day’s event', () => {
    // 05:00 JST is still the previous day in UTC.
    expect(reportEventDay(report('米ロ首脳が電話会談', '2025-10-16T20:00:00Z', 'ja', 'トランプ米大統領は16日、プーチン大統領と電話で会談した。'))).toBe('2025-10-16')
    // 09:30 JST is the next UTC day: the 「16日」 in the lede puts it back.
    expect(reportEventDay(report('米ロ首脳が電話会談', '2025-10-17T00:30:00Z', 'ja', 'トランプ米大統領は16日、プーチン大統領と電話で会談した。'))).toBe('2025-10-16')
    // 「昨日」 counts from the Tokyo date (the 18th at 08:00 JST), not the UTC one.
    expect(reportEventDay(report('昨日の首脳会談で合意', '2025-03-17T23:00:00Z', 'ja'))).toBe('2025-03-17')
  })

  it('reads dates and "yesterday" in Russian, Ukrainian and English that fall shortly before the report', () => {
    expect(reportEventDay(report('Путин и Трамп 18 марта провели телефонный разговор', '2025-03-19T09:00:00Z', 'ru'))).toBe('2025-03-18')
    expect(reportEventDay(report('Зеленський вчора зустрівся з Ердоганом', '2025-03-19T09:00:00Z', 'uk'))).toBe('2025-03-18')
    expect(reportEventDay(report('Talks ended late yesterday without a deal', '2025-03-19T09:00:00Z', 'en'))).toBe('2025-03-18')
    // The first day a report names dates what it reports, its headline before its lede: not the earliest it recalls.
    expect(reportEventDay(report('Вчера в Кремле', '2025-03-19T09:00:00Z', 'ru', 'Позавчера стороны обменялись пленными.'))).toBe('2025-03-18')
    expect(reportEventDay(report('Позавчера стороны обменялись пленными', '2025-03-19T09:00:00Z', 'ru', 'Вчера в Кремле это обсудили.'))).toBe('2025-03-17')
    expect(
      reportEventDay(report('No Trump-Putin meeting planned, White House says', '2025-10-21T19:40:00Z', 'ja', 'ホワイトハウスの当局者は21日、当面は予定していないと明らかにしました。20日にはルビオ国務長官とラブロフ外相が電話で会談していました。')),
    ).toBe('2025-10-21')
    // A date weeks back is background, not the event's day.
    expect(reportEventDay(report('Since the 18 March call, strikes have continued', '2025-04-10T09:00:00Z', 'en'))).toBe('2025-04-10')
  })
})

describe('event type', () => {
  it('reads the type from cues in every language', () => {
    expect(typeOf('Putin and Trump speak by phone for two hours')).toBe('call')
    expect(typeOf('米ロ首脳が電話会談')).toBe('call')
    expect(typeOf('Путин и Трамп провели телефонный разговор')).toBe('call')
    expect(typeOf('Россия и Украина провели обмен пленными')).toBe('prisoner-exchange')
    expect(typeOf('Росія завдала масованого удару по енергетиці України')).toBe('strike')
    expect(typeOf('Russia quits Black Sea grain deal as it expires')).toBe('withdrawal')
    expect(typeOf('US imposes new sanctions on Russian oil majors')).toBe('sanctions')
    expect(typeOf('Путин объявил частичную мобилизацию')).toBe('mobilisation')
    expect(typeOf('Kremlin declares 30-hour Easter truce')).toBe('truce')
  })

  it('tells a detail from the event: ceasefire talks are talks, an agreement to meet after a call is a call', () => {
    expect(typeOf('Delegations open ceasefire talks in Riyadh')).toBe('talks')
    expect(typeOf('ロシアとウクライナがイスタンブールで停戦交渉')).toBe('talks')
    expect(typeOf('Trump and Putin agree to meet in Budapest after lengthy phone call')).toBe('call')
    expect(typeOf('Russia, Ukraine agree new prisoner swaps')).toBe('prisoner-exchange')
  })

  it('is a statement when nothing else is named, and "calls for" is no phone call', () => {
    expect(typeOf('Zelensky calls for more air defence')).toBe('statement')
    expect(typeOf('Песков: заявления Трампа очень серьёзные')).toBe('statement')
    expect(typeOf('A quiet day in the capital')).toBe('statement')
    // Saying is in most headlines: it does not outvote the event.
    expect(typeOf('Kremlin says Russia quits grain deal', 'Russia quits grain deal, Peskov says')).toBe('withdrawal')
  })
})

let nextId = 1
function item(title: string, text: string, language: string, publishedAt: string, source: string, sourceKind = 'newspaper'): StoryItem {
  const id = nextId++
  return { id, url: `https://${source}.example/${id}`, title, text, source, sourceKind, language, publishedAt: new Date(publishedAt), topics: ['ukraine-war'], duplicateOf: null }
}
function story(items: StoryItem[], topics = ['ukraine-war']): StoryRecord {
  const headlines = Object.fromEntries(items.map((i) => [i.language, { title: i.title, itemId: i.id }]))
  return {
    id: nextId++,
    title: items[0]!.title,
    headlines,
    topics,
    languages: [...new Set(items.map((i) => i.language))],
    outlets: [...new Set(items.map((i) => i.source))],
    outletCount: new Set(items.map((i) => i.source)).size,
    firstPublishedAt: items[0]!.publishedAt,
    lastPublishedAt: items.at(-1)!.publishedAt,
    lastUpdatedAt: items.at(-1)!.publishedAt,
    updateReason: null,
    items,
  }
}
const eventOf = (s: StoryRecord): StoryEventRecord => ({ ...storyEvent(s, { entities, types })!, itemCount: s.items.length })

describe('participants, place and sources', () => {
  it('are canonical dictionary ids, people first; a passing mention in one lede is context', () => {
    const call = story([
      item('Putin and Trump discuss Ukraine ceasefire in phone call', 'The two presidents spoke for two hours. Biden-era officials were not consulted.', 'en', '2025-03-18T15:00:00Z', 'wire', 'wire'),
      item('Путин и Трамп провели телефонный разговор', 'Президенты России и США обсудили прекращение огня на Украине.', 'ru', '2025-03-18T16:00:00Z', 'tass', 'state-media'),
      item('プーチン大統領とトランプ大統領が電話会談', 'ロシアとアメリカの首脳が電話で会談した。', 'ja', '2025-03-18T21:00:00Z', 'nhk', 'public-broadcaster'),
    ])
    const event = storyEvent(call, { entities, types })!
    expect(event).toMatchObject({ day: '2025-03-18', type: 'call', participants: expect.arrayContaining(['person:putin', 'person:trump']) })
    expect(event.participants.slice(0, 2).sort()).toEqual(['person:putin', 'person:trump'])
    expect(event.participants).not.toContain('person:biden')
    expect(event.titles).toEqual({ en: call.items[0]!.title, ru: call.items[1]!.title, ja: call.items[2]!.title })
    expect(event.sources).toEqual([
      { name: 'wire', url: call.items[0]!.url, language: 'en', kind: 'wire' },
      { name: 'tass', url: call.items[1]!.url, language: 'ru', kind: 'state-media' },
      { name: 'nhk', url: call.items[2]!.url, language: 'ja', kind: 'public-broadcaster' },
    ])
  })

  it('names where it happened, preferring a venue over a capital that stands for a government', () => {
    const talks = story([item('Russia and Ukraine hold talks in Istanbul; Kyiv sceptical', 'Delegations met in Istanbul for two hours.', 'en', '2025-06-02T12:00:00Z', 'wire')])
    expect(storyEvent(talks, { entities, types })).toMatchObject({ type: 'talks', place: 'place:istanbul' })
  })

  it('is dated by the calendar of the place it happened', () => {
    // 23:05 UTC is 02:05 the next day in Moscow and 19:05 the same day in Washington.
    const moscow = story([item('Putin receives Witkoff in the Kremlin in Moscow for talks on Ukraine', 'The meeting in Moscow lasted three hours.', 'en', '2025-08-06T23:05:00Z', 'wire')])
    expect(storyEvent(moscow, { entities, types })).toMatchObject({ place: 'place:moscow', day: '2025-08-07' })
    const washington = story([item('Zelensky meets Trump at the White House in Washington', 'The two leaders met in Washington.', 'en', '2025-08-18T23:05:00Z', 'wire')])
    expect(storyEvent(washington, { entities, types })).toMatchObject({ day: '2025-08-18' })
    const nowhere = story([item('Zelensky and Trump speak about a ceasefire', 'The two leaders discussed the war.', 'en', '2025-08-18T23:05:00Z', 'wire')])
    expect(storyEvent(nowhere, { entities, types })).toMatchObject({ place: null, day: '2025-08-18' })
  })

  it('exist only for stories on a topic', () => {
    expect(storyEvent(story([item('Usyk beats Fury on points', 'Ukrainian boxer wins.', 'en', '2024-05-18T23:00:00Z', 'wire')], []), { entities, types })).toBeNull()
  })
})

describe('one event, one entry', () => {
  const judge = { types, partyOf: entities.partyOf }
  const swapEn = story([item('Russia and Ukraine swap 390 prisoners each', 'The exchange, brokered by the UAE, is the largest this year.', 'en', '2025-05-23T10:00:00Z', 'wire')])
  const swapUk = story([item('Україна повернула додому 390 військовополонених', 'Обмін відбувся за посередництва ОАЕ.', 'uk', '2025-05-23T12:00:00Z', 'pravda')])
  const strikeKharkiv = story([item('Russian missile strike on Kharkiv kills five', 'Russian missiles hit residential buildings in Kharkiv.', 'en', '2025-05-23T08:00:00Z', 'wire')])
  const strikeOdesa = story([item('Russian drone strike on Odesa port', 'Russian drones hit the port of Odesa overnight.', 'en', '2025-05-23T09:00:00Z', 'paper')])

  it('merges stories of the same type within a day that share specific evidence, sources combined', () => {
    const [a, b] = [eventOf(swapEn), eventOf(swapUk)]
    expect(sameEvent(a, b, judge)).toBe(true)
    const merged = mergeEvents([a, b], judge)
    expect(merged).toHaveLength(1)
    expect(merged[0]).toMatchObject({ day: '2025-05-23', type: 'prisoner-exchange', storyIds: [swapEn.id, swapUk.id] })
    expect(merged[0]!.sources.map((s) => s.name)).toEqual(['wire', 'pravda'])
    expect(merged[0]!.titles).toMatchObject({ en: swapEn.title, uk: swapUk.title })
  })

  it('never joins through a chain two events that cannot be one: talks, the next day’s statement, the truce after it', () => {
    const event = (storyId: number, day: string, type: string): StoryEventRecord => ({
      storyId, day, type, typeScores: { [type]: 1 }, participants: ['person:marco-rubio'], place: null, title: `${type} ${day}`, titles: {}, sources: [], evidence: ['person:marco-rubio', 'n:500'], outletCount: 2, itemCount: 2,
    })
    const [talks, statement, truce] = [event(1, '2025-04-17', 'talks'), event(2, '2025-04-18', types.fallback), event(3, '2025-04-19', 'truce')]
    expect(sameEvent(talks, statement, judge) && sameEvent(statement, truce, judge)).toBe(true)
    expect(mergeEvents([talks, statement, truce], judge).map((e) => e.storyIds)).toEqual([[1, 2], [3]])
  })

  it('keeps apart strikes on different cities the same day, and events days apart', () => {
    expect(sameEvent(eventOf(strikeKharkiv), eventOf(strikeOdesa), judge)).toBe(false)
    const later = { ...eventOf(swapUk), day: '2025-05-26' }
    expect(sameEvent(eventOf(swapEn), later, judge)).toBe(false)
    expect(mergeEvents([eventOf(strikeKharkiv), eventOf(strikeOdesa), eventOf(swapEn)], judge)).toHaveLength(3)
  })

  it('keeps apart a call and the swap it arranged, and two calls of one leader with different presidents', () => {
    const call = eventOf(story([item('Trump and Putin speak by phone for 90 minutes, agree teams will negotiate', 'Donald Trump and Vladimir Putin spoke by phone on Wednesday.', 'en', '2025-02-12T17:00:00Z', 'wire')]))
    const second = eventOf(story([item('Trump also speaks to Zelensky by phone', 'Donald Trump and Volodymyr Zelensky spoke by phone on Wednesday evening.', 'en', '2025-02-12T20:00:00Z', 'paper')]))
    const swap = eventOf(story([item('Russia and Ukraine swap 175 prisoners each a day after Trump-Putin call', 'Donald Trump and Vladimir Putin agreed the swap by phone.', 'en', '2025-02-13T12:00:00Z', 'wire')]))
    expect([call.type, second.type, swap.type]).toEqual(['call', 'call', 'prisoner-exchange'])
    expect(sameEvent(call, second, judge)).toBe(false)
    expect(sameEvent(call, swap, judge)).toBe(false)
  })

  it('folds a reaction into the event it reacts to only on shared people and more', () => {
    const ultimatum = eventOf(story([item('Trump gives Russia 50 days to reach deal or face tariffs', 'Trump spoke alongside NATO chief Mark Rutte; Ukraine will get weapons.', 'en', '2025-07-14T17:00:00Z', 'wire')]))
    const reaction = eventOf(story([item('Песков: заявления Трампа очень серьёзные', 'В Кремле отметили, что 50-дневный срок и решения Вашингтона и НАТО по Украине нужно изучить.', 'ru', '2025-07-15T10:00:00Z', 'tass')]))
    const unrelated = eventOf(story([item('Песков: Кремль не комментирует слухи', 'В Кремле отказались комментировать сообщения СМИ.', 'ru', '2025-07-15T11:00:00Z', 'tass')]))
    expect(reaction.type).toBe('statement')
    expect(sameEvent(ultimatum, reaction, judge)).toBe(true)
    expect(sameEvent(ultimatum, unrelated, judge)).toBe(false)
  })
})
