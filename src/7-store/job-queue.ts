// The job engine for `newsbot worker`: pg-boss on the same PostgreSQL database (its own "pgboss" schema). Jobs are
// taken with SELECT … FOR UPDATE SKIP LOCKED, so each is run by one worker; a job whose worker died is expired
// and retried (on whichever worker asks next); singleton keys keep one queued job per feed or message; and a
// throttled send (one job per key and time slot, enforced by a unique index) makes a clock fire once per cluster.
import pg from 'pg'
import PgBoss from 'pg-boss'

export interface QueueSpec {
  name: string
  /** "short": at most one queued job per key (running ones do not count); "stately": one queued and one running. */
  policy: 'short' | 'stately' | 'standard'
  retryLimit: number
  retryDelaySeconds: number
}

export interface JobQueueOptions {
  /** A running job whose worker stopped answering is retried after this long. */
  expireSeconds: number
  pollSeconds: number
  onError(error: Error): void
}

export interface SendOptions {
  /** One queued job per key (per queue policy). */
  key?: string
  /** With `key`: at most one job per key in each slot of this many seconds, across the cluster. */
  throttleSeconds?: number
}

export interface JobQueue {
  /** Runs `handler` for jobs of the queue, up to `concurrency` at once in this process. */
  work<T extends object>(queue: string, concurrency: number, handler: (data: T) => Promise<void>): Promise<void>
  /** Returns false when a singleton key or throttle slot already had a job. */
  send(queue: string, data: object, options?: SendOptions): Promise<boolean>
  stop(): Promise<void>
}

export async function openJobQueue(url: string, queues: QueueSpec[], options: JobQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: url,
    application_name: 'newsbot-worker',
    // Expired jobs are found by maintenance: run it often enough that a dead worker's job moves within seconds.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(options.expireSeconds / 2))),
    monitorStateIntervalSeconds: 60,
    schedule: false,
  })
  boss.on('error', options.onError)
  // Workers starting together would create pg-boss's schema and the queues' tables at the same time and deadlock
  // in PostgreSQL's DDL locks: one at a time, under an advisory lock.
  const lock = new pg.Client({ connectionString: url })
  await lock.connect()
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('newsbot:job-queues'))")
    await boss.start()
    for (const q of queues) {
      if (await boss.getQueue(q.name)) continue
      await boss.createQueue(q.name, { name: q.name, policy: q.policy, retryLimit: q.retryLimit, retryDelay: q.retryDelaySeconds, retryBackoff: true, expireInSeconds: options.expireSeconds })
    }
  } finally {
    await lock.end() // ends the session, which releases the lock
  }
  return {
    async work(queue, concurrency, handler) {
      let workerId = ''
      workerId = await boss.work<object>(queue, { batchSize: concurrency, pollingIntervalSeconds: options.pollSeconds }, async (jobs) => {
        // One failed job must not fail its batch-mates: failures are reported per job.
        const results = await Promise.allSettled(jobs.map((job) => handler(job.data as never)))
        const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [jobs[i]!.id] : []))
        // Failed before the batch completes, so pg-boss retries these and completes only the others.
        if (failed.length > 0) await boss.fail(queue, failed)
        // A full batch means more are waiting: fetch again at once instead of after the polling interval.
        if (jobs.length === concurrency) boss.notifyWorker(workerId)
      })
    },
    async send(queue, data, opts = {}) {
      const id = await boss.send(queue, data, { ...(opts.key && { singletonKey: opts.key }), ...(opts.throttleSeconds && { singletonSeconds: opts.throttleSeconds }) })
      return id !== null
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  }
}
