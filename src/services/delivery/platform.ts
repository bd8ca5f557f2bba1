// What the outbox needs from a chat platform, implemented over REST in src/8-deliver/discord and src/8-deliver/slack.
// Senders wait out 429s (retry-after) and retry 5xx and timeouts a few times themselves; what still fails reaches
// the outbox as a PermanentDeliveryError (the channel is gone for good) or any other error (try again later).

/** Identifies one body of one outbox message on the platform, so that a resend can be recognised. */
export interface PartRef {
  /** The outbox key ("digest:12:2026-03-29"). */
  key: string
  part: number
  /** Short and unique per body (Discord nonces are at most 25 characters). */
  nonce: string
  /** The first attempt began here; a copy on the platform cannot be older. */
  since: Date
}

export interface PlatformSender {
  /** Posts one body; returns the platform's message id (Discord id, Slack ts). */
  send(channelId: string, body: unknown, ref: PartRef): Promise<string>
  /** After a crash between sending and recording: the id of this body if the platform already has it. */
  findSent(channelId: string, body: unknown, ref: PartRef): Promise<string | null>
  /** Best effort: tells the channel why deliveries stopped (usually fails, since the channel refused us). */
  notice(channelId: string, text: string): Promise<void>
}

/** The platform will never take this channel's messages: unknown channel, no access, bot removed. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError'
  constructor(readonly reason: string) {
    super(reason)
  }
}

export type Senders = Partial<Record<string, PlatformSender>>

export const nonceFor = (outboxId: number, part: number): string => `nb${outboxId}.${part}`
