// The optional same-event pair judge (issue 13, part 5) against a fake OpenAI-compatible server answering from a
// table (first headline of A | first headline of B → answer): "same" counts only when its date, place and
// counterparts occur in both stories, across languages through the alias dictionary.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { createJudgeChat } from '../src/6-summarise/judge/chat.js'
import { createPairJudge, type PairItem } from '../src/6-summarise/judge/pair-judge.js'
import { startFakeLlm, type FakeLlm } from './support/fake-llm.js'

const entities = compileAliases(loadAliases())

// 18 March 2025: Trump's call with Putin; 19 March: his call with Zelensky, the day after.
const PUTIN_CALL: PairItem[] = [
  { title: 'Putin agrees in call with Trump to halt strikes on energy facilities', text: 'Vladimir Putin and Donald Trump spoke by phone for more than two hours on 18 March.', language: 'en', publishedAt: new Date('2025-03-18T19:30:00Z') },
]
const PUTIN_CALL_JA: PairItem[] = [
  { title: 'トランプ大統領とプーチン大統領が電話会談　エネルギー施設への攻撃停止で一致', text: 'アメリカのトランプ大統領とロシアのプーチン大統領は18日、電話で会談しました。', language: 'ja', publishedAt: new Date('2025-03-18T20:00:00Z') },
]
const ZELENSKY_CALL: PairItem[] = [
  { title: 'Trump and Zelensky speak by phone a day after Putin call', text: 'Donald Trump and Volodymyr Zelensky spoke by phone on 19 March, a day after Trump’s call with Vladimir Putin.', language: 'en', publishedAt: new Date('2025-03-19T16:00:00Z') },
]

let fake: FakeLlm
beforeAll(async () => {
  fake = await startFakeLlm(
    (prompt) => [/\[A1\][^\n]*\nTitle: (.*)/.exec(prompt)?.[1], /\[B1\][^\n]*\nTitle: (.*)/.exec(prompt)?.[1]].join(' | '),
    () => 'no idea',
  )
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const key = (a: PairItem[], b: PairItem[]) => `${a[0]!.title} | ${b[0]!.title}`
const judge = () => createPairJudge({ chat: createJudgeChat({ baseUrl: fake.baseUrl, model: 'fake', timeoutMs: 2_000, callsPerMinute: 100 }), entities })

describe('the same-event pair judge', () => {
  it('takes "same" when the date and counterparts it cites are in both stories, across languages', async () => {
    fake.table.set(key(PUTIN_CALL, PUTIN_CALL_JA), { same: true, date: '2025-03-18', place: null, counterparts: ['Trump', 'Putin'], reason: 'the same call' })
    expect(await judge().judge(PUTIN_CALL, PUTIN_CALL_JA)).toEqual({ same: true, reasons: [], facts: { date: '2025-03-18', place: null, counterparts: ['Trump', 'Putin'] } })
  })

  it.each([
    ['a counterpart one story does not name', { same: true, date: '2025-03-18', counterparts: ['Trump', 'Zelensky'] }, /A does not name Zelensky/],
    ['a date one story does not give', { same: true, date: '2025-03-18', counterparts: ['Trump', 'Putin'] }, /date 2025-03-18 is not a day B gives/],
    ['no date', { same: true, counterparts: ['Trump', 'Putin'] }, /no date cited/],
    ['a single counterpart and no place', { same: true, date: '2025-03-19', counterparts: ['Trump'] }, /neither a place nor two counterparts/],
  ])('refuses "same" citing %s', async (_what, answer, reason) => {
    fake.table.set(key(PUTIN_CALL, ZELENSKY_CALL), answer)
    const verdict = await judge().judge(PUTIN_CALL, ZELENSKY_CALL)
    expect(verdict.same).toBeNull()
    expect(verdict.reasons.join('\n')).toMatch(reason)
  })

  it('takes "different" as it is, and no JSON as no verdict; asks about a pair once', async () => {
    fake.table.set(key(PUTIN_CALL, ZELENSKY_CALL), { same: false, reason: 'two calls on two days' })
    const j = judge()
    expect(await j.judge(PUTIN_CALL, ZELENSKY_CALL)).toEqual({ same: false, reasons: [] })
    expect(await j.judge(ZELENSKY_CALL, PUTIN_CALL)).toEqual({ same: false, reasons: [] })
    expect(fake.received).toHaveLength(1)
    expect((await j.judge(PUTIN_CALL_JA, ZELENSKY_CALL)).same).toBeNull()
  })
})
