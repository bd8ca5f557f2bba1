// A truce's stated length, in days: "36-hour", "three-day", "24–48 часов", "на два-три дня", "трёхдневное", "3日間".
// Holiday and hours-long truces end by themselves; the state machine needs to know when.
import { tokenise, type CueMatch } from './cue-matcher.js'
import type { DurationUnit, Lexicon } from './lexicon.js'

const UNIT_DAYS: Record<DurationUnit, number> = { hour: 1 / 24, day: 1, week: 7, month: 30 }
// Digits right before a unit, a range taking its upper end: "2–3 дня", "24-48 hours", "36-hour", "３日間".
const DIGITS_BEFORE = /(\d+)(?:\s*[-–—~〜～]\s*(\d+))?\s*[-‑]?\s*$/u
// "two days after", "3 дня назад", "2日前": a distance in time, not a length.
const NOT_A_LENGTH = /^\S*\s*(?:after|ago|later|before|earlier|назад|спустя|позже|раньше|тому|потому|пізніше|раніше|前|後|後に|ぶり)/u

type Tokens = ReturnType<typeof tokenise>

/** The longest length stated in a clause of `text`, from the clause's tokens and duration-unit matches. */
export function readDays(lexicon: Lexicon, text: string, tokens: Tokens, units: CueMatch<DurationUnit>[]): number | null {
  const found: number[] = []
  for (const unit of units) {
    if (NOT_A_LENGTH.test(text.slice(unit.end, unit.end + 12))) continue
    const before = text.slice(Math.max(0, unit.start - 16), unit.start).normalize('NFKC')
    const digits = DIGITS_BEFORE.exec(before)
    const count = digits ? Number(digits[2] ?? digits[1]) : numberWordBefore(lexicon, tokens, unit.start)
    if (count !== null && count > 0) found.push(count * UNIT_DAYS[unit.key])
  }
  // One-word compounds: "трёхдневное", "триденне", "тридцатичасовое".
  for (const token of tokens) {
    const day = lexicon.compound.day.some((d) => token.lower.includes(d))
    if (!day && !lexicon.compound.hour.some((h) => token.lower.includes(h))) continue
    for (const [word, n] of lexicon.numberWords) {
      if (!token.lower.startsWith(word)) continue
      found.push(day ? n : n / 24)
      break
    }
  }
  return found.length ? Math.max(...found) : null
}

/** "three-day", "two- to three-day", "два-три дня": the word right before the unit (or the one before "to"). */
function numberWordBefore(lexicon: Lexicon, tokens: Tokens, unitStart: number): number | null {
  const i = tokens.findIndex((t) => t.start >= unitStart)
  const previous = tokens[(i === -1 ? tokens.length : i) - 1]
  if (!previous || unitStart - previous.end > 3) return null
  const hit = lexicon.numberWords.find(([word]) => previous.lower === word || (previous.lower.startsWith(word) && previous.lower.length <= word.length + 3))
  return hit ? hit[1] : null
}
