// Scheduled messages to Slack channels with the Web API's chat.postMessage through Slack's own WebClient, which
// waits out a 429's Retry-After and retries 5xx and network errors. Slack allows about one message per second per
// channel, so posts to one channel are spaced a second apart here instead of being answered with 429s. Each
// message carries metadata naming its outbox key and part, which is how a restart finds a message it had sent
// before it could record it (conversations.history with include_all_metadata).
import { webApi } from '@slack/bolt'
import type { Logger } from '../../log.js'
import { PermanentDeliveryError, type PlatformSender } from '../../services/delivery/platform.js'
import { boltLogger } from './bolt-logger.js'

export interface SlackSenderOptions {
  token: string
  /** Web API root (…/api/): a fake or a proxy; default Slack's. */
  apiUrl?: string
  log: Logger
  /** Minimum milliseconds between two posts to one channel (Slack: about one per second). */
  channelIntervalMs?: number
}

/** Slack errors that mean the channel (or the whole workspace) will not take our messages until someone acts. */
const PERMANENT: Record<string, string> = {
  channel_not_found: 'Slack: channel not found (deleted, or private without the bot)',
  not_in_channel: 'Slack: the bot is not in the channel (invite it with /invite)',
  is_archived: 'Slack: the channel is archived',
  account_inactive: 'Slack: the bot was removed from the workspace',
  token_revoked: 'Slack: the bot was removed from the workspace',
  invalid_auth: 'Slack: the bot token is no longer valid',
  restricted_action: 'Slack: posting in this channel is restricted',
  team_access_not_granted: 'Slack: no access to this workspace',
}

const EVENT_TYPE = 'newsbot_delivery'
/** Look this far before the first attempt: our clock and Slack's may disagree. */
const CLOCK_SLACK_MS = 15 * 60_000
const RETRY = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000, randomize: true }

function classify(err: unknown): never {
  const platform = err as { code?: string; data?: { error?: string } }
  const reason = platform.code === 'slack_webapi_platform_error' ? PERMANENT[platform.data?.error ?? ''] : undefined
  if (reason) throw new PermanentDeliveryError(reason)
  throw err
}

export function createSlackSender(options: SlackSenderOptions): PlatformSender {
  const client = new webApi.WebClient(options.token, {
    retryConfig: RETRY,
    timeout: 20_000,
    rejectRateLimitedCalls: false,
    logger: boltLogger(options.log),
    ...(options.apiUrl && { slackApiUrl: options.apiUrl }),
  })
  const interval = options.channelIntervalMs ?? 1100
  const nextFree = new Map<string, number>()
  /** Reserves the channel's next free slot synchronously, so concurrent posts to one channel queue up. */
  const pace = async (channel: string) => {
    const now = Date.now()
    const at = Math.max(now, nextFree.get(channel) ?? 0)
    nextFree.set(channel, at + interval)
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now))
  }

  return {
    async send(channel, body, ref) {
      await pace(channel)
      try {
        const args = { ...(body as object), channel, metadata: { event_type: EVENT_TYPE, event_payload: { key: ref.key, part: ref.part } } }
        const res = await client.chat.postMessage(args as unknown as webApi.ChatPostMessageArguments)
        return res.ts!
      } catch (err) {
        classify(err)
      }
    },

    async findSent(channel, _body, ref) {
      try {
        const res = await client.conversations.history({ channel, oldest: String((ref.since.getTime() - CLOCK_SLACK_MS) / 1000), include_all_metadata: true, limit: 200 })
        const found = res.messages?.find((m) => {
          const meta = m.metadata as { event_type?: string; event_payload?: { key?: string; part?: number } } | undefined
          return meta?.event_type === EVENT_TYPE && meta.event_payload?.key === ref.key && Number(meta.event_payload.part) === ref.part
        })
        return found?.ts ?? null
      } catch (err) {
        classify(err)
      }
    },

    async notice(channel, text) {
      await client.chat.postMessage({ channel, text, unfurl_links: false })
    },
  }
}
