// npm run eval:intel — the timeline and the ceasefire state on ../shared/eval/stories-dev, replayed through the whole
// pipeline (feeds served on 127.0.0.1): each gold event exactly once with its date within a day, and the ceasefire
// state right at every as-of date of expected.json. JSON in bench/results/eval-intel.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { compileAliases, loadAliases } from '../src/5-cluster/aliases.js'
import { loadAppConfig } from '../src/config/app-config.js'
import { silentLogger } from '../src/log.js'
import type { CommandServices } from '../commands/types.js'
import { evalCeasefire } from './intel-ceasefire.js'
import { evalTimeline } from './intel-timeline.js'
import { replayStoriesDev } from './support/stories-dev.js'

const store = await replayStoriesDev()
const entities = compileAliases(loadAliases())
const services: CommandServices = {
  store,
  config: loadAppConfig(),
  digest: { store, entities, llm: null },
  entities,
  log: silentLogger,
  probeFeed: async () => ({ ok: false, error: 'probe: not used in evaluation' }),
}
try {
  const timeline = await evalTimeline(store, services)
  const ceasefire = await evalCeasefire(store, services)
  for (const line of [...timeline.lines, '', ...ceasefire.lines]) console.log(line)
  mkdirSync('bench/results', { recursive: true })
  const result = { eval: 'intel', date: new Date().toISOString(), timeline: timeline.result, ceasefire: ceasefire.result, pass: timeline.pass && ceasefire.pass }
  writeFileSync('bench/results/eval-intel.json', `${JSON.stringify(result, null, 2)}\n`)
  console.log(`\n${result.pass ? 'PASS' : 'BELOW TARGET'}: every event once and dated within a day, every as-of state right`)
} finally {
  await store.close()
}
