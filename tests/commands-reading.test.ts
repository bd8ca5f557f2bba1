// /timeline, /ceasefire-status and /search through the command core on every store: seeded stories over six weeks
// in en/ja/ru, and every mistake a user can make with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import { suggestActors } from '../commands/timeline.js'
import type { Invoker, Reply } from '../commands/types.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { loadAliases } from '../src/5-cluster/aliases.js'
import { loadBaseline } from '../src/services/baseline.js'
import { clusterPending } from '../src/services/cluster-stories.js'
import { commandServices, consoleInvoker, entities, seedStories } from './support/command-services.js'
import { itemFactory } from './support/items.js'
import { freshStore, storeTargets } from './support/stores.js'

const NOW = new Date('2026-03-20T12:00:00Z')
const DAY = 86_400_000

/** seedStories' two (phone call 5 h ago, Black Sea talks 30 h ago) plus one 10 days and one 40 days ago. */
async function seedWeeks(store: Store): Promise<void> {
  await seedStories(store, NOW)
  const [paper] = await store.feeds.sync([{ url: 'https://paper.example/rss', name: 'Example Paper', language: 'en', country: 'GB', kind: 'newspaper', pollMinutes: null, origin: 'config' }])
  const item = itemFactory('paper.example')
  const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString()
  await store.items.upsert(
    paper!.id,
    [
      item('Zelensky meets Erdogan in Istanbul to discuss grain corridor', 'Ukrainian President Volodymyr Zelensky met Turkish President Recep Tayyip Erdogan in Istanbul on Black Sea grain exports.', ago(40), 'en'),
      item('Witkoff arrives in Moscow for ceasefire talks with Putin', 'US envoy Steve Witkoff arrived in Moscow to discuss a ceasefire in Ukraine with Russian President Vladimir Putin.', ago(10), 'en'),
    ],
    { backfill: false, seenAt: NOW },
  )
  await clusterPending({ store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: 0.6 })
}

/** Entry titles of an entries reply, or the notice text. */
function shown(reply: Reply): string[] {
  if (reply.kind === 'entries') return reply.entries.map((e) => e.title)
  if (reply.kind === 'notice') return reply.lines.map((l) => l.map((s) => s.text).join(''))
  return []
}

const CALL = 'Putin and Trump discuss Ukraine ceasefire in phone call'
const BLACK_SEA = 'Black Sea ceasefire talks open in Riyadh between Russia and Ukraine delegations'
const WITKOFF = 'Witkoff arrives in Moscow for ceasefire talks with Putin'
const ISTANBUL = 'Zelensky meets Erdogan in Istanbul to discuss grain corridor'

for (const target of storeTargets) {
  describe(`reading commands on ${target.name}`, () => {
    let store: Store
    let dispose: () => Promise<void>
    beforeAll(async () => {
      ;({ store, dispose } = await freshStore(target))
      await seedWeeks(store)
    })
    afterAll(async () => dispose?.())

    const run = async (command: string, options: Record<string, string>, invoker: Partial<Invoker> = {}) => {
      const services = commandServices(store)
      const reply = await runCommand({ command, subcommand: null, options, invoker: consoleInvoker(invoker), now: NOW }, services)
      expect(services.log.records).toEqual([])
      return reply
    }
    const error = async (command: string, options: Record<string, string>, invoker: Partial<Invoker> = {}) => {
      const reply = await run(command, options, invoker)
      expect(reply).toMatchObject({ kind: 'notice', tone: 'error', ephemeral: true })
      return shown(reply)[0]!
    }

    describe('/timeline', () => {
      it('lists the last 30 days of events oldest first, each dated, typed and with its participants', async () => {
        const reply = await run('timeline', {})
        expect(shown(reply)).toEqual([`10 Mar 2026 · talks · Putin, Witkoff — ${WITKOFF}`, `19 Mar 2026 · talks · Russia, Ukraine, United States — ${BLACK_SEA}`, `20 Mar 2026 · call · Putin, Trump — ${CALL}`])
        expect(reply).toMatchObject({ title: 'Timeline: 18 Feb 2026 – 20 Mar 2026', ephemeral: false })
      })

      it('takes from/to as whole days and filters by topic', async () => {
        expect(shown(await run('timeline', { from: '2026-02-01', to: '2026-02-08' }))).toEqual([`8 Feb 2026 · meeting/summit · Erdogan, Zelensky — ${ISTANBUL}`])
        expect(shown(await run('timeline', { from: '2026-02-01', topic: 'ceasefire' }))).toEqual([`10 Mar 2026 · talks · Putin, Witkoff — ${WITKOFF}`, `19 Mar 2026 · talks · Russia, Ukraine, United States — ${BLACK_SEA}`, `20 Mar 2026 · call · Putin, Trump — ${CALL}`])
        expect(shown(await run('timeline', { from: '2026-02-01', to: '2026-03-15', topic: 'ceasefire' }))).toEqual([`10 Mar 2026 · talks · Putin, Witkoff — ${WITKOFF}`])
      })

      it('filters by an actor named in any language, or by id; Japanese readers get Japanese headlines', async () => {
        const expected = [`10 Mar 2026 · talks · Putin, Witkoff — ${WITKOFF}`, `20 Mar 2026 · call · Putin, Trump — ${CALL}`]
        expect(shown(await run('timeline', { actor: 'Putin' }))).toEqual(expected)
        expect(shown(await run('timeline', { actor: 'person:putin' }))).toEqual(expected)
        expect(shown(await run('timeline', { actor: 'Путин' }))).toEqual(expected)
        const ja = await run('timeline', { actor: 'プーチン' }, { locale: 'ja' })
        expect(shown(ja)).toEqual([`2026年3月10日 · 交渉・協議 · プーチン、ウィトコフ — ${WITKOFF}`, '2026年3月20日 · 電話会談 · プーチン、トランプ — プーチン大統領とトランプ大統領が電話会談\u3000ウクライナ停戦を協議'])
        expect(ja).toMatchObject({ title: 'タイムライン（プーチン）: 2026年2月18日 – 2026年3月20日' })
        expect(shown(await run('timeline', { actor: 'Erdogan', from: '2026-01-01' }))).toEqual([`8 Feb 2026 · meeting/summit · Erdogan, Zelensky — ${ISTANBUL}`])
      })

      it('suggests actors by any of their names', () => {
        expect(suggestActors('путин', 'en')).toContainEqual({ name: 'Putin (person:putin)', value: 'person:putin' })
        expect(suggestActors('ゼレン', 'ja')[0]).toMatchObject({ value: 'person:zelensky' })
        expect(suggestActors('', 'en')).toHaveLength(25)
      })

      it('refuses unknown actors, bad dates and a reversed range, in the user’s language', async () => {
        expect(await error('timeline', { actor: 'Gandalf' })).toMatch(/^Unknown actor "Gandalf"\. Start typing a name .* person:putin/)
        expect(await error('timeline', { actor: 'Gandalf' }, { locale: 'ja' })).toMatch(/^「Gandalf」という人物・国・組織は見つかりません/)
        expect(await error('timeline', { from: '2026-02-30' })).toBe('Option "from": "2026-02-30" is not a date; use YYYY-MM-DD.')
        expect(await error('timeline', { from: '2026-03-10', to: '2026-03-01' })).toBe('Option "from" is after "to"; swap them.')
        expect(await error('timeline', { topic: 'weather' })).toMatch(/^Unknown topic "weather"/)
      })
    })

    describe('/ceasefire-status', () => {
      it('states where the ceasefire stands and since when, with the developments behind it, newest first', async () => {
        const reply = await run('ceasefire-status', {})
        expect(reply.data).toMatchObject({ state: 'talks', since: '2026-03-10', asOf: '2026-03-20' })
        expect(shown(reply)).toEqual([CALL, BLACK_SEA, WITKOFF])
        const text = renderConsoleReply(reply)
        expect(text).toContain('Talks since 10 Mar 2026')
        expect(text).toContain('State Agency <https://state.example/1> (state media)')
      })

      it('looks back from an earlier day, counting only what was published by then', async () => {
        const ja = await run('ceasefire-status', { 'as-of': '2026-03-18' }, { locale: 'ja' })
        expect(shown(ja)).toEqual([WITKOFF])
        expect(renderConsoleReply(ja)).toContain('交渉中（2026年3月10日以降） — 未確認（報じたのは1媒体のみ）')
        const before = await run('ceasefire-status', { 'as-of': '2026-02-20' })
        expect(shown(before)).toEqual([])
        expect(before.data).toMatchObject({ state: 'none', developments: [] })
        // The story of the call as it stood before its Japanese and Russian reports came in.
        const early = await run('ceasefire-status', { 'as-of': '2026-03-20T07:10:00Z' })
        expect(renderConsoleReply(early)).toContain('20 Mar 2026 · 1 outlet · #')
      })

      it('takes today as now and refuses the future', async () => {
        expect(shown(await run('ceasefire-status', { 'as-of': '2026-03-20' }))).toHaveLength(3)
        expect(await error('ceasefire-status', { 'as-of': '2026-03-21' })).toBe('Option "as-of" is in the future; give today or an earlier date.')
        expect(await error('ceasefire-status', { 'as-of': '2026-03-21' }, { locale: 'ja' })).toBe('オプション「as-of」が未来の日付です。今日以前の日付を指定してください。')
        expect(await error('ceasefire-status', { 'as-of': 'yesterday' })).toMatch(/^Option "as-of": "yesterday" is not a date/)
      })
    })

    describe('lang and topics', () => {
      it('every reading command answers in the lang asked for, whatever the reader’s own', async () => {
        const [id] = (await store.stories.list({})).map((s) => s.id)
        expect(await run('timeline', { lang: 'ja' })).toMatchObject({ title: 'タイムライン: 2026年2月18日 – 2026年3月20日' })
        expect(await run('ceasefire-status', { lang: 'ja' })).toMatchObject({ title: '停戦の状況（2026年3月20日時点）' })
        expect(await run('search', { query: 'Putin', lang: 'ja' })).toMatchObject({ title: '検索:「Putin」' })
        expect(renderConsoleReply(await run('story', { id: String(id), lang: 'ja' }))).toMatch(/\d媒体・/)
        expect(await run('topics', { lang: 'ja' })).toMatchObject({ title: 'トピック' })
        expect(await run('timeline', { lang: 'en' }, { locale: 'ja' })).toMatchObject({ title: 'Timeline: 18 Feb 2026 – 20 Mar 2026' })
      })

      it('in Japanese, every fixed string is Japanese: places, the curated chronology, update reasons, errors', async () => {
        const services = commandServices(store, { baseline: loadBaseline({ shipped: true }, loadAliases()) })
        const ja = consoleInvoker({ locale: 'ja' })
        const ask = async (command: string, options: Record<string, string>) => renderConsoleReply(await runCommand({ command, subcommand: null, options, invoker: ja, now: NOW }, services), { lang: 'ja' })
        const timeline = await ask('timeline', { from: '2025-02-01', to: '2025-12-31' })
        for (const english of ['Phone call', 'Video call', 'Curated chronology', 'curated history', 'front line', 'Moscow, Russia']) expect(timeline).not.toContain(english)
        expect(timeline).toContain('電話会談 · 編集済みの年表')
        expect(timeline).toContain('ロシア・モスクワ · 編集済みの年表')
        expect(timeline).toMatch(/編集済み年表 <https?:[^>]+>（編集済みの年表）/)
        const ceasefire = await ask('ceasefire-status', {})
        for (const english of ['Curated chronology', 'curated']) expect(ceasefire).not.toContain(english)
        expect(ceasefire).toMatch(/編集済み年表 <https?:[^>]+> \(編集済みの年表\)/)
        const updated = (await store.stories.list({})).find((s) => s.updateReason?.includes('new language'))!
        const story = await ask('story', { id: String(updated.id) })
        expect(story).toMatch(/更新: .*新たな言語：(日本語|ロシア語)/)
        expect(story).not.toMatch(/new (language|outlet)/)
        expect(renderConsoleReply({ kind: 'notice', ephemeral: true, tone: 'error', lines: [[{ text: '…' }]] }, { lang: 'ja' })).toBe('エラー: …\n')
      })

      it('takes a topic by its name in either language, whole or a part only one topic has', async () => {
        const ceasefire = shown(await run('timeline', { from: '2026-02-01', topic: 'ceasefire' }))
        for (const topic of ['停戦', '停戦・和平交渉', 'Ceasefire and peace talks', 'ＣＥＡＳＥＦＩＲＥ', 'peace']) expect(shown(await run('timeline', { from: '2026-02-01', topic }))).toEqual(ceasefire)
        expect(shown(await run('timeline', { from: '2026-01-01', topic: 'ウクライナ' }))).toEqual(shown(await run('timeline', { from: '2026-01-01', topic: 'ukraine-war' })))
        expect(await error('timeline', { topic: 'r' })).toMatch(/^"r" could be several topics: us-russia \(US–Russia relations, 米ロ関係\)/)
      })
    })

    describe('/search', () => {
      it('matches Cyrillic and Japanese in any case, every word required, newest first', async () => {
        for (const query of ['Путин трамп', 'ТЕЛЕФОНУ прекращение']) expect(shown(await run('search', { query }))).toEqual([CALL])
        // 停戦 names the ceasefire, as "ceasefire" does in English.
        expect(shown(await run('search', { query: '停戦' }))).toEqual([CALL, BLACK_SEA, WITKOFF])
        expect(shown(await run('search', { query: 'ウクライナ停戦 電話会談' }, { locale: 'ja' }))).toEqual(['プーチン大統領とトランプ大統領が電話会談\u3000ウクライナ停戦を協議'])
        expect(shown(await run('search', { query: 'ＰＵＴＩＮ' }))).toEqual([CALL, WITKOFF])
        expect(shown(await run('search', { query: 'CEASEFIRE' }))).toEqual([CALL, BLACK_SEA, WITKOFF])
        expect(shown(await run('search', { query: 'riyadh SEA black' }))).toEqual([BLACK_SEA])
      })

      it('finds nothing when one word is missing, and takes % and _ literally', async () => {
        const none = await run('search', { query: 'Putin Riyadh' })
        expect(shown(none)).toEqual([])
        expect(renderConsoleReply(none)).toContain('No stories or curated events contain all of “Putin Riyadh”.')
        expect(shown(await run('search', { query: '%_' }))).toEqual([])
      })

      it('finds a name in any language or case it is written in, as /timeline’s actor does', async () => {
        for (const query of ['Zelensky', 'Зеленського', 'ゼレンスキー', 'Зеленский Эрдоган']) expect(shown(await run('search', { query }))).toEqual([ISTANBUL])
        for (const query of ['Путина', 'ПУТИН', 'プーチン']) expect(shown(await run('search', { query }))).toEqual([CALL, WITKOFF])
      })

      it('takes one kanji but refuses one letter', async () => {
        expect(await run('search', { query: '露' })).toMatchObject({ kind: 'entries', entries: [] })
        expect(await error('search', { query: 'a' })).toBe('Option "query": needs at least 2 characters (one kanji is enough).')
        expect(await error('search', { query: 'a' }, { locale: 'ja' })).toBe('オプション「query」: 2 文字以上にしてください（漢字は1文字でも検索できます）。')
      })

      it('searches the curated chronology too, newest first with the stories', async () => {
        const services = commandServices(store, { baseline: loadBaseline({ shipped: true }, loadAliases()) })
        const reply = await runCommand({ command: 'search', subcommand: null, options: { query: 'Будапешті' }, invoker: consoleInvoker(), now: NOW }, services)
        expect(shown(reply)).toEqual([
          "21 Oct 2025 — White House says no Trump–Putin meeting is planned 'in the immediate future', shelving the Budapest summit",
          '16 Oct 2025 — Trump–Putin call; Trump announces plans to meet Putin in Budapest',
        ])
        expect(renderConsoleReply(reply)).toContain('curated history')
      })
    })
  })
}
