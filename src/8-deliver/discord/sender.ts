// Scheduled messages to Discord channels over REST (POST /channels/{id}/messages) with discord.js's REST client:
// it learns each route's bucket from the X-RateLimit headers and waits before Discord has to say 429, keeps the
// global limit (50 requests per second per bot, less per process when several workers share one bot), waits out
// any 429's retry-after, and retries 5xx and timeouts. Every body carries a nonce with enforce_nonce, so Discord
// itself returns the existing message when a resend repeats one it already created (for a few minutes).
import { DiscordAPIError, REST, Routes } from 'discord.js'
import type { Logger } from '../../log.js'
import { PermanentDeliveryError, type PartRef, type PlatformSender } from '../../services/delivery/platform.js'

export interface DiscordSenderOptions {
  token: string
  /** REST root (a fake or a proxy); default Discord's. */
  api?: string
  /** This process's share of the bot's global limit (default 45/s): divide it between workers that share the bot. */
  globalRequestsPerSecond?: number
  log: Logger
}

/** Discord allows 50 requests/s per bot; our window and Discord's are not aligned, so leave 10% headroom. */
export const DEFAULT_GLOBAL_RPS = 45

/** Discord's JSON error codes that mean the channel will never take our messages. */
const PERMANENT = new Map<number, string>([
  [10003, 'Discord: unknown channel (deleted)'],
  [10004, 'Discord: unknown server (the bot was removed)'],
  [50001, 'Discord: missing access to the channel'],
  [50013, 'Discord: missing permission to send messages or embeds'],
  [50083, 'Discord: the thread is archived'],
])

/** Look this far before the first attempt: our clock and Discord's may disagree. */
const CLOCK_SLACK_MS = 15 * 60_000

interface MessageRecord {
  id: string
  nonce?: string | number
  content?: string
  timestamp: string
  author: { id: string }
  embeds?: { title?: string }[]
}

function classify(err: unknown): never {
  if (err instanceof DiscordAPIError) {
    const reason = PERMANENT.get(Number(err.code)) ?? (err.status === 404 ? 'Discord: unknown channel' : null)
    if (reason) throw new PermanentDeliveryError(reason)
  }
  throw err
}

export function createDiscordSender(options: DiscordSenderOptions): PlatformSender & { rest: REST } {
  const rest = new REST({ ...(options.api && { api: options.api }), globalRequestsPerSecond: options.globalRequestsPerSecond ?? DEFAULT_GLOBAL_RPS }).setToken(options.token)
  rest.on('rateLimited', (info) => options.log.debug('discord: waiting for a rate limit', { route: info.route, retryAfterMs: info.retryAfter, global: info.global }))
  let me: Promise<string> | null = null
  const botId = () => (me ??= (rest.get(Routes.user()) as Promise<{ id: string }>).then((u) => u.id))

  return {
    rest,
    async send(channelId, body, ref: PartRef) {
      try {
        const created = (await rest.post(Routes.channelMessages(channelId), { body: { ...(body as object), nonce: ref.nonce, enforce_nonce: true } })) as MessageRecord
        return created.id
      } catch (err) {
        classify(err)
      }
    },

    async findSent(channelId, sent, ref) {
      // The nonce dedupe only lasts minutes, so a restart after longer looks at the channel's recent messages: ours,
      // not older than the first attempt, with this nonce (when Discord echoes it) or this exact heading.
      const body = sent as { content?: string; embeds?: { title?: string }[] }
      try {
        const [id, recent] = await Promise.all([botId(), rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: '50' }) }) as Promise<MessageRecord[]>])
        const since = ref.since.getTime() - CLOCK_SLACK_MS
        const found = recent.find((m) => m.author.id === id && Date.parse(m.timestamp) >= since && (String(m.nonce) === ref.nonce || (m.content === body.content && m.embeds?.[0]?.title === body.embeds?.[0]?.title)))
        return found?.id ?? null
      } catch (err) {
        classify(err)
      }
    },

    async notice(channelId, text) {
      await rest.post(Routes.channelMessages(channelId), { body: { content: text, allowed_mentions: { parse: [] } } })
    },
  }
}
