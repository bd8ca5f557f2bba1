import { describe, expect, it } from 'vitest'
import { contentWords, mentionedDates, mentionedNumbers } from '../src/5-cluster/features.js'

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
