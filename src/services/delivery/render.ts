// Planned messages are rendered when they are planned, for the subscription's platform, so that a resend after a
// crash is byte for byte the message that may already be there.
import type { Digest, DigestLanguage } from '../../6-summarise/types.js'
import { renderConsoleDigest } from '../../8-deliver/console/render-digest.js'
import { escapeMarkdown } from '../../8-deliver/discord/markdown.js'
import { renderDiscordDigest } from '../../8-deliver/discord/render-digest.js'
import type { RenderOptions } from '../../8-deliver/digest-blocks.js'
import { escapeMrkdwn } from '../../8-deliver/slack/mrkdwn.js'
import { section } from '../../8-deliver/slack/payload.js'
import { renderSlackDigest } from '../../8-deliver/slack/render-digest.js'
import { cleanText } from '../../8-deliver/text.js'

export function renderDigestBodies(platform: string, digest: Digest, options: RenderOptions): unknown[] {
  if (platform === 'discord') return renderDiscordDigest(digest, options)
  if (platform === 'slack') return renderSlackDigest(digest, options)
  if (platform === 'console') return [renderConsoleDigest(digest, options)]
  throw new Error(`delivery: no renderer for platform ${platform}`)
}

const ALERT_HEADING: Record<DigestLanguage, (topic: string) => string> = {
  en: (topic) => `Breaking: ${topic}`,
  ja: (topic) => `速報：${topic}`,
}

/** A story alert: the story as a digest shows it, under an alert heading instead of the daily one. */
export function renderStoryAlert(platform: string, digest: Digest, topicName: string, options: RenderOptions): unknown[] {
  const heading = ALERT_HEADING[digest.lang](cleanText(topicName))
  const bodies = renderDigestBodies(platform, digest, options)
  return bodies.map((body, i) => {
    if (i > 0) return body
    if (platform === 'discord') return { ...(body as object), content: `**⚡ ${escapeMarkdown(heading)}**` }
    if (platform === 'console') return `⚡ ${heading}\n${(body as string).slice((body as string).indexOf('\n') + 1)}`
    const slack = body as { text: string; blocks: { type: string }[] }
    return { ...slack, text: escapeMrkdwn(heading), blocks: [{ type: 'header', text: { type: 'plain_text', text: `⚡ ${heading}`.slice(0, 150), emoji: true } }, ...slack.blocks.slice(1)] }
  })
}

/**
 * A plain one-message notice (ceasefire state changes), cleaned like all feed text (its lines quote headlines) and
 * escaped so that nothing in it can ping or link.
 */
export function renderNotice(platform: string, rawTitle: string, rawLines: string[]): unknown[] {
  const title = cleanText(rawTitle)
  const lines = rawLines.map(cleanText)
  if (platform === 'discord') {
    const content = [`**${escapeMarkdown(title)}**`, ...lines.map(escapeMarkdown)].join('\n').slice(0, 2000)
    return [{ content, embeds: [], allowed_mentions: { parse: [] } }]
  }
  if (platform === 'slack') {
    const text = [`*${escapeMrkdwn(title)}*`, ...lines.map(escapeMrkdwn)].join('\n').slice(0, 3000)
    return [{ text: escapeMrkdwn(title), blocks: [section(text)], unfurl_links: false, unfurl_media: false }]
  }
  if (platform === 'console') return [[title, ...lines].join('\n')]
  throw new Error(`delivery: no renderer for platform ${platform}`)
}
