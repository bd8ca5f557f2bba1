// What a user who types something slightly off gets: the one option grammar of the text front ends, strict dates,
// ids in range, time zones by their IANA names; each answered with what to type instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseTextOptions, type RawOptions } from '../commands/options.js'
import { findCommand } from '../commands/registry.js'
import { runCommand } from '../commands/run.js'
import { readDate } from '../commands/shared.js'
import { parseTimezone } from '../commands/time-zones.js'
import type { Store } from '../src/7-store/types.js'
import { parseSlackCommand } from '../src/8-deliver/slack/command-text.js'
import { parseSince } from '../src/cli/ingest-commands.js'
import { commandServices, consoleInvoker, seedStories } from './support/command-services.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2026-03-20T12:00:00Z')

describe('one option grammar for the console and Slack', () => {
  it('accepts option names with _ or - alike, as --name value, --name=value and name:value', () => {
    const subscribe = findCommand('subscribe')!
    const expected = { subcommand: null, raw: { topic: 'us-russia', min_outlets: '2', ceasefire_alerts: true } }
    expect(parseTextOptions(subscribe, ['us-russia', '--min_outlets', '2', '--ceasefire_alerts'])).toEqual(expected)
    expect(parseTextOptions(subscribe, ['us-russia', '--min-outlets=2', '--ceasefire-alerts'])).toEqual(expected)
    expect(parseTextOptions(subscribe, ['us-russia', 'min_outlets:2', 'ceasefire-alerts:true'])).toEqual({ ...expected, raw: { ...expected.raw, ceasefire_alerts: 'true' } })
    expect(parseTextOptions(findCommand('ceasefire-status')!, ['--as_of', '2025-06-01'])).toEqual({ subcommand: null, raw: { 'as-of': '2025-06-01' } })
    expect(parseSlackCommand('subscribe us-russia min_outlets:4 --ceasefire_alerts')).toMatchObject({ kind: 'run', options: { topic: 'us-russia', min_outlets: '4', ceasefire_alerts: true } })
  })
})

describe('one strict date parser', () => {
  it('reads calendar days and ISO times as written, and refuses days, months and times that do not exist', () => {
    expect(readDate('2025-02-28')?.toISOString()).toBe('2025-02-28T00:00:00.000Z')
    expect(readDate('2025-02-28', true)?.toISOString()).toBe('2025-02-28T23:59:59.999Z')
    expect(readDate('0001-01-01')?.toISOString()).toBe('0001-01-01T00:00:00.000Z')
    expect(readDate('2025-06-01T09:30:00+09:00')?.toISOString()).toBe('2025-06-01T00:30:00.000Z')
    for (const typo of ['2025-13-01', '2025-02-30', '2025-02-30T10:00:00Z', '2025-00-10', '2025-06-01T25:00Z', '2025-6-1', 'yesterday', '2025-06-01 junk']) {
      expect(readDate(typo), typo).toBeNull()
    }
    expect(() => parseSince('2025-13-01')).toThrow('--since: "2025-13-01" is not a date')
    expect(parseSince('0001-01-01')?.getUTCFullYear()).toBe(1)
  })
})

describe('time zones by their IANA names', () => {
  const refusal = (typed: string) => {
    try {
      return `accepted as ${parseTimezone(typed)}`
    } catch (err) {
      return (err as Error).message
    }
  }

  it('keeps a renamed zone as the user spelt it, and fixes only the case of a known one', () => {
    expect(parseTimezone('Europe/Kyiv')).toBe('Europe/Kyiv')
    expect(parseTimezone('europe/kyiv')).toBe('Europe/Kyiv')
    expect(parseTimezone('asia/tokyo')).toBe('Asia/Tokyo')
    expect(parseTimezone('Etc/GMT-9')).toBe('Etc/GMT-9')
    expect(parseTimezone('gmt')).toBe('UTC')
  })

  it('refuses abbreviations with the zones they may mean, and answers typos, bare cities and offsets with did you mean', () => {
    expect(refusal('EST')).toMatch(/"EST" is an abbreviation or an old alias, not a place's zone .* Did you mean America\/New_York or America\/Panama\?$/)
    expect(refusal('MST')).toMatch(/Did you mean America\/Denver or America\/Phoenix\?$/)
    expect(refusal('BST')).toMatch(/^Option "timezone": "BST" is an abbreviation/)
    expect(refusal('Tokyo')).toBe('Option "timezone": "Tokyo" is not a time zone; use an IANA name such as Asia/Tokyo, Europe/Kyiv or UTC. Did you mean Asia/Tokyo?')
    expect(refusal('Asia/Tokio')).toMatch(/ Did you mean Asia\/Tokyo\?$/)
    expect(refusal('new york')).toMatch(/ Did you mean America\/New_York\?$/)
    expect(refusal('UTC+9')).toMatch(/ Did you mean Etc\/GMT-9\?$/)
    expect(refusal('Mars/Olympus')).toBe('Option "timezone": "Mars/Olympus" is not a time zone; use an IANA name such as Asia/Tokyo, Europe/Kyiv or UTC.')
  })
})

/** The reply's first line as the console shows it. */
async function answer(store: Store, command: string, options: RawOptions): Promise<string> {
  const reply = await runCommand({ command, subcommand: null, options, invoker: consoleInvoker(), now: NOW }, commandServices(store))
  return reply.kind === 'notice' ? `${reply.tone}: ${reply.lines[0]!.map((s) => s.text).join('')}` : `${reply.kind}`
}

for (const target of storeTargets) {
  describe(`mistakes on ${target.name}`, () => {
    let store: Store
    let dispose: () => Promise<void>
    beforeAll(async () => {
      ;({ store, dispose } = await freshStore(target))
      await seedStories(store, NOW)
    })
    afterAll(async () => dispose?.())

    it('dates: a month 13 is refused, not rolled into next year; a future from is called that, not "after to"', async () => {
      expect(await answer(store, 'timeline', { from: '2025-13-01' })).toBe('error: Option "from": "2025-13-01" is not a date; use YYYY-MM-DD.')
      expect(await answer(store, 'ceasefire-status', { 'as-of': '2025-13-01' })).toMatch(/^error: Option "as-of": "2025-13-01" is not a date/)
      expect(await answer(store, 'timeline', { from: '2026-04-01' })).toBe('error: Option "from" is in the future; give today or an earlier date.')
      expect(await answer(store, 'timeline', { from: '2026-03-10', to: '2026-03-01' })).toBe('error: Option "from" is after "to"; swap them.')
      expect(await answer(store, 'timeline', { from: '2026-03-01', to: '2026-03-10' })).toBe('entries')
    })

    it('time zones: /subscribe stores and shows Europe/Kyiv as typed and refuses EST with the zone it may mean', async () => {
      expect(await answer(store, 'subscribe', { topic: 'us-russia', timezone: 'EST' })).toMatch(/^error: .*"EST" is an abbreviation.* Did you mean America\/New_York/)
      expect(await answer(store, 'subscribe', { topic: 'us-russia', timezone: 'Europe/Kyiv' })).toMatch(/^ok: .*\(Europe\/Kyiv\)/)
      expect((await store.subscriptions.listAll()).map((s) => s.timezone)).toEqual(['Europe/Kyiv'])
    })

    it('ids: one beyond what the store can number is refused with its range, the largest is simply not there', async () => {
      expect(await answer(store, 'story', { id: '99999999999999999999' })).toBe('error: Option "id": must be at most 2147483647.')
      expect(await answer(store, 'story', { id: '2147483648' })).toBe('error: Option "id": must be at most 2147483647.')
      expect(await answer(store, 'story', { id: '2147483647' })).toBe('error: There is no story #2147483647.')
    })
  })
}
