import { describe, expect, it } from 'vitest'
import type { Digest, DigestLanguage } from '../src/6-summarise/types.js'
import { FEED_KINDS } from '../src/config/app-config.js'
import { renderConsoleDigest } from '../src/8-deliver/console/render-digest.js'
import { buildDigestBlocks } from '../src/8-deliver/digest-blocks.js'
import { renderDiscordDigest, type DiscordMessagePayload } from '../src/8-deliver/discord/render-digest.js'
import { renderSlackDigest, type SlackMessagePayload } from '../src/8-deliver/slack/render-digest.js'
import { DIGEST_STRINGS } from '../src/i18n/strings.js'
import { bigDigest, digest, monsterStory, sentenceMarker, story } from './support/digest-fixtures.js'
import { checkDiscordLimits, checkSentenceCut, checkSlackLimits, count, discordText, slackMrkdwn, slackText } from './support/platform-limits.js'

const LANGS: DigestLanguage[] = ['en', 'ja']
const NASTY = '@everyone @here <!channel> <!here> <@U123> <@123> <#456> <@&789> [click](https://evil.example) *bold* __u__ ~~s~~ `code` ||spoiler|| > quote'

/** What the fixtures' updated stories say changed, localised as the digest shows it. */
const reason = (lang: DigestLanguage, id = 1) =>
  lang === 'en' ? `new outlet: Outlet ${id}-0; new language: ru` : `新たな媒体：Outlet ${id}-0、新たな言語：ロシア語`

/** When the fixtures' stories were reported (20–21 Nov 2026), as a digest in UTC shows it. */
const days = (lang: DigestLanguage) => (lang === 'en' ? '20 Nov 2026 – 21 Nov 2026' : '2026年11月20日 – 2026年11月21日')

const citations = (d: Digest, url: string) => d.stories.flatMap((s) => s.summary).filter((s) => s.url === url).length

describe('digest strings', () => {
  it('have every key and every source kind in both languages', () => {
    expect(Object.keys(DIGEST_STRINGS.ja).sort()).toEqual(Object.keys(DIGEST_STRINGS.en).sort())
    for (const lang of LANGS) {
      expect(Object.keys(DIGEST_STRINGS[lang].sourceKinds).sort()).toEqual([...FEED_KINDS].sort())
      for (const label of Object.values(DIGEST_STRINGS[lang].sourceKinds)) expect(label.length).toBeGreaterThan(0)
    }
    expect(DIGEST_STRINGS.en.sourceKinds['state-media']).toBe('state media')
    expect(DIGEST_STRINGS.ja.sourceKinds['state-media']).toBe('国営メディア')
  })

  it('format headings, dates and markers per language, in UTC unless told otherwise', () => {
    const date = new Date('2026-11-21T20:00:00Z')
    const { en, ja } = DIGEST_STRINGS
    expect(en.heading(['US–Russia relations'], en.formatDate(date))).toBe('Daily digest: US–Russia relations — 21 Nov 2026')
    expect(ja.heading(['米ロ関係'], ja.formatDate(date))).toBe('デイリーダイジェスト：米ロ関係 — 2026年11月21日')
    expect(ja.formatDate(date, { timeZone: 'Asia/Tokyo' })).toBe('2026年11月22日')
    expect(en.formatDateTime(date)).toBe('21 Nov 2026, 20:00 UTC')
    expect(en.outlets(5, ['en', 'ja', 'ru', 'uk'])).toBe('5 outlets in en/ja/ru/uk')
    expect(en.outlets(1, ['ru'])).toBe('1 outlet in ru')
    expect(ja.outlets(5, ['en', 'ja', 'ru', 'uk'])).toBe('5媒体・英日露宇')
    expect(en.languageTag('ru')).toBe('[ru]')
    expect(ja.languageTag('ru')).toBe('［ロシア語］')
    expect(en.continuedPart(2, 3)).toBe('(continued, part 2/3)')
    expect(ja.updated).toBe('更新')
  })
})

describe('digest blocks', () => {
  it('tag foreign sentences, drop non-http(s) URLs and name the outlet each sentence cites', () => {
    const s = story(1, { sentences: 3, sources: 2 })
    s.summary.push({ text: 'Unlinked claim.', url: 'javascript:alert(1)', language: 'en' })
    s.summary.push({ text: 'From elsewhere.', url: 'https://www.other.example/x', language: 'uk' })
    s.sources.unshift({ name: 'Bad', url: 'data:text/html,hi', language: 'en', kind: 'blog' })
    const blocks = buildDigestBlocks(digest('en', [s]))
    const [b] = blocks.stories
    expect(b!.url).toBe(s.sources[1]!.url)
    expect(b!.sentences.map((x) => x.languageTag)).toEqual([null, null, '[ru]', null, '[uk]'])
    expect(b!.sentences.map((x) => x.linkLabel)).toEqual(['Outlet 1-0', 'Outlet 1-1', 'Outlet 1-0', '', 'other.example'])
    expect(b!.sentences[3]!.url).toBeNull()
    expect(b!.sources[0]).toMatchObject({ name: 'Bad', url: null, kindLabel: 'blog', stateMedia: false })
    expect(b!.sources[2]).toMatchObject({ kindLabel: 'state media', stateMedia: true })
  })
})

describe('digest story dates', () => {
  const dated = (first: string, last: string) => ({ ...story(1), firstPublishedAt: new Date(first), lastPublishedAt: new Date(last) })

  it('say when a story was reported, one day once, in the reader\'s time zone', () => {
    expect(buildDigestBlocks(digest('en', [dated('2026-11-20T10:00:00Z', '2026-11-21T08:00:00Z')])).stories[0]!.dates).toBe('20 Nov 2026 – 21 Nov 2026')
    expect(buildDigestBlocks(digest('en', [dated('2026-11-21T01:00:00Z', '2026-11-21T08:00:00Z')])).stories[0]!.dates).toBe('21 Nov 2026')
    const tokyo = buildDigestBlocks(digest('ja', [dated('2026-11-20T16:00:00Z', '2026-11-21T08:00:00Z')]), { timeZone: 'Asia/Tokyo' })
    expect(tokyo.stories[0]!.dates).toBe('2026年11月21日')
  })
})

describe('digest headings and update reasons', () => {
  const topics = [{ id: 'us-russia', name: { en: 'US–Russia relations', ja: '米ロ関係' } }]

  it('name topic ids in the digest language when given the configured topics', () => {
    const d = { ...digest('ja', []), topics: ['us-russia', 'unknown-topic'] }
    expect(buildDigestBlocks(d, { topics }).heading).toBe('デイリーダイジェスト：米ロ関係、unknown-topic — 2026年11月21日')
    expect(buildDigestBlocks({ ...d, lang: 'en' }, { topics, timeZone: 'Asia/Tokyo' }).heading).toBe(
      'Daily digest: US–Russia relations, unknown-topic — 21 Nov 2026',
    )
  })

  it('localise the known parts of an update reason, pass others through, and show none for unchanged stories', () => {
    const s = story(1, { updated: true })
    s.updateReason = 'new language: uk; headline changed: Talks collapse; merged by hand'
    expect(buildDigestBlocks(digest('ja', [s])).stories[0]!.updateReason).toBe('新たな言語：ウクライナ語、見出しの変更：Talks collapse、merged by hand')
    expect(buildDigestBlocks(digest('en', [s])).stories[0]!.updateReason).toBe('new language: uk; headline changed: Talks collapse; merged by hand')
    expect(buildDigestBlocks(digest('en', [{ ...s, updated: false }])).stories[0]!.updateReason).toBeNull()
  })
})

/** Every field of a story far past any limit, none of it with a space to cut at. */
function oversized(lang: DigestLanguage): Digest {
  const s = story(1, { lang, updated: true, sources: 3 })
  const huge = (ch: string) => ch.repeat(9000)
  s.title = huge('T')
  s.updateReason = `new outlet: ${huge('R')}`
  s.summary[0]!.text = huge('x')
  s.summary[1]!.language = huge('q')
  s.sources[0]!.name = huge('N')
  s.sources[1]!.kind = huge('k')
  s.sources[2]!.url = `https://long.example/${'p'.repeat(1970)}`
  s.languages = Array.from({ length: 500 }, () => 'zz')
  return { ...digest(lang, [s]), topics: [huge('t')] }
}

describe.each(LANGS)('Discord renderer (%s)', (lang) => {
  const strings = DIGEST_STRINGS[lang]
  const continued = lang === 'en' ? '*\\(continued\\)*' : `*${strings.storyContinued}*`

  function checkComplete(d: Digest, messages: DiscordMessagePayload[]): void {
    const embeds = messages.flatMap((m) => m.embeds)
    const text = embeds.map((e) => e.description ?? '').join('\n')
    const lines = text.split('\n')
    for (const s of d.stories) {
      expect(embeds.filter((e) => e.title?.endsWith(s.title)).length).toBe(1)
      expect(embeds.filter((e) => e.footer?.text.endsWith(` · #${s.storyId}`)).length).toBe(1)
      for (const sentence of s.summary) {
        const matching = lines.filter((l) => l.includes(sentenceMarker(s.storyId, s.summary.indexOf(sentence))))
        expect(matching.length).toBe(1)
        const shown = /^• (?:\\\[\w+\\\] |［[^］]+］ )?(.*) \(\[[^\]]+\]\(https?:\/\/[^\s()]+\)\)$/.exec(matching[0]!)
        expect(shown, matching[0]).not.toBeNull()
        checkSentenceCut(shown![1]!, sentence.text, sentence.language)
      }
      for (const src of s.sources) expect(count(text, `](${src.url})`)).toBe(1 + citations(d, src.url))
    }
    // Every line is whole: a sentence with its link, a source with its link, the sources heading, a gap or a marker.
    for (const line of lines) {
      const ok =
        /^• .+ \(\[[^\]]+\]\(https?:\/\/[^\s()]+\)\)$/.test(line) ||
        /^• \[[^\]]+\]\(https?:\/\/[^\s()]+\) · .+$/.test(line) ||
        [`**${strings.sources}**`, '', continued, ].includes(line) ||
        /^\*(new outlet: Outlet \d+-0; new language: ru|新たな媒体：Outlet \d+-0、新たな言語：ロシア語)\*$/.test(line)
      expect(ok, line).toBe(true)
    }
    // A message starts with a story or says the story continues.
    for (const m of messages.slice(1)) {
      const first = m.embeds[0]!
      expect(first.title !== undefined || first.description!.startsWith(continued)).toBe(true)
    }
  }

  it('keeps 40 stories within every limit, losing and repeating nothing', () => {
    const d = bigDigest(lang)
    const messages = renderDiscordDigest(d)
    checkDiscordLimits(messages)
    checkComplete(d, messages)
    expect(messages.length).toBeGreaterThan(1)
    messages.forEach((m, i) => {
      expect(m.content).toContain(lang === 'en' ? 'Daily digest: US–Russia relations, War in Ukraine' : 'デイリーダイジェスト：米ロ関係、ウクライナ戦争')
      if (i > 0) expect(m.content).toContain(lang === 'en' ? `\\(continued, part ${i + 1}/${messages.length}\\)` : `（続き・${i + 1}/${messages.length}）`)
    })
    // A story that fits in one message is never split across two.
    for (const s of d.stories) {
      const holding = messages.filter((m) => m.embeds.some((e) => e.footer?.text.endsWith(` · #${s.storyId}`) || e.title?.endsWith(s.title)))
      const size = s.summary.reduce((n, x) => n + x.text.length, 0) + s.sources.length * 80
      if (size < 4000) expect(holding.length).toBe(1)
    }
  })

  it('continues a story too big for one message in the next, between whole lines', () => {
    const d = digest(lang, [story(1, { lang }), monsterStory(2, lang), story(3, { lang })])
    const messages = renderDiscordDigest(d)
    checkDiscordLimits(messages)
    checkComplete(d, messages)
    expect(messages.length).toBeGreaterThan(3)
  })

  it('labels state media and updated stories, tags foreign sentences', () => {
    const d = digest(lang, [story(1, { lang, updated: true, sources: 2 })])
    const [m] = renderDiscordDigest(d)
    const [embed] = m!.embeds
    expect(embed!.title).toBe(`🔄 ${strings.updated} · ${d.stories[0]!.title}`)
    expect(embed!.color).not.toBe(renderDiscordDigest(digest(lang, [story(1, { lang })]))[0]!.embeds[0]!.color)
    expect(embed!.description).toContain(` · **${strings.sourceKinds['state-media']}**`)
    expect(embed!.description).toContain(lang === 'en' ? '• \\[ru\\] S1x2.' : '• ［ロシア語］ S1x2.')
    expect(embed!.description!.split('\n')[0]).toBe(`*${reason(lang)}*`)
    expect(embed!.footer!.text).toBe(`${days(lang)} · ${strings.outlets(2, ['en', 'ru', 'uk'])} · #1`)
  })

  it('lets no mention, markup or masked link through from feed text', () => {
    const s = story(1, { lang, title: NASTY, sources: 2 })
    s.summary[0]!.text = NASTY
    s.sources[0]!.name = `${NASTY}]`
    s.sources.push({ name: 'Evil', url: 'javascript:alert(1)', language: 'en', kind: 'blog' })
    s.summary.push({ text: 'Data link.', url: 'data:text/html,<script>', language: lang })
    const d = digest(lang, [s])
    const messages = renderDiscordDigest(d)
    checkDiscordLimits(messages)
    const text = discordText(messages)
    expect(text).not.toMatch(/@(everyone|here)/)
    expect(text).not.toMatch(/<[@#!/]/)
    expect(text).not.toMatch(/javascript:|data:/)
    expect(text).toContain('\\[click\\]\\(https\\://evil.example\\)')
    expect(text).toContain('\\*bold\\*')
    expect(text).toContain('\\|\\|spoiler\\|\\|')
    expect(text).toContain('Evil · ')
    const allowed = new Set(s.sources.map((x) => x.url))
    for (const link of text.matchAll(/(?<!\\)\[((?:[^\]\\]|\\.)*)\]\(([^)]*)\)/g)) expect(allowed.has(link[2]!), link[0]).toBe(true)
  })

  it('keeps within the limits when every field is oversized', () => {
    const messages = renderDiscordDigest(oversized(lang))
    checkDiscordLimits(messages)
    expect(messages[0]!.content).toMatch(/(21 Nov 2026|2026年11月21日)\*\*$/)
    expect(discordText(messages)).toContain(`(https://long.example/${'p'.repeat(1970)})`)
  })

  it('says there is nothing new when the digest is empty', () => {
    const [m, ...rest] = renderDiscordDigest(digest(lang, []))
    expect(rest).toEqual([])
    expect(m!.embeds).toEqual([])
    expect(m!.content).toContain(lang === 'en' ? 'No new stories since 20 Nov 2026, 09:00 UTC.' : '2026年11月20日 9:00 UTC以降、新しいニュースはありません。')
  })
})

describe.each(LANGS)('Slack renderer (%s)', (lang) => {
  const strings = DIGEST_STRINGS[lang]
  const continuedText = strings.storyContinued

  function checkComplete(d: Digest, messages: SlackMessagePayload[]): void {
    const sections = messages.flatMap((m) => m.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : [])))
    const elements = messages.flatMap((m) => m.blocks.flatMap((b) => (b.type === 'context' ? b.elements.map((e) => e.text) : [])))
    const all = [...sections, ...elements].join('\n')
    const lines = sections.flatMap((t) => t.split('\n'))
    for (const s of d.stories) {
      expect(sections.filter((t) => t.includes(`|${s.title}>*`)).length).toBe(1)
      expect(sections.filter((t) => t.endsWith(` · #${s.storyId}`)).length).toBe(1)
      for (const [k, sentence] of s.summary.entries()) {
        const matching = lines.filter((l) => l.includes(sentenceMarker(s.storyId, k)))
        expect(matching.length).toBe(1)
        const shown = /^• (?:\[\w+\] |［[^］]+］ )?(.*) \(<https?:\/\/[^|>\s]+\|[^>]+>\)$/.exec(matching[0]!)
        expect(shown, matching[0]).not.toBeNull()
        checkSentenceCut(shown![1]!, sentence.text, sentence.language)
      }
      // Once in the source list, once per sentence citing it, and the first source once more as the title link.
      for (const [k, src] of s.sources.entries()) expect(count(all, `<${src.url}|`)).toBe(1 + citations(d, src.url) + (k === 0 ? 1 : 0))
    }
    for (const text of elements) {
      const ok = /^<https?:\/\/[^|>\s]+\|[^>]+> · .+$/.test(text) || [`*${strings.sources}*`, continuedText].includes(text)
      expect(ok, text).toBe(true)
    }
    for (const m of messages.slice(1)) {
      const first = m.blocks[1]!
      const opensStory = first.type === 'section' && /· #\d+$/.test(first.text.text)
      const continues = first.type === 'context' && first.elements[0]!.text === continuedText
      expect(opensStory || continues).toBe(true)
    }
  }

  it('keeps 40 stories within every limit, losing and repeating nothing', () => {
    const d = bigDigest(lang)
    const messages = renderSlackDigest(d)
    checkSlackLimits(messages)
    checkComplete(d, messages)
    expect(messages.length).toBeGreaterThan(1)
    messages.forEach((m, i) => {
      const header = m.blocks[0]!.type === 'header' ? m.blocks[0]!.text.text : ''
      if (i > 0) expect(header.endsWith(strings.continuedPart(i + 1, messages.length))).toBe(true)
    })
    // Only stories too big for one message ever begin with a continuation.
    expect(messages.filter((m) => m.blocks[1]?.type === 'context').length).toBe(0)
  })

  it('continues a story too big for one message in the next, between whole blocks', () => {
    const d = digest(lang, [story(1, { lang }), monsterStory(2, lang), story(3, { lang })])
    const messages = renderSlackDigest(d)
    checkSlackLimits(messages)
    checkComplete(d, messages)
    expect(messages.length).toBeGreaterThan(1)
  })

  it('labels state media and updated stories, tags foreign sentences', () => {
    const d = digest(lang, [story(1, { lang, updated: true, sources: 2 })])
    const [m] = renderSlackDigest(d)
    const text = slackMrkdwn(m!).join('\n')
    expect(text).toContain(`*${strings.updated}* · *<https://news0.example/story-1/item-0|${d.stories[0]!.title}>*`)
    expect(text).toContain(`>*\n${reason(lang)}\n${days(lang)} · ${strings.outlets(2, ['en', 'ru', 'uk'])} · #1`)
    expect(text).toContain(` · *${strings.sourceKinds['state-media']}*`)
    expect(text).toContain(lang === 'en' ? '• [ru] S1x2.' : '• ［ロシア語］ S1x2.')
  })

  it('lets no mention or link through from feed text', () => {
    const s = story(1, { lang, title: NASTY, sources: 2 })
    s.summary[0]!.text = `${NASTY} & more`
    s.sources[0]!.name = `${NASTY}|>`
    s.sources[1]!.url = 'https://news.example/a?x=1&y=<2>|3'
    s.sources.push({ name: 'Evil', url: 'javascript:alert(1)', language: 'en', kind: 'blog' })
    const messages = renderSlackDigest(digest(lang, [s]))
    checkSlackLimits(messages)
    const text = slackText(messages)
    expect(text).not.toMatch(/@(everyone|here|channel)/)
    expect(text).not.toMatch(/javascript:/)
    expect(text).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;')
    expect(text).toContain(' &amp; more')
    const links = [...text.matchAll(/<([^>]*)>/g)].map((l) => l[1]!)
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) expect(link).toMatch(/^https:\/\/news\d?\.example\/[^|\s<]*\|[^|<]*$/)
    expect(text).toContain('<https://news.example/a?x=1&amp;y=%3C2%3E%7C3|')
  })

  it('keeps within the limits when every field is oversized', () => {
    const messages = renderSlackDigest(oversized(lang))
    checkSlackLimits(messages)
    expect(messages[0]!.text).toMatch(/(21 Nov 2026|2026年11月21日)$/)
    expect(slackText(messages)).toContain(`<https://long.example/${'p'.repeat(1970)}|`)
  })

  it('says there is nothing new when the digest is empty', () => {
    const [m, ...rest] = renderSlackDigest(digest(lang, []))
    expect(rest).toEqual([])
    checkSlackLimits([m!])
    expect(m!.blocks).toHaveLength(2)
    expect(slackMrkdwn(m!)[0]).toBe(strings.noNewStories(strings.formatDateTime(new Date('2026-11-20T09:00:00Z'))))
    expect(m!.text.endsWith(`\n${slackMrkdwn(m!)[0]}`)).toBe(true)
  })
})

describe('console renderer', () => {
  it('prints headings, sentences with URLs and labelled sources, without control characters', () => {
    const s = story(1, { updated: true, sources: 2, title: 'Talks \u001b[31mresume\u001b[0m\nin Geneva' })
    const out = renderConsoleDigest(digest('en', [s]))
    expect(out).not.toMatch(/\u001b/)
    expect(out.split('\n').slice(0, 5)).toEqual([
      'Daily digest: US–Russia relations, War in Ukraine — 21 Nov 2026',
      '',
      '[Updated] Talks [31mresume[0m in Geneva  #1',
      `  ↻ ${reason('en')}`,
      '  20 Nov 2026 – 21 Nov 2026 · 2 outlets in en/ru/uk',
    ])
    for (const sentence of s.summary) expect(out).toContain(sentence.text.replace(/\s+/g, ' '))
    expect(out).toContain('  - [ru] S1x2.')
    expect(out).toContain(`  - Outlet 1-1 (STATE MEDIA) ${s.sources[1]!.url}`)
    expect(renderConsoleDigest(digest('ja', [story(1, { lang: 'ja', sources: 2 })]))).toContain('(国営メディア)')
    expect(renderConsoleDigest(digest('ja', []))).toContain('以降、新しいニュースはありません。')
  })

  it('shows every source URL of a big digest once per citation plus once in its list', () => {
    const d = bigDigest('ja')
    const out = renderConsoleDigest(d)
    for (const s of d.stories) for (const src of s.sources) expect(count(out, `${src.url}\n`)).toBe(1 + citations(d, src.url))
  })
})

