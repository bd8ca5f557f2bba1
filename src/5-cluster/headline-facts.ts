// Whether a rewritten headline changes the facts ("talks end without deal" after "talks end in deal"; "50 days"
// after "10 days") or only the wording, which decides if a story counts as updated.
import { mentionedNumbers } from './features.js'

const NEGATION = /(?<![\p{L}])(no|not|without|fail(?:s|ed)?|reject(?:s|ed)?|не|нет|без|ні|немає|без|отклон\p{L}*|відхил\p{L}*)(?![\p{L}])|ない|せず|拒否|否定/giu

function facts(title: string): string {
  const numbers = mentionedNumbers(title).sort().join(',')
  const negations = (title.match(NEGATION) ?? []).map((n) => n.toLowerCase()).sort().join(',')
  return `${numbers}|${negations}`
}

export function changesFacts(before: string, after: string): boolean {
  return facts(before) !== facts(after)
}
