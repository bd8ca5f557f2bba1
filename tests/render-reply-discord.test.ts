// The Discord reply renderer on its own: hostile text stays text, worst-case escaping still fits the limits, and
// long lists get page buttons that name their pages.
import { describe, expect, it } from 'vitest'
import type { Reply, ReplyEntry } from '../commands/types.js'
import { parsePageButtonId } from '../src/8-deliver/page-cache.js'
import { paginate, type EntriesReply } from '../src/8-deliver/reply-pages.js'
import { EPHEMERAL, renderDiscordPage, renderDiscordReply } from '../src/8-deliver/discord/render-reply.js'
import { checkDiscordLimits, discordText } from './support/platform-limits.js'

const entries = (n: number, make: (i: number) => Partial<ReplyEntry> = () => ({})): ReplyEntry[] =>
  Array.from({ length: n }, (_, i) => ({ title: `Story ${i + 1}`, url: `https://news.example/${i + 1}`, lines: [[{ text: `Line of story ${i + 1}` }]], footer: `#${i + 1}`, ...make(i) }))

const list = (items: ReplyEntry[], extra: Partial<EntriesReply> = {}): EntriesReply => ({ kind: 'entries', ephemeral: false, title: 'Results', entries: items, empty: 'Nothing.', ...extra })

describe('renderDiscordReply', () => {
  it('a list is one embed: bold linked titles, their lines, subtext footers, highlighted entries marked', () => {
    const [body] = renderDiscordReply(list(entries(2, (i) => ({ highlight: i === 1 })), { intro: [[{ text: 'Two stories' }]] }))
    expect(body).toMatchObject({ embeds: [{ title: 'Results' }], components: [], allowed_mentions: { parse: [] } })
    expect(body!.flags).toBeUndefined()
    expect(body!.embeds[0]!.description).toBe(
      'Two stories\n\n**[Story 1](https://news.example/1)**\nLine of story 1\n-# #1\n\n🔸 **[Story 2](https://news.example/2)**\nLine of story 2\n-# #2',
    )
  })

  it('feed text cannot ping, mask a link, autolink, or start markup at a line start', () => {
    const hostile = '@everyone <@&123> <#42> <!channel> [x](https://evil) ||spoiler|| https://bare.example'
    const [body] = renderDiscordReply(list(entries(1, () => ({ title: hostile, url: 'javascript:alert(1)', lines: [[{ text: '# Heading' }], [{ text: '1. item' }]], footer: '-# tiny' }))))
    const text = discordText([body!])
    expect(text).not.toMatch(/@everyone|<@&\d|<#\d|<!channel>|\]\(https:\/\/evil|\|\||https:\/\/bare|javascript:/)
    expect(text).toContain('https\\://bare.example')
    // Only the start of a line makes markup: the footer's own "-#" comes after the subtext marker, so stays text.
    expect(text).toContain('\n\\# Heading\n1\\. item\n-# -# tiny')
  })

  it('worst-case escaping (every character escaped) still fits every limit', () => {
    const nasty = '_*`|~>[]()@<'.repeat(200)
    const reply = list(entries(10, () => ({ title: nasty, lines: [[{ text: nasty }], [{ text: nasty, url: 'https://x.example/a' }]], footer: nasty })), { title: nasty, intro: [[{ text: nasty }]] })
    const bodies = paginate(reply).map((_, i, pages) => renderDiscordPage(pages, i + 1, { pageToken: 'tok', ephemeral: false }))
    expect(bodies.length).toBeGreaterThan(1)
    checkDiscordLimits(bodies)
    const notice: Reply = { kind: 'notice', ephemeral: true, tone: 'error', lines: [[{ text: nasty.repeat(5) }]] }
    checkDiscordLimits(renderDiscordReply(notice))
  })

  it('pages carry Previous/Next with distinct ids; the ends are disabled', () => {
    const pages = paginate(list(entries(25), { pageSize: 10 }))
    const first = renderDiscordPage(pages, 1, { pageToken: 'abc', ephemeral: true })
    const last = renderDiscordPage(pages, 3, { pageToken: 'abc', ephemeral: true, locale: 'ja' })
    expect(first.flags).toBe(EPHEMERAL)
    expect(first.embeds[0]!.footer).toEqual({ text: 'Page 1/3' })
    expect(first.components[0]!.components.map((b) => [b.label, parsePageButtonId(b.custom_id)?.page, b.disabled])).toEqual([
      ['◀ Previous', 0, true],
      ['Next ▶', 2, false],
    ])
    expect(last.embeds[0]!.footer).toEqual({ text: '3/3 ページ' })
    expect(last.components[0]!.components.map((b) => b.disabled)).toEqual([false, true])
    expect(renderDiscordReply(list(entries(25), { pageSize: 10 }))[0]!.components).toEqual([])
  })

  it('a notice is content with its tone; ephemeral sets flag 64, links suppress previews', () => {
    const [error] = renderDiscordReply({ kind: 'notice', ephemeral: true, tone: 'error', lines: [[{ text: 'Option "x": bad.' }]] })
    expect(error).toEqual({ content: '⚠️ Option "x": bad.', embeds: [], components: [], allowed_mentions: { parse: [] }, flags: EPHEMERAL })
    const [ok] = renderDiscordReply({ kind: 'notice', ephemeral: false, tone: 'ok', lines: [[{ text: 'Added ' }, { text: 'Feed', url: 'https://feed.example/rss' }]] })
    expect(ok).toEqual({ content: '✅ Added [Feed](https://feed.example/rss)', embeds: [], components: [], allowed_mentions: { parse: [] }, flags: 4 })
  })

  it('an empty list shows its empty text', () => {
    const [body] = renderDiscordReply(list([]))
    expect(body!.embeds[0]!.description).toBe('Nothing.')
  })
})
