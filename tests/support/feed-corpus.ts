// The feed corpus (feeds/ of the eval folder, see eval-corpus.ts): feed documents from other parsers' test suites, and
// the expected outputs some of them ship, mapped to one small shape so they can be compared with our RawItem.
import { isUtf8 } from 'node:buffer'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { evalPath } from './eval-corpus.js'

/** Read-only, outside the repository; check hasEvalCorpus('feeds') before reading it. */
export const FEEDS_DIR = `${evalPath('feeds')}/`

/** XML documents that are, or could pass for, feeds. OPML is included on purpose: it must be rejected cleanly. */
const FEED_LIKE = /\.(xml|rss|atom|rdf|opml)$/i

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort()
}

/** Corpus-relative path, for messages: "gofeed/testdata/parser/rss/foo.xml". */
export const corpusPath = (file: string) => relative(FEEDS_DIR, file)

/** Feed-like files of one source folder (gofeed ...): no expected outputs, HTML pages or licences. */
export function feedFiles(source: string): string[] {
  return listFiles(join(FEEDS_DIR, source)).filter((file) => FEED_LIKE.test(file))
}

export function corpusSources(): string[] {
  return readdirSync(FEEDS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

/** One expected item, in the fields we compare. null: the upstream parser found nothing there. */
export interface ExpectedItem {
  title: string | null
  link: string | null
  /** Any string Date.parse reads; compared as an instant. */
  date: string | null
}

export interface ExpectedFeed {
  source: 'gofeed' | 'feed-rs' | 'rss-parser'
  input: string
  items: ExpectedItem[]
}

type Json = Record<string, unknown>

/**
 * Expected outputs are UTF-8, except rss-parser's encoding.json, which its test writes and reads as latin1
 * (test/parser.js, "should use proper encoding"); bytes that are not UTF-8 are read the same way here.
 */
function readJson(file: string): Json {
  const bytes = readFileSync(file)
  return JSON.parse(bytes.toString(isUtf8(bytes) ? 'utf8' : 'latin1')) as Json
}
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null)
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : [])

/**
 * gofeed translator cases: X.json (gofeed's unified Feed model, empty fields omitted) next to the input X.xml.
 * translator/json holds JSON Feed inputs, which our parser does not read, so it has no .xml pairs.
 * Item date: gofeed keeps published and updated apart; our RawItem.date is "published, else updated" (that is
 * what rss-parser's isoDate means for Atom), so the expected date is publishedParsed ?? updatedParsed.
 */
export function gofeedExpectations(): ExpectedFeed[] {
  const dir = join(FEEDS_DIR, 'gofeed/testdata/translator')
  return listFiles(dir)
    .filter((file) => file.endsWith('.xml'))
    .map((input) => ({
      source: 'gofeed' as const,
      input,
      items: list(readJson(input.replace(/\.xml$/, '.json')).items).map((item) => ({
        title: str(item.title),
        link: str(item.link),
        date: str(item.publishedParsed) ?? str(item.updatedParsed),
      })),
    }))
}

/**
 * feed-rs fixtures: X.serde.json (feed-rs's model) next to X.xml. The item link is the first link that is an
 * alternate (feed-rs writes rel null for RSS <link>, "alternate" for Atom), like Atom's own default; the date is
 * published ?? updated as for gofeed. feed-rs/fixture/jsonfeed holds JSON Feed inputs and is left out.
 */
export function feedRsExpectations(): ExpectedFeed[] {
  const dir = join(FEEDS_DIR, 'feed-rs/feed-rs/fixture')
  return listFiles(dir)
    .filter((file) => file.endsWith('.serde.json'))
    .map((expected) => ({ expected, input: expected.replace(/\.serde\.json$/, '.xml') }))
    .filter(({ input }) => listFiles(dirname(input)).includes(input))
    .map(({ expected, input }) => ({
      source: 'feed-rs' as const,
      input,
      items: list(readJson(expected).entries).map((entry) => {
        const links = list(entry.links)
        const alternate = links.find((l) => l.rel === null || l.rel === undefined || l.rel === 'alternate')
        return {
          title: str((entry.title as Json | null)?.content),
          link: str(alternate?.href),
          date: str(entry.published) ?? str(entry.updated),
        }
      }),
    }))
}

/**
 * rss-parser's own expected outputs: test/output/X.json ({feed: {items}}) for test/input/X.rss|.atom. Item date:
 * isoDate ?? pubDate ?? date, the same order as RawItem.date.
 */
export function rssParserExpectations(): ExpectedFeed[] {
  const root = join(FEEDS_DIR, 'rss-parser/test')
  const inputs = listFiles(join(root, 'input'))
  return listFiles(join(root, 'output'))
    .filter((file) => file.endsWith('.json'))
    .flatMap((expected) => {
      const name = basename(expected, '.json')
      const input = inputs.find((file) => basename(file).replace(/\.(rss|atom)$/, '') === name)
      if (!input) return []
      const feed = readJson(expected).feed as Json | undefined
      return [
        {
          source: 'rss-parser' as const,
          input,
          items: list(feed?.items).map((item) => ({
            title: str(item.title),
            link: str(item.link),
            date: str(item.isoDate) ?? str(item.pubDate) ?? str(item.date),
          })),
        },
      ]
    })
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/**
 * Text for comparing titles across parsers: entities decoded (one parser may have decoded &amp;#8217; where another
 * kept it), whitespace folded and trimmed. Tags are kept: a title that lost or gained markup is a difference.
 */
export function comparableText(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref[0] !== '#') return NAMED_ENTITIES[ref.toLowerCase()] ?? whole
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    })
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
}

/** Date strings as instants; null when absent or unreadable. */
export function instant(date: string | null): number | null {
  if (date === null) return null
  const ms = Date.parse(date.trim())
  return Number.isNaN(ms) ? null : ms
}
