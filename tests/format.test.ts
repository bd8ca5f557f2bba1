// Terminal tables: columns line up however wide the characters of a cell are drawn.
import { describe, expect, it } from 'vitest'
import { displayWidth, table, truncate } from '../src/cli/format.js'

describe('displayWidth', () => {
  it('counts East Asian Wide and Fullwidth characters as two columns and combining marks as none', () => {
    expect(displayWidth('Zelensky')).toBe(8)
    expect(displayWidth('停戦協議')).toBe(8)
    expect(displayWidth('ウクライナ')).toBe(10)
    expect(displayWidth('ＮＡＴＯ')).toBe(8) // full-width Latin
    expect(displayWidth('ｶﾀｶﾅ')).toBe(4) // half-width katakana
    expect(displayWidth('𠮷野家')).toBe(6) // outside the Basic Multilingual Plane
    expect(displayWidth('😀✅')).toBe(4)
    expect(displayWidth('e\u0301te\u0301')).toBe(3) // é written as e + combining acute
    expect(displayWidth('Й\u0306')).toBe(1)
    expect(displayWidth('a\u200bb')).toBe(2)
    expect(displayWidth('㉈')).toBe(1) // ambiguous width: one column, as most terminals draw it
  })
})

describe('table', () => {
  it('lines up the columns after full-width and decomposed text', () => {
    const text = table(['title', 'lang'], [['停戦協議が始まる', 'ja'], ['Zelensky', 'en'], ['Пере\u0301говоры', 'ru'], ['😀 ok', 'en'], ['ＮＡＴＯ首脳会議', 'ja']])
    // Padded to the 16 columns of the widest title, counted as a terminal draws them.
    expect(text.split('\n')).toEqual([
      `title${' '.repeat(11)}  lang`,
      `${'-'.repeat(16)}  ----`,
      '停戦協議が始まる  ja',
      `Zelensky${' '.repeat(8)}  en`,
      `Пере\u0301говоры${' '.repeat(6)}  ru`,
      `😀 ok${' '.repeat(11)}  en`,
      'ＮＡＴＯ首脳会議  ja',
    ])
  })

  it('truncates by columns, never splitting a wide character', () => {
    expect(truncate('ウクライナ停戦協議', 8)).toBe('ウクラ…')
    expect(displayWidth(truncate('ウクライナ停戦協議', 8))).toBeLessThanOrEqual(8)
  })
})
