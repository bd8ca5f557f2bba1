// A digest as plain lines for the terminal (`newsbot digest` without --json), its times in the machine's zone unless a
// subscription gives one. The terminal wraps; we don't.
// Feed text was already stripped of control characters, so it cannot move the cursor or recolour the screen.
import type { Digest } from '../../6-summarise/types.js'
import { buildDigestBlocks, type RenderOptions, type StoryBlock } from '../digest-blocks.js'
import type { DigestStrings } from '../../i18n/strings.js'
import { machineTimeZone } from './time-zone.js'

export function renderConsoleDigest(digest: Digest, options: RenderOptions = {}): string {
  const blocks = buildDigestBlocks(digest, { ...options, timeZone: options.timeZone ?? machineTimeZone() })
  const lines = [blocks.heading]
  if (blocks.emptyMessage !== null) lines.push('', blocks.emptyMessage)
  for (const story of blocks.stories) lines.push('', ...storyLines(story, blocks.strings))
  return `${lines.join('\n')}\n`
}

function storyLines(story: StoryBlock, strings: DigestStrings): string[] {
  const lines = [`${story.updated ? `[${strings.updated}] ` : ''}${story.title}  #${story.storyId}`]
  if (story.updateReason) lines.push(`  ↻ ${story.updateReason}`)
  lines.push(`  ${story.dates} · ${story.outlets}`)
  for (const s of story.sentences) {
    lines.push(`  - ${s.languageTag ? `${s.languageTag} ` : ''}${s.text}`)
    if (s.url) lines.push(`    ${s.url}`)
  }
  if (story.sources.length > 0) lines.push(`  ${strings.sources}`)
  for (const source of story.sources) {
    const kind = source.stateMedia ? source.kindLabel.toUpperCase() : source.kindLabel
    lines.push(`  - ${source.name} (${kind})${source.url ? ` ${source.url}` : ''}`)
  }
  return lines
}
