// Slack's HTTP requests, screened before Bolt sees them. Bolt checks the signature but refuses only timestamps more
// than five minutes in the past and remembers nothing, so a captured request could be sent again (and run its
// command again) for five minutes, and one dated in the future for as long as its date is ahead. Here a timestamp
// must be within five minutes of our clock either way, and each signature is accepted once. Socket Mode needs none
// of this: its envelopes come over the WebSocket newsbot itself opened with the app token, which no one else can
// send into, and Slack resends none of the slash commands and button clicks it carries.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { HTTPModuleFunctions, HTTPReceiver, verifySlackRequest } from '@slack/bolt'
import type { Logger } from '../../log.js'
import { boltLogger } from './bolt-logger.js'

export const SLACK_ENDPOINT = '/slack/events'
/** Slack's own rule for how far a request's timestamp may be from our clock. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60
/** Signatures remembered at once: Slack sends a workspace's commands far slower than this many in five minutes. */
const MAX_REMEMBERED = 10_000

export class ReplayGuard {
  /** Signature → when its timestamp leaves the window (ms), after which the window alone refuses it. */
  private readonly seen = new Map<string, number>()

  constructor(
    private readonly signingSecret: string,
    private readonly now: () => number = Date.now,
    private readonly maxRemembered = MAX_REMEMBERED,
  ) {}

  /** Null when the request is Slack's and new; else why it is refused. Only verified requests are remembered. */
  check(headers: IncomingMessage['headers'], rawBody: string): string | null {
    const signature = headers['x-slack-signature']
    const timestamp = headers['x-slack-request-timestamp']
    if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return 'no signature or timestamp'
    const nowMs = this.now()
    const seconds = Number(timestamp)
    if (Math.abs(nowMs / 1000 - seconds) > SIGNATURE_WINDOW_SECONDS) return 'timestamp more than five minutes from our clock'
    try {
      verifySlackRequest({ signingSecret: this.signingSecret, body: rawBody, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': seconds }, nowMilliseconds: nowMs })
    } catch {
      return 'signature mismatch'
    }
    this.forget(nowMs)
    if (this.seen.has(signature)) return 'replayed'
    if (this.seen.size >= this.maxRemembered) this.forget(nowMs, true)
    // Refusing is safe, forgetting a signature still in its window would let it be replayed.
    if (this.seen.size >= this.maxRemembered) return 'too many signed requests within five minutes'
    this.seen.set(signature, (seconds + SIGNATURE_WINDOW_SECONDS) * 1000)
    return null
  }

  /** Drops signatures whose window has passed: the oldest first, or all of them when `everywhere`. */
  private forget(nowMs: number, everywhere = false): void {
    for (const [signature, until] of this.seen) {
      if (until < nowMs) this.seen.delete(signature)
      else if (!everywhere) return
    }
  }
}

/** Slack's reachability check (ssl_check=1) comes unsigned; Bolt answers it without running anything. */
function isSslCheck(req: IncomingMessage, rawBody: string): boolean {
  return req.headers['content-type'] === 'application/x-www-form-urlencoded' && new URLSearchParams(rawBody).get('ssl_check') === '1'
}

/** Bolt's HTTP receiver with every request to the endpoint screened by a ReplayGuard first; refusals get 401. */
export function screenedReceiver(signingSecret: string, log: Logger): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: SLACK_ENDPOINT, logger: boltLogger(log) })
  const guard = new ReplayGuard(signingSecret)
  const bolt: RequestListener = receiver.requestListener

  async function screen(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit)
    } catch (err) {
      const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && err.statusCode === 413
      res.writeHead(tooLarge ? 413 : 400).end()
      return
    }
    const rawBody = buffered.rawBody.toString()
    const refusal = isSslCheck(req, rawBody) ? null : guard.check(req.headers, rawBody)
    if (refusal) {
      log.warn('slack: refused an HTTP request', { reason: refusal })
      res.writeHead(401).end()
      return
    }
    // The body is read: Bolt takes it from the buffered request and checks the signature again, as it always does.
    bolt(buffered, res)
  }

  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://newsbot').pathname !== SLACK_ENDPOINT) return bolt(req, res)
    void screen(req, res)
  }
  return receiver
}
