// A fake Slack on one 127.0.0.1 port: the Web API methods the adapter uses, response_url targets and a Socket Mode
// WebSocket. It records every call (failed ones too) and can answer chosen paths with a 429 + Retry-After or a 500,
// so tests drive a real Bolt App through Slack's wire protocols without the network. Posted messages are kept per
// channel (with their metadata) for conversations.history; an optional limit answers a second post to one channel
// within a second with 429, as Slack's chat.postMessage limit does; `removed` channels answer channel_not_found.
// File uploads take Slack's three steps (files.getUploadURLExternal, a POST of the bytes to the upload URL it gives,
// files.completeUploadExternal with the channel), and each completed upload is kept in `uploads`; channels in
// `outsiders` answer not_in_channel there, as Slack does when the bot is not a member.
import { createHmac } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

export interface SlackCall {
  /** e.g. "/api/chat.postMessage" or "/respond/abc". */
  path: string
  // Test code reads arbitrary Slack fields off recorded bodies.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  auth: string | undefined
  /** Date.now() when it arrived. */
  at: number
  /** The status the fake answered with. */
  status: number
}

export interface FakeUser {
  is_admin?: boolean
  is_owner?: boolean
  locale?: string
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 }

export interface UploadedFile {
  fileId: string
  filename: string
  title: string | undefined
  channel: string
  text: string
}

/** Members per conversations.members page, whatever `limit` asks, so that paging is exercised. */
const MEMBERS_PAGE = 2

export interface PostedMessage {
  ts: string
  channel: string
  text: string
  blocks?: unknown[]
  metadata?: { event_type: string; event_payload: Record<string, unknown> }
}

/** `port`: listen there (a test that starts the bot before its Slack is up); default a free one. */
export async function startFakeSlack(options: { channelIntervalMs?: number; port?: number } = {}) {
  const posted = new Map<string, PostedMessage[]>()
  const removed = new Set<string>()
  const lastPost = new Map<string, number>()
  const limited = { channel: 0 }
  let tsCounter = 0
  const calls: SlackCall[] = []
  const acks: { envelope_id: string; at: number; payload?: unknown }[] = []
  const waiters: { pred: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }[] = []
  const failures: { prefix: string; failure: Failure }[] = []
  /** Channel id → member ids. */
  const members = new Map<string, string[]>()
  const users = new Map<string, FakeUser>()
  /** file id → what getUploadURLExternal was told, then the bytes posted to its upload URL. */
  const pending = new Map<string, { filename: string; text: string | null }>()
  const uploads: UploadedFile[] = []
  const outsiders = new Set<string>()
  let fileCounter = 0

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const bytes = Buffer.concat(chunks)
    const raw = bytes.toString('utf8')
    if (req.url?.startsWith('/upload/')) return receiveUpload(req.url.slice('/upload/'.length), bytes, req.headers['content-type'], res)
    const json = req.headers['content-type']?.includes('json')
    const body = json ? JSON.parse(raw || '{}') : Object.fromEntries(new URLSearchParams(raw))
    const path = req.url ?? '/'
    const call: SlackCall = { path, body, auth: req.headers.authorization, at: Date.now(), status: 200 }
    const send = (status: number, data: object, headers: Record<string, string> = {}) => {
      call.status = status
      calls.push(call)
      for (const w of [...waiters]) {
        if (w.pred(call)) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve(call)
        }
      }
      reply(res, status, data, headers)
    }
    const ok = (data: object = {}) => send(200, { ok: true, ...data })

    const failing = failures.findIndex((f) => path.startsWith(f.prefix))
    if (failing >= 0) {
      const { failure } = failures.splice(failing, 1)[0]!
      if (failure.status === 429) return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) })
      return send(500, { ok: false, error: 'internal_error' })
    }

    const { port } = server.address() as AddressInfo
    switch (path) {
      case '/api/auth.test':
        return ok({ url: 'https://fake.slack.com/', team: 'Fake', user: 'newsbot', team_id: 'T0001', user_id: 'U0BOT', bot_id: 'B0001' })
      case '/api/apps.connections.open':
        return ok({ url: `ws://127.0.0.1:${port}/link` })
      case '/api/chat.postMessage': {
        if (removed.has(body.channel)) return send(200, { ok: false, error: 'channel_not_found' })
        const now = Date.now()
        const interval = options.channelIntervalMs
        if (interval !== undefined && now - (lastPost.get(body.channel) ?? -Infinity) < interval) {
          limited.channel++
          return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' })
        }
        lastPost.set(body.channel, now)
        const ts = `${Math.floor(now / 1000)}.${String(++tsCounter).padStart(6, '0')}`
        const metadata = typeof body.metadata === 'string' ? JSON.parse(body.metadata) : body.metadata
        const list = posted.get(body.channel) ?? []
        posted.set(body.channel, list)
        list.push({ ts, channel: body.channel, text: body.text, blocks: typeof body.blocks === 'string' ? JSON.parse(body.blocks) : body.blocks, metadata })
        return ok({ channel: body.channel, ts, message: { text: body.text } })
      }
      case '/api/conversations.history': {
        if (removed.has(body.channel)) return send(200, { ok: false, error: 'channel_not_found' })
        const oldest = Number(body.oldest ?? 0)
        const all = (posted.get(body.channel) ?? []).filter((m) => Number(m.ts) >= oldest)
        const withMeta = body.include_all_metadata === true || body.include_all_metadata === 'true'
        return ok({ messages: [...all].reverse().map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMeta && m.metadata && { metadata: m.metadata }) })), has_more: false })
      }
      case '/api/users.info': {
        const user = users.get(body.user)
        if (!user) return ok({ user: { id: body.user, is_admin: false, is_owner: false, locale: 'en-US' } })
        return ok({ user: { id: body.user, is_admin: false, is_owner: false, locale: 'en-US', ...user } })
      }
      case '/api/files.getUploadURLExternal': {
        const fileId = `F${String(++fileCounter).padStart(6, '0')}`
        pending.set(fileId, { filename: body.filename, text: null })
        return ok({ upload_url: `http://127.0.0.1:${port}/upload/${fileId}`, file_id: fileId })
      }
      case '/api/files.completeUploadExternal': {
        if (outsiders.has(body.channel_id)) return send(200, { ok: false, error: 'not_in_channel' })
        const files: { id: string; title?: string }[] = typeof body.files === 'string' ? JSON.parse(body.files) : body.files
        for (const file of files) {
          const upload = pending.get(file.id)
          if (!upload || upload.text === null) return send(200, { ok: false, error: 'file_not_found' })
          uploads.push({ fileId: file.id, filename: upload.filename, title: file.title, channel: body.channel_id, text: upload.text })
        }
        return ok({ files: files.map((f) => ({ id: f.id, title: f.title })) })
      }
      case '/api/conversations.members': {
        const all = members.get(body.channel)
        if (!all) return send(200, { ok: false, error: 'channel_not_found' })
        const start = Number(body.cursor || 0)
        const next = start + MEMBERS_PAGE < all.length ? String(start + MEMBERS_PAGE) : ''
        return ok({ members: all.slice(start, start + MEMBERS_PAGE), response_metadata: { next_cursor: next } })
      }
    }
    if (path.startsWith('/respond/')) return send(200, {})
    return send(404, { ok: false, error: 'unknown_method' })
  })

  /** The bytes of a file, posted (as multipart/form-data or raw) to the URL getUploadURLExternal gave. */
  async function receiveUpload(fileId: string, bytes: Buffer, contentType: string | undefined, res: ServerResponse): Promise<void> {
    const upload = pending.get(fileId)
    if (!upload) return void res.writeHead(404).end('unknown upload')
    if (contentType?.startsWith('multipart/form-data')) {
      const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData()
      const [, value] = [...form][0] ?? []
      upload.text = typeof value === 'string' ? value : ((await value?.text()) ?? '')
    } else upload.text = bytes.toString('utf8')
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`)
  }

  // Socket Mode: hello on connect; envelopes out, acks in.
  const wss = new WebSocketServer({ server, path: '/link' })
  const sockets = new Set<WebSocket>()
  wss.on('connection', (ws) => {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    ws.on('message', (m) => acks.push({ ...JSON.parse(String(m)), at: Date.now() }))
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: { host: 'fake', build_number: 1, approximate_connection_time: 18060 } }))
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    base,
    apiUrl: `${base}/api/`,
    calls,
    /** Channel id → messages posted there, oldest first. */
    posted,
    removed,
    /** 429s answered by the optional per-channel limit. */
    limited,
    acks,
    members,
    users,
    /** Files shared in channels through the three upload steps, in order. */
    uploads,
    /** Channels where the bot is not a member: file uploads there answer not_in_channel. */
    outsiders,
    /** A response_url on this fake; its calls are recorded under /respond/<id>. */
    responseUrl: (id: string) => `${base}/respond/${id}`,
    /** The next request whose path starts with `prefix` gets this failure (once per call to fail). */
    fail(prefix: string, failure: Failure) {
      failures.push({ prefix, failure })
    },
    waitFor(pred: (c: SlackCall) => boolean, ms = 5000): Promise<SlackCall> {
      return new Promise((resolve, reject) => {
        const hit = calls.find(pred)
        if (hit) return resolve(hit)
        const timer = setTimeout(() => reject(new Error('timeout waiting for a Slack call')), ms)
        waiters.push({
          pred,
          resolve: (c) => {
            clearTimeout(timer)
            resolve(c)
          },
        })
      })
    },
    connected: () => new Promise<void>((resolve) => (sockets.size > 0 ? resolve() : wss.once('connection', () => resolve()))),
    sendEnvelope(type: string, payload: object, envelopeId = `env-${Math.random().toString(36).slice(2)}`): string {
      for (const ws of sockets) ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type === 'slash_commands' }))
      return envelopeId
    },
    async close() {
      for (const ws of sockets) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>

function reply(res: ServerResponse, status: number, data: object, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(data))
}

/** x-slack-signature v0: HMAC-SHA256(signingSecret, `v0:${ts}:${rawBody}`). */
export function signSlackRequest(signingSecret: string, rawBody: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = 'v0=' + createHmac('sha256', signingSecret).update(`v0:${ts}:${rawBody}`).digest('hex')
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }
}

/** A slash command's form fields as Slack posts them (the same object is the Socket Mode envelope's payload). */
export function slashCommandFields(responseUrl: string, text: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'legacy',
    team_id: 'T0001',
    team_domain: 'fake',
    channel_id: 'C0NEWS',
    channel_name: 'news',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/newsbot',
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
    ...overrides,
  }
}
