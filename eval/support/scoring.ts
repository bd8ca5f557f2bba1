// Scores for a labelled feed set, as ../shared/eval/stories-dev/score.py computes them: B-cubed over the on-topic
// items with off-topic leaks, the timeline's one-entry-per-event check, and ceasefire states against accepted sets.
import type { TimelineJson } from '../../commands/timeline.js'
import { bcubed } from '../bcubed.js'
import { scoringUrl, type GoldItem } from './labelled-set.js'

const DAY = 86_400_000
export const isOnTopic = (event: string) => event.startsWith('E')

export interface StoryLike {
  id: number | string
  title: string
  items: { url: string; title: string }[]
}

export interface ClusteringScore {
  items: number
  events: number
  stories: number
  precision: number
  recall: number
  f1: number
  offTopicInStories: number
  missingOnTopic: number
  /** Lines naming each split event, merged story, leak and missing item. */
  details: string[]
}

const round = (x: number) => Math.round(x * 1000) / 1000

export function scoreClustering(stories: StoryLike[], gold: Map<string, GoldItem>): ClusteringScore {
  const predicted = new Map<string, string>()
  const details: string[] = []
  let leaked = 0
  for (const story of stories) {
    for (const item of story.items) {
      const url = scoringUrl(item.url)
      const g = gold.get(url)
      if (!g) continue
      predicted.set(url, String(story.id))
      if (!isOnTopic(g.event)) {
        leaked++
        details.push(`off-topic in story ${story.id}: ${g.event} ${item.title}`)
      }
    }
  }
  const onTopic = new Map([...gold].filter(([, g]) => isOnTopic(g.event)).map(([u, g]) => [u, g.event]))
  const missing = [...onTopic.keys()].filter((u) => !predicted.has(u))
  const score = bcubed(onTopic, predicted)
  const byEvent = new Map<string, Set<string>>()
  for (const [url, event] of onTopic) byEvent.set(event, (byEvent.get(event) ?? new Set()).add(predicted.get(url) ?? `missing:${url}`))
  for (const [event, clusters] of [...byEvent].sort()) if (clusters.size > 1) details.push(`split: ${event} over ${clusters.size} stories`)
  for (const story of stories) {
    const events = new Set(story.items.map((i) => gold.get(scoringUrl(i.url))?.event).filter((e): e is string => Boolean(e)))
    if (events.size > 1) details.push(`merged: story ${story.id} holds ${[...events].sort().join(' + ')}`)
  }
  for (const url of missing) details.push(`missing: ${gold.get(url)?.event} ${url}`)
  return {
    items: onTopic.size,
    events: byEvent.size,
    stories: stories.length,
    precision: round(score.precision),
    recall: round(score.recall),
    f1: round(score.f1),
    offTopicInStories: leaked,
    missingOnTopic: missing.length,
    details,
  }
}

export interface TimelineScore {
  goldEvents: number
  covered: number
  duplicates: number
  wrongOrMixed: number
  dateErrors: { event: string; dated: string; gold: string }[]
  chronological: boolean
  entries: number
  /** Entries none of whose sources is a labelled item: curated history outside the set, not scored. */
  unlabelled: number
  missing: string[]
  /** What each entry was, for reading the result: gold events its sources belong to. */
  detail: { date: string; type: string; storyId: number | null; gold: string[]; title: string }[]
}

/**
 * score.py's timeline(), entry for entry: each gold event exactly once (an entry whose labelled sources belong to
 * more than one event, or to an off-topic one, is wrong or mixed), dated within a day of its earliest report, entries
 * in date order. Entries with no labelled source at all (curated history the set does not cover) are counted apart.
 */
export function scoreTimeline(json: TimelineJson, gold: Map<string, GoldItem>): TimelineScore {
  const first = new Map<string, string>()
  for (const g of gold.values()) {
    if (!isOnTopic(g.event)) continue
    const day = g.published.slice(0, 10)
    if (!first.has(g.event) || day < first.get(g.event)!) first.set(g.event, day)
  }
  const seen = new Map<string, number>()
  const order: string[] = []
  const score: TimelineScore = { goldEvents: first.size, covered: 0, duplicates: 0, wrongOrMixed: 0, dateErrors: [], chronological: true, entries: json.events.length, unlabelled: 0, missing: [], detail: [] }
  for (const entry of json.events) {
    const events = [...new Set(entry.sources.flatMap((s) => gold.get(scoringUrl(s.url))?.event ?? []))]
    score.detail.push({ date: entry.date, type: entry.type, storyId: entry.storyId, gold: events, title: entry.title })
    if (events.length === 0) {
      score.unlabelled++
      continue
    }
    if (events.length !== 1 || !isOnTopic(events[0]!)) {
      score.wrongOrMixed++
      continue
    }
    const event = events[0]!
    seen.set(event, (seen.get(event) ?? 0) + 1)
    const goldDay = first.get(event)!
    if (Math.abs(Date.parse(entry.date.slice(0, 10)) - Date.parse(goldDay)) > DAY) {
      score.dateErrors.push({ event, dated: entry.date, gold: goldDay })
      score.wrongOrMixed++
    }
    order.push(entry.date.slice(0, 10))
  }
  score.covered = seen.size
  score.missing = [...first.keys()].filter((e) => !seen.has(e)).sort()
  score.duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0)
  const sorted = [...order].sort()
  score.chronological = order.join() === sorted.join() || order.join() === [...sorted].reverse().join()
  return score
}

export const timelinePasses = (s: TimelineScore) => s.covered === s.goldEvents && s.duplicates === 0 && s.wrongOrMixed === 0 && s.chronological

export function timelineLines(label: string, s: TimelineScore, verbose: boolean): string[] {
  return [
    ...(verbose ? s.detail.map((d) => `  ${d.date}  ${d.type.padEnd(17)} ${(d.gold.join('+') || '—').padEnd(17)} #${String(d.storyId).padEnd(5)} ${d.title.slice(0, 110)}`) : []),
    ...s.dateErrors.map((e) => `  ${e.event}: dated ${e.dated}, gold ${e.gold}`),
    ...(s.missing.length ? [`  not on the timeline: ${s.missing.join(' ')}`] : []),
    `${label}: events covered ${s.covered}/${s.goldEvents}; duplicate entries ${s.duplicates}; wrong or mixed entries ${s.wrongOrMixed}; date errors beyond a day ${s.dateErrors.length}; chronological ${s.chronological}` +
      (s.unlabelled ? `; ${s.unlabelled} entries of curated history outside the set` : ''),
  ]
}
