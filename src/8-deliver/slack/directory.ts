// What the adapter asks Slack about people: their language and admin flags (users.info, cached briefly since every
// command wants the locale) and channel membership (conversations.members, asked fresh: it decides who may change a
// channel's subscriptions). Failures answer "unknown": English, not an admin, not a member, with the reason logged.
import type { webApi } from '@slack/bolt'
import type { Lang } from '../../../commands/types.js'
import { localeOf } from '../../../commands/run.js'
import type { Logger } from '../../log.js'

export interface SlackUserInfo {
  locale: Lang
  /** Workspace admin or owner. */
  isAdmin: boolean
}

const USER_TTL_MS = 10 * 60_000
const MAX_CACHED_USERS = 5000
/** Slack's maximum page; it may still return fewer. */
const MEMBERS_PAGE = 1000

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err))

export class SlackDirectory {
  private readonly users = new Map<string, { info: SlackUserInfo; expires: number }>()

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  /** null when Slack could not say (logged). */
  async user(userId: string): Promise<SlackUserInfo | null> {
    const cached = this.users.get(userId)
    if (cached && cached.expires > Date.now()) return cached.info
    try {
      const { user } = await this.client.users.info({ user: userId, include_locale: true })
      const info: SlackUserInfo = { locale: localeOf(user?.locale), isAdmin: !!(user?.is_admin || user?.is_owner || user?.is_primary_owner) }
      if (this.users.size >= MAX_CACHED_USERS) this.users.clear()
      this.users.set(userId, { info, expires: Date.now() + USER_TTL_MS })
      return info
    } catch (err) {
      this.log.warn('slack: users.info failed; treating the user as an English-speaking non-admin', { user: userId, error: reason(err) })
      return null
    }
  }

  /** Walks every page of the channel's members; false when Slack refuses (e.g. a private channel the bot is not in). */
  async isChannelMember(channelId: string, userId: string): Promise<boolean> {
    let cursor: string | undefined
    try {
      do {
        const page = await this.client.conversations.members({ channel: channelId, limit: MEMBERS_PAGE, ...(cursor && { cursor }) })
        if (page.members?.includes(userId)) return true
        cursor = page.response_metadata?.next_cursor || undefined
      } while (cursor)
      return false
    } catch (err) {
      this.log.warn('slack: could not check channel membership; not allowing the change', { channel: channelId, user: userId, error: reason(err) })
      return false
    }
  }
}
