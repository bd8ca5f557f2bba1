// /feeds export and /feeds import through the real platform libraries: discord.js against the fake Discord (the
// file arrives as a multipart upload; an attachment option is read from the address Discord gives), and Bolt
// against the fake Slack (the file is shared with Slack's three upload calls; import takes a URL, served on
// 127.0.0.1 and read through the guarded fetch the tests let reach loopback, as the other feed tests do).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandServices } from '../commands/types.js'
import type { FetchOptions } from '../src/1-fetch/http-client.js'
import { compileTopics } from '../src/3-normalise/topics.js'
import type { Store } from '../src/7-store/types.js'
import { startDiscordBot, type DiscordBot } from '../src/8-deliver/discord/bot.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { inlineFeedProcessor } from '../src/services/feed-processor.js'
import { readOpmlSource } from '../src/services/opml-source.js'
import { parseOpml, writeOpml } from '../src/services/opml.js'
import { probeFeed } from '../src/services/probe-feed.js'
import { commandServices } from './support/command-services.js'
import { ALICE, MOD, messageBodies, startFakeDiscord, type FakeDiscord, type SlashOption } from './support/fake-discord.js'
import type { FakeSlack } from './support/fake-slack.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'
import { startSlackCommands, type SlackCommands } from './support/slack-commands.js'
import { freshStore, storeTargets } from './support/stores.js'

const SUBCOMMAND = 1
const ATTACHMENT = 11
const fetchOptions: FetchOptions = { timeoutMs: 2_000, maxBytes: 1 << 20, maxRedirects: 3, allowPrivateNetworks: true, userAgent: 'newsbot-test' }
const ITEMS = [{ title: 'Putin and Trump discuss a ceasefire', link: 'https://news.example/1', date: 'Thu, 03 Dec 2026 08:00:00 GMT' }]

let server: FeedServer
let store: Store
let dispose: () => Promise<void>
let services: CommandServices

const opmlListing = (...paths: string[]) =>
  writeOpml('elsewhere', paths.map((p) => ({ title: `Imported ${p}`, xmlUrl: server.url(p), htmlUrl: null, language: 'en', categories: ['Folder', 'newspaper'] })), new Date())

beforeAll(async () => {
  server = await startFeedServer()
  for (const name of ['discord', 'slack']) server.route(`/${name}.xml`, (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(ITEMS, '', `Feed ${name}`)))
  server.route('/list.opml', (_req, res) => void res.writeHead(200, { 'content-type': 'text/x-opml' }).end(opmlListing('/slack.xml')))
  ;({ store, dispose } = await freshStore(storeTargets[0]!))
  await store.feeds.sync([{ url: 'https://wire.example/rss', name: 'Example Wire', language: 'en', country: 'US', kind: 'wire', pollMinutes: null, origin: 'config' }])
  const processor = inlineFeedProcessor(compileTopics(loadAppConfig().topics))
  services = commandServices(store, {
    probeFeed: (url) => probeFeed(url, { fetchOptions, processor, maxItems: 500 }),
    readOpml: (source) => readOpmlSource(source, fetchOptions),
  })
})
afterAll(async () => {
  await server?.close()
  await dispose?.()
})

const feedUrls = async () => (await store.feeds.list()).map((f) => f.url).sort()

describe('/feeds export and import on Discord', () => {
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

  const sub = (name: string, options: SlashOption[] = []): SlashOption[] => [{ name, type: SUBCOMMAND, options }]
  /** The first accepted message body of an interaction, with the files its request carried. */
  const answer = (token: string) =>
    fake.waitFor((calls) => {
      const [first] = messageBodies(calls.filter((c) => c.path.includes(`/${token}`)))
      return first && { body: first.body, files: first.call.files }
    })

  it('answers /feeds export with the OPML file attached, whose feeds parse back, for any member', async () => {
    const { body, files } = await answer(fake.slashCommand('feeds', sub('export'), ALICE).token)
    expect(body.content).toBe('✅ 1 feed as OPML \\(newsbot-feeds.opml\\).')
    expect(files).toHaveLength(1)
    // discord.js names the file; its type Discord takes from the extension.
    expect(files[0]).toMatchObject({ field: 'files[0]', name: 'newsbot-feeds.opml' })
    expect(parseOpml(files[0]!.text)).toEqual([{ title: 'Example Wire', xmlUrl: 'https://wire.example/rss', htmlUrl: null, language: 'en', categories: ['wire'] }])
  })

  it('imports the feeds of an attached OPML file for a manager, and refuses anyone else', async () => {
    const attached = fake.attach('my feeds.opml', opmlListing('/discord.xml'))
    const options = sub('import', [{ name: 'file', type: ATTACHMENT, value: attached.id }])
    const refused = await answer(fake.slashCommand('feeds', options, ALICE, { resolved: attached.resolved }).token)
    expect(refused.body.flags & 64).toBe(64)
    expect(await feedUrls()).toEqual(['https://wire.example/rss'])

    const { body } = await answer(fake.slashCommand('feeds', options, MOD, { resolved: attached.resolved }).token)
    expect(body.embeds[0].title).toBe('OPML import')
    expect(body.embeds[0].description).toContain('1 feed: 1 added, 0 unreachable \\(added anyway\\), 0 already there, 0 invalid')
    expect(await store.feeds.findByUrl(server.url('/discord.xml'))).toMatchObject({ name: 'Imported /discord.xml', kind: 'newspaper', language: 'en', origin: 'chat' })
  })
})

describe('/feeds export and import on Slack', () => {
  let slack: SlackCommands
  let fake: FakeSlack
  beforeAll(async () => {
    slack = await startSlackCommands(services)
    fake = slack.fake
  })
  afterAll(async () => slack?.stop())
  const ask = (text: string, fields: Record<string, string> = {}) => slack.ask(text, fields)

  it('shares the export in the channel through the three upload calls, and the file parses back', async () => {
    const before = fake.uploads.length
    const { reply } = await ask('feeds export')
    expect(reply.body.text).toMatch(/^\d feeds as OPML \(newsbot-feeds\.opml\)\.$/)
    await fake.waitFor((c) => c.path === '/api/files.completeUploadExternal')
    const upload = fake.uploads[before]!
    expect(upload).toMatchObject({ channel: 'C0NEWS', filename: 'newsbot-feeds.opml', title: 'newsbot-feeds.opml' })
    expect(parseOpml(upload.text).map((f) => f.xmlUrl).sort()).toEqual(await feedUrls())
    expect(fake.calls.map((c) => c.path).filter((p) => p.startsWith('/api/files.'))).toEqual(['/api/files.getUploadURLExternal', '/api/files.completeUploadExternal'])
  })

  it('tells the user when the channel takes no file from the bot', async () => {
    fake.outsiders.add('C0ELSEWHERE')
    const { responseUrl } = await ask('feeds export', { channel_id: 'C0ELSEWHERE', channel_name: 'elsewhere' })
    const told = await fake.waitFor((c) => fake.base + c.path === responseUrl && /invite the bot/.test(c.body.text))
    expect(told.body.text).toBe('Could not post newsbot-feeds.opml here: invite the bot to this channel (/invite), and check that the app has the files:write scope.')
  })

  it('imports from an OPML file at a URL for a channel member', async () => {
    const { reply } = await ask(`feeds import url:${server.url('/list.opml')}`)
    const shown = [reply.body.text, ...reply.body.blocks.map((b: { text?: { text: string } }) => b.text?.text ?? '')].join('\n')
    expect(shown).toContain('1 feed: 1 added, 0 unreachable (added anyway), 0 already there, 0 invalid')
    expect(await store.feeds.findByUrl(server.url('/slack.xml'))).toMatchObject({ name: 'Imported /slack.xml', kind: 'newspaper', origin: 'chat' })
    const again = await ask(`feeds import url:${server.url('/list.opml')}`)
    expect([again.reply.body.text, ...again.reply.body.blocks.map((b: { text?: { text: string } }) => b.text?.text ?? '')].join('\n')).toContain('0 added, 0 unreachable (added anyway), 1 already there')
  })
})
