import { describe, expect, it } from 'vitest'
import { bandKeys, minhash, shingles, similarity } from '../src/4-dedupe/minhash.js'

const sig = (text: string) => minhash(shingles(text))
const wire =
  'Russia and Ukraine agreed on Wednesday to exchange 1,200 prisoners of war each after talks in Istanbul lasting less than an hour, ' +
  'but remained far apart on the terms of a ceasefire, negotiators for both sides said.'

describe('near-duplicate fingerprints', () => {
  it('sees a syndicated copy with a credit line, "U.S." vs "US" and a changed headline as near-identical', () => {
    const copy = `${wire.replace('Russia and Ukraine', 'Russia and Ukraine, with U.S. officials watching,')} (Reuters)`
    const reheadlined = `Moscow, Kyiv to swap more POWs\n${wire}`
    expect(similarity(sig(wire), sig(copy))).toBeGreaterThan(0.6)
    expect(similarity(sig(`Original headline\n${wire}`), sig(reheadlined))).toBeGreaterThan(0.6)
    expect(similarity(sig('The U.S. and Russia talk'), sig('The US and Russia talk'))).toBe(1)
  })

  it('keeps different reports on the same event apart', () => {
    const other = 'Kyiv proposed a meeting between Zelenskiy and Putin by the end of August, while Moscow said a summit should only finalise a deal.'
    expect(similarity(sig(wire), sig(other))).toBeLessThan(0.2)
  })

  it('works on Japanese text without spaces', () => {
    const ja = 'ロシアとウクライナはイスタンブールで協議し、捕虜1200人ずつの交換で合意した。停戦条件では隔たりが残った。'
    expect(similarity(sig(ja), sig(`${ja}（共同）`))).toBeGreaterThan(0.8)
    expect(similarity(sig(ja), sig('米ロ首脳が電話会談、ハンガリーの首都ブダペストで会談することで合意した。'))).toBeLessThan(0.1)
  })

  it('puts near-copies in a shared LSH band, so the index finds them without scanning', () => {
    const a = bandKeys(sig(wire))
    const b = bandKeys(sig(`${wire} (AP)`))
    expect(a.filter((k) => b.includes(k)).length).toBeGreaterThan(0)
    expect(a).toHaveLength(16)
  })
})
