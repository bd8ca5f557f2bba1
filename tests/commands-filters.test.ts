// /subscribe's filters and /digest explain:true through the command core, on every store: each option stored, shown
// and changed, each mistake a clear error in both languages, and a subscription excluding a term the energy-strikes
// call names gets neither its digest entry nor its alert, which explain says.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCommand } from '../commands/run.js'
import type { Invoker, OptionValue, Reply } from '../commands/types.js'
import type { Store } from '../src/7-store/types.js'
import { renderConsoleReply } from '../src/8-deliver/console/render-reply.js'
import { planDue } from '../src/services/delivery/plan.js'
import { commandServices, consoleInvoker } from './support/command-services.js'
import { dueSoon, planDeps, seedStories } from './support/delivery.js'
import { freshStore, storeTargets } from './support/stores.js'

const CALL = 'Putin agrees to halt strikes on Ukraine energy sites after call with Trump'
const COURT = 'Kremlin critic sentenced in absentia over Ukraine war posts'

const channel = (overrides: Partial<Invoker> = {}) =>
  consoleInvoker({ platform: 'discord', channelKey: 'discord:555', channelId: '555', workspaceId: '777', userId: 'alice', ...overrides })

const text = (reply: Reply) => renderConsoleReply(reply).trimEnd()

describe.each(storeTargets)('filters and explain on $name', (target) => {
  let store: Store
  let dispose: () => Promise<void>
  const { time, now } = dueSoon(new Date())

  beforeEach(async () => {
    ;({ store, dispose } = await freshStore(target))
    await seedStories(store, now)
  })
  afterEach(() => dispose())

  const run = async (command: string, options: Record<string, OptionValue>, invoker: Invoker = channel()) => {
    const services = commandServices(store)
    const reply = await runCommand({ command, subcommand: null, options, invoker, now }, services)
    expect(services.log.records.filter((r) => r.level === 'error')).toEqual([])
    return reply
  }
  const filtersOf = async () => (await store.subscriptions.listForChannel('discord:555')).map((s) => s.filters)

  it('sets every filter, says so, lists them in /subscriptions, keeps them when other options change, and clears them', async () => {
    const set = await run('subscribe', { topic: 'ceasefire', include: 'energy, Black Sea ,перемир*, 停戦', exclude: 'Trump', languages: 'en ja', exclude_kinds: 'State media', digest_min_outlets: 2 })
    expect(text(set)).toContain('\nFilters: only stories naming "energy", "Black Sea", "перемир*", "停戦"; none naming "Trump"; sources in en, ja; without state-media; digest stories with 2+ outlets')
    expect(await filtersOf()).toEqual([{ include: ['energy', 'Black Sea', 'перемир*', '停戦'], exclude: ['Trump'], languages: ['en', 'ja'], excludeKinds: ['state-media'], minOutlets: 2 }])
    const listed = text(await run('subscriptions', {}, channel({ locale: 'ja' })))
    expect(listed).toContain('絞り込み: 「energy」「Black Sea」「перемир*」「停戦」を含む記事のみ、「Trump」を含む記事を除く、情報源の言語 en・ja、state-media を除く、ダイジェストは2媒体以上')
    expect(text(await run('subscribe', { topic: 'ceasefire', time: '09:00' }))).toContain('Updated (time 08:00 → 09:00)')
    expect((await filtersOf())[0]!.exclude).toEqual(['Trump'])
    expect(text(await run('subscribe', { topic: 'ceasefire', exclude: 'Kremlin, trump', clear: 'include' }))).toContain('Updated (include cleared, exclude "Kremlin", "trump")')
    expect(text(await run('subscribe', { topic: 'ceasefire', clear: 'digest_min_outlets' }, channel({ locale: 'ja' })))).toContain('変更しました（ダイジェストに必要な媒体数 2 → 1）')
    const cleared = await run('subscribe', { topic: 'ceasefire', clear: 'filters' })
    expect(text(cleared)).toContain('Updated (exclude cleared, source languages cleared, left-out kinds cleared)')
    expect(text(cleared)).not.toContain('Filters:')
    expect(await filtersOf()).toEqual([{ include: [], exclude: [], languages: [], excludeKinds: [], minOutlets: 1 }])
  })

  it('refuses, in the asker’s language, too many, too long, empty and malformed terms, unknown languages and kinds, and clearing what is set', async () => {
    const refusals: [Record<string, OptionValue>, string, string][] = [
      [{ include: Array.from({ length: 11 }, (_, i) => `word${i}`).join(',') }, 'Option "include": 11 terms; at most 10.', 'オプション「include」: 11 語あります。10 語までにしてください。'],
      [{ exclude: `ok, ${'x'.repeat(41)}` }, `Option "exclude": "${'x'.repeat(41)}" is longer than 40 characters.`, `オプション「exclude」: 「${'x'.repeat(41)}」は 40 文字以内にしてください。`],
      [{ exclude: ' , 、' }, 'Option "exclude": no term given; to remove the filter, use clear:exclude.', 'オプション「exclude」: 語句がありません。解除するには clear:exclude を指定してください。'],
      [{ include: '***' }, 'Option "include": "***" has no letters or digits.', 'オプション「include」: 「***」に文字も数字もありません。'],
      [{ include: 'пере*мир' }, 'Option "include": "пере*мир": * goes at the end of a word, as in перемир*.', 'オプション「include」: 「пере*мир」: * は перемир* のように語の末尾に付けます。'],
      [{ include: '停戦*' }, 'Option "include": "停戦*": Japanese terms match as written, without *.', 'オプション「include」: 「停戦*」: 日本語の語句はそのまま一致するので * は不要です。'],
      [{ languages: 'en, de' }, 'Option "languages": "de" is not one of: en, ja, ru, uk.', 'オプション「languages」: 「de」は選べません。次から選んでください: en, ja, ru, uk'],
      [{ exclude_kinds: 'tabloid' }, 'Option "exclude_kinds": "tabloid" is not one of: wire, public-broadcaster, broadcaster, newspaper, online-outlet, state-media, government, aggregator, think-tank, blog, unknown.', 'オプション「exclude_kinds」: 「tabloid」は選べません。次から選んでください: wire, public-broadcaster, broadcaster, newspaper, online-outlet, state-media, government, aggregator, think-tank, blog, unknown'],
      [{ exclude: 'Trump', clear: 'exclude' }, 'Option "clear": clears "exclude", which this request also sets; give one or the other.', 'オプション「clear」: 「exclude」を解除しつつ設定しています。どちらか一方にしてください。'],
      [{ languages: 'en', clear: 'filters' }, 'Option "clear": clears every filter, which this request also sets; give one or the other.', 'オプション「clear」: すべての絞り込みを解除しつつ設定しています。どちらか一方にしてください。'],
      [{ clear: 'everything' }, 'Option "clear": "everything" is not one of: filters, include, exclude, languages, exclude_kinds, digest_min_outlets.', 'オプション「clear」: 「everything」は選べません。次のいずれか: filters, include, exclude, languages, exclude_kinds, digest_min_outlets'],
      [{ digest_min_outlets: 0 }, 'Option "digest_min_outlets": must be at least 1.', 'オプション「digest_min_outlets」: 1 以上にしてください。'],
    ]
    for (const [options, en, ja] of refusals) {
      for (const [locale, expected] of [['en', en], ['ja', ja]] as const) {
        const reply = await run('subscribe', { topic: 'ceasefire', ...options }, channel({ locale }))
        expect(reply, JSON.stringify(options)).toMatchObject({ kind: 'notice', tone: 'error', ephemeral: true })
        expect(text(reply)).toBe(`error: ${expected}`)
      }
    }
    expect(await store.subscriptions.listForChannel('discord:555')).toEqual([])
  })

  it('a subscription excluding "Trump" gets neither the call in its digest nor its alert, and explain says why', async () => {
    await run('subscribe', { topic: 'ceasefire', time, exclude: 'Trump', alerts: true, min_outlets: 2 })
    await run('subscribe', { topic: 'ceasefire', time, alerts: true, min_outlets: 2 }, channel({ channelKey: 'discord:556', channelId: '556' }))
    await seedStories(store, new Date(now.getTime() + 3_600_000)) // reported again once alerts are on
    const explained = await run('digest', { explain: true })
    expect(explained).toMatchObject({ kind: 'entries', ephemeral: true })
    const shown = text(explained)
    expect(shown).toContain("This channel's Ceasefire and peace talks subscription: its next digest")
    expect(shown).toContain('Filters: none naming "Trump"')
    expect(shown).toMatch(new RegExp(`${COURT}[^]*In \\(1st\\): 1 outlet`))
    expect(shown).toMatch(new RegExp(`${CALL}[^]*Out: names the excluded term "Trump"`))

    await planDue(planDeps(store), new Date(now.getTime() + 3_600_000))
    const planned = await store.outbox.list()
    const to = (channelId: string, kind: string) => JSON.stringify(planned.filter((m) => m.channelId === channelId && m.kind === kind).map((m) => m.bodies))
    expect(to('555', 'digest')).toContain('Kremlin critic sentenced')
    expect(to('555', 'digest')).not.toContain('Putin agrees to halt strikes')
    expect(to('556', 'digest')).toContain('Putin agrees to halt strikes')
    expect(to('555', 'story-alert')).toBe('[]')
    expect(to('556', 'story-alert')).toContain('Putin agrees to halt strikes')
  })

  it('explains the subscription of the topic given, asks which when the channel has several, and explains /digest when it has none', async () => {
    const none = text(await run('digest', { explain: true }, channel({ locale: 'ja' })))
    expect(none).toContain('このチャンネルにはこのトピックの配信登録がないため、/digest の内容を説明します')
    expect(none).toContain('掲載（1位）')
    await run('subscribe', { topic: 'ceasefire', languages: 'ja' })
    await run('subscribe', { topic: 'us-russia', exclude_kinds: 'wire', digest_min_outlets: 3 })
    const ambiguous = await run('digest', { explain: true })
    expect(text(ambiguous)).toBe('error: This channel has digests of several topics (ceasefire, us-russia); add topic: to say which one to explain.')
    const ja = text(await run('digest', { explain: true, topic: 'ceasefire' }, channel({ locale: 'ja' })))
    expect(ja).toContain('絞り込み: 情報源の言語 ja')
    expect(ja).toMatch(/掲載（1位）: 1媒体/)
    expect(ja).toContain('対象外: 指定した言語の情報源がない（情報源の言語: en）')
    const outlets = text(await run('digest', { explain: true, topic: 'us-russia' }))
    expect(outlets).toContain('Out: 2 outlets; the digest needs 3')
    expect(outlets).toContain('Out: every source is of a left-out kind (wire)')
    // A channel's own topic (issue 18) is explained like a shipped one.
    const services = commandServices(store)
    await runCommand({ command: 'topics', subcommand: 'add', options: { id: 'energy-strikes', terms: 'energy' }, invoker: channel(), now }, services)
    await run('subscribe', { topic: 'energy-strikes', exclude: 'Trump' })
    const own = text(await run('digest', { explain: true, topic: 'energy-strikes' }))
    expect(own).toMatch(new RegExp(`${CALL}\n  Out: names the excluded term "Trump"`))
    expect(own).toMatch(new RegExp(`${COURT}\n  Out: on other topics \\(Ceasefire and peace talks, War in Ukraine, US–Russia relations\\)`))
    // Asking for the digest itself is unchanged: no filters, the top stories.
    const digest = await run('digest', { topic: 'ceasefire' })
    expect(digest).toMatchObject({ kind: 'digest', ephemeral: false })
  })
})
