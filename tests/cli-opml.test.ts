// `newsbot feeds import FILE` and `newsbot feeds export [--out FILE]` as the operator runs them: one row per feed,
// exit 1 when a feed was refused or unreachable, exit 2 with one line for a file that is no OPML (a hostile one
// included), and an export that imports back into an empty database.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseOpml, writeOpml } from '../src/services/opml.js'
import { runCli } from './support/cli.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'

let server: FeedServer
let dir: string
const env = (db: string) => ({ DATABASE_URL: `file:${path.join(dir, db)}`, NEWSBOT_ALLOW_PRIVATE_NETWORKS: 'true', NEWSBOT_HOST_DELAY_MS: '0', NEWSBOT_CONFIG: '', NEWSBOT_PARSE_WORKERS: '0' })

beforeAll(async () => {
  server = await startFeedServer()
  server.route('/wire.xml', (_q, r) => void r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ title: 'Putin and Trump speak', link: 'https://wire.example/1', date: 'Thu, 03 Dec 2026 08:00:00 GMT' }], '', 'Wire World')))
  server.route('/down.xml', (_q, r) => void r.writeHead(502).end())
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-cli-opml-'))
})
afterAll(() => server.close())

describe('newsbot feeds import|export', () => {
  it('imports, reports each feed, exits 1 for an unreachable one, then finds them all there; the export imports back', async () => {
    const file = path.join(dir, 'list.opml')
    writeFileSync(file, writeOpml('list', [
      { title: 'Wire World', xmlUrl: server.url('/wire.xml'), htmlUrl: null, language: 'en', categories: ['wire'] },
      { title: 'Down Daily', xmlUrl: server.url('/down.xml'), htmlUrl: null, language: 'ru', categories: ['state-media'] },
    ], new Date()))
    const first = await runCli(['feeds', 'import', file], env('a.db'), 60_000)
    expect(first.code).toBe(1)
    const lines = first.stdout.trimEnd().split('\n')
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['result', 'feed', 'url', 'kind', 'lang', 'detail'])
    expect(lines[2]!.split(/\s{2,}/)).toEqual(['added', 'Wire World', server.url('/wire.xml'), 'wire', 'en'])
    expect(lines[3]!.split(/\s{2,}/)).toEqual(['added, unreachable', 'Down Daily', server.url('/down.xml'), 'state-media', 'ru', `fetch: HTTP 502 from ${server.url('/down.xml')}`])
    expect(lines.at(-1)).toBe('2 feeds: 1 added, 1 unreachable (added anyway), 0 already there, 0 invalid')

    const again = await runCli(['feeds', 'import', file, '--json'], env('a.db'), 60_000)
    expect(again.code).toBe(0)
    expect((JSON.parse(again.stdout).feeds as { outcome: string }[]).map((f) => f.outcome)).toEqual(['exists', 'exists'])

    const out = path.join(dir, 'export.opml')
    const exported = await runCli(['feeds', 'export', '--out', out], env('a.db'))
    expect([exported.code, exported.stderr]).toEqual([0, `2 feeds written to ${out}\n`])
    expect(parseOpml(readFileSync(out, 'utf8')).map((f) => [f.title, f.language, f.categories])).toEqual([['Wire World', 'en', ['wire']], ['Down Daily', 'ru', ['state-media']]])
    const stdout = await runCli(['feeds', 'export'], env('a.db'))
    expect(stdout.stdout).toBe(readFileSync(out, 'utf8').replace(/<dateCreated>.*<\/dateCreated>/, stdout.stdout.match(/<dateCreated>.*<\/dateCreated>/)![0]))

    const restored = await runCli(['feeds', 'import', out, '--json'], env('b.db'), 60_000)
    expect((JSON.parse(restored.stdout).feeds as { outcome: string; kind: string }[]).map((f) => [f.outcome, f.kind])).toEqual([['added', 'wire'], ['unreachable', 'state-media']])
  })

  it('refuses a file that is no OPML, or a hostile one, in one line with exit 2', async () => {
    const notOpml = path.join(dir, 'feed.xml')
    writeFileSync(notOpml, rss([]))
    const res = await runCli(['feeds', 'import', notOpml], env('c.db'))
    expect([res.code, res.stdout, res.stderr]).toEqual([2, '', `newsbot: feeds import: ${notOpml}: the document is <rss>, not <opml>.\n`])

    const bomb = path.join(dir, 'lol.opml')
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('')
    writeFileSync(bomb, `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY l0 "lol">${levels}]><opml version="2.0"><body><outline text="&l9;" xmlUrl="https://a.example/rss"/></body></opml>`)
    const refused = await runCli(['feeds', 'import', bomb], env('c.db'))
    expect([refused.code, refused.stderr]).toEqual([2, `newsbot: feeds import: ${bomb}: the file declares a document type (<!DOCTYPE or <!ENTITY); OPML needs none, and its entities are not expanded.\n`])

    const huge = path.join(dir, 'huge.opml')
    writeFileSync(huge, `<opml version="2.0"><body>${' '.repeat(2 << 20)}</body></opml>`)
    expect((await runCli(['feeds', 'import', huge], env('c.db'))).stderr).toBe(`newsbot: feeds import: ${huge}: the file is larger than 1024 KB.\n`)
    expect((await runCli(['feeds', 'import', path.join(dir, 'missing.opml')], env('c.db'))).stderr).toBe(`newsbot: feeds import: ${path.join(dir, 'missing.opml')}: cannot read ${path.join(dir, 'missing.opml')}: no such file\n`)
  })
})
