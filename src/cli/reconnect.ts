// A chat connection that keeps trying: Discord or Slack being unreachable when newsbot starts (a network not up
// yet, an outage) must not stop polling and clustering, and the bot answers once the platform is back.
import type { Logger } from '../log.js'

export interface Backoff {
  firstMs: number
  maxMs: number
}

/** 1 s, 2 s, 4 s … at most 5 minutes between attempts. */
export const CHAT_BACKOFF: Backoff = { firstMs: 1000, maxMs: 5 * 60_000 }

/**
 * The wait after the n-th failure in a row: doubling up to the cap, drawn from the upper half of it so that bots
 * restarted together (after a network outage) do not all try again in step.
 */
export function backoffDelay(failures: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, failures - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

export interface Connection {
  stop(): Promise<void>
}

export interface KeepConnectingOptions<T extends Connection> {
  log: Logger
  /** A failure that trying again cannot fix (the platform refused the token): logged as an error, not retried. */
  refused(error: unknown): boolean
  connected(connection: T): void
  backoff?: Backoff
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Connects in the background, again after each failure, until connected, refused or stopped. */
export function keepConnecting<T extends Connection>(platform: string, connect: () => Promise<T>, options: KeepConnectingOptions<T>): Connection {
  const { log } = options
  const backoff = options.backoff ?? CHAT_BACKOFF
  let stopped = false
  let connection: T | null = null
  let wake = () => {}

  const run = async () => {
    for (let failures = 1; !stopped; failures++) {
      try {
        const made = await connect()
        if (stopped) return void (await made.stop())
        connection = made
        options.connected(made)
        return
      } catch (error) {
        if (stopped) return
        if (options.refused(error)) {
          log.error('chat: the platform refused the connection; not retrying (check its token)', { platform, error: describe(error) })
          return
        }
        const retryInMs = backoffDelay(failures, backoff)
        log.warn('chat: could not connect, retrying', { platform, attempt: failures, retryInMs, error: describe(error) })
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, retryInMs)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      }
    }
  }
  void run()

  return {
    async stop() {
      stopped = true
      wake()
      await connection?.stop()
    },
  }
}
