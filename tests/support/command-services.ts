// Command services over a real store for chat and console tests: the shipped config and alias dictionary, a
// recording logger, and a few stories put through the real clustering pipeline.
import { compileAliases, loadAliases } from '../../src/5-cluster/aliases.js'
import { DEFAULT_CLUSTER_PARAMS } from '../../src/5-cluster/similarity.js'
import type { Store } from '../../src/7-store/types.js'
import { loadAppConfig } from '../../src/config/app-config.js'
import type { Logger } from '../../src/log.js'
import { clusterPending } from '../../src/services/cluster-stories.js'
import type { CommandServices, FeedProbe, Invoker } from '../../commands/types.js'
import { consoleInvoker as terminalInvoker } from '../../src/cli/console-invoker.js'
import { itemFactory } from './items.js'

export const entities = compileAliases(loadAliases())

export interface LogRecord {
  level: string
  message: string
  fields: Record<string, unknown>
}

export function recordingLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = []
  const at = (level: string) => (message: string, fields: Record<string, unknown> = {}) => void records.push({ level, message, fields })
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

export function commandServices(store: Store, overrides: Partial<CommandServices> = {}): CommandServices & { log: ReturnType<typeof recordingLogger> } {
  const log = recordingLogger()
  return {
    store,
    config: loadAppConfig(),
    digest: { store, entities, llm: null },
    entities,
    log,
    probeFeed: async (): Promise<FeedProbe> => ({ ok: false, error: 'fetch: no feed probe in this test' }),
    readOpml: async () => {
      throw new Error('no OPML source in this test')
    },
    ...overrides,
  } as CommandServices & { log: ReturnType<typeof recordingLogger> }
}

/** The terminal's invoker, in English whatever the machine's LANG. */
export const consoleInvoker = (overrides: Partial<Invoker> = {}): Invoker => terminalInvoker({ locale: 'en', ...overrides })

/**
 * Seeds one feed with two stories (Putin–Trump call, Black Sea ceasefire talks) in en/ja/ru and clusters them;
 * `hostileTitle` replaces one headline to test escaping. Returns the store's story ids, newest first.
 */
export async function seedStories(store: Store, now: Date, hostileTitle?: string): Promise<number[]> {
  const [wire] = await store.feeds.sync([{ url: 'https://wire.example/rss', name: 'Example Wire', language: null, country: 'US', kind: 'wire', pollMinutes: null, origin: 'config' }])
  const [tass] = await store.feeds.sync([{ url: 'https://state.example/rss', name: 'State Agency', language: 'ru', country: 'RU', kind: 'state-media', pollMinutes: null, origin: 'config' }])
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString()
  const item = itemFactory('wire.example')
  const stateItem = itemFactory('state.example')
  await store.items.upsert(
    wire!.id,
    [
      item(hostileTitle ?? 'Putin and Trump discuss Ukraine ceasefire in phone call', 'Russian President Vladimir Putin and US President Donald Trump spoke by phone for two hours about a ceasefire in Ukraine, the Kremlin said.', at(5), 'en'),
      item('プーチン大統領とトランプ大統領が電話会談　ウクライナ停戦を協議', 'ロシアのプーチン大統領とアメリカのトランプ大統領が電話で会談し、ウクライナの停戦について2時間協議した。', at(4), 'ja'),
      item('Black Sea ceasefire talks open in Riyadh between Russia and Ukraine delegations', 'Delegations from Russia, Ukraine and the United States met in Riyadh on a Black Sea ceasefire for shipping.', at(30), 'en'),
    ],
    { backfill: false, seenAt: now },
  )
  await store.items.upsert(
    tass!.id,
    [stateItem('Путин и Трамп обсудили по телефону прекращение огня на Украине', 'Президент России Владимир Путин и президент США Дональд Трамп провели двухчасовой телефонный разговор о прекращении огня на Украине.', at(4.5), 'ru')],
    { backfill: false, seenAt: now },
  )
  await clusterPending({ store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: 0.6 })
  const stories = await store.stories.list({})
  return stories.map((s) => s.id)
}
