// The beat set (eval/beat/): our own labelled coverage of 114 real events of 2025–2026 and 69 off-topic near-misses
// by ten fictional outlets in en/ja/ru/uk, plus labelled ceasefire sentences and as-of states, each split into a
// tuning half and a test half by episode (eval/beat/WRITING.md says how it was written and split).
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { readTsv, type FeedFormat, type LabelledRow, type OutletSpec } from './labelled-set.js'

export const BEAT_DIR = fileURLToPath(new URL('../beat/', import.meta.url))
export const HALVES = ['tune', 'test'] as const
export type Half = (typeof HALVES)[number]

const file = (name: string) => path.join(BEAT_DIR, name)

/** Which half each event (on- and off-topic) belongs to. */
export function beatHalves(): Map<string, Half> {
  const halves = new Map<string, Half>()
  for (const row of [...readTsv(file('events.tsv')), ...readTsv(file('offtopic.tsv'))]) halves.set(row.id!, row.half as Half)
  return halves
}

export function beatOutlets(): OutletSpec[] {
  return readTsv(file('outlets.tsv')).map((r) => ({
    outlet: r.outlet!,
    feedTitle: r.feed_title!,
    site: r.site!,
    format: r.format as FeedFormat,
    encoding: r.encoding!,
    declaredLanguage: r.declared_language!,
    lang: r.lang!,
    kind: r.kind!,
  }))
}

/** The items of one half. */
export function beatRows(half: Half): LabelledRow[] {
  const halves = beatHalves()
  return readTsv(file('items.tsv')).flatMap((r) => {
    const eventHalf = halves.get(r.event!)
    if (!eventHalf) throw new Error(`eval: items.tsv names unknown event ${r.event}`)
    return eventHalf === half ? [{ event: r.event!, outlet: r.outlet!, lang: r.lang!, published: r.published!, title: r.title!, description: r.description! }] : []
  })
}

export interface AsOfCase {
  asOf: string
  /** Accepted states with live evidence only (NEWSBOT_BASELINE=off). */
  feedsOnly: string[]
  /** Accepted states with the shipped chronology beside the feeds (the default). */
  withChronology: string[]
  why: string
}

export function beatAsOf(half: Half): AsOfCase[] {
  return readTsv(file('asof.tsv'))
    .filter((r) => r.half === half)
    .map((r) => ({ asOf: r.as_of!, feedsOnly: r.feeds_only!.split('/'), withChronology: r.with_chronology!.split('/'), why: r.why! }))
}

export interface LabelledSentence {
  id: string
  half: Half
  lang: string
  inTitle: boolean
  sentence: string
  reading: string
  scope: string[]
  action: string
  object: string
  actor: string
  negated: boolean
  speaker: string
  eventDate: string
  note: string
}

export function beatSentences(half: Half): LabelledSentence[] {
  return readTsv(file('ceasefire-sentences.tsv'))
    .filter((r) => r.half === half)
    .map((r) => ({
      id: r.id!,
      half: r.half as Half,
      lang: r.lang!,
      inTitle: r.in_title === '1',
      sentence: r.sentence!,
      reading: r.reading!,
      scope: r.scope ? r.scope.split('+').sort() : [],
      action: r.action!,
      object: r.object!,
      actor: r.actor!,
      negated: r.negated === '1',
      speaker: r.speaker!,
      eventDate: r.event_date!,
      note: r.note!,
    }))
}
