// The digest clock: node-cron ticks once a minute (UTC; each subscription's own zone is applied when planning, so
// one clock serves every zone) and a tick that is still running makes the next one skip, not pile up.
import cron from 'node-cron'
import type { Logger } from '../../log.js'

export interface Clock {
  /** Resolves once a running tick has finished. */
  stop(): Promise<void>
}

export function startClock(name: string, tick: (now: Date) => Promise<void>, log: Logger, expression = '* * * * *'): Clock {
  let running: Promise<void> | null = null
  const run = () => {
    if (running) return
    running = tick(new Date())
      .catch((err: Error) => log.error(`${name} failed`, { error: err }))
      .finally(() => {
        running = null
      })
  }
  const task = cron.schedule(expression, run, { name, noOverlap: true })
  run() // at start too: whatever fell due while the process was down goes out now, not a minute later
  return {
    async stop() {
      await task.destroy()
      await running
    },
  }
}
