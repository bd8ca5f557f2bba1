// Feed documents shaped to make a parser slow, sized in bytes, for tests/parse-hostile.test.ts and bench/hostile.ts.
import { rss } from './feed-server.js'

const KIB = 1024

/** Copies of `unit` between `head` and `tail`, as many as bring the document to about `bytes`. */
function filled(head: string, unit: string, tail: string, bytes: number): string {
  return head + unit.repeat(Math.max(1, Math.round((bytes - head.length - tail.length) / unit.length))) + tail
}

/** One item whose description holds a single chain of elements nested as deep as `bytes` allows (7 bytes a level). */
export function nestedFeed(bytes: number): string {
  const [head, tail] = rss([{ title: 'Deep', link: 'https://hostile.example/deep', description: '\0' }]).split('\0') as [string, string]
  const depth = Math.max(1, Math.round((bytes - head.length - tail.length) / 7))
  return `${head}${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}${tail}`
}

/** Items whose descriptions nest `depth` elements deep: as deep as a feed may go, repeated up to `bytes`. */
export function nestedItemsFeed(bytes: number, depth: number): string {
  const [head, tail] = rss([]).split('\n\n') as [string, string]
  const item = `<item><title>Deep</title><link>https://hostile.example/deep</link><description>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</description></item>`
  return filled(`${head}\n`, item, `\n${tail}`, bytes)
}

/**
 * Items whose <title> holds markup and is never closed (a stray closing tag keeps the nesting flat), the shape that
 * made the old title-rescue pattern read the rest of the document once for every title.
 */
export function unclosedTitlesFeed(bytes: number): string {
  const [head, tail] = rss([]).split('\n\n') as [string, string]
  return filled(`${head}\n`, '<item><title>Talks <b>resume</b> in Istanbul</item></item>', `\n${tail}`, bytes)
}

/** Sizes, in bytes, from `smallestKib` KiB doubling `count` times. */
export function doublingSizes(smallestKib: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => smallestKib * KIB * 2 ** i)
}
