// SQLite allows at most 32,766 parameters in one statement; long id lists go in slices.
export const CHUNK = 400

export function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}
