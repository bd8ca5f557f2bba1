import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { validateHeaderValue } from 'node:http'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { userAgent } from '../src/app/context.js'
import { DEFAULT_CONFIG_PATH, LANGUAGES, loadAppConfig } from '../src/config/app-config.js'
import { ConfigError, readEnv } from '../src/config/env.js'

const shipped = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'))

function writeConfig(config: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsbot-config-')), 'config.json')
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config))
  return file
}

describe('the shipped config', () => {
  const config = loadAppConfig()
  it('has at least 20 feeds covering en, ja, ru and uk, each with outlet, language, country and kind', () => {
    expect(config.feeds.length).toBeGreaterThanOrEqual(20)
    expect(new Set(config.feeds.map((f) => f.language))).toEqual(new Set(LANGUAGES))
    for (const kind of ['wire', 'public-broadcaster', 'newspaper', 'state-media', 'aggregator']) {
      expect(config.feeds.some((f) => f.kind === kind), kind).toBe(true)
    }
  })

  it('defines us-russia, ukraine-war and ceasefire with terms in all four languages', () => {
    expect(config.topics.map((t) => t.id)).toEqual(['us-russia', 'ukraine-war', 'ceasefire'])
    for (const topic of config.topics) {
      for (const group of topic.require) expect(Object.keys(group).sort()).toEqual(['en', 'ja', 'ru', 'uk'])
    }
  })
})

describe('a bad config file', () => {
  const refusal = (config: unknown) => {
    try {
      loadAppConfig(writeConfig(config))
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      return (err as Error).message
    }
    return expect.fail('the config was accepted')
  }

  it('is refused with the exact field named', () => {
    const badLanguage = structuredClone(shipped)
    badLanguage.feeds[3].language = 'de'
    expect(refusal(badLanguage)).toMatch(/feeds\[3\]\.language: /)
    const badUrl = structuredClone(shipped)
    badUrl.feeds[0].url = 'gopher://x'
    expect(refusal(badUrl)).toMatch(/feeds\[0\]\.url: must be an http\(s\) URL/)
    const badTopic = structuredClone(shipped)
    badTopic.topics[1].require[0] = { en: [] }
    expect(refusal(badTopic)).toMatch(/topics\[1\]\.require\[0\]: a term group needs at least one term/)
    const unknownField = structuredClone(shipped)
    unknownField.feeds[2].lang = 'en'
    expect(refusal(unknownField)).toMatch(/feeds\[2\]: Unrecognized key: "lang"/)
    const duplicate = structuredClone(shipped)
    duplicate.feeds.push(duplicate.feeds[0])
    expect(refusal(duplicate)).toMatch(new RegExp(`feeds\\[${shipped.feeds.length}\\]\\.url: duplicate feed URL`))
  })

  it('is refused when it is not JSON or not there, named by its variable, NEWSBOT_CONFIG', () => {
    expect(refusal('{ "feeds": [')).toMatch(/is not valid JSON/)
    expect(() => loadAppConfig('/nonexistent/newsbot.json')).toThrow(/^config: cannot read NEWSBOT_CONFIG=\/nonexistent\/newsbot.json: /)
    const notJson = writeConfig('{ "feeds": [')
    expect(() => loadAppConfig(notJson)).toThrow(`config: NEWSBOT_CONFIG=${notJson} is not valid JSON`)
    const invalid = writeConfig({ ...shipped, topics: [] })
    expect(() => loadAppConfig(invalid)).toThrow(`config: NEWSBOT_CONFIG=${invalid} is invalid: topics:`)
  })
})

describe('environment', () => {
  it('applies defaults', () => {
    expect(readEnv({})).toMatchObject({ DATABASE_URL: 'file:./data/newsbot.db', NEWSBOT_ALLOW_PRIVATE_NETWORKS: false, NEWSBOT_POLL_INTERVAL_MINUTES: 10 })
  })

  it('names the bad variable and never echoes a secret', () => {
    expect(() => readEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with file: .* \(got "mysql:\/\/x"\)/)
    expect(() => readEnv({ NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'maybe' })).toThrow(/NEWSBOT_ALLOW_PRIVATE_NETWORKS/)
    expect(() => readEnv({ NEWSBOT_POLL_INTERVAL_MINUTES: '-5' })).toThrow(/NEWSBOT_POLL_INTERVAL_MINUTES/)
  })

  it('says what each variable expects, never only "Invalid input" or what zod received', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        readEnv(env)
        return 'accepted'
      } catch (err) {
        return (err as Error).message.replace('config: invalid environment: ', '')
      }
    }
    expect(refusal({ DISCORD_SHARDS: 'foo' })).toBe('DISCORD_SHARDS: must be "auto" or a number of shards from 1 to 1024 (got "foo")')
    expect(refusal({ NEWSBOT_POLL_INTERVAL_MINUTES: 'ten' })).toBe('NEWSBOT_POLL_INTERVAL_MINUTES: must be a whole number of at least 1 (got "ten")')
    expect(refusal({ NEWSBOT_POLL_INTERVAL_MINUTES: '1.5' })).toBe('NEWSBOT_POLL_INTERVAL_MINUTES: must be a whole number of at least 1 (got "1.5")')
    expect(refusal({ SLACK_PORT: '70000' })).toBe('SLACK_PORT: must be a whole number from 1 to 65535 (got "70000")')
    expect(refusal({ NEWSBOT_JOB_POLL_SECONDS: 'soon' })).toBe('NEWSBOT_JOB_POLL_SECONDS: must be a number from 0.5 to 60 (got "soon")')
    expect(refusal({ NEWSBOT_LOG_LEVEL: 'loud' })).toBe('NEWSBOT_LOG_LEVEL: must be one of: debug, info, warn, error (got "loud")')
    expect(refusal({ NEWSBOT_BASELINE: 'maybe' })).toBe('NEWSBOT_BASELINE: must be true or false (or 1/0, yes/no, on/off) (got "maybe")')
    expect(refusal({ DISCORD_SHARDS: 'auto', NEWSBOT_LOCK_WAIT_SECONDS: '0' })).toBe('accepted')
  })

  it('shows a refused URL without the password it carries', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        readEnv(env)
      } catch (err) {
        return (err as Error).message
      }
      return expect.fail('the environment was accepted')
    }
    const database = refusal({ DATABASE_URL: 'mysql://admin:CANARY-db-1@db.example/news' })
    expect(database).toContain('DATABASE_URL: must start with file:')
    expect(database).toContain('(got "mysql://admin:***@db.example/news")')
    const llm = refusal({ LLM_BASE_URL: 'ftp://u:CANARY-llm-1@llm.example/v1?api_key=CANARY-llm-2', LLM_MODEL: 'm' })
    expect(llm).toContain('(got "ftp://u:***@llm.example/v1?api_key=***")')
    expect(`${database} ${llm}`).not.toContain('CANARY')
  })
})

describe('NEWSBOT_CONTACT', () => {
  it.each([
    ['a line break (header injection)', 'ops@example.com\r\nX-Injected: 1'],
    ['a trailing newline', 'ops@example.com\n'],
    ['a tab', 'ops\t@example.com'],
    ['a NUL', 'ops\u0000@example.com'],
    ['DEL', 'ops\u007f@example.com'],
    ['non-ASCII', 'opé@example.com'],
    ['a parenthesis, which would end the User-Agent comment', 'ops@example.com) evil/1.0 ('],
    ['a backslash', 'ops\\@example.com'],
    ['more than 200 characters', `mailto:${'x'.repeat(194)}@x`],
  ])('refuses %s, naming the variable', (_why, contact) => {
    expect(() => readEnv({ NEWSBOT_CONTACT: contact })).toThrow(/^config: invalid environment: NEWSBOT_CONTACT: must be/)
  })

  it('accepts visible ASCII and spaces, and every value it accepts is a valid User-Agent', () => {
    const visible = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => !'()\\'.includes(c))
    for (const contact of ['mailto:ops@example.com', 'https://example.com/newsbot', 'Ops Team <ops@example.com>', 'x'.repeat(200), visible.join('')]) {
      const env = readEnv({ NEWSBOT_CONTACT: contact })
      expect(env.NEWSBOT_CONTACT).toBe(contact)
      expect(() => validateHeaderValue('user-agent', userAgent(env))).not.toThrow()
      expect(userAgent(env).match(/\(/g)).toHaveLength(1) // the contact stays inside the one comment
    }
  })
})
