// What a user who types something slightly off gets: the one option grammar of the text front ends, strict dates,
// ids in range, time zones by their IANA names; each answered with what to type instead.
import { describe, expect, it } from 'vitest'
import { parseTextOptions } from '../commands/options.js'
import { findCommand } from '../commands/registry.js'
import { parseSlackCommand } from '../src/8-deliver/slack/command-text.js'

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
