// Time zones as people type them, read against the IANA names Intl knows: in any case, a renamed zone kept as the
// user wrote it (Intl still answers Europe/Kiev for Europe/Kyiv), abbreviations refused because several places share
// them or because the zone they name has no summer time (EST is Panama's), and a typo answered with what was meant.
import { UserError, type Suggestion } from './types.js'

let zones: string[] | null = null
const zoneList = () => (zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone')])

/** The zone Intl reads this name as, or null when it knows no such zone. */
function intlZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

const capitalised = (name: string) => name.replace(/(^|[/_-])([a-z])/g, (_m, edge: string, letter: string) => edge + letter.toUpperCase())

/** The one zone without a place, under its two names. */
const UNIVERSAL = new Set(['UTC', 'GMT'])

/**
 * What the user meant by an abbreviation (EST: America/New_York, which POSIX spells EST5EDT, or America/Panama, where
 * Intl puts it), by "UTC+9" (Etc/GMT-9, whose sign POSIX inverts), or by a misspelt or bare city (Asia/Tokio, Tokyo).
 */
function meant(typed: string): string[] {
  const abbreviation = /^([a-z]{1,4})s(t)$/i.exec(typed)
  const partners = abbreviation ? Array.from({ length: 25 }, (_, n) => `${typed}${n - 12}${abbreviation[1]}D${abbreviation[2]}`) : []
  const offset = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?00)?$/i.exec(typed)
  const fixed = offset ? [`Etc/GMT${offset[1] === '+' ? '-' : '+'}${Number(offset[2])}`] : []
  const resolved = [...partners, ...fixed, typed].map(intlZone).filter((z): z is string => z !== null && z.includes('/'))
  const wanted = typed.toLowerCase().replace(/ /g, '_')
  const near = offset ? [] : zoneList().filter((z) => {
    const [name, city] = [z.toLowerCase(), z.toLowerCase().split('/').pop()!]
    return city === wanted || (wanted.length >= 4 && (editDistance(name, wanted) <= 2 || (!wanted.includes('/') && editDistance(city, wanted) <= 1)))
  })
  return [...new Set([...resolved, ...near])].slice(0, 3)
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)))
    previous = row
  }
  return previous[b.length]!
}

/** The zone to store for what was typed: the IANA name in its own spelling; anything else is a user error saying what to type. */
export function parseTimezone(value: string): string {
  const typed = value.trim()
  const listed = zoneList().find((z) => z.toLowerCase() === typed.toLowerCase())
  if (listed) return listed
  if (UNIVERSAL.has(typed.toUpperCase())) return 'UTC'
  if (typed.includes('/') && intlZone(typed)) return typed === typed.toLowerCase() ? capitalised(typed) : typed
  const suggestions = meant(typed)
  const hint = suggestions.length > 0 ? { en: ` Did you mean ${suggestions.join(' or ')}?`, ja: `${suggestions.join(' または ')} のことですか？` } : null
  // Intl knows the name but it says no place (EST, JST, Japan): shared, or without the summer time the place keeps.
  if (intlZone(typed) !== null) {
    throw new UserError({
      en: `Option "timezone": "${value}" is an abbreviation or an old alias, not a place's zone (abbreviations are shared by several places or ignore summer time); use the IANA name of a place.${hint?.en ?? ' E.g. America/New_York.'}`,
      ja: `オプション「timezone」: 「${value}」は略称または古い別名で、地域のタイムゾーンではありません（略称は複数の地域で共有されるか、夏時間を含みません）。地域の IANA 名で指定してください。${hint?.ja ?? '例: America/New_York'}`,
    })
  }
  throw new UserError({
    en: `Option "timezone": "${value}" is not a time zone; use an IANA name such as Asia/Tokyo, Europe/Kyiv or UTC.${hint?.en ?? ''}`,
    ja: `オプション「timezone」: 「${value}」はタイムゾーンではありません。Asia/Tokyo、Europe/Kyiv、UTC のような IANA 名で指定してください。${hint?.ja ?? ''}`,
  })
}

export function suggestTimezones(typed: string): Suggestion[] {
  const wanted = typed.trim().toLowerCase().replace(/ /g, '_')
  const starts = (z: string) => z.toLowerCase().startsWith(wanted) || z.toLowerCase().split('/').some((part) => part.startsWith(wanted))
  const matching = zoneList().filter((z) => z.toLowerCase().includes(wanted))
  return [...matching.filter(starts), ...matching.filter((z) => !starts(z))].slice(0, 25).map((z) => ({ name: z, value: z }))
}
