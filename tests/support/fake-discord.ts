// A fake Discord on one 127.0.0.1 port for driving a real discord.js Client: the gateway (JSON, no compression:
// HELLO, READY + GUILD_CREATE, heartbeat ACKs, dispatches) and the REST routes a bot answering interactions uses.
// Every REST call is recorded; chosen routes can be made to answer 429 (with retry-after) or 500 a number of times.
// Scheduled delivery uses POST/GET /channels/{id}/messages: messages are kept per channel, a repeated nonce with
// enforce_nonce returns the existing message (as Discord does), and optional limits answer like Discord's: per
// channel bucket with X-RateLimit-* headers, and a global per-second limit. Messages sent with files arrive as
// multipart/form-data (payload_json plus files[n]), as discord.js sends them: the files are recorded on the call.
// Files a user attaches to a command are served from /attachments/… here, as Discord's CDN serves them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

export const APP_ID = '100000000000000001'
export const GUILD_ID = '200000000000000002'
export const CHANNEL_ID = '300000000000000003'
export const DM_CHANNEL_ID = '300000000000000009'
export const MANAGER_ROLE_ID = '600000000000000006'
export const MANAGER_ROLE = 'News Manager'
const BOT = { id: APP_ID, username: 'newsbot', discriminator: '0', global_name: null, avatar: null, bot: true }

/** Permission bits as Discord sends them: view + send, and those plus Manage Channels. */
export const MEMBER_PERMISSIONS = String((1n << 10n) | (1n << 11n))
export const MANAGER_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 4n))

export interface UploadedFile {
  /** The form field, e.g. "files[0]". */
  field: string
  name: string
  contentType: string
  text: string
}

export interface RestCall {
  method: string
  path: string
  /** Parsed JSON body (a multipart body's payload_json), when there was one. */
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Files of a multipart body. */
  files: UploadedFile[]
  at: number
  /** What the fake answered. */
  status: number
}

export interface Failure {
  method?: string
  path: RegExp
  status: 429 | 500 | 502
  /** Seconds, sent as the Retry-After header and the body's retry_after (429 only). */
  retryAfter?: number
  times: number
}

export interface InteractionUser {
  id: string
  username: string
  permissions?: string
  roles?: string[]
  locale?: string
}

export const ALICE: InteractionUser = { id: '400000000000000004', username: 'alice', permissions: MEMBER_PERMISSIONS }
export const MOD: InteractionUser = { id: '400000000000000005', username: 'mod', permissions: MANAGER_PERMISSIONS }

export interface SlashOption {
  name: string
  type: number
  value?: string | number | boolean
  options?: SlashOption[]
  focused?: boolean
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>

export interface DiscordLimits {
  /** Messages per channel per window (Discord: 5 per 5 s). */
  perChannel: number
  windowMs: number
  /** Requests per second for the whole bot (Discord: 50). */
  globalPerSecond: number
}

export interface ChannelMessage {
  id: string
  channel_id: string
  nonce: string | null
  content: string
  embeds: unknown[]
  timestamp: string
  author: typeof BOT
}

/** `port`: listen there (a test that starts the bot before its Discord is up); default a free one. */
export async function startFakeDiscord(options: { limits?: DiscordLimits; port?: number } = {}) {
  /** Channel id → messages created there, oldest first. */
  const channelMessages = new Map<string, ChannelMessage[]>()
  /** Channels that answer 404 Unknown Channel (deleted) or 403 Missing Access (bot removed). */
  const deletedChannels = new Set<string>()
  const forbiddenChannels = new Set<string>()
  const limited = { channel: 0, global: 0 }
  const buckets = new Map<string, { start: number; used: number }>()
  let globalWindow = { start: 0, used: 0 }
  const calls: RestCall[] = []
  const failures: Failure[] = []
  const waiters = new Set<() => void>()
  const sockets = new Set<WebSocket>()
  let seq = 0
  let nextId = 500000000000000000n
  const snowflake = () => String(nextId++)

  const message = (body: any) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
    id: snowflake(), channel_id: CHANNEL_ID, author: BOT, content: body?.content ?? '', timestamp: new Date().toISOString(), edited_timestamp: null,
    tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: body?.embeds ?? [], pinned: false, type: 0,
    flags: body?.flags ?? 0, components: body?.components ?? [],
  })

  /** Path under /attachments/ → what a user attached: its bytes and type. */
  const attachments = new Map<string, { bytes: Buffer; contentType: string }>()

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    if (req.method === 'GET' && req.url?.startsWith('/attachments/')) {
      const attached = attachments.get(req.url)
      res.writeHead(attached ? 200 : 404, { 'content-type': attached?.contentType ?? 'text/plain' })
      return void res.end(attached?.bytes ?? 'no such attachment')
    }
    // discord.js URL-encodes "@original" and "@me".
    const path = decodeURIComponent(req.url!.replace(/^\/api\/v\d+/, '').split('?')[0]!)
    const { body, files } = await readBody(raw, req.headers['content-type'])
    const call: RestCall = { method: req.method!, path, body, files, at: Date.now(), status: 0 }
    const json = (status: number, data?: unknown, headers: Record<string, string> = {}) => {
      call.status = status
      calls.push(call)
      res.writeHead(status, { ...headers, ...(data === undefined ? {} : { 'content-type': 'application/json' }) })
      res.end(data === undefined ? undefined : JSON.stringify(data))
      for (const wake of [...waiters]) wake()
    }
    const failure = failures.find((f) => f.times > 0 && f.path.test(path) && (!f.method || f.method === req.method))
    if (failure) {
      failure.times--
      if (failure.status === 429) {
        const after = String(failure.retryAfter ?? 1)
        return json(429, { message: 'You are being rate limited.', retry_after: Number(after), global: false }, { 'retry-after': after, 'x-ratelimit-scope': 'user' })
      }
      return json(failure.status, { message: 'Internal Server Error', code: 0 })
    }
    const { port } = server.address() as AddressInfo
    const route = `${req.method} ${path}`
    const channelRoute = /^(GET|POST) \/channels\/(\d+)\/messages$/.exec(route)
    if (channelRoute) return channelCall(channelRoute[1]!, channelRoute[2]!, call.body, json)
    if (route === 'GET /users/@me') return json(200, BOT)
    if (route === 'GET /gateway/bot') return json(200, { url: `ws://127.0.0.1:${port}`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } })
    if (route === 'GET /applications/@me' || route === 'GET /oauth2/applications/@me') return json(200, { id: APP_ID, name: 'newsbot', bot_public: false })
    if (/^POST \/interactions\/\d+\/[^/]+\/callback$/.test(route)) return json(204)
    if (/^PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(route)) return json(200, message(call.body))
    if (/^DELETE \/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(route)) return json(204)
    if (/^POST \/webhooks\/\d+\/[^/]+$/.test(route)) return json(200, message(call.body))
    if (/^PUT \/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(route)) {
      return json(200, call.body.map((c: object) => ({ ...c, id: snowflake(), application_id: APP_ID, version: '1' })))
    }
    json(404, { message: 'Unknown route in fake', code: 0 })
  })

  type Answer = (status: number, data?: unknown, headers?: Record<string, string>) => void
  function channelCall(method: string, channelId: string, body: any, json: Answer) { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (deletedChannels.has(channelId)) return json(404, { message: 'Unknown Channel', code: 10003 })
    if (forbiddenChannels.has(channelId)) return json(403, { message: 'Missing Access', code: 50001 })
    const list = channelMessages.get(channelId) ?? []
    channelMessages.set(channelId, list)
    if (method === 'GET') return json(200, [...list].reverse().slice(0, 50))
    const now = Date.now()
    const limits = options.limits
    if (limits) {
      if (now - globalWindow.start >= 1000) globalWindow = { start: now, used: 0 }
      if (globalWindow.used >= limits.globalPerSecond) {
        limited.global++
        const after = (1000 - (now - globalWindow.start)) / 1000
        return json(429, { message: 'You are being rate limited.', retry_after: after, global: true }, { 'retry-after': String(Math.ceil(after)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' })
      }
      globalWindow.used++
    }
    // A nonce Discord has seen from this bot in this channel: the existing message, nothing new created.
    const repeated = body?.enforce_nonce && body.nonce ? list.find((m) => m.nonce === String(body.nonce)) : undefined
    if (repeated) return json(200, repeated)
    const headers: Record<string, string> = {}
    if (limits) {
      let bucket = buckets.get(channelId)
      if (!bucket || now - bucket.start >= limits.windowMs) buckets.set(channelId, (bucket = { start: now, used: 0 }))
      const resetAfter = (limits.windowMs - (now - bucket.start)) / 1000
      Object.assign(headers, {
        'x-ratelimit-limit': String(limits.perChannel),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-reset': ((bucket.start + limits.windowMs) / 1000).toFixed(3),
        'x-ratelimit-bucket': `channel-messages`,
      })
      if (bucket.used >= limits.perChannel) {
        limited.channel++
        return json(429, { message: 'You are being rate limited.', retry_after: resetAfter, global: false }, { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': String(Math.ceil(resetAfter)), 'x-ratelimit-scope': 'user' })
      }
      bucket.used++
      headers['x-ratelimit-remaining'] = String(limits.perChannel - bucket.used)
    }
    const created: ChannelMessage = {
      id: snowflake(), channel_id: channelId, nonce: body?.nonce === undefined ? null : String(body.nonce), content: body?.content ?? '',
      embeds: body?.embeds ?? [], timestamp: new Date().toISOString(), author: BOT,
    }
    list.push(created)
    return json(200, created, headers)
  }

  const wss = new WebSocketServer({ server })
  const send = (ws: WebSocket, payload: object) => ws.send(JSON.stringify(payload))
  const dispatch = (t: string, d: unknown) => {
    for (const ws of sockets) send(ws, { op: 0, t, s: ++seq, d })
  }
  const role = (id: string, name: string, permissions: string, position: number) => ({ id, name, permissions, position, color: 0, hoist: false, managed: false, mentionable: false })

  wss.on('connection', (ws) => {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    send(ws, { op: 10, d: { heartbeat_interval: 45_000 } })
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data))
      if (msg.op === 1) send(ws, { op: 11 })
      if (msg.op !== 2) return
      const { port } = server.address() as AddressInfo
      send(ws, { op: 0, t: 'READY', s: ++seq, d: { v: 10, user: BOT, guilds: [{ id: GUILD_ID, unavailable: true }], session_id: 'fake-session', resume_gateway_url: `ws://127.0.0.1:${port}`, application: { id: APP_ID, flags: 0 } } })
      send(ws, {
        op: 0, t: 'GUILD_CREATE', s: ++seq,
        d: {
          id: GUILD_ID, name: 'Test Guild', icon: null, owner_id: MOD.id, unavailable: false, member_count: 2,
          roles: [role(GUILD_ID, '@everyone', MEMBER_PERMISSIONS, 0), role(MANAGER_ROLE_ID, MANAGER_ROLE, '0', 1)],
          channels: [{ id: CHANNEL_ID, type: 0, name: 'news', position: 0, guild_id: GUILD_ID, permission_overwrites: [] }],
          members: [], emojis: [], stickers: [], features: [], threads: [], presences: [], voice_states: [], stage_instances: [],
          guild_scheduled_events: [], soundboard_sounds: [], joined_at: new Date().toISOString(),
        },
      })
    })
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  /** Where an interaction comes from: a guild channel as `user`, or a DM with the bot. */
  function origin(user: InteractionUser, dm: boolean) {
    const u = { id: user.id, username: user.username, discriminator: '0', global_name: null, avatar: null }
    if (dm) return { channel_id: DM_CHANNEL_ID, channel: { id: DM_CHANNEL_ID, type: 1, recipients: [u] }, user: u, context: 1, authorizing_integration_owners: { '1': user.id } }
    return {
      guild_id: GUILD_ID, channel_id: CHANNEL_ID, channel: { id: CHANNEL_ID, type: 0, name: 'news', guild_id: GUILD_ID }, guild_locale: 'en-US', context: 0,
      member: { user: u, roles: user.roles ?? [], permissions: user.permissions ?? MEMBER_PERMISSIONS, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      authorizing_integration_owners: { '0': GUILD_ID },
    }
  }

  function interaction(type: number, data: object, user: InteractionUser, dm: boolean, extra: object = {}) {
    const id = snowflake()
    const token = `itoken-${id}`
    dispatch('INTERACTION_CREATE', { id, application_id: APP_ID, type, token, version: 1, data, app_permissions: MANAGER_PERMISSIONS, locale: user.locale ?? 'en-US', entitlements: [], attachment_size_limit: 8388608, ...origin(user, dm), ...extra })
    return { id, token }
  }

  /** Resolves once `pick` finds something: checked after every REST call, and every 20 ms for things like log records. */
  function waitFor<T>(pick: (calls: RestCall[]) => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        waiters.delete(check)
        clearTimeout(timer)
        clearInterval(poll)
      }
      const check = () => {
        const found = pick(calls)
        if (found === undefined) return
        done()
        resolve(found)
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error('fake discord: timed out waiting'))
      }, timeoutMs)
      const poll = setInterval(check, 20)
      waiters.add(check)
      check()
    })
  }

  return {
    restApi: `http://127.0.0.1:${port}/api`,
    calls,
    channelMessages,
    deletedChannels,
    forbiddenChannels,
    /** 429s answered by the optional limits, per channel bucket and global. */
    limited,
    dispatch,
    waitFor,
    /** The next `times` requests matching the route fail with this status. */
    fail(failure: Failure) {
      failures.push(failure)
    },
    /** `resolved`: what option values refer to, e.g. { attachments: … } from attach(). */
    slashCommand(name: string, options: SlashOption[] = [], user: InteractionUser = ALICE, { dm = false, resolved }: { dm?: boolean; resolved?: object } = {}) {
      return interaction(2, { id: snowflake(), name, type: 1, options, ...(resolved && { resolved }) }, user, dm)
    },
    /** A file as a user attaches it to a command: the attachment option's id and the `resolved` entry Discord sends with it, served from this fake. */
    attach(filename: string, content: string | Buffer, contentType = 'application/xml') {
      const id = snowflake()
      const path = `/attachments/${CHANNEL_ID}/${id}/${encodeURIComponent(filename)}`
      const bytes = Buffer.from(content)
      attachments.set(path, { bytes, contentType })
      const url = `http://127.0.0.1:${port}${path}`
      return { id, resolved: { attachments: { [id]: { id, filename, size: bytes.length, url, proxy_url: url, content_type: contentType } } } }
    },
    autocomplete(name: string, options: SlashOption[], user: InteractionUser = ALICE) {
      return interaction(4, { id: snowflake(), name, type: 1, options }, user, false)
    },
    button(customId: string, user: InteractionUser = ALICE, { ephemeral = false } = {}) {
      const shown = { ...message({ content: '' }), flags: ephemeral ? 64 : 0, application_id: APP_ID }
      return interaction(3, { custom_id: customId, component_type: 2 }, user, false, { message: shown })
    },
    /** The calls made for one interaction (its token is in every route). */
    callsFor(token: string): RestCall[] {
      return calls.filter((c) => c.path.includes(`/${token}`))
    },
    async close() {
      for (const ws of sockets) ws.terminate()
      wss.close()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A request body as the fake records it: JSON, or multipart/form-data with payload_json and files (discord.js uploads). */
async function readBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] }
  if (!contentType?.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')), files: [] }
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData()
  const files: UploadedFile[] = []
  let body: unknown
  for (const [field, value] of form) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value)
    } else files.push({ field, name: value.name, contentType: value.type, text: await value.text() })
  }
  return { body, files }
}

/** The message bodies Discord accepted: interaction replies and updates, edits and follow-ups. */
export function messageBodies(calls: RestCall[]): { call: RestCall; body: any }[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return calls.flatMap((call) => {
    if (call.status >= 300) return []
    if (call.path.endsWith('/callback') && (call.body?.type === 4 || call.body?.type === 7)) return [{ call, body: call.body.data }]
    if ((call.method === 'PATCH' || call.method === 'POST') && call.path.startsWith('/webhooks/')) return [{ call, body: call.body }]
    return []
  })
}
