import { describe, expect, it } from 'vitest'
import { splitSentences } from '../src/3-normalise/sentences.js'

describe('splitSentences', () => {
  it.each([
    ['en', 'Mr. Smith met Dr. Jones at 3 p.m. in the U.S. capital. They agreed! Talks begin Feb. 15 in Geneva.', ['Mr. Smith met Dr. Jones at 3 p.m. in the U.S. capital.', 'They agreed!', 'Talks begin Feb. 15 in Geneva.']],
    ['ru', 'В. В. Путин заявил: «Мы готовы». Переговоры начнутся в 10 ч. утра. Что дальше?', ['В. В. Путин заявил: «Мы готовы».', 'Переговоры начнутся в 10 ч. утра.', 'Что дальше?']],
    ['uk', 'Зеленський заявив, що Україна готова. Переговори тривають.', ['Зеленський заявив, що Україна готова.', 'Переговори тривають.']],
    ['ja', '米露首脳が電話会談。停戦交渉で合意した！今後の焦点は？', ['米露首脳が電話会談。', '停戦交渉で合意した！', '今後の焦点は？']],
  ])('%s', (language, text, expected) => {
    expect(splitSentences(text, language)).toEqual(expected)
  })

  it('treats line breaks as sentence ends (paragraphs, list items)', () => {
    expect(splitSentences('Headline without a stop\nBody sentence.', 'en')).toEqual(['Headline without a stop', 'Body sentence.'])
  })
})
