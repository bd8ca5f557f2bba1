// Discord REST message bodies and the limits Discord enforces on them.

export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  authorName: 256,
  /** title + description + field names and values + footer + author name, over all embeds of one message */
  embedCharacters: 6000,
  embeds: 10,
} as const

export interface DiscordEmbed {
  title?: string
  url?: string
  description?: string
  color?: number
  fields?: { name: string; value: string; inline?: boolean }[]
  footer?: { text: string }
  author?: { name: string }
}

export interface DiscordMessagePayload {
  content?: string
  embeds: DiscordEmbed[]
  allowed_mentions: { parse: [] }
}

/** What Discord counts towards the 6000 per message, in UTF-16 units: never fewer than Discord counts. */
export function embedSize(embed: DiscordEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0)
}
