// A digest as Discord REST message bodies (POST /channels/{id}/messages), plain JSON so this stays free of
// discord.js: one embed per story (title linking to the first source, sentences each with its link, sources with
// their kind, outlets in the footer), as many messages as the limits need.
import type { Digest } from '../../6-summarise/types.js'
import { buildDigestBlocks, type DigestBlocks, type RenderOptions, type StoryBlock } from '../digest-blocks.js'
import { fitRendered } from '../text.js'
import { escapeMarkdown, markdownLink } from './markdown.js'
import { packStories, type Line, type StoryParts } from './pack.js'
import { DISCORD_LIMITS, type DiscordMessagePayload } from './payload.js'

export { DISCORD_LIMITS, embedSize, type DiscordEmbed, type DiscordMessagePayload } from './payload.js'

const COLOR = { story: 0x3b82f6, updated: 0xf59e0b }

export function renderDiscordDigest(digest: Digest, options: RenderOptions = {}): DiscordMessagePayload[] {
  const blocks = buildDigestBlocks(digest, options)
  if (blocks.emptyMessage !== null) {
    const message = `\n${escapeMarkdown(blocks.emptyMessage)}`
    return [{ content: heading(blocks, message), embeds: [], allowed_mentions: { parse: [] } }]
  }
  const groups = packStories(blocks.stories.map((story) => storyParts(story, blocks)))
  return groups.map((embeds, i) => ({
    content: heading(blocks, i === 0 ? '' : ` ${escapeMarkdown(blocks.strings.continuedPart(i + 1, groups.length))}`),
    embeds,
    allowed_mentions: { parse: [] },
  }))
}

function heading(blocks: DigestBlocks, suffix: string): string {
  return fitRendered(blocks.heading, DISCORD_LIMITS.content, (h) => `**${escapeMarkdown(h)}**${suffix}`, blocks.lang)
}

function storyParts(story: StoryBlock, { strings, lang }: DigestBlocks): StoryParts {
  const prefix = story.updated ? `🔄 ${escapeMarkdown(strings.updated)} · ` : ''
  const title = fitRendered(story.title, DISCORD_LIMITS.title, (t) => prefix + escapeMarkdown(t), lang)
  // Footers show no markdown and embeds never ping, so the footer is plain text.
  const footer = fitRendered(story.outlets, DISCORD_LIMITS.footer, (o) => `${story.dates} · ${o} · #${story.storyId}`, lang)
  const continued = `*${escapeMarkdown(strings.storyContinued)}*\n`
  // Any line must fit an embed of its own, in a message of its own, after the continuation marker.
  const lineBudget = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedCharacters - title.length - footer.length) - continued.length

  const lines: Line[] = []
  if (story.updateReason) lines.push({ text: fitRendered(story.updateReason, lineBudget, (r) => `*${escapeMarkdown(r)}*`, lang), gap: false })
  for (const s of story.sentences) {
    const tag = s.languageTag ? `${escapeMarkdown(s.languageTag)} ` : ''
    const link = s.url ? ` (${markdownLink(s.linkLabel, s.url)})` : ''
    lines.push({ text: fitRendered(s.text, lineBudget, (t) => `• ${tag}${escapeMarkdown(t)}${link}`, s.language), gap: false })
  }
  story.sources.forEach((source, i) => {
    // The heading travels with the first source so it is never left alone at the end of an embed.
    const head = i === 0 ? `**${escapeMarkdown(strings.sources)}**\n` : ''
    const kind = source.stateMedia ? `**${escapeMarkdown(source.kindLabel)}**` : escapeMarkdown(source.kindLabel)
    const render = (name: string) => `${head}• ${source.url ? markdownLink(name, source.url) : escapeMarkdown(name)} · ${kind}`
    lines.push({ text: fitRendered(source.name, lineBudget, render, lang), gap: i === 0 && lines.length > 0 })
  })
  return { title, url: story.url, color: story.updated ? COLOR.updated : COLOR.story, footer, lines, continued }
}
