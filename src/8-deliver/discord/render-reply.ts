// A command's reply as Discord message bodies, plain JSON so this stays free of discord.js: a list as one embed per
// page with Previous/Next buttons, a digest as the digest renderer lays it out, a notice as plain content. Every
// string from users or feeds is escaped, every link vetted, and every body kept inside Discord's limits.
import type { Lang, Reply, ReplyEntry, ReplyFile, ReplyLine } from '../../../commands/types.js'
import { pageButtonId } from '../page-cache.js'
import { paginate, type ReplyPage } from '../reply-pages.js'
import { cleanText, fitRendered, safeUrl, truncateAtWord } from '../text.js'
import { escapeMarkdown, markdownLink } from './markdown.js'
import { DISCORD_LIMITS, type DiscordEmbed, type DiscordMessagePayload } from './payload.js'
import { renderDiscordDigest } from './render-digest.js'

/** Discord's message flags: SUPPRESS_EMBEDS (no link previews under a notice) and EPHEMERAL (only the asker sees it). */
export const SUPPRESS_EMBEDS = 1 << 2
export const EPHEMERAL = 1 << 6

export interface DiscordButton {
  type: 2
  /** Secondary (grey): paging is not the message's point. */
  style: 2
  label: string
  custom_id: string
  disabled: boolean
}

export interface DiscordActionRow {
  type: 1
  components: DiscordButton[]
}

export interface DiscordReplyBody extends DiscordMessagePayload {
  components: DiscordActionRow[]
  flags?: number
  /** Sent as an attachment of this message (multipart upload). */
  file?: ReplyFile
}

export interface DiscordReplyOptions {
  /** From PageCache.put: without it a reply of several pages shows its first page and no buttons. */
  pageToken?: string | null
  /** Language of the fixed labels (buttons, "Page n/m"). */
  locale?: Lang
}

const COLOR = { list: 0x3b82f6 }
const TONE = { ok: '✅', info: 'ℹ️', error: '⚠️' } as const
const LABELS: Record<Lang, { previous: string; next: string; page: (n: number, m: number) => string }> = {
  en: { previous: '◀ Previous', next: 'Next ▶', page: (n, m) => `Page ${n}/${m}` },
  ja: { previous: '◀ 前へ', next: '次へ ▶', page: (n, m) => `${n}/${m} ページ` },
}
/** Marks an emphasised entry (state media, a changed state) without relying on colour. */
const HIGHLIGHT = '🔸 '

/** Every message body for a reply: one for lists and notices, one or more for a digest (the rest are follow-ups). */
export function renderDiscordReply(reply: Reply, options: DiscordReplyOptions = {}): DiscordReplyBody[] {
  const flags = reply.ephemeral ? EPHEMERAL : 0
  if (reply.kind === 'digest') {
    return renderDiscordDigest(reply.digest, { topics: reply.topics }).map((m) => withFlags({ ...m, components: [] }, flags))
  }
  if (reply.kind === 'notice') {
    const hasLink = reply.lines.some((line) => line.some((span) => span.url))
    const content = shrinkToFit(reply.lines, DISCORD_LIMITS.content, (lines) => `${TONE[reply.tone]} ${renderLines(lines)}`)
    return [withFlags({ content, embeds: [], components: [], allowed_mentions: { parse: [] } }, flags | (hasLink ? SUPPRESS_EMBEDS : 0))]
  }
  const pages = paginate(reply)
  return [renderDiscordPage(pages, 1, { ...options, ephemeral: reply.ephemeral })]
}

/** Page `number` (1-based, clamped) of a paginated reply, as sent first or by a Previous/Next button. */
export function renderDiscordPage(pages: ReplyPage[], number: number, options: DiscordReplyOptions & { ephemeral: boolean }): DiscordReplyBody {
  const page = pages[Math.min(Math.max(number, 1), pages.length) - 1]!
  const labels = LABELS[options.locale ?? 'en']
  const footer = page.count > 1 ? labels.page(page.number, page.count) : undefined
  const title = fitRendered(page.title, DISCORD_LIMITS.title, escapeMarkdown) || '…'
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedCharacters - title.length - (footer?.length ?? 0))
  const description = renderPageText(page, room)
  const embed: DiscordEmbed = { title, color: COLOR.list, ...(description && { description }), ...(footer && { footer: { text: footer } }) }
  const components: DiscordActionRow[] = []
  if (page.count > 1 && options.pageToken) {
    const button = (label: string, target: number): DiscordButton => ({
      type: 2,
      style: 2,
      label,
      // Page 0 and count+1 are the disabled ends; the ids stay distinct as Discord requires within a message.
      custom_id: pageButtonId(options.pageToken!, target),
      disabled: target < 1 || target > page.count,
    })
    components.push({ type: 1, components: [button(labels.previous, page.number - 1), button(labels.next, page.number + 1)] })
  }
  return withFlags({ embeds: [embed], components, allowed_mentions: { parse: [] } }, options.ephemeral ? EPHEMERAL : 0)
}

function withFlags(body: DiscordReplyBody, flags: number): DiscordReplyBody {
  return flags ? { ...body, flags } : body
}

/** Markdown that only counts at the start of a line (headings, subtext, lists) is escaped there too. */
function guardLineStart(line: string): string {
  return line.replace(/^(\s*)(#|-|\+)/, '$1\\$2').replace(/^(\s*\d+)\./, '$1\\.')
}

function renderSpan(span: ReplyLine[number]): string {
  const text = cleanText(span.text)
  // Spans are pieces of one line ("Added ", link, " · "): the space between them is kept, outside any markup.
  const lead = text && /^\s/.test(span.text) ? ' ' : ''
  const trail = /\s$/.test(span.text) ? ' ' : ''
  const url = span.url ? safeUrl(span.url) : null
  const shown = url && text ? markdownLink(text, url) : escapeMarkdown(text)
  return lead + (span.bold && shown ? `**${shown}**` : shown) + trail
}

function renderLine(line: ReplyLine): string {
  return guardLineStart(line.map(renderSpan).join(''))
}

function renderLines(lines: ReplyLine[]): string {
  return lines.map(renderLine).join('\n')
}

function renderEntry(entry: ReplyEntry): string {
  const url = entry.url ? safeUrl(entry.url) : null
  const title = cleanText(entry.title) || '…'
  const head = `${entry.highlight ? HIGHLIGHT : ''}**${url ? markdownLink(title, url) : escapeMarkdown(title)}**`
  const footer = entry.footer ? cleanText(entry.footer) : ''
  return [head, ...entry.lines.map(renderLine), ...(footer ? [`-# ${escapeMarkdown(footer)}`] : [])].join('\n')
}

function renderPageText(page: ReplyPage, max: number): string {
  const render = (p: ReplyPage) => [renderLines(p.intro), ...p.entries.map(renderEntry)].filter((part) => part !== '').join('\n\n')
  return shrinkPage(page, max, render)
}

/**
 * Pages and notices are sized in raw characters; escaping can nearly double hostile text ("___", "@@@"), so when
 * the markup overflows, every text is cut by the same share (links stay whole) until it fits.
 */
function shrinkPage(page: ReplyPage, max: number, render: (p: ReplyPage) => string): string {
  for (let share = 1; ; share -= 0.1) {
    const cut = (text: string) => (share >= 1 ? text : truncateAtWord(text, Math.floor(text.length * Math.max(share, 0))))
    const cutLine = (line: ReplyLine) => line.map((span) => ({ ...span, text: cut(span.text) }))
    const shrunk: ReplyPage = {
      ...page,
      intro: page.intro.map(cutLine),
      entries: page.entries.map((e) => ({ ...e, title: cut(e.title), lines: e.lines.map(cutLine), ...(e.footer !== undefined && { footer: cut(e.footer) }) })),
    }
    const text = render(shrunk)
    // With every text gone only links and markup are left, and a page's links fit (reply-pages caps them).
    if (text.length <= max || share <= 0) return text.length <= max ? text : truncateAtWord(text, max)
  }
}

function shrinkToFit(lines: ReplyLine[], max: number, render: (lines: ReplyLine[]) => string): string {
  const page: ReplyPage = { title: '', intro: lines, entries: [], number: 1, count: 1 }
  return shrinkPage(page, max, (p) => render(p.intro))
}
