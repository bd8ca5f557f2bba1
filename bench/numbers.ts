// Argument checks and summary statistics every bench shares, so each script reads only its own measurements.

/** A whole-number option (--runs, --items …) of at least `min`, or a clear error naming the option. */
export function wholeOption(name: string, value: string, min = 1): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new Error(`bench: --${name} must be a whole number ≥ ${min} (got ${value})`)
  return n
}

/** A numeric option that may be fractional (--rate 0.5), of at least `min`. */
export function numberOption(name: string, value: string, min = 1): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < min) throw new Error(`bench: --${name} must be a number ≥ ${min} (got ${value})`)
  return n
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
