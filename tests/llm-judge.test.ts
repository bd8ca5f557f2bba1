// The optional LLM judge (issue 13, part 5) against a fake OpenAI-compatible server on 127.0.0.1 that answers from a
// table: the sentence in the prompt → the answer. A faithful classification replaces the rule reading; one the
// sentence does not back (evidence not in it, a scope or party it does not name, a swap called a ceasefire), a
// malformed answer, a timeout or a spent budget leave the rule reading; the default path makes no request.
import type { ServerResponse } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import { readItem } from '../src/6-summarise/ceasefire/reader.js'
import { createCeasefireJudge } from '../src/6-summarise/judge/ceasefire-judge.js'
import { createJudgeChat, type JudgeChatOptions } from '../src/6-summarise/judge/chat.js'
import { createAppContext } from '../src/app/context.js'
import { consoleInvoker } from '../src/cli/console-invoker.js'
import { ConfigError, readEnv } from '../src/config/env.js'
import type { Store } from '../src/7-store/types.js'
import { ceasefireLexicon, ceasefireStatus } from '../src/services/ceasefire.js'
import { clusterPending } from '../src/services/cluster-stories.js'
import { entities } from './support/command-services.js'
import { itemFactory } from './support/items.js'
import { chatReply, startFakeLlm, type FakeAnswer, type FakeLlm } from './support/fake-llm.js'
import { freshStore, storeTargets } from './support/stores.js'

const lexicon = ceasefireLexicon()
// 10 March 2022: the foreign ministers' meeting in Antalya; the rule reader takes it for talks.
const ANTALYA = 'Ukrainian Foreign Minister Dmytro Kuleba said after meeting Sergei Lavrov in Antalya on Thursday that there had been no progress on a 24-hour ceasefire.'
// 16 May 2025: the Istanbul talks agreed a prisoner exchange, not a ceasefire.
const ISTANBUL = 'Russia and Ukraine agreed at their first direct talks in three years in Istanbul to exchange 1,000 prisoners of war each, but not on a ceasefire.'
const PUBLISHED = new Date('2022-03-10T15:00:00Z')

const faithful = { reading: 'proposed', scope: ['temporary'], action: 'propose', object: 'ceasefire', object_text: '24-hour ceasefire', negated: false, speaker: 'Kyiv', evidence: 'no progress on a 24-hour ceasefire' }

// --- the fake server: one answer (or behaviour) per sentence ----------------------------------------------------------

let fake: FakeLlm
let table: Map<string, FakeAnswer>
let received: string[]
let baseUrl: string
const nothing = (sentence: string) => ({ reading: 'none', action: 'none', object: 'none', object_text: '', evidence: sentence.slice(0, 10), speaker: 'none' })

beforeAll(async () => {
  fake = await startFakeLlm((prompt) => /<<<([\s\S]*)>>>/.exec(prompt)?.[1] ?? '', nothing)
  ;({ table, received, baseUrl } = fake)
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

function judge(overrides: Partial<JudgeChatOptions> = {}) {
  return createCeasefireJudge({ chat: createJudgeChat({ baseUrl, model: 'fake', timeoutMs: 2_000, callsPerMinute: 100, ...overrides }), lexicon })
}

async function judged(sentence: string, answer: FakeAnswer, overrides: Partial<JudgeChatOptions> = {}) {
  table.set(sentence, answer)
  const j = judge(overrides)
  await j.prepare([{ title: '', text: sentence, publishedAt: PUBLISHED }])
  return { reading: j.readItem('', sentence, PUBLISHED), rule: readItem(lexicon, '', sentence, PUBLISHED), judge: j }
}

describe('the ceasefire-sentence judge', () => {
  it('accepts a classification the sentence backs, in place of the rule reading', async () => {
    const { reading, rule, judge: j } = await judged(ANTALYA, faithful)
    expect(rule.state).toBe('talks')
    expect(reading).toMatchObject({ state: 'proposed', stance: 'propose' })
    expect(reading.claims.map((c) => c.speaker)).toEqual(['Kyiv'])
    expect(j.stats()).toMatchObject({ asked: 1, accepted: 1, rejected: 0 })
  })

  it.each([
    ['an evidence span the sentence does not contain', { ...faithful, evidence: 'no progress on a 30-day ceasefire', object_text: 'ceasefire' }, /evidence .* is not in the sentence/],
    ['a scope the sentence does not name', { ...faithful, reading: 'partial', scope: ['energy'] }, /scope energy is not named/],
    ['a party the sentence does not name', { ...faithful, speaker: 'Washington' }, /speaker Washington is not named/],
    ['object words outside the evidence', { ...faithful, object_text: 'Foreign Minister' }, /not in the evidence/],
    ['a ceasefire state of talks', { ...faithful, object: 'talks', object_text: 'progress' }, /reading proposed of a talks, not of a truce/],
  ])('rejects %s and keeps the rule reading', async (_what, answer, reason) => {
    const { reading, rule, judge: j } = await judged(ANTALYA, answer)
    expect(reading).toEqual(rule)
    const outcome = j.outcome(ANTALYA)
    expect(outcome?.status).toBe('rejected')
    expect(outcome?.status === 'rejected' && outcome.reasons.join('\n')).toMatch(reason)
  })

  it('rejects a prisoner exchange called a ceasefire: the lexicon knows the words as a swap', async () => {
    const answer = { reading: 'agreed', scope: [], action: 'agree', object: 'ceasefire', object_text: 'exchange 1,000 prisoners of war', negated: false, speaker: 'none', evidence: 'agreed at their first direct talks in three years in Istanbul to exchange 1,000 prisoners of war' }
    const { reading, rule, judge: j } = await judged(ISTANBUL, answer)
    expect(reading).toEqual(rule)
    expect(j.outcome(ISTANBUL)).toMatchObject({ status: 'rejected', reasons: [expect.stringMatching(/names swap, not ceasefire/)] })
  })

  it.each([
    ['prose', 'It is a proposal.'],
    ['a reading outside the list', JSON.stringify({ ...faithful, reading: 'maybe' })],
    ['no evidence', JSON.stringify({ ...faithful, evidence: '' })],
    ['a speaker outside the list', JSON.stringify({ ...faithful, speaker: 'Kremlin' })],
  ])('keeps the rule reading on a malformed answer (%s)', async (_what, answer) => {
    const { reading, rule, judge: j } = await judged(ANTALYA, answer)
    expect(reading).toEqual(rule)
    expect(j.outcome(ANTALYA)?.status).toBe('failed')
  })

  it('falls back at the time limit', async () => {
    const slow = (res: ServerResponse) => void setTimeout(() => chatReply(res, JSON.stringify(faithful)), 3_000).unref()
    const started = Date.now()
    const { reading, rule, judge: j } = await judged(ANTALYA, slow, { timeoutMs: 200 })
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(reading).toEqual(rule)
    expect(j.outcome(ANTALYA)).toEqual({ status: 'failed', reason: 'timeout' })
  })

  it('asks about a sentence once per process, and not past the calls per minute', async () => {
    table.set(ANTALYA, faithful)
    const j = judge({ callsPerMinute: 1 })
    const item = { title: '', text: ANTALYA, publishedAt: PUBLISHED }
    await j.prepare([item, item])
    await j.prepare([item])
    expect(received).toEqual([ANTALYA])
    await j.prepare([{ title: '', text: ISTANBUL, publishedAt: PUBLISHED }])
    expect(received).toHaveLength(1)
    expect(j.stats()).toMatchObject({ asked: 1, skipped: 1 })
    expect(j.readItem('', ISTANBUL, PUBLISHED)).toEqual(readItem(lexicon, '', ISTANBUL, PUBLISHED))
  })

  it('asks nothing about a sentence that names no truce, halt or limited deal', async () => {
    await judge().prepare([{ title: 'Kuleba meets Lavrov in Antalya', text: 'The foreign ministers met in Antalya on Thursday.', publishedAt: PUBLISHED }])
    expect(received).toEqual([])
  })
})

describe('NEWSBOT_LLM_JUDGE', () => {
  it('is off by default, and needs LLM_BASE_URL', () => {
    expect(readEnv({}).NEWSBOT_LLM_JUDGE).toBe(false)
    expect(readEnv({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'm' }).NEWSBOT_LLM_JUDGE).toBe(false)
    expect(() => readEnv({ NEWSBOT_LLM_JUDGE: 'true' })).toThrow(ConfigError)
    expect(() => readEnv({ NEWSBOT_LLM_JUDGE: 'true' })).toThrow(/NEWSBOT_LLM_JUDGE: needs LLM_BASE_URL/)
    expect(() => readEnv({ NEWSBOT_LLM_JUDGE: 'true', LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'm', NEWSBOT_LLM_JUDGE_CALLS_PER_MINUTE: '0' })).toThrow(/NEWSBOT_LLM_JUDGE_CALLS_PER_MINUTE/)
  })

  it('without it, /ceasefire-status asks the LLM nothing even with LLM_BASE_URL set; with it, the judge is asked', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-judge-'))
    const env = { DATABASE_URL: `file:${path.join(dir, 'test.db')}`, LLM_BASE_URL: baseUrl, LLM_MODEL: 'fake', NEWSBOT_BASELINE: 'false', NEWSBOT_LOG_LEVEL: 'error' }
    try {
      table.set(ANTALYA, faithful)
      const off = await createAppContext(env)
      expect(off.ceasefireJudge).toBeUndefined()
      await seed(off.store)
      const ask = async (ctx: typeof off) =>
        ((await runCommand({ command: 'ceasefire-status', subcommand: null, options: { 'as-of': '2022-03-11' }, invoker: consoleInvoker({ locale: 'en' }), now: new Date('2022-03-11T12:00:00Z') }, ctx)).data as { state: string }).state
      expect(await ask(off)).toBe('talks')
      await off.close()
      expect(received).toEqual([])
      const on = await createAppContext({ ...env, NEWSBOT_LLM_JUDGE: 'true' })
      expect(await ask(on)).toBe('proposed')
      await on.close()
      expect(received).toContain(ANTALYA)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

async function seed(store: Store): Promise<void> {
  const [wire, paper] = (
    await store.feeds.sync([
      { url: 'https://wire.example/rss', name: 'Example Wire', language: 'en', country: 'US', kind: 'wire', pollMinutes: null, origin: 'config' },
      { url: 'https://paper.example/rss', name: 'Example Paper', language: 'en', country: 'GB', kind: 'newspaper', pollMinutes: null, origin: 'config' },
    ])
  ).map((f) => f.id) as [number, number]
  const at = PUBLISHED.toISOString()
  await store.items.upsert(wire, [itemFactory('wire.example')('Kuleba and Lavrov meet in Antalya: no ceasefire progress', ANTALYA, at, 'en')], { backfill: false, seenAt: PUBLISHED })
  await store.items.upsert(paper, [itemFactory('paper.example')('Kuleba: no progress on a ceasefire after Antalya talks with Lavrov', ANTALYA, at, 'en')], { backfill: false, seenAt: PUBLISHED })
  await clusterPending({ store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: 0.6 })
}

for (const target of storeTargets) {
  describe(`ceasefireStatus with the judge on ${target.name}`, () => {
    let store: Store
    let dispose: () => Promise<void>
    beforeAll(async () => {
      ;({ store, dispose } = await freshStore(target))
      await seed(store)
    })
    afterAll(async () => dispose?.())

    it('reads the accepted judgement into the state; without the judge, the rule reading', async () => {
      table.set(ANTALYA, faithful)
      const asOf = new Date('2022-03-11T12:00:00Z')
      expect((await ceasefireStatus(store, asOf)).state).toBe('talks')
      expect(received).toEqual([])
      expect((await ceasefireStatus(store, asOf, [], judge())).state).toBe('proposed')
    })
  })
}
