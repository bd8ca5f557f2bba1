// A command's reply as terminal text (`newsbot run …`): every page at once, links written out after their text.
// The terminal cannot hide a link behind its text as chat does, so a URL is written once per entry, and a link whose
// text is its URL is written as the URL alone.
import type { Reply, ReplyLine } from '../../../commands/types.js'
import { paginate } from '../reply-pages.js'
import { cleanText } from '../text.js'
import { renderConsoleDigest } from './render-digest.js'

function lineText(line: ReplyLine): string {
  return cleanText(line.map((span) => (span.url && span.url !== span.text.trim() ? `${span.text} <${span.url}>` : span.text)).join(''))
}

export function renderConsoleReply(reply: Reply): string {
  if (reply.kind === 'digest') return renderConsoleDigest(reply.digest, { topics: reply.topics })
  if (reply.kind === 'notice') return `${reply.tone === 'error' ? 'error: ' : ''}${reply.lines.map(lineText).join('\n')}\n`
  const pages = paginate(reply)
  const out = [pages[0]!.title, ...pages[0]!.intro.map(lineText)]
  for (const entry of pages.flatMap((p) => p.entries)) {
    // Highlighted entries say why in their own text (an error, "paused", "state media"); an unlabelled mark would not.
    const linkedBelow = entry.url && entry.lines.some((line) => line.some((span) => span.url === entry.url))
    out.push('', `${entry.title}${entry.url && !linkedBelow ? ` <${entry.url}>` : ''}`)
    for (const line of entry.lines) out.push(`  ${lineText(line)}`)
    if (entry.footer) out.push(`  ${entry.footer}`)
  }
  return `${out.join('\n')}\n`
}
