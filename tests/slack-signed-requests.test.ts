// The replay guard in front of Bolt's HTTP receiver, on its own clock: a timestamp within five minutes either way,
// each signature once, only verified requests remembered, and memory bounded without forgetting a live signature.
import { describe, expect, it } from 'vitest'
import { ReplayGuard } from '../src/8-deliver/slack/signed-requests.js'
import { signSlackRequest } from './support/fake-slack.js'

const SECRET = 'test-signing-secret'
const T0 = 1_800_000_000

function guardAt(maxRemembered?: number) {
  const clock = { now: T0 * 1000 }
  const guard = new ReplayGuard(SECRET, () => clock.now, maxRemembered)
  const check = (body: string, ts = Math.floor(clock.now / 1000), secret = SECRET) => guard.check(signSlackRequest(secret, body, ts), body)
  return { clock, check }
}

describe('ReplayGuard', () => {
  it('takes a request dated up to five minutes either side of our clock, and nothing further out', () => {
    const { check } = guardAt()
    expect(check('a', T0 - 299)).toBeNull()
    expect(check('b', T0 + 299)).toBeNull()
    expect(check('c', T0 - 6 * 60)).toBe('timestamp more than five minutes from our clock')
    expect(check('d', T0 + 6 * 60)).toBe('timestamp more than five minutes from our clock')
  })

  it('takes each signed request once', () => {
    const { check } = guardAt()
    expect(check('text=topics')).toBeNull()
    expect(check('text=topics')).toBe('replayed')
    expect(check('text=topics', T0 + 1)).toBeNull()
  })

  it('remembers only requests it verified, so forged ones cannot crowd out real ones', () => {
    const { check } = guardAt(2)
    for (let i = 0; i < 5; i++) expect(check(`forged ${i}`, T0, 'wrong-secret')).toBe('signature mismatch')
    expect(check('real 1')).toBeNull()
    expect(check('real 2')).toBeNull()
  })

  it('is bounded: when full of live signatures it refuses new ones rather than forget one; past the window it forgets', () => {
    const { clock, check } = guardAt(2)
    expect(check('one')).toBeNull()
    expect(check('two')).toBeNull()
    expect(check('three')).toBe('too many signed requests within five minutes')
    expect(check('one')).toBe('replayed')
    clock.now += 301_000
    expect(check('three')).toBeNull()
    expect(check('one', T0)).toBe('timestamp more than five minutes from our clock')
    expect(check('four')).toBeNull()
  })
})
