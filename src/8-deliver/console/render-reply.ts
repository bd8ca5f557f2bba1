// A command's reply as terminal text (`newsbot run …`): the first page's worth of entries (or `--limit N`), then how
// many more there are and how to see them; links written out after their text.
// The terminal cannot hide a link behind its text as chat does, so a URL is written once per entry, and a link whose
// text is its URL is written as the URL alone.
import type { Lang, Reply, ReplyLine } from '../../../commands/types.js'
import { DEFAULT_PAGE_SIZE, paginate } from '../reply-pages.js'
import { digestStrings } from '../../i18n/strings.js'
import { cleanText } from '../text.js'
import { renderConsoleDigest } from './render-digest.js'

function lineText(line: ReplyLine): string {
  return cleanText(line.map((span) => (span.url && span.url !== span.text.trim() ? `${span.text} <${span.url}>` : span.text)).join(''))
}

export interface ConsoleReplyOptions {
  lang?: Lang
  /** Entries printed; default: as many as chat shows on its first page. */
  limit?: number
}

const MORE: Record<Lang, (hidden: number, total: number) => string> = {
  en: (hidden, total) => `${hidden} more — add --limit ${total} to see them all`,
  ja: (hidden, total) => `ほか${hidden}件 — すべて表示するには --limit ${total} を付けてください`,
}

export function renderConsoleReply(reply: Reply, { lang = 'en', limit }: ConsoleReplyOptions = {}): string {
  if (reply.kind === 'digest') return renderConsoleDigest(reply.digest, { topics: reply.topics })
  if (reply.kind === 'notice') return `${reply.tone === 'error' ? `${digestStrings(lang).error}: ` : ''}${reply.lines.map(lineText).join('\n')}\n`
  const pages = paginate(reply)
  const entries = pages.flatMap((p) => p.entries)
  const shown = entries.slice(0, limit ?? reply.pageSize ?? DEFAULT_PAGE_SIZE)
  const out = [pages[0]!.title, ...pages[0]!.intro.map(lineText)]
  for (const entry of shown) {
    // Highlighted entries say why in their own text (an error, "paused", "state media"); an unlabelled mark would not.
    const linkedBelow = entry.url && entry.lines.some((line) => line.some((span) => span.url === entry.url))
    out.push('', `${entry.title}${entry.url && !linkedBelow ? ` <${entry.url}>` : ''}`)
    for (const line of entry.lines) out.push(`  ${lineText(line)}`)
    if (entry.footer) out.push(`  ${entry.footer}`)
  }
  if (shown.length < entries.length) out.push('', MORE[lang](entries.length - shown.length, entries.length))
  return `${out.join('\n')}\n`
}
