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
  const joined = cjk ? folded.replace(/ /g, '') : folded
  // n-grams of code points, cut from the string at code-point boundaries rather than joined from an array of them.
  const starts: number[] = []
  for (let i = 0; i < joined.length; i++) {
    const code = joined.charCodeAt(i)
    const pairTail = code >= 0xdc00 && code <= 0xdfff && i > 0 && joined.charCodeAt(i - 1) >= 0xd800 && joined.charCodeAt(i - 1) <= 0xdbff
    if (!pairTail) starts.push(i)
  }
  starts.push(joined.length)
  const out = new Set<string>()
  const points = starts.length - 1
  if (points <= size) {
    if (points) out.add(joined)
    return out
  }
  for (let i = 0; i + size <= points; i++) out.add(joined.slice(starts[i], starts[i + size]))
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
const SEED_MULTIPLIERS = new Int32Array(SIGNATURE_SIZE)
const SEED_OFFSETS = new Uint32Array(SIGNATURE_SIZE)
for (let i = 0; i < SIGNATURE_SIZE; i++) {
  let x = (i + 1) * 0x9e3779b1
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  SEED_MULTIPLIERS[i] = (Math.imul(x, 0xc2b2ae35) >>> 0) | 1
  SEED_OFFSETS[i] = (x ^ 0x27d4eb2f) >>> 0
}

export function minhash(shingleSet: Set<string>): number[] {
  const minima = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff)
  for (const shingle of shingleSet) {
    const h = fnv1a(shingle)
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = (Math.imul(SEED_MULTIPLIERS[i]!, h) + SEED_OFFSETS[i]!) >>> 0
      if (v < minima[i]!) minima[i] = v
    }
  }
  return Array.from(minima)
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
