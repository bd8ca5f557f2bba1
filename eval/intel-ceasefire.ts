// The ceasefire half of eval:intel: for every as-of date in ../shared/eval/stories-dev/expected.json, the real
// /ceasefire-status through runCommand (console invoker, option as-of), its JSON `state` checked against the accepted
// states as score.py's ceasefire() does. When a date fails, the developments the command listed say why.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { CeasefireJson } from '../commands/ceasefire-status.js'
import { runCommand } from '../commands/run.js'
import type { CommandServices } from '../commands/types.js'
import { consoleInvoker } from '../src/cli/console-invoker.js'
import type { Store } from '../src/7-store/types.js'
import { STORIES_DEV } from './support/stories-dev.js'

interface Expected {
  ceasefire: Record<string, string[]>
}

interface DateResult {
  asOf: string
  state: string | null
  since: string | null
  accepted: string[]
  ok: boolean
  /** The latest developments listed, newest first, when the state is wrong. */
  why?: string[]
}

export async function evalCeasefire(_store: Store, services: CommandServices): Promise<{ lines: string[]; result: unknown; pass: boolean }> {
  const expected = JSON.parse(readFileSync(path.join(STORIES_DEV, 'expected.json'), 'utf8')) as Expected
  const results: DateResult[] = []
  for (const [asOf, accepted] of Object.entries(expected.ceasefire).sort(([a], [b]) => a.localeCompare(b))) {
    const reply = await runCommand({ command: 'ceasefire-status', subcommand: null, options: { 'as-of': asOf }, invoker: consoleInvoker({ locale: 'en' }), now: new Date() }, services)
    const data = reply.data as CeasefireJson | undefined
    const state = data?.state ?? null
    const ok = state !== null && accepted.includes(state)
    results.push({
      asOf,
      state,
      since: data?.since ?? null,
      accepted,
      ok,
      ...(ok ? {} : { why: data ? data.developments.slice(0, 4).map((d) => `${d.date} ${d.state}: ${d.title}`) : [JSON.stringify(reply).slice(0, 200)] }),
    })
  }
  const right = results.filter((r) => r.ok).length
  const lines = [
    'ceasefire state at the as-of dates of expected.json:',
    ...results.flatMap((r) => [
      `  ${r.asOf}: ${r.state ?? '(no state)'}${r.since ? ` since ${r.since}` : ''} — accepted ${r.accepted.join('/')} — ${r.ok ? 'ok' : 'WRONG'}`,
      ...(r.why ?? []).map((w) => `      ${w}`),
    ]),
    `ceasefire-status accuracy ${right}/${results.length}`,
  ]
  return { lines, result: { accuracy: right / results.length, right, total: results.length, dates: results }, pass: right === results.length }
}
