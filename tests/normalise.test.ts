import { describe, expect, it } from 'vitest'
import type { RawItem } from '../src/2-parse/parse-feed.js'
import { canonicalUrl } from '../src/3-normalise/canonical-url.js'
import { itemDate } from '../src/3-normalise/dates.js'
import { htmlToLine, htmlToText } from '../src/3-normalise/html-text.js'
import { detectLanguage, languageCode, resolveLanguage } from '../src/3-normalise/language.js'
import { MAX_TEXT_CHARS, normaliseFeed } from '../src/3-normalise/normalise-item.js'
import { compileTopics } from '../src/3-normalise/topics.js'
import { loadAppConfig } from '../src/config/app-config.js'

describe('canonicalUrl', () => {
  it.each([
    ['https://Example.com/a?utm_source=rss&utm_medium=feed&id=7#comments', 'https://example.com/a?id=7'],
    ['https://example.com/a/?fbclid=abc&gclid=x&b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/news/story/amp', 'https://example.com/news/story'],
    ['https://example.com/amp/news/story.html', 'https://example.com/news/story.html'],
    ['https://example.com/news/story.amp.html', 'https://example.com/news/story.html'],
    ['https://amp.theguardian.com/world/2025/mar/18/x', 'https://www.theguardian.com/world/2025/mar/18/x'],
    ['https://www-sankei-com.cdn.ampproject.org/c/s/www.sankei.com/article/x/', 'https://www.sankei.com/article/x'],
    ['https://www.sankei.com/article/x/?outputType=amp', 'https://www.sankei.com/article/x'],
    ['https://www.sankei.com/feed?outputType=xml', 'https://www.sankei.com/feed?outputType=xml'],
    ['/relative/path?ref=rss', 'https://base.example/relative/path'],
  ])('%s → %s', (raw, expected) => {
    expect(canonicalUrl(raw, 'https://base.example/feed.xml')).toBe(expected)
  })

  it('rejects what is not a web link', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBeNull()
    expect(canonicalUrl('mailto:a@b.c')).toBeNull()
    expect(canonicalUrl('not a url')).toBeNull()
  })
})

describe('htmlToText', () => {
  it('drops tags, scripts and styles, decodes entities and keeps paragraphs apart', () => {
    const html = '<p>Putin &amp; Trump&nbsp;spoke.</p><script>alert(1)</script><style>p{}</style><p>Talks <b>continue</b>&#8230;</p>'
    expect(htmlToText(html)).toBe('Putin & Trump spoke.\nTalks continue…')
    expect(htmlToLine('Kyiv &amp;amp; Moscow')).toBe('Kyiv &amp; Moscow')
  })

  it('leaves plain text alone apart from whitespace', () => {
    expect(htmlToText('  停戦  交渉\u3000開始  ')).toBe('停戦 交渉 開始')
  })

  it('reads markup as browsers tokenise it', () => {
    // A ">" in a quoted attribute ends no tag; a lone "<" is text; comments, declarations and CDATA are dropped.
    expect(htmlToText('<a title="a > b" href=\'x>y\'>Kyiv</a> says 3 < 5 <3 <!-- <p>hidden</p> --><!DOCTYPE x><![CDATA[cd]]>end')).toBe('Kyiv says 3 < 5 <3 end')
    // Script and style content is raw text up to the end tag, in any letter case: a "</p>" inside it is not a tag.
    expect(htmlToText('<SCRIPT>if (a < b) x = "</p><p>leak"</ScRiPt>after<style>p > b {}</style>')).toBe('after')
    // Elements skipped as a whole, nested or not; a title's content is text, with references decoded.
    expect(htmlToText('<svg><svg><text>no</text></svg>still no</svg><noscript><p>no</p></noscript><title>A &amp; B</title>')).toBe('A & B')
    // Zero-width and control characters vanish; a run of spaces holding a line break becomes one line break.
    expect(htmlToText('<p>one\u200b two \n\t three</p>\u0007<div>four</div>')).toBe('one two\nthree\nfour')
    // A tag or comment the text ends inside is dropped.
    expect(htmlToText('kept <a href="never closed')).toBe('kept')
    expect(htmlToText('kept <!-- never closed')).toBe('kept')
  })
})

describe('language', () => {
  it.each([
    ['トランプ大統領とプーチン大統領が電話会談を行った', 'ja'],
    ['Путин и Трамп провели телефонный разговор, обсудив перемирие', 'ru'],
    ['Зеленський заявив, що Україна готова до перемир’я', 'uk'],
    ['Trump and Putin spoke by phone on Tuesday', 'en'],
    ['🇺🇦🇷🇺', 'und'],
  ])('%s → %s', (text, expected) => {
    expect(detectLanguage(text)).toBe(expected)
  })

  it('trusts the declared language unless the text plainly contradicts it', () => {
    expect(resolveLanguage('en', 'Kremlin says talks continue')).toBe('en')
    expect(resolveLanguage('en', 'Кремль заявил, что переговоры продолжатся')).toBe('ru')
    expect(resolveLanguage('ru', 'Україна і США підписали угоду щодо корисних копалин')).toBe('uk')
    expect(resolveLanguage('uk', 'Київ')).toBe('uk')
    expect(resolveLanguage(null, 'Київ і Вашингтон')).toBe('uk')
  })

  it('reads declared languages in their usual spellings', () => {
    expect(['ja-JP', 'ru_RU', 'en-us', 'ua', 'Japanese', '', 'x-klingon'].map(languageCode)).toEqual(['ja', 'ru', 'en', 'uk', 'ja', null, null])
  })
})

describe('topics', () => {
  const match = compileTopics(loadAppConfig().topics)
  it.each([
    ['Trump and Putin agree to talk again', ['us-russia']],
    ['トランプ大統領とプーチン大統領が電話会談、エネルギー施設への攻撃停止で合意', ['ceasefire', 'us-russia']],
    ['Россия и Украина договорились о перемирии на Черном море', ['ceasefire', 'ukraine-war']],
    ['Україна та США погодили 30-денне припинення вогню', ['ceasefire', 'ukraine-war']],
    ['US markets rally as Fed holds rates', []],
    ['Israel and Hamas agree ceasefire in Gaza', []],
    ['Let us talk about Russian literature', []],
  ])('%s → %j', (text, topics) => {
    expect(match(text, "").sort()).toEqual(topics)
  })
})

describe('itemDate', () => {
  const fetchedAt = new Date('2025-03-19T00:00:00Z')
  it('converts to UTC and falls back to the fetch time for missing, broken, far-future and 1970 dates', () => {
    expect(itemDate('Tue, 18 Mar 2025 14:00:00 +0300', fetchedAt)).toEqual({ at: new Date('2025-03-18T11:00:00Z'), estimated: false })
    for (const raw of [null, 'yesterday-ish', '2031-01-01T00:00:00Z', 'Thu, 01 Jan 1970 00:00:00 GMT']) {
      expect(itemDate(raw, fetchedAt)).toEqual({ at: fetchedAt, estimated: true })
    }
  })
})

describe('normaliseFeed on bad input', () => {
  const raw = (over: Partial<RawItem>): RawItem => ({
    guid: null, link: 'https://e.example/1', title: '', body: '', summary: '', date: null, author: null, language: null, sourceName: null, categories: [], ...over,
  })
  const ctx = { feedUrl: 'https://e.example/feed', configuredLanguage: null, fetchedAt: new Date('2025-03-19T00:00:00Z'), matchTopics: compileTopics(loadAppConfig().topics) }

  it('handles empty, emoji-only, huge and mixed-script items without failing', () => {
    const huge = `<p>${'Ceasefire talks continue in Riyadh. '.repeat(1500)}</p>`
    const result = normaliseFeed(
      {
        title: 'x', link: null, language: null, ttlMinutes: null,
        items: [
          raw({ link: 'https://e.example/empty' }),
          raw({ link: 'https://e.example/no-title', body: '<p>Putin spoke with Trump.</p><p>More text.</p>' }),
          raw({ link: 'https://e.example/emoji', title: '🇺🇦🕊️' }),
          raw({ link: 'https://e.example/huge', title: 'Long', body: huge }),
          raw({ link: 'https://e.example/mixed', title: 'Путин (Putin) とトランプ Trump' }),
          raw({ link: null, guid: 'urn:x', title: 'No link at all' }),
        ],
      },
      ctx,
    )
    expect(result.skipped).toEqual([
      { title: '', reason: 'no title or text' },
      { title: 'No link at all', reason: 'no usable link' },
    ])
    const byUrl = Object.fromEntries(result.items.map((i) => [i.url.split('/').pop(), i]))
    expect(byUrl['no-title']!.title).toBe('Putin spoke with Trump.')
    expect(byUrl.emoji!.title).toBe('🇺🇦🕊️')
    expect(byUrl.emoji!.language).toBe('und')
    expect(byUrl.huge!.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS + 1)
    expect(byUrl.huge!.text.endsWith('…')).toBe(true)
    expect(byUrl.mixed!.language).toBe('ja')
  })
})
