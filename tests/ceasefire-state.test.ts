// The ceasefire state machine on hand-made developments, and how stories become developments (segments, backing,
// confirmation).
import { describe, expect, it } from 'vitest'
import { developmentsOf, isConfirmed, type Development, type DevelopmentKind } from '../src/6-summarise/ceasefire/developments.js'
import { runMachine } from '../src/6-summarise/ceasefire/state-machine.js'
import type { ItemReading, LimitedScope } from '../src/6-summarise/ceasefire/types.js'
import type { StoryItem, StoryRecord } from '../src/7-store/types.js'

const at = (d: string) => new Date(`${d}T12:00:00Z`)
let ids = 0

function item(source: string, published: string, title = 'x', sourceKind = 'wire'): StoryItem {
  ids++
  return { id: ids, url: `https://${source}.example/${ids}`, title, text: '', source, sourceKind, language: 'en', publishedAt: at(published), topics: ['ceasefire'], duplicateOf: null }
}

function dev(kind: DevelopmentKind, date: string, scopes: LimitedScope[] = [], days: number | null = null, more: Partial<Development> = {}): Development {
  const items = [item('a', date), item('b', date)]
  return { storyId: ids, date: at(date), kind, scopes, days, items, confirmed: true, ...more }
}

const machine = (devs: Development[], asOf: string) => runMachine(devs, new Date(`${asOf}T23:59:59Z`), { holidayDefaultDays: 3 })
const stateAt = (devs: Development[], asOf: string) => machine(devs, asOf).state

describe('ceasefire state machine', () => {
  it('is none with nothing on record, and only counts what happened by the as-of moment', () => {
    expect(machine([], '2025-01-01')).toMatchObject({ state: 'none', since: null, cause: null })
    expect(stateAt([dev('talks', '2025-03-01')], '2025-02-28')).toBe('none')
  })

  it('ends a general ceasefire by war or a collapse, and goes back to talks when talks resume', () => {
    const record = [dev('agreed', '2015-02-12'), dev('war', '2022-02-24'), dev('talks', '2022-03-29')]
    expect(stateAt(record, '2020-01-01')).toBe('agreed')
    expect(machine(record, '2022-02-26')).toMatchObject({ state: 'collapsed', since: at('2022-02-24') })
    expect(stateAt(record, '2022-03-31')).toBe('talks')
    // A war headline with no ceasefire in force ends nothing.
    expect(stateAt([dev('talks', '2025-01-01'), dev('war', '2025-02-01')], '2025-03-01')).toBe('talks')
  })

  it('keeps a limited ceasefire in force through talks and proposals, until it is quit', () => {
    const record = [dev('partial', '2022-07-22', ['grain'], 120), dev('talks', '2022-09-01'), dev('proposed', '2022-10-01'), dev('collapsed', '2022-10-29', ['grain'], null, { ending: 'withdrawn' })]
    expect(stateAt(record, '2022-10-02')).toBe('partial')
    const quit = machine(record, '2022-11-01')
    expect(quit).toMatchObject({ state: 'collapsed', since: at('2022-10-29'), lastEnded: { how: 'withdrawn' } })
  })

  it('lets a truce of stated length expire back to where negotiations stand: expired is not collapsed', () => {
    const truce = dev('partial', '2025-05-08', ['holiday', 'temporary'], 3)
    expect(stateAt([truce], '2025-05-09')).toBe('partial')
    const expired = machine([dev('proposed', '2025-05-01'), truce], '2025-05-20')
    expect(expired).toMatchObject({ state: 'proposed', cause: { note: 'expired' }, lastEnded: { how: 'expired' } })
    expect(expired.since!.toISOString()).toBe('2025-05-12T23:59:59.999Z')
    expect(stateAt([truce], '2025-05-20')).toBe('none')
    // A stated last day, and a holiday truce without one (the default length).
    expect(stateAt([dev('talks', '2026-01-20'), dev('partial', '2026-01-29', ['local'], null, { until: '2026-02-01' })], '2026-02-02')).toBe('talks')
    expect(stateAt([dev('talks', '2025-04-01'), dev('partial', '2025-04-19', ['holiday'])], '2025-04-30')).toBe('talks')
    // A report that it ran out ends it on the day; one of breaking it, soon after, says how it ended.
    const broken = machine([dev('talks', '2026-01-20'), dev('partial', '2026-01-29', ['local'], null, { until: '2026-02-01' }), dev('collapsed', '2026-02-03')], '2026-02-03')
    expect(broken).toMatchObject({ state: 'collapsed', lastEnded: { how: 'broken' } })
  })

  it('lapses a limited arrangement no report has mentioned for weeks, and keeps an undated one in force while reported', () => {
    const announced = dev('partial', '2025-03-25', ['sea'])
    expect(stateAt([dev('talks', '2025-03-01'), announced], '2025-04-10')).toBe('partial')
    expect(machine([dev('talks', '2025-03-01'), announced], '2025-06-01')).toMatchObject({ state: 'talks', lastEnded: { how: 'lapsed' } })
    const reported = dev('partial', '2025-04-25', ['sea'], null, { evidence: 'in-force' })
    expect(stateAt([dev('talks', '2025-03-01'), announced, reported], '2025-05-20')).toBe('partial')
  })

  it('carries an arrangement’s stated end over to the measures that implement it', () => {
    const moratorium = dev('partial', '2025-03-18', ['energy'], 30)
    const implementing = dev('partial', '2025-03-25', ['energy', 'sea'])
    const result = machine([dev('talks', '2025-03-01'), moratorium, implementing], '2025-05-15')
    expect(result.state).toBe('talks')
    expect(result.lastEnded).toMatchObject({ how: 'expired' })
  })

  it('ends only the arrangement whose scope ended, and keeps a rejected proposal on the table', () => {
    const record = [dev('partial', '2025-03-18', ['energy'], 30), dev('partial', '2025-04-19', ['holiday']), dev('collapsed', '2025-04-21', ['holiday'])]
    expect(stateAt(record, '2025-04-12')).toBe('partial')
    expect(machine(record, '2025-04-12').inForce.map((a) => a.scopes)).toEqual([['energy']])
    expect(stateAt([...record, dev('collapsed', '2025-04-23')], '2025-04-24')).toBe('collapsed')
    expect(stateAt([dev('talks', '2025-03-01'), dev('proposed', '2025-03-11'), dev('proposed', '2025-03-13')], '2025-03-20')).toBe('proposed')
  })
})

describe('developments from stories', () => {
  const reading = (state: ItemReading['state'], scopes: LimitedScope[] = []): ItemReading => ({ state, stance: null, war: false, scopes, days: null, until: null, bound: null, claims: [] })
  const story = (id: number, items: StoryItem[]): StoryRecord => ({
    id, title: 't', headlines: {}, topics: ['ceasefire'], languages: ['en'], outlets: [], outletCount: 0,
    firstPublishedAt: items[0]!.publishedAt, lastPublishedAt: items.at(-1)!.publishedAt, lastUpdatedAt: items.at(-1)!.publishedAt, updateReason: null, items,
  })

  it('takes the weightiest state of each phase a story reports, a limited scope turning "agreed" into partial', () => {
    const a = item('wire', '2025-03-18', 'agreed')
    const b = item('paper', '2025-03-18', 'partial')
    const c = item('tv', '2025-03-19', 'talks')
    const readings = new Map([[a.id, reading('agreed')], [b.id, reading('partial', ['energy'])], [c.id, reading('talks')]])
    const { developments } = developmentsOf([story(1, [a, b, c])], (i) => readings.get(i.id)!)
    expect(developments.map((d) => d.kind)).toEqual(['partial', 'talks'])
    expect(developments[0]).toMatchObject({ kind: 'partial', scopes: ['energy'], confirmed: true })
    expect(developments[0]!.items.map((i) => i.source)).toEqual(['wire', 'paper'])
  })

  it('needs a third of the reports that say anything to back a development', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => item(s, '2025-12-28'))
    const readings = new Map(items.map((i, k) => [i.id, reading(k === 0 ? 'agreed' : 'talks')]))
    expect(developmentsOf([story(3, items)], (i) => readings.get(i.id)!).developments.map((d) => d.kind)).toEqual(['talks'])
  })

  it('splits a long-running story at a gap into separate developments', () => {
    const a = item('wire', '2025-05-08')
    const b = item('paper', '2025-05-20')
    const readings = new Map([[a.id, reading('partial', ['holiday'])], [b.id, reading('collapsed', ['holiday'])]])
    const { developments } = developmentsOf([story(2, [a, b])], (i) => readings.get(i.id)!)
    expect(developments.map((d) => d.kind)).toEqual(['partial', 'collapsed'])
  })

  it('confirms a change only with two outlets, not all state media', () => {
    expect(isConfirmed([item('wire', '2025-01-01'), item('wire', '2025-01-02')])).toBe(false)
    expect(isConfirmed([item('tass', '2025-01-01', 'x', 'state-media'), item('ria', '2025-01-01', 'x', 'state-media')])).toBe(false)
    expect(isConfirmed([item('tass', '2025-01-01', 'x', 'state-media'), item('wire', '2025-01-01')])).toBe(true)
  })
})
