import iconv from 'iconv-lite'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { compileTopics } from '../src/3-normalise/topics.js'
import type { Store } from '../src/7-store/types.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { inlineFeedProcessor } from '../src/services/feed-processor.js'
import { pollFeeds, type IngestDeps } from '../src/services/ingest.js'
import { clusterPending } from '../src/services/cluster-stories.js'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import { NEAR_DUPLICATE_THRESHOLD } from '../src/app/context.js'
import { startFeedServer, rss, type FeedServer } from './support/feed-server.js'
import { freshStore, storeTargets } from './support/stores.js'
import { searchTerms } from '../src/7-store/search-text.js'
import { testIngestDeps } from './support/ingest-deps.js'

const topics = compileTopics(loadAppConfig().topics)
let server: FeedServer

beforeAll(async () => {
  server = await startFeedServer()
})
afterAll(() => server.close())

function encoded(charset: string, title: string, declare: 'header' | 'xml' | 'both') {
  const xml = rss([{ title, link: `https://example.com/${charset}`, date: 'Tue, 18 Mar 2025 14:00:00 GMT' }]).replace(
    'encoding="utf-8"',
    `encoding="${declare === 'header' ? 'utf-8' : charset}"`,
  )
  const contentType = declare === 'xml' ? 'application/xml' : `application/rss+xml; charset=${charset}`
  return { body: iconv.encode(xml, charset), contentType }
}

describe.each(storeTargets)('ingestion into $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  let deps: IngestDeps
  let now: Date

  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
    now = new Date('2025-03-19T00:00:00Z')
    deps = testIngestDeps(store, inlineFeedProcessor(topics), { now: () => now })
  })
  afterEach(() => dispose())

  const addFeed = async (path: string, language: string | null = null) =>
    (await store.feeds.sync([{ url: server.url(path), name: path.slice(1), language, country: null, kind: 'newspaper', pollMinutes: null, origin: 'test' }]))[0]!

  it('decodes Shift_JIS, EUC-JP, windows-1251 and KOI8-R from the HTTP header or the XML declaration', async () => {
    const cases = [
      ['shift_jis', 'トランプ氏とプーチン氏が電話会談、停戦を協議', 'xml'],
      ['euc-jp', 'ウクライナ停戦交渉、リヤドで再開', 'both'],
      ['windows-1251', 'Путин и Трамп обсудили перемирие по телефону', 'header'],
      ['koi8-r', 'Лавров: переговоры с США продолжатся', 'xml'],
      ['utf-8', 'Зеленський: Україна готова до припинення вогню', 'header'],
    ] as const
    const feeds = []
    for (const [charset, title, declare] of cases) {
      const { body, contentType } = encoded(charset, title, declare)
      server.route(`/enc-${charset}`, (_req, res) => void res.writeHead(200, { 'content-type': contentType }).end(body))
      feeds.push(await addFeed(`/enc-${charset}`))
    }
    const results = await pollFeeds(feeds, deps)
    expect(results.map((r) => r.status)).toEqual(cases.map(() => 'ok'))
    const titles = (await store.items.list({})).map((i) => i.title).sort()
    expect(titles).toEqual(cases.map(([, title]) => title).sort())
    const languages = Object.fromEntries((await store.items.list({})).map((i) => [i.url.split('/').pop(), i.language]))
    expect(languages).toEqual({ shift_jis: 'ja', 'euc-jp': 'ja', 'windows-1251': 'ru', 'koi8-r': 'ru', 'utf-8': 'uk' })
  })

  it('reads RSS 0.91, RSS 1.0 (RDF) and Atom', async () => {
    server.route('/rss091', (_q, r) =>
      void r.end(`<rss version="0.91"><channel><title>Old</title><link>https://o.example/</link><language>en</language>
        <item><title>Old-style item</title><link>https://o.example/1</link><description>Sanctions on Russia</description></item></channel></rss>`),
    )
    server.route('/rdf', (_q, r) =>
      void r.end(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://r.example/"><title>RDF</title><link>https://r.example/</link></channel>
        <item rdf:about="https://r.example/1"><title>プーチン大統領、停戦案を拒否</title><link>https://r.example/1</link><dc:date>2025-03-13T21:00:00+09:00</dc:date></item></rdf:RDF>`),
    )
    server.route('/atom', (_q, r) =>
      void r.end(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:a</id><updated>2025-03-18T10:00:00Z</updated>
        <entry><title type="html">Kyiv &amp;amp; Moscow trade drone strikes</title><id>urn:a:1</id><link rel="alternate" href="https://a.example/1#comments"/>
        <updated>2025-03-18T10:00:00+02:00</updated><summary type="html">&lt;p&gt;Ukraine&lt;/p&gt;</summary></entry></feed>`),
    )
    const results = await pollFeeds([await addFeed('/rss091'), await addFeed('/rdf'), await addFeed('/atom')], deps)
    expect(results.map((r) => [r.status, r.created])).toEqual([['ok', 1], ['ok', 1], ['ok', 1]])
    const items = await store.items.list({})
    expect(items.map((i) => [i.url, i.title, i.language, i.publishedAt.toISOString()]).sort()).toEqual([
      ['https://a.example/1', 'Kyiv & Moscow trade drone strikes', 'en', '2025-03-18T08:00:00.000Z'],
      ['https://o.example/1', 'Old-style item', 'en', now.toISOString()],
      ['https://r.example/1', 'プーチン大統領、停戦案を拒否', 'ja', '2025-03-13T12:00:00.000Z'],
    ])
    expect(items.find((i) => i.url === 'https://o.example/1')?.publishedAtEstimated).toBe(true)
  })

  it('lets a malformed or failing feed fail alone, with its error stored, while the others are stored', async () => {
    server.route('/broken', (_q, r) => void r.end('<rss version="2.0"><channel><title>x</title><item><title>unclosed'))
    server.route('/html', (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Not a feed</body></html>'))
    server.route('/down', (_q, r) => void r.writeHead(503).end())
    server.route('/fine', (_q, r) => void r.end(rss([{ title: 'Fine', link: 'https://f.example/1' }])))
    const feeds = [await addFeed('/broken'), await addFeed('/html'), await addFeed('/down'), await addFeed('/fine')]
    const results = await pollFeeds(feeds, deps)
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'error', 'ok'])
    expect(results[0]!.error).toMatch(/^parse: /)
    expect(results[1]!.error).toMatch(/^parse: /)
    expect(results[2]!.error).toBe(`fetch: HTTP 503 from ${server.url('/down')}`)
    const health = await store.feeds.list()
    expect(health.map((f) => [f.lastStatus, f.consecutiveFailures, f.itemCount])).toEqual([
      ['error', 1, 0],
      ['error', 1, 0],
      ['error', 1, 0],
      ['ok', 0, 1],
    ])
    expect(health[2]!.lastError).toBe(`fetch: HTTP 503 from ${server.url('/down')}`)
  })

  it('backs off exponentially on repeated failures and recovers on success', async () => {
    let fail = true
    server.route('/flaky', (_q, r) => void (fail ? r.writeHead(500).end() : r.end(rss([{ title: 'Back', link: 'https://b.example/1' }]))))
    const feed = await addFeed('/flaky')
    const delays: number[] = []
    for (let i = 0; i < 3; i++) {
      await pollFeeds([(await store.feeds.findByUrl(feed.url))!], deps)
      const f = (await store.feeds.findByUrl(feed.url))!
      delays.push((f.nextPollAt!.getTime() - now.getTime()) / 60_000)
    }
    expect(delays).toEqual([10, 20, 40])
    fail = false
    await pollFeeds([(await store.feeds.findByUrl(feed.url))!], deps)
    const f = (await store.feeds.findByUrl(feed.url))!
    expect([f.lastStatus, f.consecutiveFailures, f.lastError]).toEqual(['ok', 0, null])
    expect((f.nextPollAt!.getTime() - now.getTime()) / 60_000).toBe(10)
  })

  it('never stores an item twice: re-polls, 304s, changed items and the same article in another feed', async () => {
    let version = 1
    server.route('/wire', (req, res) => {
      if (req.headers['if-none-match'] === `"w${version}"`) return void res.writeHead(304).end()
      res.writeHead(200, { etag: `"w${version}"` }).end(
        rss([
          { title: version === 1 ? 'Talks in Riyadh' : 'Talks in Riyadh end without deal', link: 'https://w.example/1', guid: 'w-1' },
          { title: 'Second', link: 'https://w.example/2?utm_source=rss', guid: 'w-2' },
        ]),
      )
    })
    server.route('/mirror', (_q, res) => void res.end(rss([{ title: 'Second', link: 'https://w.example/2#top', guid: 'm-2' }])))
    const wire = await addFeed('/wire')
    expect((await pollFeeds([wire], deps))[0]).toMatchObject({ status: 'ok', created: 2 })
    expect((await pollFeeds([(await store.feeds.findByUrl(wire.url))!], deps))[0]).toMatchObject({ status: 'not-modified', created: 0 })
    version = 2
    expect((await pollFeeds([(await store.feeds.findByUrl(wire.url))!], deps))[0]).toMatchObject({ status: 'ok', created: 0, updated: 1, unchanged: 1 })
    expect((await pollFeeds([await addFeed('/mirror')], deps))[0]).toMatchObject({ status: 'ok', created: 0 })
    const items = await store.items.list({})
    expect(items.map((i) => [i.url, i.title]).sort()).toEqual([
      ['https://w.example/1', 'Talks in Riyadh end without deal'],
      ['https://w.example/2', 'Second'],
    ])
  })

  it('marks a story updated when a member headline changes the facts, not when it only changes wording', async () => {
    let title = 'Trump gives Russia 10 days to agree ceasefire'
    server.route('/retitle', (_q, r) => void r.end(rss([{ title, link: 'https://t.example/1', date: 'Mon, 14 Jul 2025 17:00:00 GMT' }])))
    const feed = await addFeed('/retitle')
    const cluster = { store, entities: compileAliases(loadAliases()), params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: NEAR_DUPLICATE_THRESHOLD }
    await pollFeeds([feed], deps)
    await clusterPending(cluster)
    title = 'Trump gives Russia 10 days to agree a ceasefire, White House says'
    await pollFeeds([(await store.feeds.findByUrl(feed.url))!], deps)
    expect((await store.stories.list({}))[0]!.updateReason).toBeNull()
    title = 'Trump gives Russia 50 days to agree ceasefire'
    await pollFeeds([(await store.feeds.findByUrl(feed.url))!], deps)
    const [story] = await store.stories.list({})
    expect(story!.updateReason).toBe('headline changed: Trump gives Russia 50 days to agree ceasefire')
    expect(story!.lastUpdatedAt).toEqual(now)
    // The story's search text follows the new headline.
    expect((await store.stories.search(searchTerms('50 days', () => []), 10)).map((s) => s.id)).toEqual([story!.id])
  })

  it("marks a feed's first poll as back catalogue, not breaking news", async () => {
    let items = [{ title: 'Old news', link: 'https://n.example/1' }]
    server.route('/news', (_q, r) => void r.end(rss(items)))
    const feed = await addFeed('/news')
    await pollFeeds([feed], deps)
    items = [...items, { title: 'Fresh news', link: 'https://n.example/2' }]
    await pollFeeds([(await store.feeds.findByUrl(feed.url))!], deps)
    const stored = await store.items.list({})
    expect(Object.fromEntries(stored.map((i) => [i.title, i.backfill]))).toEqual({ 'Old news': true, 'Fresh news': false })
  })

  it('tags topics and filters items by topic and date', async () => {
    server.route('/mix', (_q, r) =>
      void r.end(
        rss([
          { title: 'Trump and Putin speak by phone', link: 'https://m.example/1', date: 'Tue, 18 Mar 2025 14:00:00 GMT' },
          { title: 'Зеленський погодився на 30-денне припинення вогню', link: 'https://m.example/2', date: 'Tue, 11 Mar 2025 20:00:00 GMT' },
          { title: 'Local football results', link: 'https://m.example/3', date: 'Wed, 12 Mar 2025 20:00:00 GMT' },
        ]),
      ),
    )
    await pollFeeds([await addFeed('/mix')], deps)
    const byTitle = Object.fromEntries((await store.items.list({})).map((i) => [i.title.slice(0, 12), i.topics]))
    expect(byTitle).toEqual({ 'Trump and Pu': ['us-russia'], 'Зеленський п': ['ceasefire', 'ukraine-war'], 'Local footba': [] })
    expect((await store.items.list({ topic: 'ceasefire' })).map((i) => i.url)).toEqual(['https://m.example/2'])
    expect((await store.items.list({ since: new Date('2025-03-12T00:00:00Z') })).map((i) => i.url)).toEqual([
      'https://m.example/1',
      'https://m.example/3',
    ])
  })
})
