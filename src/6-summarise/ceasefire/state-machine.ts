// Developments → the ceasefire state at a moment. Ceasefires in force are tracked as arrangements (a general one, or
// limited ones by scope: energy, sea, holiday …); the rest of the record is a background state (talks, proposed,
// collapsed). In force beats background: a general ceasefire is "agreed", any limited one "partial". Otherwise the
// most recent decisive development sets the background: talks after a collapse is talks; a proposal rejected by
// one side stays proposed; a truce that ends (collapse cue, or its stated length running out with nothing said
// since) leaves "collapsed"; a war announced in a headline ends a general ceasefire in force.
import type { Development } from './developments.js'
import type { CeasefireState, LimitedScope } from './types.js'

const DAY = 86_400_000

export interface Arrangement {
  general: boolean
  scopes: LimitedScope[]
  from: Date
  /** When its stated length runs out, if stated (holiday truces have a default length). */
  until: Date | null
  development: Development
}

/** A development as the machine took it: the state it led to, or an expiry the machine inferred. */
export interface Step {
  at: Date
  development: Development
  /** 'expired': a truce's stated length ran out; 'ended': a war ended a general ceasefire. */
  note: 'expired' | 'ended' | null
  state: CeasefireState
}

export interface MachineResult {
  state: CeasefireState
  since: Date | null
  /** The development that put the state where it is (null for none). */
  cause: Step | null
  steps: Step[]
}

export interface MachineOptions {
  holidayDefaultDays: number
}

/** End of the UTC day a stated length runs out, with a day's grace: truces are announced the day before they start. */
function expiry(development: Development, options: MachineOptions): Date | null {
  const days = development.days ?? (development.scopes.includes('holiday') ? options.holidayDefaultDays : null)
  if (days === null) return null
  const end = development.date.getTime() + (days + 1) * DAY
  return new Date(Math.floor(end / DAY) * DAY + DAY - 1)
}

const overlaps = (a: LimitedScope[], b: LimitedScope[]) => a.some((s) => s !== 'temporary' && b.includes(s))

export function runMachine(developments: Development[], asOf: Date, options: MachineOptions): MachineResult {
  const ordered = [...developments].filter((d) => d.date <= asOf).sort((a, b) => a.date.getTime() - b.date.getTime() || a.storyId - b.storyId)
  let arrangements: Arrangement[] = []
  let background: { state: CeasefireState; at: Date | null } = { state: 'none', at: null }
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
  /** Stated lengths that ran out before `until`, in order. */
  const expireUntil = (until: Date) => {
    for (;;) {
      const next = arrangements.filter((a) => a.until && a.until < until).sort((a, b) => a.until!.getTime() - b.until!.getTime())[0]
      if (!next) return
      arrangements = arrangements.filter((a) => a !== next)
      if (!background.at || background.at < next.from) background = { state: 'collapsed', at: next.until }
      record(next.until!, next.development, 'expired')
    }
  }

  for (const d of ordered) {
    expireUntil(d.date)
    switch (d.kind) {
      case 'agreed':
      case 'partial': {
        const general = d.kind === 'agreed'
        const arrangement: Arrangement = { general, scopes: d.scopes, from: d.date, until: expiry(d, options), development: d }
        arrangements = arrangements.filter((a) => (general ? !a.general : a.general || !overlaps(a.scopes, d.scopes)))
        arrangements.push(arrangement)
        break
      }
      case 'collapsed': {
        // An ended energy truce ends energy arrangements only; an ended "ceasefire" ends every one in force.
        const limited = d.scopes.some((s) => s !== 'temporary')
        if (limited) arrangements = arrangements.filter((a) => !overlaps(a.scopes, d.scopes))
        else if (d.scopes.includes('temporary')) arrangements = arrangements.filter((a) => !a.scopes.includes('temporary') && !a.until)
        else arrangements = []
        background = { state: 'collapsed', at: d.date }
        break
      }
      case 'war':
        if (!arrangements.some((a) => a.general)) continue
        arrangements = arrangements.filter((a) => !a.general)
        background = { state: 'collapsed', at: d.date }
        record(d.date, d, 'ended')
        continue
      case 'proposed':
      case 'talks':
        background = { state: d.kind, at: d.date }
        break
    }
    record(d.date, d, null)
  }
  expireUntil(new Date(asOf.getTime() + 1))
  return { state: current, since, cause, steps }
}
