// /ceasefire-status through runCommand on every store: items in en/ru seeded and clustered as the pipeline would,
// as-of cutting off later reports, unconfirmed changes (one outlet; state media only), and the JSON shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CeasefireJson } from '../commands/ceasefire-status.js'
import { runCommand } from '../commands/run.js'
import type { Invoker, Reply } from '../commands/types.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { clusterPending } from '../src/services/cluster-stories.js'
import { commandServices, consoleInvoker, entities } from './support/command-services.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2026-03-01T12:00:00Z')

async function seed(store: Store): Promise<void> {
  const feeds = await store.feeds.sync([
    { url: 'https://wire.example/rss', name: 'Example Wire', language: 'en', country: 'US', kind: 'wire', pollMinutes: null, origin: 'config' },
    { url: 'https://paper.example/rss', name: 'Example Paper', language: 'en', country: 'GB', kind: 'newspaper', pollMinutes: null, origin: 'config' },
    { url: 'https://tass.example/rss', name: 'State Agency', language: 'ru', country: 'RU', kind: 'state-media', pollMinutes: null, origin: 'config' },
    { url: 'https://ria.example/rss', name: 'State Wire', language: 'ru', country: 'RU', kind: 'state-media', pollMinutes: null, origin: 'config' },
  ])
  const [wire, paper, tass, ria] = feeds.map((f) => f.id) as [number, number, number, number]
  const put = async (feed: number, host: string, items: [string, string, string, string][]) => {
    const make = itemFactory(host)
    await store.items.upsert(feed, items.map(([title, text, at, lang]) => make(title, text, at, lang)), { backfill: false, seenAt: NOW })
  }
  await put(wire, 'wire.example', [
    ['Russian and Ukrainian delegations open ceasefire talks in Istanbul', 'Delegations from Russia and Ukraine met in Istanbul for ceasefire talks mediated by Turkey.', '2026-02-01T09:00:00Z', 'en'],
    ['Russia and Ukraine agree to halt strikes on energy infrastructure', 'Moscow and Kyiv agreed to stop attacking power plants and the power grid for 30 days, officials from both sides said.', '2026-02-10T09:00:00Z', 'en'],
  ])
  await put(paper, 'paper.example', [
    ['Istanbul round: Ukraine and Russia negotiators sit down for ceasefire talks', 'Negotiators from Kyiv and Moscow began talks on a ceasefire in Istanbul on Sunday.', '2026-02-01T11:00:00Z', 'en'],
    ['Energy truce: Kyiv and Moscow halt strikes on power plants', 'Ukraine and Russia agreed a moratorium on strikes against energy infrastructure, both governments confirmed.', '2026-02-10T12:00:00Z', 'en'],
    ['Energy truce collapses as Russian missiles hit Ukrainian power plants', 'The energy ceasefire between Russia and Ukraine collapsed overnight after missiles struck power stations near Kharkiv.', '2026-02-20T08:00:00Z', 'en'],
  ])
  await put(tass, 'tass.example', [['Кремль: Москва готова к полному прекращению огня на Украине', 'Песков заявил, что Россия готова к полному прекращению огня, если Киев прекратит мобилизацию.', '2026-02-25T08:00:00Z', 'ru']])
  await put(ria, 'ria.example', [['Песков: Россия готова к полному перемирию с Украиной', 'Россия готова к полному перемирию с Украиной при выполнении её условий, сказал Песков журналистам.', '2026-02-25T10:00:00Z', 'ru']])
  await clusterPending({ store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: 0.6 })
}

for (const target of storeTargets) {
  describe(`/ceasefire-status on ${target.name}`, () => {
    let store: Store
    let dispose: () => Promise<void>
    beforeAll(async () => {
      ;({ store, dispose } = await freshStore(target))
      await seed(store)
    })
    afterAll(async () => dispose?.())

    const run = async (options: Record<string, string>, invoker: Partial<Invoker> = {}, now = NOW): Promise<Reply & { data: CeasefireJson }> => {
      const services = commandServices(store)
      const reply = await runCommand({ command: 'ceasefire-status', subcommand: null, options, invoker: consoleInvoker(invoker), now }, services)
      expect(services.log.records).toEqual([])
      return reply as Reply & { data: CeasefireJson }
    }

    it('uses only items published by the as-of day', async () => {
      expect((await run({ 'as-of': '2026-01-31' })).data).toMatchObject({ state: 'none', since: '2026-01-31', asOf: '2026-01-31', developments: [] })
      const talks = await run({ 'as-of': '2026-02-05' })
      expect(talks.data).toMatchObject({ state: 'talks', since: '2026-02-01' })
      expect(talks.data.developments.map((d) => d.state)).toEqual(['talks'])
      const truce = await run({ 'as-of': '2026-02-12' })
      expect(truce.data).toMatchObject({ state: 'partial', since: '2026-02-10' })
      expect(truce.data.summary).not.toContain('unconfirmed')
    })

    it('marks a change backed by a single outlet as unconfirmed', async () => {
      const reply = await run({ 'as-of': '2026-02-21' })
      expect(reply.data).toMatchObject({ state: 'collapsed', since: '2026-02-20' })
      expect(reply.data.summary).toContain('unconfirmed: reported by one outlet only')
      const text = renderConsoleReply(reply)
      expect(text).toContain('Ceasefire collapsed since 20 Feb 2026 — unconfirmed (reported by one outlet only)')
      expect(text).toContain('Example Paper <https://paper.example/')
    })

    it('marks a change backed only by state media as unconfirmed, and labels state media', async () => {
      const reply = await run({ 'as-of': '2026-02-26' })
      expect(reply.data).toMatchObject({ state: 'proposed', since: '2026-02-25' })
      expect(reply.data.summary).toContain('unconfirmed: reported by state media only')
      expect(reply.data.claims[0]).toMatchObject({ party: 'Moscow', date: '2026-02-25' })
      expect(renderConsoleReply(reply)).toContain('State Agency <https://tass.example/1> (state media)')
      const ja = await run({ 'as-of': '2026-02-26' }, { locale: 'ja' })
      const text = renderConsoleReply(ja)
      expect(text).toContain('停戦の状況（2026年2月26日時点）')
      expect(text).toContain('停戦案あり（2026年2月25日以降） — 未確認（報じたのは国営メディアのみ）')
      expect(text).toContain('(国営メディア)')
    })

    it('prints exactly the documented JSON shape', async () => {
      const { data } = await run({})
      expect(Object.keys(data)).toEqual(['state', 'since', 'asOf', 'summary', 'claims', 'basis', 'developments', 'inForce', 'negotiations', 'lastEnded', 'newestEvidence', 'stale'])
      expect(data.asOf).toBe('2026-03-01')
      expect(data.since).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      for (const claim of data.claims) {
        expect(Object.keys(claim)).toEqual(['party', 'claim', 'date', 'sources'])
        for (const s of claim.sources) expect(Object.keys(s)).toEqual(['name', 'url', 'language', 'kind'])
      }
      expect(data.developments.length).toBeGreaterThanOrEqual(4)
      for (const d of data.developments) {
        expect(Object.keys(d)).toEqual(['date', 'title', 'state', 'sources', 'basis'])
        for (const s of d.sources) expect(Object.keys(s)).toEqual(['name', 'url', 'language', 'kind'])
      }
      // Newest first.
      expect(data.developments.map((d) => d.date)).toEqual([...data.developments.map((d) => d.date)].sort().reverse())
    })

    it('says what is in force, with its scope, parties, start and stated end, and its sources', async () => {
      const { data } = await run({ 'as-of': '2026-02-12' })
      expect(data.inForce).toHaveLength(1)
      expect(data.inForce[0]).toMatchObject({ general: false, scopes: ['energy'], start: '2026-02-10', statedEnd: '2026-03-12' })
      expect(data.inForce[0]!.parties).toEqual(expect.arrayContaining(['Moscow', 'Kyiv']))
      expect(data.inForce[0]!.sources.map((s) => s.name).sort()).toEqual(['Example Paper', 'Example Wire'])
      expect(data.negotiations).toMatchObject({ state: 'talks', since: '2026-02-01' })
      expect(data.lastEnded).toBeNull()
      const text = renderConsoleReply(await run({ 'as-of': '2026-02-12' }))
      expect(text).toContain('In force: Limited ceasefire (energy infrastructure) (')
      expect(text).toContain('since 10 Feb 2026; stated end 12 Mar 2026)')
      const ja = renderConsoleReply(await run({ 'as-of': '2026-02-12' }, { locale: 'ja' }))
      expect(ja).toContain('発効中: 限定停戦（エネルギー施設）')
    })

    it('says which arrangement ended last and how, and where the negotiations stand after it', async () => {
      const broken = await run({ 'as-of': '2026-02-21' })
      expect(broken.data.inForce).toEqual([])
      expect(broken.data.lastEnded).toMatchObject({ scopes: ['energy'], start: '2026-02-10', ended: '2026-02-20', how: 'broken' })
      expect(broken.data.lastEnded!.sources.map((s) => s.name)).toEqual(['Example Paper'])
      expect(renderConsoleReply(broken)).toContain('Last ended: Limited ceasefire (energy infrastructure) of 10 Feb 2026: broke down on 20 Feb 2026')
      const later = await run({})
      expect(later.data.negotiations).toMatchObject({ state: 'proposed', since: '2026-02-25', latest: '2026-02-25' })
    })

    it('says when the newest evidence is weeks older than the day asked about', async () => {
      const fresh = await run({})
      expect(fresh.data).toMatchObject({ newestEvidence: '2026-02-25', stale: false })
      const months = await run({}, {}, new Date('2026-05-01T12:00:00Z'))
      expect(months.data).toMatchObject({ newestEvidence: '2026-02-25', stale: true })
      expect(renderConsoleReply(months)).toContain('Note: the newest evidence on record is from 25 Feb 2026, 65 days earlier; things may have moved since.')
    })
  })
}
