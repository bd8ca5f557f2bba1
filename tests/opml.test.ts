// OPML text in and out, without a store: what is written is well-formed XML a strict parser other than ours reads
// back the same, nested folders come out flat, and hostile files (entity bombs, huge or deep ones) are refused at
// once, before anything would be fetched.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { OPML_MAX_BYTES, OPML_MAX_DEPTH, OPML_MAX_FEEDS, OpmlError, parseOpml, writeOpml, type OpmlFeed } from '../src/services/opml.js'

interface SaxParser {
  onerror: (err: Error) => void
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void
  write(text: string): SaxParser
  close(): void
}
// sax (rss-parser's XML reader) in strict mode, as a second opinion on what our writer produces.
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser }

function strictOutlines(xml: string): Record<string, string>[] {
  const parser = sax.parser(true)
  const outlines: Record<string, string>[] = []
  parser.onerror = (err) => {
    throw err
  }
  parser.onopentag = (tag) => void (tag.name === 'outline' && outlines.push(tag.attributes))
  parser.write(xml).close()
  return outlines
}

const feed = (overrides: Partial<OpmlFeed> = {}): OpmlFeed => ({ title: 'Example Wire', xmlUrl: 'https://wire.example/rss', htmlUrl: null, language: 'en', categories: ['wire'], ...overrides })
const opml = (body: string, head = '<head><title>t</title></head>') => `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">${head}<body>${body}</body></opml>`

function refusal(text: string): string {
  try {
    parseOpml(text)
  } catch (err) {
    if (err instanceof OpmlError) return err.text.en
    throw err
  }
  throw new Error('not refused')
}

describe('writing OPML', () => {
  it('writes OPML 2.0 that a strict XML parser reads back attribute for attribute, hostile text included', () => {
    const hostile = feed({ title: 'A "quoted" <b>bold</b> & \u0007bell\ttab\nline', xmlUrl: 'https://x.example/rss?a=1&b=<2>', htmlUrl: 'https://x.example/', language: 'ru', categories: ['state-media'] })
    const xml = writeOpml('newsbot feeds', [hostile, feed()], new Date('2026-12-03T14:00:00Z'))
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/)
    expect(xml).toContain('<dateCreated>Thu, 03 Dec 2026 14:00:00 GMT</dateCreated>')
    const [first, second] = strictOutlines(xml)
    expect(first).toEqual({ type: 'rss', text: 'A "quoted" <b>bold</b> & bell\ttab\nline', title: 'A "quoted" <b>bold</b> & bell\ttab\nline', xmlUrl: 'https://x.example/rss?a=1&b=<2>', htmlUrl: 'https://x.example/', language: 'ru', category: 'state-media' })
    expect(second).toEqual({ type: 'rss', text: 'Example Wire', title: 'Example Wire', xmlUrl: 'https://wire.example/rss', language: 'en', category: 'wire' })
    expect(parseOpml(xml)).toEqual([{ ...hostile, title: 'A "quoted" <b>bold</b> & bell\ttab\nline' }, feed()])
  })

  it('escapes the document title too', () => {
    const xml = writeOpml('R&D <feeds>', [], new Date(0))
    expect(xml).toContain('<title>R&amp;D &lt;feeds&gt;</title>')
    expect(strictOutlines(xml)).toEqual([])
  })
})

describe('reading OPML', () => {
  it('flattens nested folders, keeping their titles as categories, and reads both title spellings', () => {
    const text = opml(`
      <outline text="News"><outline text="Wires" title="Wires">
        <outline type="rss" text="Wire A" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/"/>
      </outline>
      <!-- a comment with <outline xmlUrl="https://ignored.example"/> in it -->
      <outline text="Only text" xmlurl="https://b.example/rss" category="/Europe/state-media, blog"/></outline>
      <outline title="Top level" xmlUrl="https://c.example/rss" language="ja"/>`)
    expect(parseOpml(text)).toEqual([
      { title: 'Wire A', xmlUrl: 'https://a.example/rss', htmlUrl: 'https://a.example/', language: null, categories: ['News', 'Wires'] },
      { title: 'Only text', xmlUrl: 'https://b.example/rss', htmlUrl: null, language: null, categories: ['News', 'Europe', 'state-media', 'blog'] },
      { title: 'Top level', xmlUrl: 'https://c.example/rss', htmlUrl: null, language: 'ja', categories: [] },
    ])
  })

  it('reads OPML 1.0 and character references', () => {
    const text = '<opml version="1.0"><body><outline text="&#x41;&#66; &amp; &apos;C&apos;" xmlUrl="https://a.example/?x=1&amp;y=2"/></body></opml>'
    expect(parseOpml(text)).toEqual([{ title: "AB & 'C'", xmlUrl: 'https://a.example/?x=1&y=2', htmlUrl: null, language: null, categories: [] }])
  })

  it('refuses what is not well-formed OPML, saying what is wrong', () => {
    expect(refusal('<rss version="2.0"><channel/></rss>')).toBe('the document is <rss>, not <opml>.')
    expect(refusal('just text')).toBe('no <opml> element; is this an OPML file?')
    expect(refusal('<opml><body/></opml>')).toBe('<opml> has no version 1.x or 2.x.')
    expect(refusal(opml('<outline text="a" xmlUrl="https://a.example/rss">'))).toBe('</body> closes <outline>.')
    expect(refusal('<opml version="2.0"><body>')).toBe('<body> is never closed.')
    expect(refusal(opml('<outline text="R&D" xmlUrl="https://a.example/rss"/>'))).toBe('"&D" is not an XML entity; only &lt; &gt; &amp; &quot; &apos; and &#…; are read.')
    expect(refusal(opml('<outline text=unquoted xmlUrl="https://a.example/rss"/>'))).toMatch(/^the tag <outline> at character \d+ is not well-formed\.$/)
    expect(refusal(opml('<outline text="a" text="b"/>'))).toBe('attribute "text" given twice in one tag.')
    expect(refusal(`${opml('')}<opml version="2.0"/>`)).toBe('content after the end of <opml>.')
  })
})

describe('hostile OPML', () => {
  it('refuses a billion-laughs file at once, expanding nothing', () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n')
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY lol0 "lol">\n${entities}\n]>\n<opml version="2.0"><body><outline text="&lol10;" xmlUrl="https://a.example/rss"/></body></opml>`
    const started = performance.now()
    expect(refusal(bomb)).toBe('the file declares a document type (<!DOCTYPE or <!ENTITY); OPML needs none, and its entities are not expanded.')
    expect(performance.now() - started).toBeLessThan(50)
    // An entity used without a declaration is no way around it.
    expect(refusal(opml('<outline text="&lol10;" xmlUrl="https://a.example/rss"/>'))).toMatch(/^"&lol10;" is not an XML entity/)
  })

  it('refuses a file over the size limit without reading it through', () => {
    const huge = opml(`<outline text="x" xmlUrl="https://a.example/rss"/>`.padEnd(OPML_MAX_BYTES + 1, ' '))
    const started = performance.now()
    expect(refusal(huge)).toBe(`the file is larger than ${OPML_MAX_BYTES / 1024} KB.`)
    expect(performance.now() - started).toBeLessThan(50)
  })

  it('refuses nesting deeper than the limit, and more feeds than one import takes', () => {
    const deep = opml(`${'<outline text="f">'.repeat(OPML_MAX_DEPTH)}${'</outline>'.repeat(OPML_MAX_DEPTH)}`)
    expect(refusal(deep)).toBe(`elements are nested deeper than ${OPML_MAX_DEPTH} levels.`)
    const many = opml(Array.from({ length: OPML_MAX_FEEDS + 1 }, (_, i) => `<outline text="f${i}" xmlUrl="https://f${i}.example/rss"/>`).join(''))
    expect(refusal(many)).toBe(`more than ${OPML_MAX_FEEDS} feeds in one file; split it.`)
    expect(parseOpml(opml(Array.from({ length: OPML_MAX_FEEDS }, (_, i) => `<outline text="f${i}" xmlUrl="https://f${i}.example/rss"/>`).join('')))).toHaveLength(OPML_MAX_FEEDS)
  })

  it('reads a file of the maximum size full of unclosed-looking text in linear time', () => {
    // Thousands of "<outline" starts inside one attribute value, and long runs of "&": each character is looked at once.
    const value = '&amp;'.repeat(Math.floor((OPML_MAX_BYTES - 200) / 5))
    const started = performance.now()
    expect(parseOpml(opml(`<outline text="${value}" xmlUrl="https://a.example/rss"/>`))[0]!.title).toHaveLength(value.length / 5)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
