// Wall-clock arithmetic in IANA time zones with nothing but Intl: the local date at an instant, and the instant a
// local date and time mean. Around a DST change the zone has two offsets (a day before and a day after): a time the
// change skips falls an hour later, a time it repeats counts at its first occurrence.

export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Parts of the wall-clock time in `timeZone` at `at`. */
export function wallClock(at: Date, timeZone: string): WallClock {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    formatters.set(timeZone, format)
  }
  const parts = format.formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

/** Milliseconds the zone is ahead of UTC at `at`. */
function offsetAt(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone)
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (at.getTime() - at.getMilliseconds())
}

const DAY = 86_400_000
const pad = (n: number) => String(n).padStart(2, '0')

/** "YYYY-MM-DD" in `timeZone` at `at`: the date a daily digest belongs to. */
export function localDate(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone)
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`
}

/** The calendar day before a "YYYY-MM-DD" date. */
export function previousDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  return new Date(d.getTime() - DAY).toISOString().slice(0, 10)
}

/** The instant at which the clock in `timeZone` reads `time` ("HH:MM") on `date` ("YYYY-MM-DD"). */
export function deliveryInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const [hours, minutes] = time.split(':').map(Number) as [number, number]
  const wall = Date.UTC(year, month - 1, day, hours, minutes)
  const candidates = [...new Set([wall - offsetAt(new Date(wall - DAY), timeZone), wall - offsetAt(new Date(wall + DAY), timeZone)])].sort((a, b) => a - b)
  const reads = candidates.filter((t) => {
    const clock = wallClock(new Date(t), timeZone)
    return clock.hour === hours && clock.minute === minutes
  })
  // Repeated: both read the time, the first wins. Skipped: neither does; the later offset puts it an hour later.
  return new Date(reads[0] ?? candidates[candidates.length - 1]!)
}

/** The first moment after `now` when the clock in `timeZone` reads `time` (skipped: an hour later; repeated: the first). */
export function nextDelivery(time: string, timeZone: string, now: Date): Date {
  let date = localDate(new Date(now.getTime() - DAY), timeZone)
  for (let i = 0; i < 4; i++) {
    const at = deliveryInstant(date, time, timeZone)
    if (at > now) return at
    date = new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY).toISOString().slice(0, 10)
  }
  throw new Error(`no delivery time found for ${time} ${timeZone}`)
}
