// The pure Slack reply renderer: escaping of every user and feed string, links only from vetted URLs, page
// buttons, and Slack's limits even for hostile or oversized replies.
import { describe, expect, it } from 'vitest'
import type { Reply, ReplyEntry } from '../commands/types.js'
import { parsePageButtonId } from '../src/8-deliver/page-cache.js'
import { paginate } from '../src/8-deliver/reply-pages.js'
import { renderSlackDigest } from '../src/8-deliver/slack/render-digest.js'
import { renderSlackPage, renderSlackReply, type SlackReplyBody } from '../src/8-deliver/slack/render-reply.js'
import { renderNotice, renderStoryAlert } from '../src/services/delivery/render.js'
import { digest, story as digestStory } from './support/digest-fixtures.js'
import { checkSlackLimits } from './support/platform-limits.js'

const HOSTILE = '<!channel> <!here> @everyone @channel <@U123> <https://evil.example|click> *bold* & more'

const mrkdwn = (body: SlackReplyBody) => [body.text, ...body.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : []))]

function checkSafe(body: SlackReplyBody): void {
  for (const text of mrkdwn(body)) {
    expect(text).not.toMatch(/<[!@#]/)
    expect(text).not.toMatch(/@(channel|here|everyone)\b/i)
    for (const link of text.matchAll(/<([^|>]*)/g)) expect(link[1]).toMatch(/^https:\/\/(news|wire)\.example\//)
  }
}

function checkLimits(body: SlackReplyBody): void {
  expect(body.blocks.length).toBeLessThanOrEqual(50)
  const withoutButtons = { ...body, blocks: body.blocks.filter((b) => b.type !== 'actions') } as Parameters<typeof checkSlackLimits>[0][number]
  if (body.blocks[0]?.type === 'header') checkSlackLimits([withoutButtons])
  for (const b of body.blocks) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000)
}

const entry = (i: number, overrides: Partial<ReplyEntry> = {}): ReplyEntry => ({
  title: `Story ${i}`,
  url: `https://news.example/${i}`,
  lines: [[{ text: `Line of story ${i}` }]],
  footer: `#${i}`,
  ...overrides,
})

const entries = (list: ReplyEntry[], overrides: Partial<Extract<Reply, { kind: 'entries' }>> = {}): Extract<Reply, { kind: 'entries' }> => ({
  kind: 'entries',
  ephemeral: false,
  title: 'Results',
  entries: list,
  empty: 'Nothing.',
  ...overrides,
})

describe('renderSlackReply', () => {
  it('escapes hostile titles, lines, footers and intros; links only vetted http(s) URLs', () => {
    const reply = entries(
      [
        entry(1, { title: HOSTILE, lines: [[{ text: HOSTILE }, { text: HOSTILE, url: 'https://wire.example/a|b>c' }]], footer: HOSTILE, highlight: true }),
        entry(2, { url: 'javascript:alert(1)', lines: [[{ text: 'x', url: 'https://user:pw@evil.example/' }]] }),
      ],
      { title: HOSTILE, intro: [[{ text: HOSTILE, bold: true }]] },
    )
    const [body] = renderSlackReply(reply)
    checkSafe(body!)
    checkLimits(body!)
    expect(body!.response_type).toBe('in_channel')
    const text = mrkdwn(body!).join('\n')
    expect(text).toContain('&lt;!channel&gt;')
    expect(text).toContain('&amp; more')
    // "|" cannot end the link early: it is percent-encoded in the URL.
    expect(text).toContain('<https://wire.example/a%7Cb%3Ec|')
    expect(text).toContain(':small_orange_diamond:')
    expect(text).toContain('*Story 2*')
  })

  it('stays within Slack’s limits for the largest pages paginate() allows, escaping at its worst', () => {
    const worst = '&<>'.repeat(400)
    const reply = entries(
      Array.from({ length: 12 }, (_, i) => entry(i, { title: worst, url: `https://news.example/${'a'.repeat(1500)}`, lines: [[{ text: worst }], [{ text: worst, url: 'https://news.example/x' }]], footer: worst })),
      { intro: [[{ text: worst }], [{ text: worst }]], title: worst },
    )
    const pages = paginate(reply)
    for (const page of pages) {
      const body = renderSlackPage(page, false, 'tok', 'en')
      checkLimits(body)
      checkSafe(body)
    }
  })

  it('keeps a page of many small entries under 50 blocks (footers move into the sections)', () => {
    const reply = entries(Array.from({ length: 40 }, (_, i) => entry(i)), { pageSize: 40 })
    const [body] = renderSlackReply(reply)
    checkLimits(body!)
    expect(mrkdwn(body!).join('\n')).toContain('_#39_')
  })

  it('adds Previous/Next buttons (ids that parse back) only with a token and more than one page', () => {
    const reply = entries(Array.from({ length: 25 }, (_, i) => entry(i)))
    const first = renderSlackReply(reply, { token: 'tok' })[0]!
    const middle = renderSlackReply(reply, { token: 'tok', page: 2 })[0]!
    const buttons = (body: SlackReplyBody) => body.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => parsePageButtonId(e.action_id)) : []))
    expect(buttons(first)).toEqual([{ token: 'tok', page: 2 }])
    expect(buttons(middle)).toEqual([
      { token: 'tok', page: 1 },
      { token: 'tok', page: 3 },
    ])
    expect(mrkdwn(middle)).toContain('Page 2/3')
    expect(middle.text).toBe('Results (Page 2/3)')
    const noToken = renderSlackReply(reply)[0]!
    expect(noToken.blocks.some((b) => b.type === 'actions')).toBe(false)
    expect(mrkdwn(noToken)).toContain('Page 1/3')
    const single = renderSlackReply(entries([entry(1)]), { token: 'tok' })[0]!
    expect(single.blocks.some((b) => b.type === 'actions')).toBe(false)
  })

  it('labels pages in Japanese for Japanese readers', () => {
    const body = renderSlackReply(entries(Array.from({ length: 25 }, (_, i) => entry(i))), { token: 'tok', lang: 'ja' })[0]!
    expect(mrkdwn(body)).toContain('1/3 ページ')
    expect(JSON.stringify(body.blocks)).toContain('次へ ▶')
  })

  it('shows the empty text when there are no entries', () => {
    const [body] = renderSlackReply(entries([], { ephemeral: true }))
    expect(body!.response_type).toBe('ephemeral')
    expect(mrkdwn(body!)).toContain('Nothing.')
  })

  it('renders notices as one escaped section, errors marked', () => {
    const [body] = renderSlackReply({ kind: 'notice', ephemeral: true, tone: 'error', lines: [[{ text: `Unknown topic "${HOSTILE}"` }]] })
    expect(body!.response_type).toBe('ephemeral')
    expect(body!.blocks).toHaveLength(1)
    expect(mrkdwn(body!)[1]).toMatch(/^:warning: Unknown topic "&lt;!channel&gt;/)
    checkSafe(body!)
    const [long] = renderSlackReply({ kind: 'notice', ephemeral: false, tone: 'ok', lines: [[{ text: '<&>'.repeat(3000) }]] })
    expect(long!.response_type).toBe('in_channel')
    checkSafe(long!)
    for (const b of long!.blocks) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000)
    expect(long!.text.length).toBeLessThanOrEqual(4000)
  })
})

describe('mrkdwn Slack would link by itself', () => {
  /** Every text object of type mrkdwn in a body, however deep. */
  const mrkdwnObjects = (value: unknown): { type: string; verbatim?: boolean }[] => {
    if (Array.isArray(value)) return value.flatMap(mrkdwnObjects)
    if (!value || typeof value !== 'object') return []
    const own = (value as { type?: unknown }).type === 'mrkdwn' ? [value as { type: string }] : []
    return [...own, ...Object.values(value).flatMap(mrkdwnObjects)]
  }
  const BARE = 'Talks in #general, see https://evil.example/x and www.evil.example for @here'

  it('is verbatim in every reply, digest, story alert and ceasefire notice, so bare URLs and #channels stay text', () => {
    const story = digestStory(1, { title: BARE })
    const bodies = [
      ...renderSlackReply(entries([entry(1, { title: BARE, lines: [[{ text: BARE }]], footer: BARE })], { intro: [[{ text: BARE }]] })),
      ...renderSlackReply({ kind: 'notice', ephemeral: true, tone: 'info', lines: [[{ text: BARE }]] }),
      ...renderSlackDigest(digest('en', [story])),
      ...renderSlackDigest(digest('en', [])),
      ...renderStoryAlert('slack', digest('en', [story]), BARE, {}),
      ...renderNotice('slack', BARE, [BARE]),
    ]
    const texts = mrkdwnObjects(bodies)
    expect(texts.length).toBeGreaterThan(10)
    for (const text of texts) expect(text).toMatchObject({ verbatim: true })
  })
})
