// The curated baseline the bot ships with (config/chronology/events.tsv) plus the operator's own file
// (NEWSBOT_CHRONOLOGY), loaded once at start: day-one history for /timeline and /ceasefire-status. A bad row stops the
// start with the file, row and column named, as a bad environment variable does.
import type { AliasEntity } from '../5-cluster/aliases.js'
import { combineChronologies, DEFAULT_CHRONOLOGY_PATH, formatProblem, readChronology, type ChronologyEvent } from '../config/chronology.js'
import { ConfigError } from '../config/env.js'

export interface BaselineOptions {
  /** NEWSBOT_BASELINE: false leaves the shipped rows out (an operator file still counts). */
  shipped: boolean
  /** NEWSBOT_CHRONOLOGY. */
  operatorFile?: string
  shippedFile?: string
}

/** The rows /timeline and /ceasefire-status add to live evidence; empty when there are none. */
export function loadBaseline(options: BaselineOptions, entities: AliasEntity[]): ChronologyEvent[] {
  const read = (file: string, variable: string) => {
    const { events, problems } = readChronology(file, entities)
    if (problems.length) throw new ConfigError(`config: ${variable}: ${problems.slice(0, 5).map((p) => formatProblem(p, file)).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more; run newsbot chronology validate)` : ''}`)
    return events
  }
  const shipped = options.shipped ? read(options.shippedFile ?? DEFAULT_CHRONOLOGY_PATH, 'shipped chronology') : []
  const operator = options.operatorFile ? read(options.operatorFile, 'NEWSBOT_CHRONOLOGY') : []
  return combineChronologies(shipped, operator)
}
