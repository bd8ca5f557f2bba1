// /feeds on every store: health for everyone; adding a feed served on 127.0.0.1 through the real probe (fetch,
// guard, parse); removing only what chat added; and the start-up sync leaving chat's feeds alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import type { CommandServices, Invoker, Reply } from '../commands/types.js'
import type { FetchOptions } from '../src/1-fetch/http-client.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { compileTopics } from '../src/3-normalise/topics.js'
import { inlineFeedProcessor, workerFeedProcessor } from '../src/services/feed-processor.js'
import { configuredFeeds } from '../src/services/ingest.js'
import { probeFeed } from '../src/services/probe-feed.js'
import { commandServices, consoleInvoker, seedStories } from './support/command-services.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2026-03-20T12:00:00Z')
const fetchOptions = (allowPrivateNetworks: boolean): FetchOptions => ({ timeoutMs: 2_000, maxBytes: 1 << 20, maxRedirects: 3, allowPrivateNetworks, userAgent: 'newsbot-test' })

const RUSSIAN_FEED = rss(
  [
    { title: 'Путин и Трамп обсудили прекращение огня', link: 'https://ru.example/1', date: 'Fri, 20 Mar 2026 08:00:00 GMT', description: 'Президенты России и США провели телефонный разговор.' },
    { title: 'В Эр-Рияде начались переговоры по Черному морю', link: 'https://ru.example/2', date: 'Thu, 19 Mar 2026 08:00:00 GMT', description: 'Делегации России и Украины встретились в Эр-Рияде.' },
  ],
  '<language>ru</language>',
).replace('<title>Test feed</title>', '<title>Пример &amp; Новости</title>')

const text = (reply: Reply) => renderConsoleReply(reply).trimEnd()

let server: FeedServer
beforeAll(async () => {
  server = await startFeedServer()
  server.route('/ru.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(RUSSIAN_FEED))
  server.route('/empty.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([])))
  server.route('/page.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Not a feed</body></html>'))
})
afterAll(async () => server?.close())

for (const target of storeTargets) {
  describe(`/feeds on ${target.name}`, () => {
    let store: Store
    let dispose: () => Promise<void>
    beforeAll(async () => {
      ;({ store, dispose } = await freshStore(target))
      await seedStories(store, NOW)
    })
    afterAll(async () => dispose?.())

    const processor = inlineFeedProcessor(compileTopics(loadAppConfig().topics))
    const services = (allowPrivateNetworks = true): CommandServices =>
      commandServices(store, { probeFeed: (url) => probeFeed(url, { fetchOptions: fetchOptions(allowPrivateNetworks), processor, maxItems: 500 }, NOW) })
    const run = async (subcommand: string, options: Record<string, string>, invoker: Partial<Invoker> = {}, allowPrivateNetworks = true) =>
      text(await runCommand({ command: 'feeds', subcommand, options, invoker: consoleInvoker(invoker), now: NOW }, services(allowPrivateNetworks)))

    it('lists every feed with its health, for everyone', async () => {
      const config = (await store.feeds.list())[0]!
      await store.feeds.recordFailure(config.id, { at: NOW, error: 'fetch: HTTP 503 from https://wire.example/rss', nextPollAt: NOW })
      const listed = await run('list', {}, { canManage: false })
      expect(listed).toContain('Feeds\n2 feeds, 1 failing')
      expect(listed).toContain('\n\nExample Wire <https://wire.example/rss>\n  error · 1 failures in a row · 3 items\n  fetch: HTTP 503 from https://wire.example/rss\n  language detected · wire service · config file')
      expect(listed).toContain('State Agency <https://state.example/rss>\n  never polled · 1 item\n  ru · state media · config file')
      expect(await run('list', {}, { locale: 'ja' })).toContain('error · 連続失敗 1回 · 3件')
    })

    it("shows a feed's URL without the credentials the operator put in it", async () => {
      await store.feeds.sync([{ url: 'https://reader:canary-secret@private.example/rss?token=canary-token', name: 'Private Wire', language: 'en', country: null, kind: 'wire', pollMinutes: null, origin: 'config' }])
      const listed = await run('list', {}, { canManage: false })
      expect(listed).toContain('Private Wire <https://reader:***@private.example/rss?token=***>')
      expect(listed).not.toContain('canary')
      await store.feeds.remove('https://reader:canary-secret@private.example/rss?token=canary-token')
    })

    it('adds a feed after reading it, and says what it found', async () => {
      const url = server.url('/ru.xml')
      expect(await run('add', { url })).toBe(`Now following "Пример & Новости" (${url}): 2 items, mostly in Russian. The first poll runs within a minute.`)
      expect(await store.feeds.findByUrl(url)).toMatchObject({ name: 'Пример & Новости', origin: 'chat', language: null, kind: 'online-outlet', lastPolledAt: null })
      expect(await run('add', { url })).toBe(`error: Already following ${url} as "Пример & Новости".`)
      expect(await run('list', {})).toContain(`Пример & Новости <${url}>\n  never polled · 0 items\n  language detected · online outlet · added from chat`)
    })

    it('masks a token in the address it adds, in the public reply as in /feeds list', async () => {
      const url = `${server.url('/ru.xml')}?token=canary-token`
      const reply = await run('add', { url })
      expect(reply).toMatch(/^Now following "Пример & Новости" \(http:\/\/127\.0\.0\.1:\d+\/ru\.xml\?token=\*\*\*\): 2 items/)
      expect(await run('add', { url })).toMatch(/^error: Already following .*\?token=\*\*\* as "Пример & Новости"\.$/)
      await store.feeds.remove(url)
    })

    it('takes a name and language from the user, and answers in Japanese', async () => {
      const url = `${server.url('/ru.xml')}?copy=1`
      expect(await run('add', { url, name: 'Русская лента', language: 'ru' }, { locale: 'ja' })).toBe(`フィード「Русская лента」を追加しました（${url}）。記事 2件、主にロシア語。1分以内に最初の取得を行います。`)
      expect(await store.feeds.findByUrl(url)).toMatchObject({ name: 'Русская лента', language: 'ru', origin: 'chat' })
    })

    it('refuses what it cannot follow, saying why', async () => {
      expect(await run('add', { url: `${server.url('/ru.xml')}?private` }, {}, false)).toMatch(/^error: Could not read a feed at http:\/\/127\.0\.0\.1:\d+\/ru\.xml\?private: fetch: 127\.0\.0\.1 is a private or local address/)
      expect(await run('add', { url: server.url('/missing.xml') })).toMatch(/^error: Could not read a feed at .*: fetch: HTTP 404 from/)
      expect(await run('add', { url: server.url('/page.html') })).toMatch(/^error: Could not read a feed at .*: parse: /)
      expect(await run('add', { url: server.url('/empty.xml') })).toMatch(/^error: http:\/\/127\.0\.0\.1:\d+\/empty\.xml is a feed but has no items with links; nothing to follow\.$/)
      expect(await run('add', { url: 'ftp://example.com/feed' })).toBe('error: Option "url": "ftp://example.com/feed" is not an http(s) address.')
      expect(await run('add', { url: 'not a url' }, { locale: 'ja' })).toBe('error: オプション「url」: 「not a url」は http(s) の URL ではありません。')
      expect(await run('add', { url: 'https://user:secret@example.com/rss' })).toBe('error: Option "url": leave user names and passwords out of the address; everyone can see it.')
      expect(await run('add', { url: 'https://example.com/rss', language: 'fr' })).toBe('error: Option "language": "fr" is not one of: en, ja, ru, uk.')
    })

    it('lets only managers add and remove feeds', async () => {
      const member = { canManage: false }
      expect(await run('add', { url: server.url('/ru.xml') }, member)).toBe('error: Not allowed.')
      expect(await run('remove', { url: server.url('/ru.xml') }, member)).toBe('error: Not allowed.')
      expect(await run('add', { url: server.url('/ru.xml') }, { ...member, platform: 'discord' })).toBe('error: You need the Manage Channels permission (or the bot manager role) here to change this.')
    })

    it('keeps chat’s feeds when the configured feeds are synced at start, and claims configured URLs', async () => {
      const chatUrl = server.url('/ru.xml')
      await store.feeds.sync(configuredFeeds(loadAppConfig().feeds))
      expect(await store.feeds.findByUrl(chatUrl)).toMatchObject({ origin: 'chat' })
      const claimed = `${server.url('/ru.xml')}?copy=1`
      await store.feeds.sync([{ url: claimed, name: 'Configured copy', language: 'ru', country: 'RU', kind: 'newspaper', pollMinutes: null, origin: 'config' }])
      expect(await store.feeds.findByUrl(claimed)).toMatchObject({ origin: 'config', name: 'Configured copy' })
    })

    it('removes only feeds added from chat', async () => {
      expect(await run('remove', { url: 'https://wire.example/rss' })).toBe(
        'error: "Example Wire" comes from the config file (config/newsbot.json, or the file NEWSBOT_CONFIG names); remove it there and restart newsbot.',
      )
      expect(await run('remove', { url: 'https://wire.example/rss' }, { locale: 'ja' })).toMatch(/^error: 「Example Wire」は設定ファイル/)
      expect(await run('remove', { url: 'https://nowhere.example/rss' })).toBe('error: Not following https://nowhere.example/rss; /feeds list shows the feeds.')
      expect(await run('remove', { url: server.url('/ru.xml') })).toBe('Stopped following "Пример & Новости"; its stored items were removed too.')
      expect(await store.feeds.findByUrl(server.url('/ru.xml'))).toBeNull()
      expect(await store.feeds.findByUrl('https://wire.example/rss')).not.toBeNull()
    })
  })
}

describe('/feeds add of a huge feed', () => {
  it('parses it on the parse workers: the event loop keeps answering, and another command goes through at once', async () => {
    const { store, dispose } = await freshStore(storeTargets[0]!)
    const huge = rss(Array.from({ length: 100_000 }, (_, i) => ({ title: `Report ${i}`, link: `https://huge.example/${i}`, date: 'Fri, 20 Mar 2026 08:00:00 GMT' })))
    server.route('/huge.xml', (_req, res) => void res.end(huge))
    const config = loadAppConfig()
    const processor = workerFeedProcessor(config.topics, compileTopics(config.topics), 2)
    const services = commandServices(store, {
      probeFeed: (url) => probeFeed(url, { fetchOptions: { ...fetchOptions(true), timeoutMs: 30_000, maxBytes: 64 << 20 }, processor, maxItems: 500 }, NOW),
    })
    const command = (subcommand: string, options: Record<string, string>) => runCommand({ command: 'feeds', subcommand, options, invoker: consoleInvoker({}), now: NOW }, services)
    try {
      let worstGapMs = 0
      let last = performance.now()
      const beat = setInterval(() => {
        worstGapMs = Math.max(worstGapMs, performance.now() - last)
        last = performance.now()
      }, 10)
      let adding = true
      const added = command('add', { url: server.url('/huge.xml') }).finally(() => (adding = false))
      // Another user's command every 50 ms while the feed is read, each timed from the moment it was due: a blocked
      // event loop starts it late, and the user waits for that too.
      let slowestListMs = 0
      for (let due = performance.now(); adding; due += 50) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())))
        await command('list', {})
        slowestListMs = Math.max(slowestListMs, performance.now() - due)
      }
      clearInterval(beat)
      expect(text(await added)).toMatch(/^Now following "Test feed" \(.*\): 100000 items, mostly in English\./)
      expect(worstGapMs, 'longest stall of the event loop (ms)').toBeLessThan(1_000)
      expect(slowestListMs, 'slowest concurrent /feeds list (ms)').toBeLessThan(1_000)
    } finally {
      await processor.close()
      await dispose()
    }
  }, 60_000)
})
