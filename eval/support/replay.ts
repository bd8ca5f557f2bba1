// A labelled set's feed files read as a new user reads them: `newsbot ingest FILE…` into a fresh SQLite store (the
// same service the command runs), then the chat commands answered from that store as `newsbot run` answers them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCommand } from '../../commands/run.js'
import type { Reply } from '../../commands/types.js'
import { createAppContext, type AppContext } from '../../src/app/context.js'
import { consoleInvoker } from '../../src/cli/console-invoker.js'
import { ingestSources } from '../../src/services/ingest.js'

export interface Replay {
  ctx: AppContext
  close(): Promise<void>
}

export interface ReplayOptions {
  /** The shipped chronology beside the feeds (the default of a fresh install), or live evidence only. */
  chronology: boolean
  /** Extra environment (e.g. NEWSBOT_PARSE_WORKERS). */
  env?: Record<string, string>
}

export async function replayFeeds(files: string[], options: ReplayOptions): Promise<Replay> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-eval-'))
  const ctx = await createAppContext({
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, 'eval.db')}`,
    NEWSBOT_BASELINE: options.chronology ? 'true' : 'false',
    NEWSBOT_LOG_LEVEL: 'error',
    ...options.env,
  })
  const results = await ingestSources(ctx, files)
  const failed = results.filter((r) => r.status === 'error')
  if (failed.length) throw new Error(`eval: ingest failed for ${failed.map((r) => `${r.name}: ${r.error}`).join('; ')}`)
  return {
    ctx,
    async close() {
      await ctx.processor.close()
      await ctx.store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A chat command's reply as `newsbot run COMMAND … --json` gives it (console invoker, English). */
export async function runJson<T>(ctx: AppContext, command: string, options: Record<string, string>, now = new Date()): Promise<T> {
  const reply: Reply = await runCommand({ command, subcommand: null, options, invoker: consoleInvoker({ locale: 'en' }), now }, ctx)
  if (reply.data === undefined) throw new Error(`eval: /${command} ${JSON.stringify(options)} gave no JSON: ${JSON.stringify(reply).slice(0, 300)}`)
  return reply.data as T
}
