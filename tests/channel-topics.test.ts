// A channel's own topics (issue 18) through the real platform libraries, on every store: /topics add tags a story
// stored before the topic existed, /topics list shows it with who added it, /digest and /timeline find the story by
// it in that channel and nowhere else, and /topics remove takes it away. Then: mistakes refused, the server-wide
// scope, and an item polled after the topic was added tagged on ingest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import { parseTopicTerms } from '../commands/topics.js'
import type { CommandServices, Invoker, OptionValue } from '../commands/types.js'
import { compileTopics } from '../src/3-normalise/topics.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { startDiscordBot, type DiscordBot } from '../src/8-deliver/discord/bot.js'
import { loadAppConfig, parseAppConfig } from '../src/config/app-config.js'
import { inlineFeedProcessor } from '../src/services/feed-processor.js'
import { pollFeeds } from '../src/services/ingest.js'
import { commandServices, consoleInvoker, seedStories } from './support/command-services.js'
import { ALICE, CHANNEL_ID, MOD, messageBodies, startFakeDiscord, type FakeDiscord, type SlashOption } from './support/fake-discord.js'
import { rss, startFeedServer } from './support/feed-server.js'
import { testIngestDeps } from './support/ingest-deps.js'
import { startSlackCommands, type SlackCommands } from './support/slack-commands.js'
import { freshStore, storeTargets } from './support/stores.js'

const SUBCOMMAND = 1
const STRING = 3
const RIYADH_TERMS = 'riyadh|эр-рияд*|リヤド + black sea|черн* мор*|黒海'
const RIYADH = 'Black Sea ceasefire talks open in Riyadh'
const CALL = 'Putin and Trump discuss Ukraine ceasefire'

const day = (date: Date) => date.toISOString().slice(0, 10)
/** A Discord message's text, its Markdown escapes undone. */
const textOf = (body: any): string => [body.content ?? '', ...(body.embeds ?? []).flatMap((e: any) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].join('\n').replace(/\\(.)/gu, '$1') // eslint-disable-line @typescript-eslint/no-explicit-any
const isEphemeral = (body: { flags?: number }) => ((body.flags ?? 0) & 64) === 64

describe('the term syntax', () => {
  it('reads groups joined by + and alternatives by |, full-width too', () => {
    expect(parseTopicTerms('Witkoff | уиткофф* ＋ putin｜プーチン')).toEqual([['Witkoff', 'уиткофф*'], ['putin', 'プーチン']])
  })

  it('refuses regular expressions, stray wildcards and too many terms, saying what a term is', () => {
    for (const bad of ['(trump|putin).*', 'tr*mp', 'a|', 'pu*', 'x'.repeat(41), '[a-z]+']) expect(() => parseTopicTerms(bad), bad).toThrow(/^Option "terms": /)
    expect(() => parseTopicTerms(Array.from({ length: 41 }, (_, i) => `term${i}`).join('|'))).toThrow('at most 4 groups joined by + and 40 terms in all (this has 1 and 41)')
    expect(() => parseTopicTerms('a1 + b1 + c1 + d1 + e1')).toThrow('(this has 5 and 5)')
  })
})

describe('channelTopicScope in the config', () => {
  it('takes "channel" or "server" and refuses anything else, naming the field', () => {
    const shipped = loadAppConfig()
    expect(parseAppConfig({ ...shipped, channelTopicScope: 'server' }, 'test').channelTopicScope).toBe('server')
    expect(() => parseAppConfig({ ...shipped, channelTopicScope: 'everywhere' }, 'test')).toThrow('config: test is invalid: channelTopicScope: must be "channel" or "server"')
  })
})

for (const target of storeTargets) {
  describe(`channel topics on ${target.name}`, () => {
    let store: Store
    let dispose: () => Promise<void>
    let services: CommandServices & { log: { records: unknown[] } }
    const now = new Date()
    beforeAll(async () => {
      ;({ store, dispose } = await freshStore(target))
      await seedStories(store, now)
      services = commandServices(store)
    })
    afterAll(async () => dispose?.())

    describe('on Discord', () => {
      let fake: FakeDiscord
      let bot: DiscordBot
      beforeAll(async () => {
        fake = await startFakeDiscord()
        bot = await startDiscordBot({ token: 'fake-token', services, log: services.log, restApi: fake.restApi })
      })
      afterAll(async () => {
        await bot?.stop()
        await fake?.close()
      })

      const sub = (name: string, options: Record<string, string> = {}): SlashOption[] => [{ name, type: SUBCOMMAND, options: Object.entries(options).map(([n, value]) => ({ name: n, type: STRING, value })) }]
      const answer = async (token: string) => fake.waitFor((calls) => messageBodies(calls.filter((c) => c.path.includes(`/${token}`)))[0]?.body)
      const ask = async (command: string, options: SlashOption[], user = MOD) => answer(fake.slashCommand(command, options, user).token)
      const opts = (options: Record<string, string>): SlashOption[] => Object.entries(options).map(([name, value]) => ({ name, type: STRING, value }))

      it('adds a topic for a manager only, tagging the story stored before it', async () => {
        const refused = await ask('topics', sub('add', { id: 'riyadh-talks', terms: RIYADH_TERMS }), ALICE)
        expect(isEphemeral(refused)).toBe(true)
        expect(await store.channelTopics.list()).toEqual([])

        const added = await ask('topics', sub('add', { id: 'riyadh-talks', terms: RIYADH_TERMS, name: 'Riyadh talks' }))
        expect(textOf(added)).toContain('Added the topic "Riyadh talks": 1 stored item matches. Use it as topic:riyadh-talks with /digest, /timeline and /subscribe in this channel.')
        expect(isEphemeral(added)).toBe(false)
        expect(await store.channelTopics.list()).toMatchObject([{ key: `discord:${CHANNEL_ID}#riyadh-talks`, createdBy: MOD.id, terms: [['riyadh', 'эр-рияд*', 'リヤド'], ['black sea', 'черн* мор*', '黒海']] }])
      })

      it('lists it beside the shipped topics, with its terms and who added it', async () => {
        const listed = textOf(await ask('topics', sub('list'), ALICE))
        expect(listed).toContain('War in Ukraine')
        expect(listed).toContain('riyadh | эр-рияд* | リヤド + black sea | черн* мор* | 黒海')
        expect(listed).toContain(`added by user ${MOD.id} on ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(now)} · 1 item`)
        expect(listed).toContain('riyadh-talks · this channel')
      })

      it('finds the earlier story by it in /digest and /timeline, and only that story', async () => {
        const since = day(new Date(now.getTime() - 3 * 86_400_000))
        const digest = textOf(await ask('digest', opts({ topic: 'riyadh-talks', since }), ALICE))
        expect(digest).toContain(RIYADH)
        expect(digest).not.toContain(CALL)
        const timeline = textOf(await ask('timeline', opts({ topic: 'riyadh-talks' }), ALICE))
        expect(timeline).toContain(RIYADH)
        expect(timeline).not.toContain(CALL)
        // A shipped topic still has both.
        expect(textOf(await ask('digest', opts({ topic: 'ceasefire', since }), ALICE))).toContain(CALL)
      })

      it('is not known in another channel', async () => {
        const elsewhere = consoleInvoker({ platform: 'discord', channelKey: 'discord:999', channelId: '999', workspaceId: 'other', userId: 'bob' })
        const reply = await runCommand({ command: 'digest', subcommand: null, options: { topic: 'riyadh-talks' }, invoker: elsewhere, now }, services)
        expect(renderConsoleReply(reply)).toMatch(/^error: Unknown topic "riyadh-talks"; topics: us-russia/)
      })

      it('refuses a shipped id, a taken id, a bad id and a regular expression, privately', async () => {
        for (const [options, message] of [
          [{ id: 'ceasefire', terms: 'truce' }, '"ceasefire" is a topic newsbot ships with; choose another id.'],
          [{ id: 'riyadh-talks', terms: 'truce' }, 'This channel already has a topic "riyadh-talks"'],
          [{ id: 'Riyadh talks!', terms: 'truce' }, 'Option "id": "Riyadh talks!" is not a topic id'],
          [{ id: 'regex', terms: '(trump|putin).*' }, 'Option "terms": "(trump" is not a term.'],
        ] as const) {
          const body = await ask('topics', sub('add', options))
          expect(isEphemeral(body)).toBe(true)
          expect(textOf(body)).toContain(message)
        }
        const ja = await ask('topics', sub('add', { id: 'ceasefire', terms: 'truce' }), { ...MOD, locale: 'ja' })
        expect(textOf(ja)).toContain('「ceasefire」は newsbot に最初からあるトピックです。別の ID にしてください。')
      })

      it('refuses to remove it while a channel subscribes to it, then removes it', async () => {
        await ask('subscribe', opts({ topic: 'riyadh-talks' }))
        expect(textOf(await ask('topics', sub('remove', { id: 'riyadh-talks' })))).toContain('1 channel subscribes to "riyadh-talks", this one included; /unsubscribe topic:riyadh-talks there first.')
        await ask('unsubscribe', opts({ topic: 'riyadh-talks' }))
        expect(textOf(await ask('topics', sub('remove', { id: 'riyadh-talks' })))).toContain('Removed the topic "Riyadh talks".')
        expect(await store.channelTopics.list()).toEqual([])
        expect(textOf(await ask('digest', opts({ topic: 'riyadh-talks' }), ALICE))).toContain('Unknown topic "riyadh-talks"')
      })
    })

    describe('on Slack', () => {
      let slack: SlackCommands
      beforeAll(async () => void (slack = await startSlackCommands(services)))
      afterAll(async () => slack?.stop())

      async function ask(text: string): Promise<string> {
        const { reply } = await slack.ask(text)
        return [reply.body.text, ...(reply.body.blocks ?? []).map((b: { text?: { text: string } }) => b.text?.text ?? '')].join('\n')
      }

      it('adds a topic typed as one line, finds the earlier story by it, and removes it', async () => {
        expect(await ask(`topics add riyadh ${RIYADH_TERMS}`)).toContain('Added the topic "riyadh": 1 stored item matches.')
        expect(await ask('topics list')).toContain('added by user U0ALICE')
        const digest = await ask(`digest topic:riyadh since:${day(new Date(now.getTime() - 3 * 86_400_000))}`)
        expect(digest).toContain(RIYADH)
        expect(digest).not.toContain(CALL)
        expect(await ask('topics remove riyadh')).toContain('Removed the topic "riyadh".')
      })
    })

    it('is usable in every channel of the server when the config says so, and in no other server', async () => {
      const server = { ...services, config: { ...loadAppConfig(), channelTopicScope: 'server' as const } }
      const channel = (key: string, workspaceId: string): Invoker => consoleInvoker({ platform: 'discord', channelKey: `discord:${key}`, channelId: key, workspaceId, userId: 'mod', canManage: true })
      const run = async (invoker: Invoker, command: string, subcommand: string | null, options: Record<string, OptionValue>) =>
        renderConsoleReply(await runCommand({ command, subcommand, options, invoker, now }, server))
      expect(await run(channel('1', 'g1'), 'topics', 'add', { id: 'riyadh', terms: RIYADH_TERMS })).toContain('in every channel of this server')
      const since = day(new Date(now.getTime() - 3 * 86_400_000))
      expect(await run(channel('2', 'g1'), 'digest', null, { topic: 'riyadh', since })).toContain(RIYADH)
      expect(await run(channel('3', 'g2'), 'digest', null, { topic: 'riyadh', since })).toMatch(/^error: Unknown topic "riyadh"/)
      // Back to channel scope, the server's topic is out of sight.
      const channelScoped = await runCommand({ command: 'digest', subcommand: null, options: { topic: 'riyadh' }, invoker: channel('2', 'g1'), now }, services)
      expect(renderConsoleReply(channelScoped)).toMatch(/^error: Unknown topic "riyadh"/)
      expect(await run(channel('2', 'g1'), 'topics', 'remove', { id: 'riyadh' })).toContain('Removed the topic "riyadh".')
    })

    it('tags an item polled after the topic was added, on ingest', async () => {
      const feeds = await startFeedServer()
      try {
        const invoker = consoleInvoker({ canManage: true })
        await runCommand({ command: 'topics', subcommand: 'add', options: { id: 'riyadh', terms: RIYADH_TERMS }, invoker, now }, services)
        expect(await store.channelTopics.countTagged('console#riyadh')).toBe(1)
        feeds.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ title: 'Black Sea grain corridor back on the table in Riyadh', link: 'https://news.example/grain', date: now.toUTCString() }])))
        const [feed] = await store.feeds.sync([{ url: feeds.url('/feed.xml'), name: 'News', language: 'en', country: 'US', kind: 'newspaper', pollMinutes: null, origin: 'config' }])
        const [result] = await pollFeeds([feed!], testIngestDeps(store, inlineFeedProcessor(compileTopics(loadAppConfig().topics))))
        expect(result).toMatchObject({ status: 'ok', created: 1 })
        expect(await store.channelTopics.countTagged('console#riyadh')).toBe(2)
        await store.channelTopics.remove('console#riyadh')
      } finally {
        await feeds.close()
      }
    })
  })
}
