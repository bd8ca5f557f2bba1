// A command's Reply as Slack message bodies (for respond() or chat.postMessage), plain JSON so this stays free of
// @slack/*. Every string from users or feeds goes through escapeMrkdwn, and only this file writes <url|label>
// links (from vetted URLs), so no reply can ping a channel or a person or smuggle in a link of its own.
import type { Lang, Reply, ReplyEntry, ReplyLine } from '../../../commands/types.js'
import { pageButtonId } from '../page-cache.js'
import { paginate, type ReplyPage } from '../reply-pages.js'
import { cleanText, fitRendered, safeUrl, truncateAtWord } from '../text.js'
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn.js'
import { blockText, mrkdwn, section, SLACK_LIMITS as L, type SlackBlock } from './payload.js'
import { renderSlackDigest } from './render-digest.js'

export interface SlackButton {
  type: 'button'
  text: { type: 'plain_text'; text: string; emoji: boolean }
  action_id: string
  value: string
}

export type SlackReplyBlock = SlackBlock | { type: 'actions'; block_id: string; elements: SlackButton[] }

export interface SlackReplyBody {
  /** Fallback and notification text (mrkdwn, escaped). */
  text: string
  blocks: SlackReplyBlock[]
  response_type: 'ephemeral' | 'in_channel'
  unfurl_links: false
  unfurl_media: false
}

export interface SlackReplyOptions {
  /** PageCache token: with it, a reply of several pages gets Previous/Next buttons. */
  token?: string | null
  /** 1-based page to render (entries replies). */
  page?: number
  /** Language of the few words this renderer adds (button labels, "Page n/m"). */
  lang?: Lang
}

const WORDS: Record<Lang, { previous: string; next: string; page: (n: number, m: number) => string }> = {
  en: { previous: '◀ Previous', next: 'Next ▶', page: (n, m) => `Page ${n}/${m}` },
  ja: { previous: '◀ 前へ', next: '次へ ▶', page: (n, m) => `${n}/${m} ページ` },
}

const TONE_ICON = { ok: ':white_check_mark: ', info: '', error: ':warning: ' } as const

/** Room for entries and intro once the header, the page line and the fallback text are counted. */
const PAGE_BUDGET = L.messageText - L.headerText - 100
const INTRO_BUDGET = 1500
/** Above this many entries on a page, footers go inside the entry's section so the page stays under 50 blocks. */
const MAX_CONTEXT_ENTRIES = 20
const FOOTER_SHARE = 3

function spanText(text: string, url: string | null | undefined, bold: boolean | undefined): string {
  const clean = cleanText(text)
  if (!clean) return ''
  const safe = url ? safeUrl(url) : null
  const shown = safe ? mrkdwnLink(safe, clean) : escapeMrkdwn(clean)
  return bold ? `*${shown}*` : shown
}

export function lineMrkdwn(line: ReplyLine): string {
  return line.map((s) => spanText(s.text, s.url, s.bold)).join('')
}

const plainLine = (line: ReplyLine) => cleanText(line.map((s) => s.text).join(''))

/**
 * `head`, then the lines under `max`: whole lines while they fit, then the next one cut as plain text (links
 * dropped) if room is left. Cutting rendered mrkdwn could split an escape or a link; cutting the plain text cannot.
 */
function fitLines(lines: ReplyLine[], max: number, head = '', headSep = '\n'): string {
  let out = head
  for (const line of lines) {
    const sep = out === '' ? '' : out === head ? headSep : '\n'
    const rendered = lineMrkdwn(line)
    if (!rendered) continue
    if (out.length + sep.length + rendered.length <= max) {
      out += sep + rendered
      continue
    }
    const room = max - out.length - sep.length
    const cut = room > 20 ? fitRendered(plainLine(line), room, escapeMrkdwn) : ''
    if (cut) out += sep + cut
    break
  }
  return out
}

function entryBlocks(entry: ReplyEntry, share: number, footerInline: boolean): SlackBlock[] {
  const url = entry.url ? safeUrl(entry.url) : null
  const mark = entry.highlight ? ':small_orange_diamond: ' : ''
  const footer = entry.footer ? cleanText(entry.footer) : ''
  const footerMax = Math.min(L.contextElementText, Math.floor(share / FOOTER_SHARE))
  const footerText = footer ? fitRendered(footer, footerMax, (f) => (footerInline ? `_${escapeMrkdwn(f)}_` : escapeMrkdwn(f))) : ''
  const max = Math.min(L.sectionText, share - footerText.length - 1)
  // The title is cut first to half the room, so that at least some of the lines survive beside a huge title.
  const title = fitRendered(cleanText(entry.title) || '…', Math.floor(max / 2), (t) => `${mark}*${url ? mrkdwnLink(url, t) : escapeMrkdwn(t)}*`)
  let text = fitLines(entry.lines, max, title)
  if (footerInline && footerText && text.length + 1 + footerText.length <= L.sectionText) text += `\n${footerText}`
  const blocks = [section(text)]
  if (!footerInline && footerText) blocks.push({ type: 'context', elements: [mrkdwn(footerText)] })
  return blocks
}

function button(text: string, token: string, page: number): SlackButton {
  const id = pageButtonId(token, page)
  return { type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: id, value: id }
}

/** One page of an entries reply; `token` adds the page buttons when there is more than one page. */
export function renderSlackPage(page: ReplyPage, ephemeral: boolean, token: string | null = null, lang: Lang = 'en'): SlackReplyBody {
  const words = WORDS[lang]
  const title = truncateAtWord(cleanText(page.title), L.headerText) || '…'
  // plain_text shows characters literally (no mentions, no links), so the header is cut but not escaped.
  const blocks: SlackReplyBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title, emoji: false } }]
  const intro = fitLines(page.intro, Math.min(L.sectionText, INTRO_BUDGET))
  if (intro) blocks.push(section(intro))
  const used = blocks.reduce((n, b) => n + (b.type === 'actions' ? 0 : blockText(b)), 0)
  const share = Math.floor((PAGE_BUDGET - used) / Math.max(1, page.entries.length))
  const footerInline = page.entries.length > MAX_CONTEXT_ENTRIES
  for (const entry of page.entries) blocks.push(...entryBlocks(entry, share, footerInline))
  const paged = page.count > 1
  if (paged) blocks.push({ type: 'context', elements: [mrkdwn(words.page(page.number, page.count))] })
  if (paged && token) {
    const elements: SlackButton[] = []
    if (page.number > 1) elements.push(button(words.previous, token, page.number - 1))
    if (page.number < page.count) elements.push(button(words.next, token, page.number + 1))
    blocks.push({ type: 'actions', block_id: 'pages', elements })
  }
  const text = fitRendered(title, L.fallbackText, (t) => escapeMrkdwn(paged ? `${t} (${words.page(page.number, page.count)})` : t))
  return { text, blocks, response_type: ephemeral ? 'ephemeral' : 'in_channel', unfurl_links: false, unfurl_media: false }
}

function renderNotice(reply: Extract<Reply, { kind: 'notice' }>): SlackReplyBody {
  const icon = TONE_ICON[reply.tone]
  const plain = reply.lines.map(plainLine).join('\n') || '…'
  let body = fitLines(reply.lines, L.sectionText, icon, '')
  if (body === icon) body = fitRendered(plain, L.sectionText - icon.length, (t) => icon + escapeMrkdwn(t))
  return {
    text: fitRendered(plain, L.fallbackText, escapeMrkdwn),
    blocks: [section(body)],
    response_type: reply.ephemeral ? 'ephemeral' : 'in_channel',
    unfurl_links: false,
    unfurl_media: false,
  }
}

/** The message bodies for a reply: one for entries (the requested page) and notices, one or more for a digest. */
export function renderSlackReply(reply: Reply, options: SlackReplyOptions = {}): SlackReplyBody[] {
  const response_type = reply.ephemeral ? 'ephemeral' : 'in_channel'
  if (reply.kind === 'notice') return [renderNotice(reply)]
  if (reply.kind === 'digest') return renderSlackDigest(reply.digest, { topics: reply.topics }).map((m) => ({ ...m, response_type }))
  const pages = paginate(reply)
  const page = pages[Math.min(Math.max(1, options.page ?? 1), pages.length) - 1]!
  return [renderSlackPage(page, reply.ephemeral, options.token ?? null, options.lang)]
}
