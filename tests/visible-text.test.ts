// One cleaner for what feed text may show: every character that hides, reorders or overdraws text is dropped on
// every path to chat (replies, digests, story and ceasefire alerts, autocomplete) and to the terminal (console
// replies and digests, the tables of `newsbot items`, everything printed), while real scripts keep their marks.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Reply } from '../commands/types.js'
import { htmlToLine } from '../src/3-normalise/html-text.js'
import { MAX_MARKS_PER_BASE, visibleText } from '../src/3-normalise/visible-text.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleDigest } from '../src/8-deliver/console/render-digest.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { renderDiscordDigest } from '../src/8-deliver/discord/render-digest.js'
import { renderDiscordReply } from '../src/8-deliver/discord/render-reply.js'
import { renderSlackDigest } from '../src/8-deliver/slack/render-digest.js'
import { renderSlackReply } from '../src/8-deliver/slack/render-reply.js'
import { print, table, truncate } from '../src/cli/format.js'
import { createLogger } from '../src/log.js'
import { planDue } from '../src/services/delivery/plan.js'
import { renderNotice, renderStoryAlert } from '../src/services/delivery/render.js'
import { sendDue } from '../src/services/delivery/send-outbox.js'
import { runCli } from './support/cli.js'
import { planDeps, sendDeps, subscription } from './support/delivery.js'
import { digest, story } from './support/digest-fixtures.js'
import { fakePlatforms } from './support/fake-platforms.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets } from './support/stores.js'

/** Each character the probes got through, by name; every one sits inside a word of the headline below. */
const HIDDEN: Record<string, string> = {
  'arabic letter mark U+061C': '\u061c',
  'mongolian vowel separator U+180E': '\u180e',
  'hangul filler U+3164': '\u3164',
  'halfwidth hangul filler U+FFA0': '\uffa0',
  'hangul choseong filler U+115F': '\u115f',
  'soft hyphen U+00AD': '\u00ad',
  'combining grapheme joiner U+034F': '\u034f',
  'tag characters U+E0041 U+E0042': '\u{e0041}\u{e0042}',
  'right-to-left override U+202E': '\u202e',
  'right-to-left isolate U+2067': '\u2067',
  'zero-width space U+200B': '\u200b',
  'byte order mark U+FEFF': '\ufeff',
  'escape U+001B': '\u001b',
  'next line U+0085': '\u0085',
  'lone surrogate U+D800': '\ud800',
}
const ZALGO = 'Z' + '\u0336\u0337\u0338\u0334\u0335\u0321\u0322\u0327\u0328\u0316\u0317\u0318'.repeat(4) + 'algo'
const CLEAN = 'Ceasefire talks resume in Geneva'

/** "Ceasefire talks resume in Geneva" with every hidden character inside its words, then three variation selectors and Zalgo. */
function hostile(): string {
  const hidden = Object.values(HIDDEN)
  let i = 0
  const words = CLEAN.split(' ').map((word) => [...word].map((ch, k) => (k === 1 ? ch + hidden.slice(i, (i += 3)).join('') : ch)).join(''))
  return `${words.join(' ')}${hidden.slice(i).join('')} peace\ufe0f\ufe0e\ufe0f ${ZALGO}`
}
const HOSTILE = hostile()

const DEFAULT_IGNORABLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u
const SELECTOR = /\p{Variation_Selector}/u

/** Every string in a message body, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

/** Nothing hidden, no stack of marks, at most one variation selector per character; the words themselves intact. */
function expectVisible(output: unknown, where: string, shown = CLEAN): void {
  const all = strings(output)
  expect(all.some((s) => s.replace(/\s+/g, ' ').includes(shown)), `${where}: "${shown}" shown`).toBe(true)
  for (const text of all) {
    for (const [name, ch] of Object.entries(HIDDEN)) expect(text.includes(ch), `${where}: ${name}`).toBe(false)
    for (const ch of text) if (DEFAULT_IGNORABLE.test(ch) && !SELECTOR.test(ch)) expect.fail(`${where}: U+${ch.codePointAt(0)!.toString(16)} shown`)
    expect(text, `${where}: variation selectors`).not.toMatch(/\p{Variation_Selector}{2}/u)
    expect(text, `${where}: marks stacked`).not.toMatch(new RegExp(`\\p{M}{${MAX_MARKS_PER_BASE + 1}}`, 'u'))
  }
}

describe('visibleText', () => {
  it('drops every hidden character and bounds Zalgo, keeping the text around them', () => {
    expect(visibleText(HOSTILE)).toBe(`${CLEAN} peace\ufe0f Z\u0336\u0337\u0338\u0334algo`)
  })

  it('keeps real scripts whole: Vietnamese, Devanagari, Thai, Hebrew, Arabic, Japanese dakuten, emoji', () => {
    const samples = [
      'Tiếng Việt: Hà Nội, Việt Nam',
      'Tiếng Việt: Hà Nội, Việt Nam'.normalize('NFD'),
      'क्षत्रिय प्रधानमंत्री ने शांति वार्ता की',
      'การเจรจาหยุดยิงที่กรุงเทพฯ',
      'שָׁלוֹם בְּרֵאשִׁית',
      'وَقْفُ إِطْلَاقِ النَّارِ',
      'ガ'.normalize('NFD') + 'ザ停戦パ'.normalize('NFD'),
      '🇺🇦🕊️ 1️⃣ 👍🏽 葛󠄀城',
    ]
    for (const text of samples) expect(visibleText(text)).toBe(text)
  })

  it('is what ingest keeps of a title', () => {
    expect(htmlToLine(`<b>${HOSTILE}</b>`)).toBe(visibleText(HOSTILE))
  })
})

const reply: Reply = {
  kind: 'entries',
  ephemeral: false,
  title: HOSTILE,
  intro: [[{ text: HOSTILE }]],
  entries: [{ title: HOSTILE, url: 'https://news.example/1', lines: [[{ text: HOSTILE, url: 'https://news.example/1' }], [{ text: HOSTILE, bold: true }]], footer: HOSTILE }],
  empty: 'Nothing.',
}
const hostileDigest = () => {
  const s = story(1, { title: HOSTILE })
  s.summary = s.summary.map((sentence) => ({ ...sentence, text: HOSTILE }))
  s.sources = s.sources.map((source) => ({ ...source, name: HOSTILE, kind: HOSTILE }))
  s.updated = true
  s.updateReason = HOSTILE
  return { ...digest('en', [s]), topics: [HOSTILE] }
}

describe('every path to chat', () => {
  it('replies: Slack, Discord', () => {
    expectVisible(renderSlackReply(reply), 'Slack reply')
    expectVisible(renderDiscordReply(reply), 'Discord reply')
    const notice: Reply = { kind: 'notice', tone: 'error', ephemeral: true, lines: [[{ text: HOSTILE }]] }
    expectVisible(renderSlackReply(notice), 'Slack notice')
    expectVisible(renderDiscordReply(notice).map((body) => ({ ...body, content: body.content?.replace(/^⚠️ /, '') })), 'Discord notice')
  })

  it('digests, story alerts and ceasefire notices on both platforms', () => {
    expectVisible(renderSlackDigest(hostileDigest()), 'Slack digest')
    expectVisible(renderDiscordDigest(hostileDigest()), 'Discord digest')
    for (const platform of ['slack', 'discord']) {
      expectVisible(renderStoryAlert(platform, hostileDigest(), HOSTILE, {}), `${platform} story alert`)
      expectVisible(renderNotice(platform, HOSTILE, [HOSTILE, `The lead: “${HOSTILE}”`]), `${platform} ceasefire notice`)
    }
  })
})

describe.each(storeTargets)('a ceasefire alert quoting a headline, planned and sent on $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  const fakes = fakePlatforms()
  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
  })
  afterEach(() => dispose())

  it('reaches Discord and Slack cleaned', async () => {
    const alerts = { stories: false, minOutlets: 3, ceasefire: true }
    await store.subscriptions.upsert(subscription('discord', '700000000000000001', { alerts }))
    await store.subscriptions.upsert(subscription('slack', 'C0ALERT', { alerts }))
    const at = new Date(Date.now() + 3_600_000)
    const ceasefire = { current: async () => ({ id: 'collapsed:1', since: at, text: () => ({ title: 'Ceasefire status: Ceasefire collapsed', lines: [`Reported by 3 outlets: “${HOSTILE}”`] }) }) }
    expect((await planDue(planDeps(store, { ceasefire }), at)).ceasefireAlerts).toBe(2)
    await sendDue(sendDeps(store, { discordApi: fakes.discord.restApi, slackApi: fakes.slack.apiUrl }, { now: () => at }), 2)
    const posted = [...(fakes.discord.channelMessages.get('700000000000000001') ?? []), ...(fakes.slack.posted.get('C0ALERT') ?? [])]
    expect(posted).toHaveLength(2)
    for (const message of posted) expectVisible(message, 'sent ceasefire alert')
  })
})

describe('every path to the terminal', () => {
  it('console replies and digests', () => {
    expectVisible(renderConsoleReply(reply), 'console reply')
    expectVisible(renderConsoleDigest(hostileDigest()), 'console digest')
  })

  it('tables, truncated cells and everything printed', () => {
    expectVisible(table(['title'], [[HOSTILE]]), 'table')
    expectVisible(truncate(`${HOSTILE} and more words than fit`, 200), 'truncate')
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      print(`#1 ${HOSTILE}\n  more`)
      expectVisible(write.mock.calls.map(([chunk]) => String(chunk)), 'print')
    } finally {
      write.mockRestore()
    }
  })

  it('log lines, whose fields carry feed titles', () => {
    const lines: string[] = []
    const log = createLogger({ level: 'info', format: 'text', write: (line) => lines.push(line) })
    log.warn('feed failed', { feed: HOSTILE.replace(/ /g, '') })
    log.info('feed polled', { feed: HOSTILE })
    expectVisible(lines, 'text log', CLEAN.replace(/ /g, ''))
  })

  it.each(storeTargets)('`newsbot items` and `newsbot feeds` over titles stored before cleaning ($name)', async (target) => {
    const { store, url, dispose } = await freshStore(target)
    // A lone surrogate cannot be stored as UTF-8 (the database turns it into U+FFFD, which shows).
    const stored = HOSTILE.replace(HIDDEN['lone surrogate U+D800']!, '')
    try {
      const [feed] = await store.feeds.sync([{ url: 'https://wire.example/rss', name: stored, language: 'en', country: 'US', kind: 'wire', pollMinutes: null, origin: 'config' }])
      // Written straight to the store, as a database from an older version holds them: the terminal must clean anyway.
      await store.items.upsert(feed!.id, [itemFactory('wire.example')(stored, 'Talks on a ceasefire resumed in Geneva.', new Date().toISOString(), 'en')], { backfill: false, seenAt: new Date() })
      // `feeds` cuts names to 32 columns.
      for (const [args, shown] of [[['items'], CLEAN], [['feeds'], 'Ceasefire talks resume in']] as const) {
        const res = await runCli([...args], { DATABASE_URL: url })
        expect(res.code, res.stderr).toBe(0)
        expectVisible(res.stdout, `newsbot ${args.join(' ')}`, shown)
      }
    } finally {
      await dispose()
    }
  })
})
