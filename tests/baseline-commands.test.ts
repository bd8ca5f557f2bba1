// Day-one history through runCommand on SQLite: a fresh store already answers /timeline and /ceasefire-status from
// the curated chronology; a live story about a curated event joins its entry; NEWSBOT_BASELINE=off leaves live only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CeasefireJson } from '../commands/ceasefire-status.js'
import { runCommand } from '../commands/run.js'
import type { TimelineJson } from '../commands/timeline.js'
import type { CommandServices, Reply } from '../commands/types.js'
import { loadAliases } from '../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { loadBaseline } from '../src/services/baseline.js'
import { clusterPending } from '../src/services/cluster-stories.js'
import { commandServices, consoleInvoker, entities } from './support/command-services.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2026-06-01T12:00:00Z')
const shipped = loadBaseline({ shipped: true }, loadAliases())
const sqlite = storeTargets.find((t) => t.name === 'sqlite')!

/** Two outlets report the Trump–Putin call of 18 March 2025 (a curated row) on the day. */
async function seedCall(store: Store): Promise<void> {
  const feeds = await store.feeds.sync([
    { url: 'https://wire.example/rss', name: 'Example Wire', language: 'en', country: 'US', kind: 'wire', pollMinutes: null, origin: 'config' },
    { url: 'https://paper.example/rss', name: 'Example Paper', language: 'en', country: 'GB', kind: 'newspaper', pollMinutes: null, origin: 'config' },
  ])
  const reports: [string, string][] = [
    ['Putin and Trump agree energy ceasefire in phone call', 'Russian President Vladimir Putin and US President Donald Trump agreed in a phone call to halt strikes on energy infrastructure for 30 days.'],
    ['Trump and Putin phone call: Russia agrees to pause energy strikes', 'Donald Trump and Vladimir Putin spoke by phone; the Kremlin agreed to a 30-day halt to strikes on energy infrastructure.'],
  ]
  for (const [i, feed] of feeds.entries()) {
    const make = itemFactory(i === 0 ? 'wire.example' : 'paper.example')
    await store.items.upsert(feed.id, [make(reports[i]![0], reports[i]![1], `2025-03-18T1${i}:00:00Z`, 'en')], { backfill: false, seenAt: NOW })
  }
  await clusterPending({ store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: 0.6 })
}

describe('curated baseline in /timeline and /ceasefire-status (sqlite)', () => {
  let store: Store
  let dispose: () => Promise<void>
  beforeEach(async () => void ({ store, dispose } = await freshStore(sqlite)))
  afterEach(async () => dispose?.())

  const run = async (command: string, options: Record<string, string>, baseline = shipped) => {
    const services: CommandServices = commandServices(store, { baseline })
    return (await runCommand({ command, subcommand: null, options, invoker: consoleInvoker(), now: NOW }, services)) as Reply & { data: unknown }
  }

  it('a fresh store shows curated history, marked and cited', async () => {
    const reply = await run('timeline', { from: '2025-03-01', to: '2025-03-31' })
    const events = (reply.data as TimelineJson).events
    expect(events.map((e) => e.date)).toEqual(['2025-03-11', '2025-03-13', '2025-03-18', '2025-03-19', '2025-03-25'])
    expect(events.every((e) => e.basis === 'baseline' && e.storyId === null)).toBe(true)
    expect(events[2]).toMatchObject({ type: 'call', participants: ['person:trump', 'person:putin'] })
    expect(events[2]!.sources).toEqual([expect.objectContaining({ kind: 'curated', url: expect.stringMatching(/^https?:/) })])
    expect(renderConsoleReply(reply)).toContain('curated history')
  })

  it('asked for no dates on a fresh install, /timeline answers with the latest history on record', async () => {
    const reply = await run('timeline', {})
    const events = (reply.data as TimelineJson).events
    expect(events).toHaveLength(20)
    expect(events.at(-1)!.date).toBe(shipped.at(-1)!.date)
    expect(events.map((e) => e.date)).toEqual([...events.map((e) => e.date)].sort())
    expect(renderConsoleReply(reply)).toContain('Nothing in these 30 days; the 20 latest events on record')
    // With dates given, an empty range stays empty.
    expect((await run('timeline', { from: '2026-05-01' })).data).toEqual({ events: [] })
  })

  it('the ceasefire state on 2025-03-20 comes from the baseline, and says so', async () => {
    const reply = await run('ceasefire-status', { 'as-of': '2025-03-20' })
    const data = reply.data as CeasefireJson
    expect(data).toMatchObject({ state: 'partial', since: '2025-03-18', basis: 'baseline' })
    expect(data.developments[0]).toMatchObject({ date: '2025-03-18', state: 'partial', basis: 'baseline' })
    expect(renderConsoleReply(reply)).toContain('Rests on: the curated chronology')
    // The energy moratorium expired on 18 April 2025 (row 37), and with it the Black Sea and energy understanding of
    // 25 March that implemented it: no ceasefire in force from May, and expiry is no breakdown.
    const april = (await run('ceasefire-status', { 'as-of': '2025-04-18' })).data as CeasefireJson
    expect(april.developments[0]).toMatchObject({ date: '2025-04-18', basis: 'baseline' })
    expect(april.state).not.toBe('collapsed')
    const may = (await run('ceasefire-status', { 'as-of': '2025-05-20' })).data as CeasefireJson
    expect(may.state).not.toBe('partial')
    // The 2022 invasion (row 15) ended the July 2020 ceasefire: no "agreed" carried over from Minsk.
    const war = (await run('ceasefire-status', { 'as-of': '2022-03-01' })).data as CeasefireJson
    expect(war.state).toBe('talks')
  })

  it('a live story about a curated event joins its entry and its development', async () => {
    await seedCall(store)
    const events = ((await run('timeline', { from: '2025-03-17', to: '2025-03-19' })).data as TimelineJson).events
    const call = events.filter((e) => e.type === 'call')
    expect(call).toHaveLength(1)
    expect(call[0]).toMatchObject({ date: '2025-03-18', basis: 'both' })
    expect(call[0]!.storyId).toEqual(expect.any(Number))
    expect(call[0]!.sources.map((s) => s.kind).sort()).toEqual(['curated', 'newspaper', 'wire'])
    const status = (await run('ceasefire-status', { 'as-of': '2025-03-20' })).data as CeasefireJson
    expect(status).toMatchObject({ state: 'partial', basis: 'both' })
    expect(status.developments.filter((d) => d.date === '2025-03-18')).toEqual([expect.objectContaining({ basis: 'both' })])
  })

  it('with the baseline off only live evidence counts', async () => {
    await seedCall(store)
    const off = loadBaseline({ shipped: false }, loadAliases())
    expect(off).toEqual([])
    const events = ((await run('timeline', { from: '2025-03-01', to: '2025-03-31' }, off)).data as TimelineJson).events
    expect(events.map((e) => e.basis)).toEqual(['feeds'])
    const status = (await run('ceasefire-status', { 'as-of': '2025-03-20' }, off)).data as CeasefireJson
    expect(status.developments.every((d) => d.basis === 'feeds')).toBe(true)
  })
})
