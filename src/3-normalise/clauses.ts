// Sentences and clauses of a headline or lead: "Putin rejects full ceasefire, agrees to halt energy strikes" says two
// different things, one per clause (the ceasefire reader decides clause by clause; the clusterer reads who took part
// from the clause that names the event).

// A full stop ends a sentence only before a capital, a quote or the end: "U.S. proposal" and "Feb. 15" stay whole.
const SENTENCE_END = /(?<=[.!?])\s+(?=["«“„'A-ZА-ЯЁІЇЄҐ])|(?<=[。！？])|\n+/u
// Punctuation and the connectives that join two statements in headlines ("… begins as Kyiv says …"); a colon
// between digits is a time of day ("from 16:00"), not a break.
// Japanese headlines separate statements with a (full-width, or normalised plain) space.
// The connective stays at the head of its clause: "two days after …" is a distance in time, not a truce's length.
const CLAUSE_BREAK =
  /\s*[;；]\s*|(?<!\d)\s*[:：]\s*|\s*[:：](?!\d)\s*|,(?!\d)\s*|、|\u3000|\s+[—–]\s+|(?<!\b(?:days?|hours?|weeks?|months?|years?))\s+(?=(?:as|after|while|but|though|although|whereas|amid|но|однако|а|але|проте|тоді як|в то время как)\s)|(?<=[^\s])が、|(?<=[\u3040-\u30ff\u3400-\u9fff」）])\s+(?=[\u3040-\u30ff\u3400-\u9fff「（])/giu

export function sentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

export interface Range {
  start: number
  end: number
}

/** The clauses of a sentence as character ranges, so that cues found once in the sentence can be shared out. */
export function clauseRanges(sentence: string): Range[] {
  const out: Range[] = []
  let from = 0
  const push = (start: number, end: number) => {
    while (start < end && /\s/u.test(sentence[start]!)) start++
    while (end > start && /\s/u.test(sentence[end - 1]!)) end--
    if (end > start) out.push({ start, end })
  }
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    push(from, m.index)
    from = m.index + m[0].length
  }
  push(from, sentence.length)
  return out
}
