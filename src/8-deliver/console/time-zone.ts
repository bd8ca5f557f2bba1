// The terminal shows times where its reader is: in the machine's zone (TZ, else the system's), and says which zone,
// whereas chat digests use their subscription's zone and JSON stays in UTC.

export function machineTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** "2026-03-20 21:00" in the zone (default: the machine's), "-" for no time; whoever prints it names the zone. */
export function localTime(date: Date | null, timeZone = machineTimeZone()): string {
  if (!date) return '-'
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, formatter)
  }
  const part = Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]))
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`
}
