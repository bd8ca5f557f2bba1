// `newsbot feeds export` and `newsbot feeds import`: the operator's OPML in and out. The export is the operator's own
// file, so feed URLs keep their credentials (written with owner-only permissions); the import checks each feed as
// /feeds add does and prints one row per feed.
import { writeFile } from 'node:fs/promises'
import type { AppContext } from '../app/context.js'
import { redactSecrets } from '../redact.js'
import { OpmlError } from '../services/opml.js'
import { exportOpml, importOpml, importSummary, outcomeWord } from '../services/opml-import.js'
import { readOpmlSource } from '../services/opml-source.js'
import { print, table, truncate } from './format.js'
import { UsageError } from './ingest-commands.js'
import { CHAT_FEED_KIND } from '../../commands/feeds.js'

export async function exportFeeds(ctx: AppContext, opts: { out?: string }): Promise<number> {
  const feeds = await ctx.store.feeds.list()
  const text = exportOpml(feeds, new Date())
  if (opts.out === undefined) {
    process.stdout.write(text)
    return 0
  }
  await writeFile(opts.out, text, { mode: 0o600 }).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`--out: cannot write ${opts.out}: ${err.code ?? err.message}`)
  })
  process.stderr.write(`${feeds.length} feeds written to ${opts.out}\n`)
  return 0
}

export async function importFeeds(ctx: AppContext, file: string, opts: { json?: boolean }): Promise<number> {
  let results
  try {
    const text = await readOpmlSource({ path: file }, ctx.ingest.fetchOptions)
    results = await importOpml(text, { feeds: ctx.store.feeds, probeFeed: (url) => ctx.probeFeed(url), origin: 'cli', defaultKind: CHAT_FEED_KIND })
  } catch (err) {
    if (err instanceof OpmlError) throw new UsageError(`feeds import: ${file}: ${err.text.en}`)
    throw err
  }
  if (opts.json) {
    print(JSON.stringify({ feeds: results.map((r) => ({ url: redactSecrets(r.url), name: r.name, outcome: r.outcome, detail: r.detail?.en ?? null, kind: r.kind, language: r.language })) }, null, 2))
  } else {
    const rows = results.map((r) => [outcomeWord(r.outcome, 'en'), truncate(r.name, 32), truncate(redactSecrets(r.url), 60), r.kind ?? '-', r.language ?? '-', r.detail ? truncate(r.detail.en, 60) : ''])
    print(`${table(['result', 'feed', 'url', 'kind', 'lang', 'detail'], rows)}\n\n${importSummary(results, 'en')}`)
  }
  return results.some((r) => r.outcome === 'invalid' || r.outcome === 'unreachable') ? 1 : 0
}
