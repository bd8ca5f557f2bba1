// What `newsbot run …` prints: each URL once per entry, no unexplained marks, one-day spans said once; on both stores
// for the commands that read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import type { CommandServices, Reply } from '../commands/types.js'
import { loadAliases } from '../src/5-cluster/aliases.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { loadBaseline } from '../src/services/baseline.js'
import { commandServices, consoleInvoker } from './support/command-services.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2026-06-01T12:00:00Z')
const shipped = loadBaseline({ shipped: true }, loadAliases())

describe('console replies', () => {
  const reply = (entry: Extract<Reply, { kind: 'entries' }>['entries'][number]): Reply => ({ kind: 'entries', ephemeral: false, title: 'T', entries: [entry], empty: '-' })

  it('write an entry URL once when a line below links it too', () => {
    const out = renderConsoleReply(reply({ title: 'Call', url: 'https://a.example/1', lines: [[{ text: 'Wire', url: 'https://a.example/1' }, { text: ' (wire)' }]] }))
    expect(out.match(/https:\/\/a\.example\/1/g)).toHaveLength(1)
    expect(out).toContain('Wire <https://a.example/1> (wire)')
  })

  it('keep the entry URL when no line links it', () => {
    expect(renderConsoleReply(reply({ title: 'Call', url: 'https://a.example/1', lines: [[{ text: 'Wire', url: 'https://b.example/2' }]] }))).toContain('Call <https://a.example/1>')
  })

  it('write a link whose text is its URL as the URL alone', () => {
    const out = renderConsoleReply(reply({ title: 'Item', lines: [[{ text: 'Copy of: ' }, { text: 'https://a.example/1', url: 'https://a.example/1' }]] }))
    expect(out).toContain('  Copy of: https://a.example/1\n')
  })

  const many = (count: number, pageSize?: number): Reply => ({
    kind: 'entries',
    ephemeral: false,
    title: 'T',
    entries: Array.from({ length: count }, (_, i) => ({ title: `Entry ${i + 1}`, lines: [] })),
    empty: '-',
    ...(pageSize && { pageSize }),
  })
  const titles = (out: string) => out.match(/^Entry \d+$/gm) ?? []

  it('print a page of entries, then how many more and how to see them', () => {
    const out = renderConsoleReply(many(25, 8))
    expect(titles(out)).toHaveLength(8)
    expect(out.trimEnd().split('\n').at(-1)).toBe('17 more — add --limit 25 to see them all')
    expect(renderConsoleReply(many(25, 8), { lang: 'ja' })).toContain('ほか17件 — すべて表示するには --limit 25 を付けてください')
  })

  it('print as many entries as the limit says, and no "more" line when all are shown', () => {
    expect(titles(renderConsoleReply(many(25), { limit: 3 }))).toEqual(['Entry 1', 'Entry 2', 'Entry 3'])
    const all = renderConsoleReply(many(25), { limit: 25 })
    expect(titles(all)).toHaveLength(25)
    expect(all).not.toMatch(/more —/)
  })

  it('print no bare mark on a highlighted entry', () => {
    const out = renderConsoleReply(reply({ title: 'Feed', lines: [[{ text: 'error' }]], highlight: true }))
    expect(out.split('\n')[2]).toBe('Feed')
  })
})

for (const target of storeTargets) {
  describe(`console replies from the store (${target.name})`, () => {
    let store: Store
    let dispose: () => Promise<void>
    beforeAll(async () => void ({ store, dispose } = await freshStore(target)))
    afterAll(async () => dispose?.())

    const run = async (command: string, options: Record<string, string>) => {
      const services: CommandServices = commandServices(store, { baseline: shipped })
      return renderConsoleReply(await runCommand({ command, subcommand: null, options, invoker: consoleInvoker(), now: NOW }, services))
    }

    it('a one-day timeline names its day once, and each curated URL once', async () => {
      const out = await run('timeline', { from: '2025-03-18', to: '2025-03-18' })
      expect(out.split('\n')[0]).toBe('Timeline: 18 Mar 2025')
      const urls = out.match(/<https?:[^>]+>/g) ?? []
      expect(urls.length).toBeGreaterThan(0)
      for (const block of out.split('\n\n').slice(1)) expect(new Set(block.match(/<https?:[^>]+>/g)).size).toBe(block.match(/<https?:[^>]+>/g)?.length)
    })

    it('/ceasefire-status says which development the state rests on, without a bare mark', async () => {
      const out = await run('ceasefire-status', {})
      expect(out).not.toMatch(/^\* /m)
      expect(out.match(/the current state rests on this/g)).toHaveLength(1)
    })

    it('/ceasefire-status prints one page of developments and says how to see the rest', async () => {
      const out = await run('ceasefire-status', {})
      expect(out.split('\n').length).toBeLessThan(80)
      expect(out.trimEnd().split('\n').at(-1)).toMatch(/^\d+ more — add --limit \d+ to see them all$/)
    })
  })
}
