// Per-host politeness: requests to one host go one at a time with a pause between them; different hosts run in
// parallel up to a global limit. Local files (file: URLs) burden no server, so none of them waits for another.
// One queue can live as long as the poller: a request to a host still being read from an earlier round waits its turn.

export interface HostQueueOptions {
  concurrency: number
  delayMs: number
}

/** The host whose queue a URL waits in; null for a local file, which waits for nothing. */
function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'file:' ? null : parsed.host.toLowerCase()
  } catch {
    return url
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface HostTurns {
  /** Settles when the host's last queued request has ended. */
  last: Promise<unknown>
  endedAt: number
}

export class HostQueue {
  private readonly hosts = new Map<string, HostTurns>()
  private running = 0
  private readonly waitingForSlot: (() => void)[] = []

  constructor(private readonly options: HostQueueOptions) {}

  /**
   * Runs `request` in its host's turn, then `afterwards` with its result: both in one of `concurrency` slots, but only
   * the request holds up the host (what is done with the response, parsing say, does not keep the next request waiting).
   */
  run<F, R>(url: string, request: () => Promise<F>, afterwards: (response: F) => Promise<R>): Promise<R> {
    const host = hostOf(url)
    if (host === null) return this.inSlot(async () => afterwards(await request()))
    const turns = this.hosts.get(host) ?? { last: Promise.resolve(), endedAt: -Infinity }
    this.hosts.set(host, turns)
    let requested!: () => void
    const ended = new Promise<void>((resolve) => (requested = resolve))
    const mine = turns.last.then(async () => {
      const rest = turns.endedAt + this.options.delayMs - performance.now()
      if (rest > 0) await sleep(rest)
      return this.inSlot(async () => {
        let response: F
        try {
          response = await request()
        } finally {
          turns.endedAt = performance.now()
          requested()
        }
        return afterwards(response)
      })
    })
    turns.last = ended
    return mine
  }

  private async inSlot<R>(work: () => Promise<R>): Promise<R> {
    if (this.running < this.options.concurrency) this.running++
    else await new Promise<void>((resolve) => this.waitingForSlot.push(resolve))
    try {
      return await work()
    } finally {
      // The slot passes straight to the next in line, so `running` counts it still.
      const next = this.waitingForSlot.shift()
      if (next) next()
      else this.running--
    }
  }
}

/** Runs `work` for every URL, politely, and returns the results in input order. */
export function runPerHost<T, R>(entries: T[], urlOf: (entry: T) => string, work: (entry: T) => Promise<R>, options: HostQueueOptions): Promise<R[]> {
  const queue = new HostQueue(options)
  return Promise.all(entries.map((entry) => queue.run(urlOf(entry), () => work(entry), async (result) => result)))
}
