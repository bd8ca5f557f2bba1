// A generated corpus's feeds served over HTTP on 127.0.0.1, with ETag/Last-Modified and gzip as real servers do
// (bench:ingest, bench:startup).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Corpus } from './corpus.js'

export interface Served {
  urls: string[]
  close(): Promise<void>
}

/** One listener per outlet (all on 127.0.0.1, port 0), so that the per-host queue sees one host per outlet, as live. */
export async function serveCorpus(corpus: Corpus): Promise<Served> {
  const byPath = new Map(corpus.feeds.map((f) => [f.path, f]))
  const lastModified = new Date(Date.UTC(2026, 0, 15, 9)).toUTCString()
  const handler: http.RequestListener = (req, res) => {
    const feed = byPath.get(new URL(req.url ?? '/', 'http://bench').pathname)
    if (!feed) return void res.writeHead(404).end()
    const etag = `"${corpus.seed}-${feed.body.length}"`
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end()
    const gzip = feed.gzipped !== null && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
    const body = gzip ? feed.gzipped! : feed.body
    res.writeHead(200, {
      // A new connection per request, as for a poller that comes back minutes later (and no keep-alive races).
      connection: 'close',
      'content-type': feed.contentType,
      'content-length': body.length,
      etag,
      'last-modified': lastModified,
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    })
    res.end(body)
  }
  const servers = await Promise.all(
    Array.from({ length: corpus.hosts }, async () => {
      const server = http.createServer(handler)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return server
    }),
  )
  const port = (host: number) => (servers[host]!.address() as AddressInfo).port
  return {
    urls: corpus.feeds.map((f) => `http://127.0.0.1:${port(f.host)}${f.path}`),
    close: async () => {
      await Promise.all(
        servers.map((s) => {
          s.closeAllConnections()
          return new Promise((resolve) => s.close(resolve))
        }),
      )
    },
  }
}
