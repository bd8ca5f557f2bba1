// The terminal shows times in the machine's zone (TZ) and names it; a subscription's own zone still wins for its digests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renderConsoleDigest } from '../src/8-deliver/console/render-digest.js'
import { localTime, machineTimeZone } from '../src/8-deliver/console/time-zone.js'
import { digest } from './support/digest-fixtures.js'

describe('console times', () => {
  let saved: string | undefined
  beforeEach(() => {
    saved = process.env.TZ
    process.env.TZ = 'Asia/Tokyo'
  })
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
  })

  it('follow TZ', () => {
    expect(machineTimeZone()).toBe('Asia/Tokyo')
    expect(localTime(new Date('2026-11-20T20:30:00Z'))).toBe('2026-11-21 05:30')
    expect(localTime(new Date('2026-11-20T20:30:00Z'), 'UTC')).toBe('2026-11-20 20:30')
    expect(localTime(null)).toBe('-')
    process.env.TZ = 'America/New_York'
    expect(localTime(new Date('2026-07-01T12:00:00Z'))).toBe('2026-07-01 08:00')
  })

  it('in a digest printed to the terminal, with the zone named', () => {
    const text = renderConsoleDigest(digest('en', []))
    expect(text).toContain('21 Nov 2026') // generated 09:00 UTC = 18:00 in Tokyo, the same day
    expect(text).toMatch(/No new stories since 20 Nov 2026, 18:00 (GMT\+9|JST)\./)
    expect(renderConsoleDigest(digest('en', []), { timeZone: 'UTC' })).toContain('since 20 Nov 2026, 09:00 UTC.')
  })
})
