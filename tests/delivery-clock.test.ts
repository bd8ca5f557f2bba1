// The digest clock under fake timers: node-cron's real minute ticks, the real planning rule (dueDigestDates) and
// outbox keys, across DST changes: each digest goes out once per local date, at the local time, also when the
// local time is skipped (an hour later) or repeated (the first time).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { NO_FILTERS } from '../src/7-store/subscription-store.js'
import type { SubscriptionRecord } from '../src/7-store/types.js'
import { quietLog } from './support/delivery.js'
import { startClock } from '../src/services/delivery/clock.js'
import { deliveryInstant, localDate } from '../src/services/delivery/local-time.js'
import { digestKey, dueDigestDates } from '../src/services/delivery/plan.js'

afterEach(() => vi.useRealTimers())

const sub = (id: number, time: string, timezone: string): SubscriptionRecord => ({
  id, platform: 'discord', channelKey: `discord:${id}`, channelId: String(id), workspaceId: null, topic: 'ceasefire', time, timezone, lang: 'en', createdBy: 'u',
  createdAt: new Date('2026-01-01T00:00:00Z'), updatedAt: new Date('2026-01-01T00:00:00Z'), storyAlerts: false, alertMinOutlets: 3, ceasefireAlerts: false,
  alertsSince: null, pausedAt: null, pausedReason: null, filters: NO_FILTERS,
})

/** Runs the minute clock from `start` for `days`, planning like planDue (a key once), and returns key → planned-at. */
async function runClock(subs: SubscriptionRecord[], start: string, days: number): Promise<Map<string, string>> {
  vi.useFakeTimers({ now: new Date(start) })
  const planned = new Map<string, string>()
  const clock = startClock('digest-clock', async (now) => {
    for (const s of subs) {
      for (const { date } of dueDigestDates(s, now, 6 * 3_600_000)) {
        const key = digestKey(s, date)
        if (!planned.has(key)) planned.set(key, now.toISOString())
      }
    }
  }, quietLog)
  await vi.advanceTimersByTimeAsync(days * 86_400_000)
  await clock.stop()
  return planned
}

describe('the digest clock', () => {
  it('sends 08:00 Asia/Tokyo at 08:00 Tokyo time (23:00 UTC the day before), once a day', async () => {
    const planned = await runClock([sub(1, '08:00', 'Asia/Tokyo')], '2026-03-01T15:00:30Z', 3) // 00:00 Tokyo: today's 08:00 is 16 h away
    expect([...planned]).toEqual([
      ['digest:1:2026-03-02', '2026-03-01T23:00:00.000Z'],
      ['digest:1:2026-03-03', '2026-03-02T23:00:00.000Z'],
      ['digest:1:2026-03-04', '2026-03-03T23:00:00.000Z'],
    ])
  })

  it('sends 08:30 Europe/Kyiv once on the days the clocks change, at 08:30 local time', async () => {
    const spring = await runClock([sub(2, '08:30', 'Europe/Kyiv')], '2026-03-28T00:00:00Z', 3) // clocks go forward 29 March
    expect([...spring]).toEqual([
      ['digest:2:2026-03-28', '2026-03-28T06:30:00.000Z'],
      ['digest:2:2026-03-29', '2026-03-29T05:30:00.000Z'],
      ['digest:2:2026-03-30', '2026-03-30T05:30:00.000Z'],
    ])
    const autumn = await runClock([sub(2, '08:30', 'Europe/Kyiv')], '2026-10-24T00:00:00Z', 3) // back on 25 October
    expect([...autumn].map(([, at]) => at)).toEqual(['2026-10-24T05:30:00.000Z', '2026-10-25T06:30:00.000Z', '2026-10-26T06:30:00.000Z'])
  })

  it('a local time the change skips goes out an hour later; one it repeats goes out the first time only', async () => {
    const skipped = await runClock([sub(3, '03:30', 'Europe/Kyiv')], '2026-03-29T00:00:00Z', 1) // 03:00 → 04:00 local
    expect([...skipped]).toEqual([['digest:3:2026-03-29', '2026-03-29T01:30:00.000Z']]) // 04:30 EEST
    const repeated = await runClock([sub(4, '03:30', 'Europe/Kyiv')], '2026-10-25T00:00:00Z', 1) // 04:00 → 03:00 local
    expect([...repeated]).toEqual([['digest:4:2026-10-25', '2026-10-25T00:30:00.000Z']]) // the first 03:30 (EEST)
    expect(deliveryInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z')
  })

  it('after a restart, catches up a digest missed within the window, not older ones, and not before subscribing', () => {
    const s = sub(5, '08:00', 'UTC')
    expect(dueDigestDates(s, new Date('2026-05-01T10:00:00Z'), 6 * 3_600_000).map((d) => d.date)).toEqual(['2026-05-01'])
    expect(dueDigestDates(s, new Date('2026-05-01T15:00:00Z'), 6 * 3_600_000)).toEqual([])
    expect(dueDigestDates({ ...s, createdAt: new Date('2026-05-01T09:00:00Z') }, new Date('2026-05-01T10:00:00Z'), 6 * 3_600_000)).toEqual([])
    expect(localDate(new Date('2026-05-01T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-05-02')
  })
})
