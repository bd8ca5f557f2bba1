// An HTTP server on 127.0.0.1 for feed tests: each path answers with a handler the test defines.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

export interface FeedServer {
  url(path: string): string
  route(path: string, handler: Route): void
  /** Requests seen, by path. */
  hits: Map<string, IncomingMessage[]>
  close(): Promise<void>
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>()
  const hits = new Map<string, IncomingMessage[]>()
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    hits.set(path, [...(hits.get(path) ?? []), req])
    const handler = routes.get(path)
    if (!handler) {
      res.writeHead(404).end('not found')
      return
    }
    await handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function rss(items: { title: string; link: string; guid?: string; date?: string; description?: string }[], extra = '', feedTitle = 'Test feed'): string {
  const body = items
    .map(
      (i) => `<item><title>${i.title}</title><link>${i.link}</link>${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}${
        i.date ? `<pubDate>${i.date}</pubDate>` : ''
      }<description>${i.description ?? ''}</description></item>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${feedTitle}</title><link>https://example.com/</link>${extra}\n${body}\n</channel></rss>`
}
