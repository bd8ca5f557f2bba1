// Developments → the ceasefire state at a moment. Ceasefires in force are tracked as arrangements (a general one, or
// limited ones by scope: energy, sea, holiday …), each with its start, its stated end when the reports give one, and
// who is bound; the rest of the record is where negotiations stand (talks, proposed) or that the last arrangement was
// broken or quit (collapsed). In force beats the rest: a general ceasefire is "agreed", any limited one "partial".
// An arrangement ends in one of four ways, and the reply says which:
//   - expired: it ran its stated length (or its last day), or a report says it ran out or was not extended;
//   - lapsed: a limited arrangement with no stated length that no report has mentioned for LAPSE_DAYS;
//   - withdrawn / broken: a side quit it, or it broke down (resumed strikes, a broken promise);
//   - ended by war: an invasion ends a general ceasefire in force.
// Expiring or lapsing is not a breakdown: with nothing else in force the state falls back to where negotiations
// stand. Withdrawal, breakdown or war make the state "collapsed" until negotiations move again.
import type { Development } from './developments.js'
import type { CeasefireState, LimitedScope } from './types.js'

const DAY = 86_400_000
/** A limited arrangement no report has mentioned for this long is no longer taken to be in force. */
export const LAPSE_DAYS = 45
/** A breakdown reported this soon after an arrangement expired is about that arrangement. */
const ENDING_REPORT_DAYS = 7

export type EndedHow = 'expired' | 'lapsed' | 'withdrawn' | 'broken' | 'ended-by-war'

export interface Arrangement {
  general: boolean
  scopes: LimitedScope[]
  from: Date
  /** When its stated length or last day runs out, if stated (holiday truces have a default length). */
  until: Date | null
  /** The latest report of it in force: an undated limited arrangement lapses LAPSE_DAYS after it. */
  lastSeen: Date
  /** The development that started it, and those that reported it since. */
  development: Development
}

export interface Ended {
  arrangement: Arrangement
  at: Date
  how: EndedHow
  /** The report of its end; null when it ran out by its stated length or lapsed. */
  development: Development | null
}

/** A development as the machine took it, or an end the machine inferred (a stated length running out, a lapse). */
export interface Step {
  at: Date
  development: Development
  /** 'expired' / 'lapsed': inferred, no report of it; 'ended': a war ended a general ceasefire. */
  note: 'expired' | 'lapsed' | 'ended' | null
  state: CeasefireState
}

export interface Negotiations {
  state: 'talks' | 'proposed'
  since: Date
  development: Development
}

export interface MachineResult {
  state: CeasefireState
  since: Date | null
  /** The step that put the state where it is (null for none). */
  cause: Step | null
  steps: Step[]
  /** Arrangements in force at the as-of moment. */
  inForce: Arrangement[]
  /** Where the talks stood at the as-of moment: the latest talks or proposal, if any. */
  negotiations: Negotiations | null
  /** The last arrangement that ended by then, and how. */
  lastEnded: Ended | null
}

export interface MachineOptions {
  holidayDefaultDays: number
}

const endOfDay = (ms: number) => new Date(Math.floor(ms / DAY) * DAY + DAY - 1)

/**
 * When a development's arrangement runs out: its stated last day, else its stated length (a holiday truce has a
 * default one), with a day's grace since truces are announced the day before they start. Null when none is stated.
 */
function expiry(development: Development, options: MachineOptions): Date | null {
  if (development.until) return endOfDay(Date.parse(`${development.until}T00:00:00Z`))
  const days = development.days ?? (development.scopes.includes('holiday') ? options.holidayDefaultDays : null)
  return days === null ? null : endOfDay(development.date.getTime() + (days + 1) * DAY)
}

const overlaps = (a: LimitedScope[], b: LimitedScope[]) => a.some((s) => s !== 'temporary' && b.includes(s))

/** Arrangements a report of an end is about: those of its scope, or with no scope named, every time-limited one. */
function endedBy(arrangements: Arrangement[], d: Development): Arrangement[] {
  const limited = d.scopes.some((s) => s !== 'temporary')
  if (limited) return arrangements.filter((a) => overlaps(a.scopes, d.scopes))
  const timed = arrangements.filter((a) => a.until !== null || a.scopes.includes('temporary'))
  return timed.length ? timed : arrangements
}

export function runMachine(developments: Development[], asOf: Date, options: MachineOptions): MachineResult {
  const ordered = [...developments].filter((d) => d.date <= asOf).sort((a, b) => a.date.getTime() - b.date.getTime() || a.storyId - b.storyId)
  let arrangements: Arrangement[] = []
  let background: { state: CeasefireState; at: Date | null } = { state: 'none', at: null }
  // Held in objects: the closures below update them.
  const talks: { now: Negotiations | null } = { now: null }
  const last: { ended: Ended | null } = { ended: null }
  const steps: Step[] = []
  let current: CeasefireState = 'none'
  let since: Date | null = null
  let cause: Step | null = null

  const derived = (): CeasefireState => (arrangements.some((a) => a.general) ? 'agreed' : arrangements.length ? 'partial' : background.state)
  const record = (at: Date, development: Development, note: Step['note']) => {
    const state = derived()
    const step: Step = { at, development, note, state }
    steps.push(step)
    if (state !== current) [current, since, cause] = [state, at, step]
  }
  const end = (ending: Arrangement[], at: Date, how: EndedHow, development: Development | null) => {
    arrangements = arrangements.filter((a) => !ending.includes(a))
    for (const arrangement of ending) if (!last.ended || at >= last.ended.at) last.ended = { arrangement, at, how, development }
  }
  /** Stated lengths that ran out, and undated limited arrangements that lapsed, before `until`, in order. */
  const settle = (until: Date) => {
    for (;;) {
      const runsOut = (a: Arrangement) => a.until ?? (a.general ? null : new Date(a.lastSeen.getTime() + LAPSE_DAYS * DAY))
      const next = arrangements
        .filter((a) => runsOut(a) !== null && runsOut(a)! < until)
        .sort((a, b) => runsOut(a)!.getTime() - runsOut(b)!.getTime())[0]
      if (!next) return
      const at = runsOut(next)!
      const how = next.until ? 'expired' : 'lapsed'
      end([next], at, how, null)
      record(at, next.development, how)
    }
  }

  for (const d of ordered) {
    settle(d.date)
    switch (d.kind) {
      case 'agreed':
      case 'partial': {
        const general = d.kind === 'agreed'
        const same = arrangements.filter((a) => (general ? a.general : !a.general && overlaps(a.scopes, d.scopes)))
        // A violation claimed, or a report of an arrangement already in force, says it still holds; about one that
        // has just ended, it is no news of a new one.
        if (d.evidence === 'in-force' && same.length) {
          for (const a of same) a.lastSeen = d.date
          break
        }
        const recently = (at: Date | null | undefined) => at !== null && at !== undefined && d.date.getTime() - at.getTime() <= ENDING_REPORT_DAYS * DAY
        const justEnded = (last.ended && recently(last.ended.at) && (general ? last.ended.arrangement.general : overlaps(last.ended.arrangement.scopes, d.scopes))) || (background.state === 'collapsed' && recently(background.at))
        if (d.evidence === 'in-force' && justEnded) continue
        // Measures implementing an arrangement in force (a Black Sea and energy understanding a week after the
        // energy moratorium) keep its stated end unless they state their own.
        const inherited = same.map((a) => a.until).filter((u): u is Date => u !== null)
        const until = expiry(d, options) ?? (inherited.length ? new Date(Math.max(...inherited.map((u) => u.getTime()))) : null)
        arrangements = arrangements.filter((a) => (general ? !a.general : a.general || !overlaps(a.scopes, d.scopes)))
        arrangements.push({ general, scopes: d.scopes, from: d.date, until, lastSeen: d.date, development: d })
        break
      }
      case 'expired': {
        const ending = endedBy(arrangements, d)
        if (ending.length) end(ending, d.date, 'expired', d)
        break
      }
      case 'collapsed': {
        const how: EndedHow = d.ending === 'withdrawn' ? 'withdrawn' : 'broken'
        const ending = endedBy(arrangements, d)
        if (ending.length) end(ending, d.date, how, d)
        // "Russia broke its promise and resumed strikes": the pause that just ran out was broken, not merely over.
        else if (last.ended && d.date.getTime() - last.ended.at.getTime() <= ENDING_REPORT_DAYS * DAY) last.ended = { ...last.ended, how, development: d }
        background = { state: 'collapsed', at: d.date }
        break
      }
      case 'war': {
        const general = arrangements.filter((a) => a.general)
        if (general.length === 0) continue
        end(general, d.date, 'ended-by-war', d)
        background = { state: 'collapsed', at: d.date }
        record(d.date, d, 'ended')
        continue
      }
      case 'proposed':
      case 'talks':
        background = { state: d.kind, at: d.date }
        talks.now = { state: d.kind, since: talks.now?.state === d.kind ? talks.now.since : d.date, development: d }
        break
    }
    record(d.date, d, null)
  }
  settle(new Date(asOf.getTime() + 1))
  return { state: current, since, cause, steps, inForce: arrangements, negotiations: talks.now, lastEnded: last.ended }
}
