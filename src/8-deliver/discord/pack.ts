// Lays stories out as embeds and embeds out as messages. A story that fits in one message is never split across
// two; a bigger one flows on, embed after embed, and each cut falls between two whole lines.
import { DISCORD_LIMITS as L, embedSize, type DiscordEmbed } from './payload.js'

export interface Line {
  text: string
  /** Blank line before it, unless it opens an embed. */
  gap: boolean
}

/** A story already rendered to markdown; every line fits an embed on its own after `continued`. */
export interface StoryParts {
  title: string
  url: string | null
  color: number
  footer: string
  lines: Line[]
  /** Opens an embed that continues the story (the title is shown once only). */
  continued: string
}

class Packer {
  readonly messages: DiscordEmbed[][] = []
  current: DiscordEmbed[] = []
  used = 0

  flush(): void {
    if (this.current.length > 0) this.messages.push(this.current)
    this.current = []
    this.used = 0
  }

  push(embed: DiscordEmbed): void {
    this.current.push(embed)
    this.used += embedSize(embed)
  }

  /** Characters one more embed may take in the current message. */
  room(): number {
    return this.current.length < L.embeds ? L.embedCharacters - this.used : 0
  }

  flow(story: StoryParts): void {
    const firstLine = story.lines[0]?.text.length ?? 0
    if (this.room() < story.title.length + story.footer.length + firstLine) this.flush()
    let embed: DiscordEmbed = { title: story.title, color: story.color }
    if (story.url) embed.url = story.url
    let description = ''
    for (const line of story.lines) {
      const joined = description === '' ? line.text : `${description}${line.gap ? '\n\n' : '\n'}${line.text}`
      const budget = Math.min(L.description, this.room() - (embed.title?.length ?? 0) - story.footer.length)
      if (joined.length <= budget) {
        description = joined
        continue
      }
      if (description) embed.description = description
      this.push(embed)
      embed = { color: story.color }
      description = story.continued + line.text
      if (this.room() < description.length + story.footer.length) this.flush()
    }
    if (description) embed.description = description
    embed.footer = { text: story.footer }
    this.push(embed)
  }
}

export function packStories(stories: StoryParts[]): DiscordEmbed[][] {
  const packer = new Packer()
  for (const story of stories) {
    // Laid out on its own first: if that takes one message, the same embeds go in whole, here or in the next one.
    const alone = new Packer()
    alone.flow(story)
    alone.flush()
    const embeds = alone.messages[0]!
    if (alone.messages.length > 1) {
      packer.flow(story)
      continue
    }
    const size = embeds.reduce((n, e) => n + embedSize(e), 0)
    if (packer.current.length + embeds.length > L.embeds || packer.used + size > L.embedCharacters) packer.flush()
    for (const embed of embeds) packer.push(embed)
  }
  packer.flush()
  return packer.messages
}
