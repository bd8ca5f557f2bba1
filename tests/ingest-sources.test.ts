// `newsbot ingest`'s service: sources given on the command line become feeds named by what they call themselves, of
// unknown kind, and count as outlets exactly as configured feeds do; local files wait for no politeness delay.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { compileTopics } from '../src/3-normalise/topics.js'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import type { Store } from '../src/7-store/types.js'
import { NEAR_DUPLICATE_THRESHOLD } from '../src/app/context.js'
import { loadAppConfig } from '../src/config/app-config.js'
import type { ClusterDeps } from '../src/services/cluster-stories.js'
import { inlineFeedProcessor } from '../src/services/feed-processor.js'
import { ingestSources, type IngestDeps } from '../src/services/ingest.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'
import { testIngestDeps } from './support/ingest-deps.js'
import { freshStore, storeTargets } from './support/stores.js'

const topics = compileTopics(loadAppConfig().topics)
const entities = compileAliases(loadAliases())
/** Far longer than reading ten small files takes: a single wait between two of them fails the test. */
const HOST_DELAY_MS = 5_000

/** Ten outlets' reports of one event (the Trump–Putin call of 18 March 2025), each in its own words. */
const REPORTS = [
  ['Wire Service World', 'en', 'Putin agrees to 30-day halt on energy strikes after call with Trump', 'Russian President Vladimir Putin told Donald Trump in a phone call that Russia would stop attacks on Ukraine’s energy infrastructure for 30 days, the Kremlin said.'],
  ['The Daily Globe', 'en', 'Trump and Putin speak for two hours; Kremlin rejects full ceasefire in Ukraine', 'The US and Russian presidents discussed the war in Ukraine on Tuesday. Moscow agreed only to a limited pause in strikes on power plants.'],
  ['Capital Courier', 'en', 'White House says Trump-Putin call yields energy truce, Black Sea talks next', 'Donald Trump and Vladimir Putin agreed that a halt to strikes on energy and infrastructure would be a first step towards peace in Ukraine.'],
  ['Московские вести', 'ru', 'Путин и Трамп провели телефонный разговор об Украине', 'Владимир Путин и Дональд Трамп обсудили урегулирование на Украине. Путин согласился на 30 дней прекратить удары по энергетической инфраструктуре.'],
  ['Невский курьер', 'ru', 'Кремль: Россия на 30 дней приостановит удары по энергетике Украины после разговора Путина с Трампом', 'После разговора с Трампом Путин отдал военным соответствующий приказ, сообщил Песков.'],
  ['Сибирское обозрение', 'ru', 'Путин отверг полное перемирие в разговоре с Трампом', 'Российский лидер согласился лишь на отказ от ударов по энергетическим объектам Украины на 30 дней.'],
  ['Київський вісник', 'uk', 'Путін і Трамп домовилися про паузу в ударах по енергетиці України', 'Під час телефонної розмови Путін погодився на 30 днів припинити удари по енергетичній інфраструктурі України.'],
  ['Дніпровська правда', 'uk', 'Розмова Трампа і Путіна: Росія обіцяє 30 днів не бити по енергетиці', 'Путін відкинув повне припинення вогню, але погодився зупинити удари по електростанціях України.'],
  ['東京新報', 'ja', 'トランプ氏とプーチン氏が電話会談　ウクライナのエネルギー施設攻撃を30日停止', 'トランプ米大統領とロシアのプーチン大統領は電話会談し、ウクライナのエネルギー施設への攻撃を30日間停止することで合意した。'],
  ['大阪日報', 'ja', 'プーチン氏、全面停戦は拒否　トランプ氏との電話会談でウクライナ問題協議', 'プーチン大統領はトランプ大統領との電話会談で、ウクライナのエネルギー施設への攻撃停止には30日間応じたが、全面停戦は拒否した。'],
] as const

const report = (i: number) => {
  const [, , title, description] = REPORTS[i]!
  return { title, description, link: `https://outlet-${i}.example/2025/03/18/call`, date: `Tue, 18 Mar 2025 ${String(18 + (i % 5)).padStart(2, '0')}:${String(i * 5).padStart(2, '0')}:00 GMT` }
}
const feedOf = (i: number, feedTitle: string = REPORTS[i]![0]) => rss([report(i)], `<language>${REPORTS[i]![1]}</language>`, feedTitle)

let server: FeedServer
let dir: string

beforeAll(async () => {
  server = await startFeedServer()
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-ingest-'))
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe.each(storeTargets)('newsbot ingest into $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  let deps: { store: Store; ingest: IngestDeps; cluster: ClusterDeps }

  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
    deps = {
      store,
      ingest: testIngestDeps(store, inlineFeedProcessor(topics), { hostQueue: { concurrency: 4, delayMs: HOST_DELAY_MS } }),
      cluster: { store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: NEAR_DUPLICATE_THRESHOLD },
    }
  })
  afterEach(() => dispose())

  /** The one story all ten reports make, with the names and kinds of its sources. */
  async function theStory() {
    const stories = await store.stories.list({})
    expect(stories.map((s) => s.outletCount)).toEqual([REPORTS.length])
    const [story] = stories
    return { outletCount: story!.outletCount, sources: story!.items.map((i) => [i.source, i.sourceKind]).sort() }
  }

  it('reads ten local files without waiting between them, as ten outlets named by their titles, of unknown kind', async () => {
    const files = REPORTS.map((_, i) => {
      const file = path.join(dir, `${target.name}-${i}.xml`)
      writeFileSync(file, feedOf(i))
      return file
    })
    const started = performance.now()
    let allRead = Infinity
    const results = await ingestSources(deps, files, (done, total) => {
      if (done === total) allRead = performance.now() - started
    })
    expect(allRead).toBeLessThan(HOST_DELAY_MS)
    expect(results.map((r) => [r.status, r.name])).toEqual(REPORTS.map(([name]) => ['ok', name]))
    expect((await store.feeds.list()).map((f) => [f.name, f.kind, f.origin])).toEqual(REPORTS.map(([name]) => [name, 'unknown', 'cli']))
    expect(await theStory()).toEqual({ outletCount: 10, sources: REPORTS.map(([name]) => [name, 'unknown']).sort() })
  }, 60_000) // so that the old behaviour, nine waits of HOST_DELAY_MS, fails on the assertion rather than the timeout

  it('ten feeds served from one host are ten outlets; an untitled feed is named after the host its items link to', async () => {
    const urls = REPORTS.map((_, i) => {
      server.route(`/${target.name}/feed-${i}`, (_q, r) => void r.end(feedOf(i, i === 0 ? '' : REPORTS[i]![0])))
      return server.url(`/${target.name}/feed-${i}`)
    })
    const results = await ingestSources({ ...deps, ingest: { ...deps.ingest, hostQueue: { concurrency: 4, delayMs: 0 } } }, urls)
    const names = ['outlet-0.example', ...REPORTS.slice(1).map(([name]) => name)]
    expect(results.map((r) => [r.url, r.status, r.name])).toEqual(urls.map((url, i) => [url, 'ok', names[i]]))
    expect(await theStory()).toEqual({ outletCount: 10, sources: names.map((name) => [name, 'unknown']).sort() })
  })

  it('names a feed once, by its first successful read; a source seen before keeps its feed', async () => {
    let title = 'First Title'
    server.route(`/${target.name}/renamed`, (_q, r) => void r.end(rss([report(0)], '', title)))
    const url = server.url(`/${target.name}/renamed`)
    expect((await ingestSources(deps, [url]))[0]).toMatchObject({ status: 'ok', name: 'First Title' })
    title = 'Second Title'
    expect((await ingestSources(deps, [url]))[0]).toMatchObject({ status: 'ok', name: 'First Title' })
    expect((await store.feeds.list()).map((f) => f.name)).toEqual(['First Title'])
  })
})
