import { describe, expect, it } from 'vitest'
import { defaultEventTypes } from '../src/3-normalise/event-types.js'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { frameConflict, frameFeatures, frameOf } from '../src/5-cluster/event-frame.js'
import { contentWords, mentionedDates, mentionedNumbers, type Features } from '../src/5-cluster/features.js'
import type { StoryProfile } from '../src/5-cluster/similarity.js'

const published = new Date('2025-05-11T12:00:00Z')

describe('mentioned dates', () => {
  it.each([
    ['talks in Istanbul on May 15', ['2025-05-15']],
    ['from midnight on Feb. 15', ['2025-02-15']],
    ['переговоры в Стамбуле 15 мая', ['2025-05-15']],
    ['зустріч 15 травня у Стамбулі', ['2025-05-15']],
    ['5月15日にイスタンブールで', ['2025-05-15']],
    ['プーチン大統領は11日、直接交渉を提案', ['2025-05-11']],
    ['会談は28日に行われた', ['2025-04-28']],
    ['on 30 December', ['2024-12-30']],
  ])('%s → %j', (text, dates) => {
    expect(mentionedDates(text, published).dates).toEqual(dates)
  })
})

describe('mentioned numbers', () => {
  it('reads numbers inside Japanese text, in full width, and 2,000 as a number rather than a year', () => {
    expect(mentionedNumbers('ロシア軍は約30万人を動員、捕虜１２００人、兵士2,000人')).toEqual(['300000', '1200', '2000'])
  })

  it('keeps event numbers, drops years and single digits', () => {
    expect(mentionedNumbers('exchange 1,200 prisoners, a 36-hour truce, 21% rate, 2025 talks, 3 sides, 1 200 пленных, 30万人, 300 тысяч, 300,000')).toEqual(['1200', '36', '21', '3', '1200', '300000', '300000', '300000'])
  })
})

describe('content words', () => {
  it('drops stop words and folds simple inflection', () => {
    expect(contentWords('The talks in Istanbul ended', 'en')).toEqual(['talk', 'istanbul', 'ended'])
    expect(contentWords('Переговоры в Стамбуле завершились', 'ru')).toEqual(['перего', 'стамбу', 'заверш'])
    expect(contentWords('米ロ首脳が電話会談', 'ja')).toEqual(expect.arrayContaining(['電話', '会談']))
  })
})

describe('event frames', () => {
  const deps = { entities: compileAliases(loadAliases()), types: defaultEventTypes() }
  const frameFeaturesOf = (title: string, text = '', language = 'en', at = '2025-08-06T18:00:00Z'): Features =>
    new Map(frameFeatures({ title, text, language, publishedAt: new Date(at) }, deps))
  const sides = (features: Features) => [...features.keys()].filter((k) => k.startsWith('s:')).sort()
  /** A story of these reports, each an independent member with its whole frame. */
  const storyOf = (...members: Features[]): StoryProfile => {
    const features = new Map<string, number>()
    for (const m of members) for (const key of m.keys()) features.set(key, (features.get(key) ?? 0) + 1)
    const at = new Date('2025-08-06T12:00:00Z')
    return { firstPublishedAt: at, lastPublishedAt: at, size: members.length, features, languages: new Set(['en']) }
  }

  it('gives a contact told by one side with the other both sides, and no side to a speaker who took no part', () => {
    expect(sides(frameFeaturesOf('Karasin: dialogue with US in Riyadh intense but useful'))).toEqual(['s:Moscow', 's:Washington'])
    expect(sides(frameFeaturesOf('Умєров: зустріч з американською командою в Ер-Ріяді була продуктивною', '', 'uk'))).toEqual(['s:Kyiv', 's:Washington'])
    expect(sides(frameFeaturesOf('Зеленський: Москва поспішає до діалогу, щойно чує про Tomahawk', '', 'uk'))).toEqual(['s:Moscow'])
  })

  it('reads every side of a list the comma cuts, but not an attribution after it', () => {
    expect(sides(frameFeaturesOf('В Абу-Дабі розпочалися перші тристоронні переговори України, США і Росії', '', 'uk'))).toEqual(['s:Kyiv', 's:Moscow', 's:Washington'])
    expect(sides(frameFeaturesOf('Trump speaks to Zelensky by phone, Kremlin says'))).toEqual(['s:Kyiv', 's:Washington'])
  })

  it('keeps a report about a state the contact never mentions out of the contact’s story', () => {
    const meeting = storyOf(
      frameFeaturesOf('Witkoff meets Putin in the Kremlin for three hours', 'US envoy Steve Witkoff met Vladimir Putin in Moscow on Wednesday.'),
      frameFeaturesOf('Уиткофф провёл три часа у Путина в Кремле', 'Спецпосланник США Стив Уиткофф встретился с Владимиром Путиным.', 'ru'),
    )
    const tariffs = frameOf(frameFeaturesOf('Trump doubles tariffs on India to 50% over Russian oil purchases', 'The order came hours after Witkoff met Putin in Moscow.'), 1)
    expect(frameConflict(tariffs, meeting, deps.types)).toBe('counterpart')
    const report = frameOf(frameFeaturesOf('Trump hails progress after Witkoff’s Kremlin meeting with Putin', 'Witkoff met Putin in Moscow.'), 1)
    expect(frameConflict(report, meeting, deps.types)).toBeNull()
  })

  it('keeps the exchange the day after the talks that agreed it out of the talks’ story, not their second day', () => {
    const talks = storyOf(
      frameFeaturesOf('Second round of U.S.-Russia-Ukraine talks opens in Abu Dhabi', 'Delegations began a second round of trilateral talks in Abu Dhabi on Wednesday.', 'en', '2026-02-04T13:40:00Z'),
      frameFeaturesOf('В Абу-Дабі стартував другий раунд тристоронніх переговорів', 'Делегації розпочали в Абу-Дабі другий раунд переговорів у середу.', 'uk', '2026-02-04T17:10:00Z'),
    )
    const swap = frameOf(frameFeaturesOf('Russia and Ukraine swap 157 prisoners each in deal agreed at Abu Dhabi talks', 'Russia and Ukraine exchanged 157 prisoners each on Thursday.', 'en', '2026-02-05T15:20:00Z'), 1)
    expect(frameConflict(swap, talks, deps.types)).toBe('day')
    const secondDay = frameOf(frameFeaturesOf('Abu Dhabi talks continue for a second day', 'The delegations resumed their talks on Thursday.', 'en', '2026-02-05T10:00:00Z'), 1)
    expect(frameConflict(secondDay, talks, deps.types)).toBeNull()
  })

  it('does not take an anniversary of the invasion for a strike', () => {
    expect(deps.types('European leaders and Canada’s Trudeau arrive in Kyiv on invasion anniversary')).toEqual([])
    expect(deps.types('До Києва в річницю вторгнення прибули лідери 13 країн і ЄС')).toEqual([])
    expect(deps.types('侵攻3年 欧州各国やカナダの首脳がキーウ訪問')).toEqual(['meeting'])
    expect(deps.types('On invasion anniversary, Russia strikes Kyiv')).toEqual(['strike'])
    expect(deps.types('ロシア、侵攻後最大の空爆　無人機など367')).toEqual(['strike'])
  })
})
