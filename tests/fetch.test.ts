import { gzipSync, brotliCompressSync, deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchFeed, FetchError, type FetchOptions } from '../src/1-fetch/http-client.js'
import { startFeedServer, rss, type FeedServer } from './support/feed-server.js'

const options: FetchOptions = { timeoutMs: 1_000, maxBytes: 64 * 1024, maxRedirects: 3, allowPrivateNetworks: true, userAgent: 'newsbot-test/1' }
const FEED = rss([{ title: 'One', link: 'https://example.com/1' }])
let server: FeedServer

beforeAll(async () => {
  server = await startFeedServer()
  server.route('/etag', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end()
    res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' }).end(FEED)
  })
  server.route('/last-modified', (req, res) => {
    const stamp = 'Tue, 18 Mar 2025 14:00:00 GMT'
    if (req.headers['if-modified-since'] === stamp) return void res.writeHead(304).end()
    res.writeHead(200, { 'last-modified': stamp }).end(FEED)
  })
  server.route('/error', (_req, res) => void res.writeHead(500).end('boom'))
  server.route('/limited', (_req, res) => void res.writeHead(429, { 'retry-after': '120' }).end())
  server.route('/slow', () => {}) // never answers
  server.route('/drip', (_req, res) => {
    res.writeHead(200)
    res.write('<rss>')
    const timer = setInterval(() => res.write(' '), 100)
    res.on('close', () => clearInterval(timer))
  })
  server.route('/huge', (_req, res) => void res.writeHead(200).end('x'.repeat(200 * 1024)))
  server.route('/bomb', (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(20 * 1024 * 1024))))
  server.route('/loop', (_req, res) => void res.writeHead(302, { location: '/loop' }).end())
  server.route('/moved', (_req, res) => void res.writeHead(301, { location: '/etag' }).end())
  server.route('/gzip', (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(FEED)))
  server.route('/br', (_req, res) => void res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(FEED)))
  server.route('/deflate', (_req, res) => void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(FEED)))
  server.route('/corrupt-gzip', (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip at all'))
})
afterAll(() => server.close())

const failure = (url: string, opts = options) =>
  fetchFeed(url, {}, opts).then(
    () => expect.fail('expected a FetchError'),
    (err: unknown) => {
      expect(err).toBeInstanceOf(FetchError)
      return err as FetchError
    },
  )

describe('fetchFeed', () => {
  it('sends a descriptive User-Agent and asks for feeds, compressed', async () => {
    await fetchFeed(server.url('/etag'), {}, options)
    const req = server.hits.get('/etag')!.at(-1)!
    expect(req.headers['user-agent']).toBe('newsbot-test/1')
    expect(req.headers.accept).toMatch(/application\/rss\+xml/)
    expect(req.headers['accept-encoding']).toMatch(/gzip/)
  })

  it('makes conditional requests with ETag and Last-Modified; 304 means nothing to do', async () => {
    const first = await fetchFeed(server.url('/etag'), {}, options)
    expect(first).toMatchObject({ status: 'ok', etag: '"v1"' })
    expect(await fetchFeed(server.url('/etag'), { etag: '"v1"' }, options)).toMatchObject({ status: 'not-modified' })
    const lm = await fetchFeed(server.url('/last-modified'), {}, options)
    expect(lm.status === 'ok' && lm.lastModified).toBe('Tue, 18 Mar 2025 14:00:00 GMT')
    expect(await fetchFeed(server.url('/last-modified'), { lastModified: 'Tue, 18 Mar 2025 14:00:00 GMT' }, options)).toMatchObject({
      status: 'not-modified',
    })
  })

  it('reports HTTP errors with their status, and Retry-After for backoff', async () => {
    const err = await failure(server.url('/error'))
    expect(err.message).toBe(`fetch: HTTP 500 from ${server.url('/error')}`)
    expect(err.httpStatus).toBe(500)
    expect((await failure(server.url('/limited'))).retryAfterSeconds).toBe(120)
  })

  it('gives up on a server that never answers, or drips bytes forever, at the deadline', async () => {
    const started = Date.now()
    expect((await failure(server.url('/slow'))).message).toBe('fetch: timed out after 1000 ms')
    expect((await failure(server.url('/drip'))).message).toBe('fetch: timed out after 1000 ms')
    expect(Date.now() - started).toBeLessThan(4_000)
  })

  it('refuses bodies over the size cap, including small gzip bombs', async () => {
    expect((await failure(server.url('/huge'))).message).toMatch(/exceeds the 65536-byte limit/)
    expect((await failure(server.url('/bomb'))).message).toMatch(/exceeds the 65536-byte limit/)
  })

  it('follows redirects up to the cap and stops redirect loops', async () => {
    expect(await fetchFeed(server.url('/moved'), {}, options)).toMatchObject({ status: 'ok', finalUrl: server.url('/etag') })
    expect((await failure(server.url('/loop'))).message).toBe('fetch: too many redirects (more than 3)')
  })

  it.each(['/gzip', '/br', '/deflate'])('decodes %s bodies', async (path) => {
    const res = await fetchFeed(server.url(path), {}, options)
    expect(res.status === 'ok' && res.bytes.toString('utf8')).toBe(FEED)
  })

  it('reports an undecodable compressed body as a fetch error', async () => {
    expect((await failure(server.url('/corrupt-gzip'))).message).toMatch(/^fetch: /)
  })

  it('refuses loopback and private addresses unless allowed, by literal IP and by resolved name', async () => {
    const strict = { ...options, allowPrivateNetworks: false }
    expect((await failure(server.url('/etag'), strict)).message).toMatch(/127\.0\.0\.1 is a private or local address/)
    const byName = server.url('/etag').replace('127.0.0.1', 'localhost')
    expect((await failure(byName, strict)).message).toMatch(/localhost resolves to .*private or local address/)
    expect((await failure('http://[::1]:9/feed', strict)).message).toMatch(/private or local/)
  })

  it('refuses URLs it cannot fetch with a clear message', async () => {
    expect((await failure('ftp://example.com/feed')).message).toBe('fetch: unsupported protocol ftp: in ftp://example.com/feed')
  })
})
