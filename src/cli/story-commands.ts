// CLI controllers for stories: `newsbot stories` and `newsbot story ID`.
import type { AppContext } from '../app/context.js'
import type { StoryRecord } from '../7-store/types.js'
import { MAX_RECORD_ID } from '../../commands/shared.js'
import { storyJson } from '../services/stories.js'
import { print, table, truncate } from './format.js'
import { localTime, machineTimeZone } from '../8-deliver/console/time-zone.js'
import { checkTopic, parseLimit, parseSince, UsageError } from './ingest-commands.js'


export async function listStories(ctx: AppContext, opts: { topic?: string; since?: string; limit?: string; json?: boolean }): Promise<number> {
  const topic = checkTopic(ctx, opts.topic)
  const stories = await ctx.store.stories.list({ topics: topic ? [topic] : undefined, since: parseSince(opts.since), limit: parseLimit(opts.limit) })
  if (opts.json) {
    print(JSON.stringify({ stories: stories.map(storyJson) }, null, 2))
    return 0
  }
  const rows = stories.map((s) => [
    s.id,
    localTime(s.lastPublishedAt).slice(0, 10),
    s.outletCount,
    s.languages.join(','),
    truncate(s.title, 80),
  ])
  print(`${table(['id', `latest (${machineTimeZone()})`, 'outlets', 'languages', 'title'], rows)}\n\n${stories.length} stories`)
  return 0
}

function storyText(story: StoryRecord): string {
  const lines = [
    `#${story.id} ${story.title}`,
    `${story.outletCount} ${story.outletCount === 1 ? 'outlet' : 'outlets'} in ${story.languages.join('/')} · ${story.topics.join(', ')} · ${localTime(story.firstPublishedAt)} → ${localTime(story.lastPublishedAt)} (${machineTimeZone()})`,
  ]
  if (story.updateReason) lines.push(`updated ${localTime(story.lastUpdatedAt)}: ${story.updateReason}`)
  lines.push('')
  for (const item of story.items) {
    const copy = item.duplicateOf ? ` (copy of ${item.duplicateOf})` : ''
    lines.push(`${localTime(item.publishedAt)} [${item.language}] ${item.source} (${item.sourceKind}): ${item.title}${copy}`, `    ${item.url}`)
  }
  return lines.join('\n')
}

export async function showStory(ctx: AppContext, id: string, opts: { json?: boolean }): Promise<number> {
  if (!/^\d+$/.test(id) || Number(id) > MAX_RECORD_ID) throw new UsageError(`story: "${id}" is not a story id (a number, as listed by \`newsbot stories\`)`)
  const story = await ctx.store.stories.get(Number(id))
  if (!story) {
    process.stderr.write(`newsbot: no story ${id}\n`)
    return 1
  }
  print(opts.json ? JSON.stringify(storyJson(story), null, 2) : storyText(story))
  return 0
}
