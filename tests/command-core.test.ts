// The command core without any platform: option checking, access rules and error handling, through the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseTextOptions, tokenize } from '../commands/options.js'
import { findCommand } from '../commands/registry.js'
import { runCommand } from '../commands/run.js'
import type { Reply } from '../commands/types.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { digestJson } from '../src/services/digest.js'
import { commandServices, consoleInvoker, seedStories } from './support/command-services.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2026-03-20T12:00:00Z')

describe('text options', () => {
  it('keeps quoted phrases whole and reads name:value and --name value alike', () => {
    expect(tokenize('search "Alaska summit" lang:ja')).toEqual(['search', 'Alaska summit', 'lang:ja'])
    expect(parseTextOptions(findCommand('digest')!, ['--topic', 'ceasefire', 'lang:ja'])).toEqual({ subcommand: null, raw: { topic: 'ceasefire', lang: 'ja' } })
  })

  it('fills required options from plain words, the last one taking the rest', () => {
    expect(parseTextOptions(findCommand('story')!, ['42'])).toEqual({ subcommand: null, raw: { id: '42' } })
  })
})

for (const target of storeTargets) {
  describe(`commands on ${target.name}`, () => {
    let store: Store
    let dispose: () => Promise<void>
    let storyIds: number[]
    beforeAll(async () => {
      ;({ store, dispose } = await freshStore(target))
      storyIds = await seedStories(store, NOW)
    })
    afterAll(async () => dispose?.())

    it('/story shows every source, state media marked', async () => {
      const services = commandServices(store)
      const stories = await store.stories.list({})
      const call = stories.find((s) => s.languages.length === 3)!
      expect(storyIds).toHaveLength(2)
      const reply = await runCommand({ command: 'story', subcommand: null, options: { id: String(call.id) }, invoker: consoleInvoker(), now: NOW }, services)
      const text = renderConsoleReply(reply)
      expect(text).toContain(`#${call.id}`)
      expect(text).toContain('\nПутин и Трамп обсудили')
      expect(text).toContain('State Agency · state media · ru')
      expect(services.log.records).toEqual([])
    })

    it('a missing story and a bad option are the user’s errors, in their language, not logged', async () => {
      const services = commandServices(store)
      const missing = await runCommand({ command: 'story', subcommand: null, options: { id: '999999' }, invoker: consoleInvoker({ locale: 'ja' }) }, services)
      expect(missing).toMatchObject({ kind: 'notice', tone: 'error', ephemeral: true, lines: [[{ text: 'ストーリー #999999 はありません。' }]] })
      const bad = await runCommand({ command: 'story', subcommand: null, options: { id: 'abc' }, invoker: consoleInvoker() }, services)
      expect(renderConsoleReply(bad)).toBe('error: Option "id": expected a whole number, got "abc".\n')
      expect(services.log.records).toEqual([])
    })

    it('a bug is logged with its context and answered with an apology', async () => {
      const broken = { ...store, stories: { ...store.stories, get: async () => Promise.reject(new Error('connection reset')) } }
      const services = commandServices(broken)
      const reply = await runCommand({ command: 'story', subcommand: null, options: { id: '1' }, invoker: consoleInvoker() }, services)
      expect(renderConsoleReply(reply)).toMatch(/^error: Sorry, something went wrong/)
      expect(services.log.records).toMatchObject([{ level: 'error', message: 'command failed', fields: { command: 'story', platform: 'console', error: expect.any(Error) } }])
    })

    it('/digest summarises the last day with sources', async () => {
      const reply = await runCommand({ command: 'digest', subcommand: null, options: { topic: 'us-russia' }, invoker: consoleInvoker(), now: NOW }, commandServices(store))
      expect(reply.kind).toBe('digest')
      if (reply.kind !== 'digest') return
      expect(reply.digest.stories.length).toBeGreaterThan(0)
      expect(renderConsoleReply(reply)).toContain('State Agency')
    })

    it('/digest takes "since" for an older start, prints its documented JSON, and refuses a future day', async () => {
      const digest = (options: Record<string, string>) => runCommand({ command: 'digest', subcommand: null, options, invoker: consoleInvoker(), now: NOW }, commandServices(store))
      const titles = (reply: Reply) => (reply.kind === 'digest' ? reply.digest.stories.map((s) => s.title) : [])
      const lastDay = await digest({})
      expect(titles(lastDay).some((t) => t.startsWith('Black Sea'))).toBe(false)
      const older = await digest({ since: '2026-03-18' })
      expect(titles(older).some((t) => t.startsWith('Black Sea'))).toBe(true)
      expect(older.kind === 'digest' && older.data).toEqual(older.kind === 'digest' && digestJson(older.digest))
      expect(renderConsoleReply(await digest({ since: '2026-03-21' }))).toBe('error: Option "since" is in the future; give today or an earlier date.\n')
    })
  })
}
