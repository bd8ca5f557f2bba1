// Bolt, its WebClient and the Socket Mode client log through our logger, so their warnings (bad signatures, rate
// limits, reconnects) reach the same place, masked the same way, instead of a console of their own.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt'
import type { Logger } from '../../log.js'

function text(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (part instanceof Error) return part.message
      if (typeof part === 'string') return part
      try {
        return JSON.stringify(part)
      } catch {
        return String(part)
      }
    })
    .join(' ')
}

export function boltLogger(log: Logger): BoltLogger {
  // Our logger filters by level itself; Bolt only reads this back.
  let level = LogLevel.INFO
  return {
    debug: (...parts: unknown[]) => log.debug(`slack: ${text(parts)}`),
    info: (...parts: unknown[]) => log.info(`slack: ${text(parts)}`),
    warn: (...parts: unknown[]) => log.warn(`slack: ${text(parts)}`),
    error: (...parts: unknown[]) => log.error(`slack: ${text(parts)}`),
    setLevel: (next: LogLevel) => {
      level = next
    },
    getLevel: () => level,
    setName: () => {},
  }
}
