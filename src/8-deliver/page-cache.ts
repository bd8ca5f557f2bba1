// The pages of recent long replies, so that "next" and "previous" buttons can show them without running the
// command again. Kept in memory for a while: after a restart, or once expired, the buttons say so.
import { randomBytes } from 'node:crypto'
import type { Localised } from '../../commands/types.js'
import type { ReplyPage } from './reply-pages.js'

export interface StoredPages {
  pages: ReplyPage[]
  /** Who asked: on Discord and Slack only they may turn an ephemeral reply's pages. */
  userId: string
  ephemeral: boolean
}

const DEFAULT_TTL_MS = 30 * 60_000
const DEFAULT_CAPACITY = 1000

export class PageCache {
  private readonly entries = new Map<string, StoredPages & { expires: number }>()

  constructor(
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {}

  /** A short token for button ids (Discord allows 100 characters per custom_id). */
  put(value: StoredPages): string {
    const token = randomBytes(9).toString('base64url')
    this.entries.set(token, { ...value, expires: this.now() + this.ttlMs })
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity && entry.expires > this.now()) break
      this.entries.delete(key)
    }
    return token
  }

  get(token: string): StoredPages | null {
    const entry = this.entries.get(token)
    if (!entry || entry.expires <= this.now()) return null
    return entry
  }
}

/** Button ids: "page:<token>:<page number>". */
export function pageButtonId(token: string, page: number): string {
  return `page:${token}:${page}`
}

export function parsePageButtonId(id: string): { token: string; page: number } | null {
  const match = /^page:([A-Za-z0-9_-]{1,40}):(\d{1,4})$/.exec(id)
  return match ? { token: match[1]!, page: Number(match[2]) } : null
}

const PAGE_REFUSALS = {
  expired: { en: 'These pages have expired (or the bot restarted). Run the command again.', ja: 'このページの有効期限が切れました（またはボットが再起動しました）。もう一度コマンドを実行してください。' },
  notYours: { en: 'Only the person who ran the command can turn these pages.', ja: 'ページをめくれるのはコマンドを実行した人だけです。' },
} satisfies Record<string, Localised>

/** Why `userId` may not turn these pages, or null. An ephemeral reply is seen by its asker alone, so anyone else is a replayed or forged click. */
export function pageRefusal(stored: StoredPages | null, userId: string): Localised | null {
  if (!stored) return PAGE_REFUSALS.expired
  return stored.ephemeral && stored.userId !== userId ? PAGE_REFUSALS.notYours : null
}
