// ROUGE-1, ROUGE-2 and ROUGE-L F1 (Lin 2004), as the rouge-score package computes them without stemming:
// lowercase, non-alphanumerics as separators, clipped n-gram overlap, and ROUGE-L from the longest common subsequence.

export interface RougeScores {
  rouge1: number
  rouge2: number
  rougeL: number
}

export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

function f1(overlap: number, candidate: number, reference: number): number {
  if (!overlap || !candidate || !reference) return 0
  const precision = overlap / candidate
  const recall = overlap / reference
  return (2 * precision * recall) / (precision + recall)
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ')
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

export function rougeN(candidate: string[], reference: string[], n: number): number {
  const c = ngramCounts(candidate, n)
  const r = ngramCounts(reference, n)
  let overlap = 0
  for (const [gram, count] of c) overlap += Math.min(count, r.get(gram) ?? 0)
  return f1(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1))
}

export function lcsLength(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0)
  for (const x of a) {
    const row = new Array<number>(b.length + 1).fill(0)
    for (let j = 1; j <= b.length; j++) row[j] = x === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!)
    previous = row
  }
  return previous[b.length]!
}

export function rouge(candidate: string, reference: string): RougeScores {
  const c = rougeTokens(candidate)
  const r = rougeTokens(reference)
  return { rouge1: rougeN(c, r, 1), rouge2: rougeN(c, r, 2), rougeL: f1(lcsLength(c, r), c.length, r.length) }
}

/** Mean of each score over documents. */
export function meanRouge(scores: RougeScores[]): RougeScores {
  const n = scores.length || 1
  const sum = (k: keyof RougeScores) => scores.reduce((s, x) => s + x[k], 0) / n
  return { rouge1: sum('rouge1'), rouge2: sum('rouge2'), rougeL: sum('rougeL') }
}
