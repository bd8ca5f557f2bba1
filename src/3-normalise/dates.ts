// Feed dates to UTC instants. Missing, unreadable, far-future and pre-web dates fall back to the fetch time and
// are flagged as estimated, so a broken clock in one feed cannot push its items to the top or bottom of everything.

const EARLIEST_PLAUSIBLE = Date.UTC(1995, 0, 1)
const FUTURE_TOLERANCE_MS = 24 * 3600_000

export interface ItemDate {
  at: Date
  estimated: boolean
}

export function itemDate(raw: string | null, fetchedAt: Date): ItemDate {
  const parsed = raw ? Date.parse(raw.trim()) : Number.NaN
  if (Number.isNaN(parsed) || parsed < EARLIEST_PLAUSIBLE || parsed > fetchedAt.getTime() + FUTURE_TOLERANCE_MS) {
    return { at: fetchedAt, estimated: true }
  }
  return { at: new Date(parsed), estimated: false }
}
