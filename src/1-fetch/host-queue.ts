// Per-host politeness: requests to one host go one at a time with a pause between them; different hosts run in
// parallel up to a global limit. Local files (file: URLs) burden no server, so none of them waits for another.

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

/** Runs `work` for every URL, politely, and returns the results in input order. */
export async function runPerHost<T, R>(
  entries: T[],
  urlOf: (entry: T) => string,
  work: (entry: T) => Promise<R>,
  options: HostQueueOptions,
): Promise<R[]> {
  const results = new Array<R>(entries.length)
  const byHost = new Map<string, number[]>()
  const files: number[][] = []
  entries.forEach((entry, index) => {
    const host = hostOf(urlOf(entry))
    if (host === null) files.push([index])
    else byHost.set(host, [...(byHost.get(host) ?? []), index])
  })
  const queues = [...byHost.values(), ...files]
  const runQueue = async (indexes: number[]) => {
    for (const [n, index] of indexes.entries()) {
      if (n > 0 && options.delayMs > 0) await sleep(options.delayMs)
      results[index] = await work(entries[index]!)
    }
  }
  const workers = Array.from({ length: Math.min(options.concurrency, queues.length) }, async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) await runQueue(queue)
  })
  await Promise.all(workers)
  return results
}
