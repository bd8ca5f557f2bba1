import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { ConfigError, readEnv } from '../src/config/env.js'
import type { Logger } from '../src/log.js'
import { checkFaithfulness, describeProblems, statedNumbers, type SourceItem } from '../src/6-summarise/faithfulness.js'
import { katakanaKey, latinKey } from '../src/6-summarise/name-keys.js'
import { createLlmSummariser, llmOptionsFromEnv, parseAnswer, type LlmOptions } from '../src/6-summarise/llm.js'
import type { SummaryInput } from '../src/6-summarise/types.js'

const entities = compileAliases(loadAliases())
const published = new Date('2025-10-17T08:00:00Z')

const STORY: SummaryInput = {
  title: 'Putin and Trump agree to meet in Budapest',
  items: [
    {
      url: 'https://news.example.com/world/putin-trump-budapest',
      title: 'Putin and Trump agree to meet in Budapest',
      text: 'Russian President Vladimir Putin and U.S. President Donald Trump agreed on Thursday to meet in Budapest. The Kremlin said preparations would take about two weeks. Officials said 1,200 prisoners could be exchanged.',
      language: 'en',
      source: 'Example Wire',
      publishedAt: published,
      duplicateOf: null,
    },
    {
      url: 'https://www.example.jp/news/20251017/k1',
      title: 'プーチン大統領とトランプ大統領 ブダペストで会談へ',
      text: 'ロシアのプーチン大統領とアメリカのトランプ大統領は、ハンガリーの首都ブダペストで会談することで合意しました。捕虜1200人の交換も協議されるということです。',
      language: 'ja',
      source: 'Example NHK',
      publishedAt: new Date('2025-10-17T09:00:00Z'),
      duplicateOf: null,
    },
    {
      url: 'https://example.ru/politics/123',
      title: 'Путин и Трамп договорились о встрече в Будапеште',
      text: 'Путин и Трамп договорились о встрече в Будапеште. Песков заявил, что подготовка займёт около двух недель.',
      language: 'ru',
      source: 'Пример',
      publishedAt: new Date('2025-10-17T10:00:00Z'),
      duplicateOf: null,
    },
    {
      url: 'https://copy.example.net/putin-trump',
      title: 'Putin and Trump agree to meet in Budapest',
      text: 'Russian President Vladimir Putin and U.S. President Donald Trump agreed on Thursday to meet in Budapest.',
      language: 'en',
      source: 'Copycat',
      publishedAt: new Date('2025-10-17T11:00:00Z'),
      duplicateOf: 'https://news.example.com/world/putin-trump-budapest',
    },
  ],
}
const URLS = STORY.items.map((i) => i.url)
const EN = URLS[0]!
const JA = URLS[1]!

// --- the fake OpenAI-compatible server ---------------------------------------------------------------------------

interface Received {
  path: string
  authorization: string | undefined
  body: { model: string; temperature: number; messages: { role: string; content: string }[] }
}
type Behaviour = (req: Received, res: ServerResponse) => void

let server: Server
let baseUrl: string
let behaviour: Behaviour
let received: Received[] = []

const answer = (res: ServerResponse, content: string) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }))
const json = (sentences: { text: string; url: string }[]) => JSON.stringify({ sentences })

/** Answers honestly: each item in the requested language contributes its own headline, with its URL. */
const honest: Behaviour = (req, res) => {
  const prompt = req.body.messages.find((m) => m.role === 'user')!.content
  const wanted = /Summarise this story in (\w+)\./.exec(prompt)![1]
  const blocks = prompt.split(/\n\n(?=\[\d+\] URL: )/).filter((b) => b.includes('URL: '))
  const sentences = blocks
    .map((b) => ({ url: /URL: (\S+)/.exec(b)![1]!, language: /Language: (\w+)/.exec(b)![1], title: /Title: (.*)/.exec(b)![1]! }))
    .filter((b) => b.language === wanted)
    .map((b) => ({ text: `${b.title}.`, url: b.url }))
  answer(res, json(sentences))
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      const r: Received = { path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) }
      received.push(r)
      behaviour(r, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})
beforeEach(() => {
  received = []
  behaviour = honest
})

function capture(): Logger & { lines: { level: string; message: string; fields: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = []
  const at = (level: string) => (message: string, fields: Record<string, unknown> = {}) => void lines.push({ level, message, fields })
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

function summariser(overrides: Partial<LlmOptions> = {}) {
  const log = capture()
  const llm = createLlmSummariser({ baseUrl, model: 'fake-model', timeoutMs: 2_000, dailyCalls: 100, entities, log, ...overrides })
  return { llm, log }
}

// --- the summariser against the fake --------------------------------------------------------------------------------

describe('createLlmSummariser', () => {
  it('accepts an honest answer: sentences in the requested language, each with its item URL', async () => {
    const { llm } = summariser()
    const en = await llm.summarise(STORY, 'en')
    expect(en).toEqual({ method: 'llm', sentences: [{ text: 'Putin and Trump agree to meet in Budapest.', url: EN, language: 'en' }] })
    const ja = await llm.summarise(STORY, 'ja')
    expect(ja?.sentences).toEqual([{ text: 'プーチン大統領とトランプ大統領 ブダペストで会談へ.', url: JA, language: 'ja' }])
  })

  it('sends one chat request at temperature 0 with only the story items (no near-copies), numbered with their URLs', async () => {
    const { llm } = summariser()
    await llm.summarise(STORY, 'ja')
    expect(received).toHaveLength(1)
    const { path, body } = received[0]!
    expect(path).toBe('/v1/chat/completions')
    expect(body.model).toBe('fake-model')
    expect(body.temperature).toBe(0)
    const prompt = body.messages.map((m) => m.content).join('\n')
    const linked = [...prompt.matchAll(/https?:\/\/\S+/g)].map((m) => m[0])
    expect(new Set(linked)).toEqual(new Set(URLS.slice(0, 3)))
    expect(prompt).toMatch(/\[1\] URL: https:\/\/www\.example\.jp/) // the requested language first
    expect(prompt).toContain('Japanese')
    for (const item of STORY.items.slice(0, 3)) expect(prompt).toContain(item.text)
    expect(received[0]!.authorization).toBeUndefined()
  })

  it('parses JSON wrapped in a code fence (and a <think> block)', async () => {
    behaviour = (_req, res) => answer(res, `<think>Let me see.</think>\nHere is the summary:\n\`\`\`json\n${json([{ text: 'Putin and Trump agreed on Thursday to meet in Budapest.', url: EN }])}\n\`\`\``)
    const { llm } = summariser()
    expect((await llm.summarise(STORY, 'en'))?.sentences).toEqual([{ text: 'Putin and Trump agreed on Thursday to meet in Budapest.', url: EN, language: 'en' }])
  })

  it.each([
    ['an invented person', 'Putin and Trump will meet Sergei Ivanenko in Budapest.', EN, /unsupported name Ivanenko/],
    ['a wrong number', 'Officials said 5,000 prisoners could be exchanged.', EN, /unsupported number 5000/],
    ['a link not in the story', 'Putin and Trump agreed to meet in Budapest.', 'https://elsewhere.example.org/story', /unsupported link https:\/\/elsewhere/],
    ['a dictionary person no item names', 'Zelensky said he would join the Budapest meeting.', EN, /unsupported entity person:zelensky/],
  ])('rejects %s, logging why', async (_what, text, url, reason) => {
    behaviour = (_req, res) => answer(res, json([{ text, url }]))
    const { llm, log } = summariser()
    expect(await llm.summarise(STORY, 'en')).toBeNull()
    const rejection = log.lines.find((l) => /faithfulness/.test(l.message))
    expect(rejection?.level).toBe('info')
    expect((rejection?.fields.problems as string[]).join('\n')).toMatch(reason)
  })

  it('gives up on a slow server at the time limit', async () => {
    behaviour = (_req, res) => void setTimeout(() => answer(res, json([{ text: 'Too late.', url: EN }])), 3_000).unref()
    const { llm, log } = summariser({ timeoutMs: 200 })
    const started = Date.now()
    expect(await llm.summarise(STORY, 'en')).toBeNull()
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(log.lines.some((l) => l.level === 'warn' && /timed out/.test(l.message))).toBe(true)
  })

  it('returns null on a server error', async () => {
    behaviour = (_req, res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"model crashed"}')
    const { llm, log } = summariser()
    expect(await llm.summarise(STORY, 'en')).toBeNull()
    expect(log.lines.find((l) => l.level === 'warn')?.fields.status).toBe(500)
  })

  it.each([
    ['prose', 'Putin and Trump agreed to meet.'],
    ['JSON without sentences', '{"summary":"Putin and Trump agreed to meet."}'],
    ['broken JSON', '{"sentences":[{"text":"Putin and Trump agreed'],
  ])('returns null on an unparseable answer (%s)', async (_what, content) => {
    behaviour = (_req, res) => answer(res, content)
    const { llm, log } = summariser()
    expect(await llm.summarise(STORY, 'en')).toBeNull()
    expect(log.lines.some((l) => l.level === 'warn' && /not usable/.test(l.message))).toBe(true)
  })

  it('returns null when the server cannot be reached', async () => {
    const { llm } = summariser({ baseUrl: 'http://127.0.0.1:9/v1' })
    expect(await llm.summarise(STORY, 'en')).toBeNull()
  })

  it('keeps to the daily budget per UTC day without calling the server past it', async () => {
    let now = new Date('2025-10-17T22:00:00Z')
    const { llm, log } = summariser({ dailyCalls: 2, now: () => now })
    expect(await llm.summarise(STORY, 'en')).not.toBeNull()
    expect(await llm.summarise(STORY, 'ja')).not.toBeNull()
    expect(await llm.summarise(STORY, 'en')).toBeNull()
    expect(await llm.summarise(STORY, 'en')).toBeNull()
    expect(received).toHaveLength(2)
    expect(log.lines.filter((l) => /budget spent/.test(l.message))).toHaveLength(1)
    now = new Date('2025-10-18T00:00:01Z')
    expect(await llm.summarise(STORY, 'en')).not.toBeNull()
    expect(received).toHaveLength(3)
  })

  it('sends the API key as a bearer token and never logs it', async () => {
    const key = 'sk-test-0123456789abcdef'
    behaviour = (req, res) => (req.authorization === `Bearer ${key}` ? honest(req, res) : res.writeHead(401).end())
    const { llm, log } = summariser({ apiKey: key })
    expect(await llm.summarise(STORY, 'en')).not.toBeNull()
    expect(received[0]!.authorization).toBe(`Bearer ${key}`)
    behaviour = (_req, res) => res.writeHead(500).end('bad')
    await llm.summarise(STORY, 'en')
    expect(JSON.stringify(log.lines)).not.toContain(key)
    expect(JSON.stringify(log.lines)).not.toContain(STORY.items[0]!.text) // nor the prompt
  })

  it('is off when not configured, without touching the network', async () => {
    const { llm, log } = summariser({ baseUrl: undefined })
    expect(await llm.summarise(STORY, 'en')).toBeNull()
    expect(await llm.summarise(STORY, 'en')).toBeNull()
    expect(received).toHaveLength(0)
    expect(log.lines.filter((l) => l.level === 'info')).toHaveLength(1)
  })
})

describe('parseAnswer', () => {
  it('takes a bare list, strips a repeated link from the text and keeps at most 3 sentences', () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ text: `Sentence ${i + 2} (${EN})`, url: ` ${EN} ` }))
    expect(parseAnswer(JSON.stringify(four))).toEqual({ sentences: [2, 3, 4].map((n) => ({ text: `Sentence ${n}`, url: EN })) })
  })
})

// --- the check itself -----------------------------------------------------------------------------------------------

describe('checkFaithfulness', () => {
  const sources: SourceItem[] = STORY.items.slice(0, 3)
  const check = (text: string, language: string, url = EN, from: SourceItem[] = sources) => checkFaithfulness([{ text, url }], from, entities, { language })

  it('backs names across languages through the dictionary ids', () => {
    const enOnly = [sources[0]!]
    expect(check('プーチン大統領とトランプ大統領はブダペストで会うことで合意した。', 'ja', EN, enOnly)).toMatchObject({ ok: true, problems: [] })
    expect(check('Путин и Трамп встретятся в Будапеште.', 'ru', EN, enOnly).ok).toBe(true)
    const ja = check('ゼレンスキー大統領もブダペストを訪れる。', 'ja', EN, enOnly)
    expect(describeProblems(ja)).toEqual(['sentence 1: unsupported entity person:zelensky'])
  })

  it('treats katakana runs outside the dictionary as names, except common loanwords', () => {
    const enOnly = [sources[0]!]
    expect(describeProblems(check('プーチン大統領はイワネンコ氏とブダペストで会う。', 'ja', EN, enOnly))).toEqual(['sentence 1: unsupported name イワネンコ'])
    expect(check('ブダペストでの会談に向け、ドローン対策も協議する。', 'ja', EN, enOnly).ok).toBe(true)
  })

  it('matches foreign names across scripts by sound, not loosely', () => {
    const en: SourceItem[] = [{ url: 'e', title: '', text: 'Russia released Evan Gershkovich, Paul Whelan and Vadim Krasikov at Ankara airport.', language: 'en' }]
    const ok = (text: string, language: string, from = en) => checkFaithfulness([{ text, url: from[0]!.url }], from, entities, { language }).ok
    expect(ok('ロシアはゲルシコビッチ記者やポール・ウィーラン氏を解放した。', 'ja')).toBe(true)
    expect(ok('クラシコフ受刑者も解放された。', 'ja')).toBe(true)
    expect(ok('ロシアはイワネンコ記者を解放した。', 'ja')).toBe(false)
    const ru: SourceItem[] = [{ url: 'r', title: '', text: 'Министр обороны Сергей Шойгу уточнил, что речь идёт о 300 тысячах резервистов.', language: 'ru' }]
    expect(ok('Defence Minister Sergei Shoigu put the call-up at 300,000 reservists.', 'en', ru)).toBe(true)
    expect(ok('Defence Minister Sergei Lavrentiev put the call-up at 300,000 reservists.', 'en', ru)).toBe(false)
    expect(katakanaKey('ゲルシコビッチ')).toBe(latinKey('Gershkovich'))
    expect(latinKey('Гершкович')).toBe(latinKey('Gershkovich'))
  })

  it('reads numbers the way the sources write them: 1,200 = 1200人, two weeks = 2, years', () => {
    expect(check('捕虜1200人の交換が協議される。', 'ja', JA).ok).toBe(true)
    expect(check('1,200 prisoners could be exchanged, officials said.', 'en').ok).toBe(true)
    expect(check('Preparations will take two weeks, the Kremlin said.', 'en').ok).toBe(true)
    expect(describeProblems(check('Preparations will take three weeks.', 'en'))).toEqual(['sentence 1: unsupported number 3'])
    expect(describeProblems(check('Putin and Trump agreed in 2024 to meet in Budapest.', 'en'))).toEqual(['sentence 1: unsupported number 2024'])
    expect([...statedNumbers('約３０万人、2,000 troops, 1.5 million, 21%, twenty-five')].sort()).toEqual(['300000', '1500000', '21', '2000', '25'].sort())
    expect([...statedNumbers('£30m, $1.2bn and a 30m tower')]).toEqual(['30000000', '1200000000', '30'])
  })

  it('checks capitalised names but not a lone capitalised word opening a sentence', () => {
    expect(check('Officials said prisoners could be exchanged.', 'en').ok).toBe(true)
    expect(check('The Kremlin said preparations would take about two weeks.', 'en').ok).toBe(true)
    expect(describeProblems(check('Sergei Ivanenko said the leaders agreed to meet.', 'en'))).toEqual(['sentence 1: unsupported name Sergei', 'sentence 1: unsupported name Ivanenko'])
    expect(describeProblems(check('Putin and Trump will meet at the Matthias Church in Budapest.', 'en'))).toEqual(['sentence 1: unsupported name Matthias', 'sentence 1: unsupported name Church'])
    // A dictionary name is judged once, on its id.
    expect(describeProblems(check('The Pentagon said Putin and Trump agreed to meet.', 'en'))).toEqual(['sentence 1: unsupported entity org:pentagon'])
  })

  it('rejects a sentence in the wrong language and links outside the story', () => {
    expect(describeProblems(check('Putin and Trump agreed to meet in Budapest.', 'ja'))).toEqual(['sentence 1: unsupported language not ja'])
    expect(describeProblems(check(`Putin and Trump agreed to meet (https://elsewhere.example.org/x).`, 'en'))).toEqual(['sentence 1: unsupported link https://elsewhere.example.org/x'])
  })

  it('scores made-up content above a faithful compression (for ranking)', () => {
    const article: SourceItem[] = [{ url: 'a', title: '', text: 'five ambitious clubs are locked in a scramble for two champions league places behind chelsea.', language: 'en' }]
    const faithful = checkFaithfulness([{ text: 'five ambitious clubs are locked in a scramble for two champions league places.', url: 'a' }], article, entities, { language: 'en' })
    const swapped = checkFaithfulness([{ text: 'five ambitious clubs are locked in a bid for two champions league places.', url: 'a' }], article, entities, { language: 'en' })
    expect(faithful.ok && swapped.ok).toBe(true)
    expect(swapped.unsupportedWords).toEqual(['bid'])
    expect(swapped.score).toBeGreaterThan(faithful.score)
  })
})

describe('LLM settings in the environment', () => {
  it('are off by default, with a 20 s time limit and 200 calls a day', () => {
    const env = readEnv({})
    expect(env.LLM_BASE_URL).toBeUndefined()
    expect([env.LLM_TIMEOUT_MS, env.LLM_DAILY_CALLS]).toEqual([20_000, 200])
    expect(llmOptionsFromEnv(env).baseUrl).toBeUndefined()
  })

  it('need LLM_MODEL with LLM_BASE_URL, and an http(s) URL', () => {
    expect(() => readEnv({ LLM_BASE_URL: 'http://localhost:11434/v1' })).toThrow(/LLM_MODEL: required when LLM_BASE_URL is set/)
    expect(() => readEnv({ LLM_BASE_URL: 'ftp://example.org', LLM_MODEL: 'm' })).toThrow(ConfigError)
    expect(() => readEnv({ LLM_BASE_URL: 'ftp://example.org', LLM_MODEL: 'm' })).toThrow(/LLM_BASE_URL: must be an http\(s\) URL/)
    const env = readEnv({ LLM_BASE_URL: 'https://llm.example.org/v1', LLM_MODEL: 'qwen2.5:7b', LLM_API_KEY: 'sk-secret-value', LLM_DAILY_CALLS: '0' })
    expect(llmOptionsFromEnv(env)).toMatchObject({ baseUrl: 'https://llm.example.org/v1', model: 'qwen2.5:7b', apiKey: 'sk-secret-value', dailyCalls: 0 })
  })
})
