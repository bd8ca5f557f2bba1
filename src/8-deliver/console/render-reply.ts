// A command's reply as terminal text (`newsbot run …`): every page at once, links written out after their text.
import type { Reply, ReplyLine } from '../../../commands/types.js'
import { paginate } from '../reply-pages.js'
import { cleanText } from '../text.js'
import { renderConsoleDigest } from './render-digest.js'

function lineText(line: ReplyLine): string {
  return cleanText(line.map((span) => (span.url ? `${span.text} <${span.url}>` : span.text)).join(''))
}

export function renderConsoleReply(reply: Reply): string {
  if (reply.kind === 'digest') return renderConsoleDigest(reply.digest, { topics: reply.topics })
  if (reply.kind === 'notice') return `${reply.tone === 'error' ? 'error: ' : ''}${reply.lines.map(lineText).join('\n')}\n`
  const pages = paginate(reply)
  const out = [pages[0]!.title, ...pages[0]!.intro.map(lineText)]
  for (const entry of pages.flatMap((p) => p.entries)) {
    out.push('', `${entry.highlight ? '* ' : ''}${entry.title}${entry.url ? ` <${entry.url}>` : ''}`)
    for (const line of entry.lines) out.push(`  ${lineText(line)}`)
    if (entry.footer) out.push(`  ${entry.footer}`)
  }
  return `${out.join('\n')}\n`
}
