// OPML import and export over each store, with feeds served on 127.0.0.1 and read through the real probe (guarded
// fetch, parse): a round trip into an empty store, repeats skipped by canonical URL, bad and private addresses
// refused, an unreachable feed added and reported; and /feeds import|export in the terminal.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import type { Invoker, Reply } from '../commands/types.js'
import type { FetchOptions } from '../src/1-fetch/http-client.js'
import { compileTopics } from '../src/3-normalise/topics.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { inlineFeedProcessor } from '../src/services/feed-processor.js'
import { exportOpml, importOpml, type ImportDeps } from '../src/services/opml-import.js'
import { readOpmlSource } from '../src/services/opml-source.js'
import { parseOpml, writeOpml } from '../src/services/opml.js'
import { probeFeed } from '../src/services/probe-feed.js'
import { commandServices, consoleInvoker } from './support/command-services.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2026-12-03T12:00:00Z')
const fetchOptions = (allowPrivateNetworks: boolean): FetchOptions => ({ timeoutMs: 2_000, maxBytes: 1 << 20, maxRedirects: 3, allowPrivateNetworks, userAgent: 'newsbot-test' })
const processor = inlineFeedProcessor(compileTopics(loadAppConfig().topics))
const ITEMS = [{ title: 'Putin and Trump discuss a ceasefire', link: 'https://news.example/1', date: 'Thu, 03 Dec 2026 08:00:00 GMT' }]

let server: FeedServer
let dir: string
beforeAll(async () => {
  server = await startFeedServer()
  for (const name of ['wire', 'state', 'odd', 'extra', 'fresh']) server.route(`/${name}.xml`, (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(ITEMS, '', `Feed ${name}`)))
  server.route('/down.xml', (_req, res) => void res.writeHead(503).end('maintenance'))
  server.route('/page.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Not a feed</body></html>'))
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-opml-'))
})
afterAll(async () => server?.close())

const deps = (store: Store, allowPrivateNetworks = true): ImportDeps => ({
  feeds: store.feeds,
  probeFeed: (url) => probeFeed(url, { fetchOptions: fetchOptions(allowPrivateNetworks), processor, maxItems: 500 }, NOW),
  origin: 'cli',
  defaultKind: 'online-outlet',
})

const outline = (xmlUrl: string, extra = '') => `<outline type="rss" text="${xmlUrl.split('/').pop()}" xmlUrl="${xmlUrl}" ${extra}/>`
const opmlOf = (...outlines: string[]) => `<?xml version="1.0"?><opml version="2.0"><head/><body>${outlines.join('')}</body></opml>`
const byUrl = <T extends { url: string }>(feeds: T[]) => [...feeds].sort((a, b) => a.url.localeCompare(b.url))

for (const target of storeTargets) {
  describe(`OPML on ${target.name}`, () => {
    let source: Store
    let empty: Store
    const disposers: (() => Promise<void>)[] = []
    beforeAll(async () => {
      const a = await freshStore(target)
      const b = await freshStore(target)
      source = a.store
      empty = b.store
      disposers.push(a.dispose, b.dispose)
      await source.feeds.sync([
        { url: server.url('/wire.xml'), name: 'Wire & "Co"', language: 'en', country: 'US', kind: 'wire', pollMinutes: null, origin: 'config', siteUrl: 'https://wire.example/' },
        { url: server.url('/state.xml'), name: 'State <Agency>', language: 'ru', country: 'RU', kind: 'state-media', pollMinutes: null, origin: 'config' },
        { url: server.url('/odd.xml'), name: 'Unclassified', language: null, country: null, kind: 'unknown', pollMinutes: null, origin: 'cli' },
      ])
    })
    afterAll(async () => {
      for (const dispose of disposers) await dispose()
    })

    it('exports every feed and imports them into an empty store with their names, languages, kinds and sites', async () => {
      const text = exportOpml(await source.feeds.list(), NOW)
      const results = await importOpml(text, deps(empty))
      expect(results.map((r) => [r.name, r.outcome, r.kind, r.language])).toEqual([
        ['Wire & "Co"', 'added', 'wire', 'en'],
        ['State <Agency>', 'added', 'state-media', 'ru'],
        ['Unclassified', 'added', 'unknown', null],
      ])
      const pick = (f: { url: string; name: string; language: string | null; kind: string; siteUrl?: string | null }) => ({ url: f.url, name: f.name, language: f.language, kind: f.kind, siteUrl: f.siteUrl })
      expect(byUrl(await empty.feeds.list()).map(pick)).toEqual(byUrl(await source.feeds.list()).map(pick))
      expect(await empty.feeds.findByUrl(server.url('/wire.xml'))).toMatchObject({ siteUrl: 'https://wire.example/' })
      expect((await empty.feeds.list()).every((f) => f.origin === 'cli')).toBe(true)

      // The same file again adds nothing.
      const again = await importOpml(text, deps(empty))
      expect(again.map((r) => [r.outcome, r.detail?.en])).toEqual([
        ['exists', 'as "Wire & "Co""'],
        ['exists', 'as "State <Agency>"'],
        ['exists', 'as "Unclassified"'],
      ])
      expect(await empty.feeds.list()).toHaveLength(3)
    })

    it('skips a feed it follows under another spelling of its URL, and a feed listed twice in the file', async () => {
      const tracked = `${server.url('/wire.xml')}?utm_source=newsletter#top`
      const extra = server.url('/extra.xml')
      const results = await importOpml(opmlOf(outline(tracked), outline(extra, 'category="blog" language="en-GB" htmlUrl="javascript:alert(1)"'), outline(`${extra}/`)), deps(empty))
      expect(results.map((r) => [r.url, r.outcome, r.detail?.en ?? null])).toEqual([
        [tracked, 'exists', 'as "Wire & "Co""'],
        [extra, 'added', null],
        [`${extra}/`, 'exists', 'earlier in this file'],
      ])
      expect(await empty.feeds.findByUrl(extra)).toMatchObject({ name: 'extra.xml', kind: 'blog', language: 'en', siteUrl: null })
      expect(await empty.feeds.list()).toHaveLength(4)
    })

    it('refuses addresses that are no http(s) feed, carry credentials, lead to a private address or to no feed', async () => {
      const feedOnLoopback = server.url('/state.xml').replace('/state.xml', '/state.xml?fresh=1')
      const file = opmlOf(
        outline('ftp://files.example/feed.xml'),
        outline('https://reader:secret@private.example/rss'),
        outline('not a url'),
        outline(server.url('/page.html')),
      )
      const results = await importOpml(file, deps(empty))
      expect(results.map((r) => [r.outcome, r.detail?.en])).toEqual([
        ['invalid', 'ftp: is not http(s)'],
        ['invalid', 'the address carries a user name or password'],
        ['invalid', 'not a URL'],
        ['invalid', expect.stringMatching(/^parse: /)],
      ])
      // Without NEWSBOT_ALLOW_PRIVATE_NETWORKS, 127.0.0.1 is refused before a byte is sent.
      const guarded = await importOpml(opmlOf(outline(feedOnLoopback)), deps(empty, false))
      expect(guarded.map((r) => r.outcome)).toEqual(['invalid'])
      expect(guarded[0]!.detail?.en).toMatch(/127\.0\.0\.1 is a private or local address \(Loopback/)
      expect(await empty.feeds.findByUrl(feedOnLoopback)).toBeNull()
      expect(await empty.feeds.list()).toHaveLength(4)
    })

    it('adds a feed it cannot reach today and reports it as unreachable', async () => {
      const down = server.url('/down.xml')
      const [result] = await importOpml(opmlOf(outline(down, 'category="/News/Sites" title="Down Daily"')), deps(empty))
      expect(result).toMatchObject({ name: 'Down Daily', outcome: 'unreachable', kind: 'online-outlet', detail: { en: `fetch: HTTP 503 from ${down}` } })
      expect(await empty.feeds.findByUrl(down)).toMatchObject({ name: 'Down Daily', kind: 'online-outlet', origin: 'cli' })
    })

    it('/feeds import (managers) reads a path in the terminal and /feeds export answers with the file', async () => {
      const services = commandServices(empty, {
        probeFeed: deps(empty).probeFeed,
        readOpml: (s) => readOpmlSource(s, fetchOptions(true)),
      })
      const run = async (subcommand: string, options: Record<string, string>, invoker: Partial<Invoker> = {}): Promise<Reply> =>
        runCommand({ command: 'feeds', subcommand, options, invoker: consoleInvoker(invoker), now: NOW }, services)
      const file = path.join(dir, `${target.name}.opml`)
      writeFileSync(file, writeOpml('mine', [{ title: 'Extra again', xmlUrl: server.url('/extra.xml'), htmlUrl: null, language: null, categories: [] }, { title: 'Fresh', xmlUrl: server.url('/fresh.xml'), htmlUrl: null, language: 'ru', categories: ['newspaper'] }], NOW))

      expect(renderConsoleReply(await run('import', { file }, { canManage: false }))).toMatch(/^error: /)
      const reply = await run('import', { file })
      const text = renderConsoleReply(reply)
      expect(text).toContain('OPML import\n2 feeds: 1 added, 0 unreachable (added anyway), 1 already there, 0 invalid')
      expect(text).toContain(`Fresh <${server.url('/fresh.xml')}>\n  added\n  newspaper · ru`)
      expect(reply.data).toEqual({ feeds: [
        { url: server.url('/extra.xml'), name: 'Extra again', outcome: 'exists', detail: 'as "extra.xml"', kind: null, language: null },
        { url: server.url('/fresh.xml'), name: 'Fresh', outcome: 'added', detail: null, kind: 'newspaper', language: 'ru' },
      ] })
      expect(await empty.feeds.findByUrl(server.url('/fresh.xml'))).toMatchObject({ origin: 'chat', kind: 'newspaper' })
      expect(renderConsoleReply(await run('import', { file: path.join(dir, 'missing.opml') }))).toBe(`error: Cannot import: cannot read ${path.join(dir, 'missing.opml')}: no such file\n`)
      expect(renderConsoleReply(await run('import', {}))).toBe('error: Give the OPML file as "file" (attached) or its address as "url", one of them.\n')

      const exported = await run('export', {}, { canManage: false })
      expect(renderConsoleReply(exported)).toBe('6 feeds as OPML (newsbot-feeds.opml).\n')
      expect(exported.file).toMatchObject({ name: 'newsbot-feeds.opml', contentType: 'text/x-opml; charset=utf-8' })
      expect(parseOpml(exported.file!.text).map((f) => f.xmlUrl).sort()).toEqual((await empty.feeds.list()).map((f) => f.url).sort())
    })

    it('masks credentials in feed URLs in the chat export, and keeps them in the operator’s', async () => {
      const secret = 'https://reader:canary-secret@private.example/rss?token=canary-token'
      await source.feeds.sync([{ url: secret, name: 'Private', language: 'en', country: null, kind: 'wire', pollMinutes: null, origin: 'config' }])
      const chat = await runCommand({ command: 'feeds', subcommand: 'export', options: {}, invoker: consoleInvoker(), now: NOW }, commandServices(source))
      expect(chat.file!.text).not.toContain('canary')
      expect(parseOpml(chat.file!.text).map((f) => f.xmlUrl)).toContain('https://reader:***@private.example/rss?token=***')
      expect(parseOpml(exportOpml(await source.feeds.list(), NOW)).map((f) => f.xmlUrl)).toContain(secret)
    })
  })
}
