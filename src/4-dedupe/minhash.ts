// Near-duplicate fingerprints: character shingles (so Japanese and other unspaced text work), a MinHash
// signature, and LSH band keys for an index whose lookups do not grow with the store.

export const SIGNATURE_SIZE = 64
export const BANDS = 16
const ROWS = SIGNATURE_SIZE / BANDS

/** Text folded so trivial differences vanish: case, width, punctuation, "U.S." vs "US". */
export function foldForShingles(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/

/** Character n-grams: 3 for Japanese/Chinese script (dense), 5 otherwise (spaces kept as word boundaries). */
export function shingles(text: string): Set<string> {
  const folded = foldForShingles(text)
  const cjk = CJK.test(folded)
  const size = cjk ? 3 : 5
  const chars = [...(cjk ? folded.replace(/ /g, '') : folded)]
  const out = new Set<string>()
  if (chars.length <= size) {
    if (chars.length) out.add(chars.join(''))
    return out
  }
  for (let i = 0; i + size <= chars.length; i++) out.add(chars.slice(i, i + size).join(''))
  return out
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

// Fixed seeds: signatures must stay comparable across processes and restarts.
const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => {
  let x = (i + 1) * 0x9e3779b1
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  return [Math.imul(x, 0xc2b2ae35) >>> 0 | 1, (x ^ 0x27d4eb2f) >>> 0] as const
})

export function minhash(shingleSet: Set<string>): number[] {
  const signature = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff)
  for (const shingle of shingleSet) {
    const h = fnv1a(shingle)
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const [a, b] = SEEDS[i]!
      const v = (Math.imul(a, h) + b) >>> 0
      if (v < signature[i]!) signature[i] = v
    }
  }
  return signature
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures. */
export function similarity(a: number[], b: number[]): number {
  let same = 0
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++
  return same / SIGNATURE_SIZE
}

/** One key per band; two items sharing any key are near-duplicate candidates. */
export function bandKeys(signature: number[]): string[] {
  const keys: string[] = []
  for (let band = 0; band < BANDS; band++) {
    keys.push(`${band}:${fnv1a(signature.slice(band * ROWS, band * ROWS + ROWS).join(',')).toString(36)}`)
  }
  return keys
}
