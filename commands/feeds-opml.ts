// /feeds export and /feeds import: the feed list as an OPML file, for moving it to or from another reader. Export
// answers with the file attached (credentials in feed URLs masked, as /feeds list shows them); import, for
// managers, takes an attached file (Discord), an address (Slack cannot attach files to a slash command) or, in
// the terminal, a path, and reports every feed: added, added but unreachable, already there, or invalid.
import { redactSecrets } from '../src/redact.js'
import { OpmlError } from '../src/services/opml.js'
import { exportOpml, importOpml, importSummary, outcomeWord, type ImportResult } from '../src/services/opml-import.js'
import { notice } from './shared.js'
import { UserError, type CommandServices, type Invoker, type Lang, type Reply, type ReplyEntry, type SubcommandDefinition } from './types.js'

export const OPML_FILE_NAME = 'newsbot-feeds.opml'

export const exportSubcommand: SubcommandDefinition = {
  name: 'export',
  description: { en: 'The feed list as an OPML file, for other feed readers', ja: 'フィード一覧を OPML ファイルで出力（他のリーダー用）' },
  options: [],
}

export const importSubcommand: SubcommandDefinition = {
  name: 'import',
  description: { en: 'Follow the feeds of an OPML file (attached, or at an address)', ja: 'OPML ファイルのフィードを追加（添付またはURL）' },
  managerOnly: true,
  options: [
    { name: 'file', type: 'attachment', description: { en: 'The OPML file (export of another reader)', ja: 'OPML ファイル（他のリーダーの出力）' } },
    { name: 'url', type: 'string', description: { en: 'Or the address of an OPML file, https://…', ja: 'または OPML ファイルの URL' }, maxLength: 500 },
  ],
}

export async function exportFeeds(services: CommandServices, lang: Lang, now: Date): Promise<Reply> {
  const feeds = await services.store.feeds.list()
  const text = lang === 'ja' ? `フィード ${feeds.length}件を OPML で出力しました（${OPML_FILE_NAME}）。` : `${feeds.length} ${feeds.length === 1 ? 'feed' : 'feeds'} as OPML (${OPML_FILE_NAME}).`
  // Channel members see feed URLs without the operator's credentials, here as in /feeds list.
  return { ...notice('ok', text, false), file: { name: OPML_FILE_NAME, contentType: 'text/x-opml; charset=utf-8', text: exportOpml(feeds, now, redactSecrets) } }
}

const isWebAddress = (value: string) => /^https?:\/\//i.test(value)

/** The file to read: an attachment's (or typed) address, or in the terminal a path; exactly one of file and url. */
function sourceOf(options: Record<string, unknown>, invoker: Invoker): { url: string } | { path: string } {
  const file = options.file as string | undefined
  const url = options.url as string | undefined
  if ((file === undefined) === (url === undefined)) {
    throw new UserError({ en: 'Give the OPML file as "file" (attached) or its address as "url", one of them.', ja: 'OPML ファイルを「file」（添付）か「url」（アドレス）のどちらか一方で指定してください。' })
  }
  const given = (file ?? url)!
  if (isWebAddress(given)) return { url: given }
  if (file !== undefined && invoker.platform === 'console') return { path: file }
  throw new UserError({ en: `"${given}" is not an http(s) address.`, ja: `「${given}」は http(s) の URL ではありません。` })
}

function resultEntry(result: ImportResult, lang: Lang): ReplyEntry {
  const detail = result.detail ? ` — ${result.detail[lang].slice(0, 200)}` : ''
  const facts = [result.kind, result.language].filter((f) => f !== null).join(' · ')
  return {
    title: result.name,
    url: redactSecrets(result.url),
    lines: [[{ text: `${outcomeWord(result.outcome, lang)}${detail}`, bold: result.outcome === 'invalid' || result.outcome === 'unreachable' }]],
    highlight: result.outcome === 'invalid' || result.outcome === 'unreachable',
    ...(facts && { footer: facts }),
  }
}

export async function importFeeds(options: Record<string, unknown>, services: CommandServices, invoker: Invoker, defaultKind: string): Promise<Reply> {
  const lang = invoker.locale
  let results: ImportResult[]
  try {
    const text = await services.readOpml(sourceOf(options, invoker))
    results = await importOpml(text, { feeds: services.store.feeds, probeFeed: services.probeFeed, origin: 'chat', defaultKind })
  } catch (err) {
    if (err instanceof OpmlError) throw new UserError({ en: `Cannot import: ${err.text.en}`, ja: `インポートできません: ${err.text.ja}` })
    throw err
  }
  return {
    kind: 'entries',
    ephemeral: false,
    title: lang === 'ja' ? 'OPML インポート' : 'OPML import',
    intro: [[{ text: importSummary(results, lang) }]],
    entries: results.map((r) => resultEntry(r, lang)),
    empty: lang === 'ja' ? 'ファイルにフィードがありません。' : 'The file lists no feeds.',
    pageSize: 10,
    data: { feeds: results.map((r) => ({ url: redactSecrets(r.url), name: r.name, outcome: r.outcome, detail: r.detail?.en ?? null, kind: r.kind, language: r.language })) },
  }
}
