// Chat connections that keep trying: backoff doubling to a cap with jitter, one log line per failed attempt, no
// retry of a refusal, and stop() ending the attempts.
import { describe, expect, it } from 'vitest'
import { backoffDelay, CHAT_BACKOFF, keepConnecting } from '../src/cli/reconnect.js'
import { recordingLogger } from './support/command-services.js'

const FAST = { firstMs: 10, maxMs: 40 }

describe('backoffDelay', () => {
  it('doubles from one second to five minutes, each wait drawn from the upper half', () => {
    const [low, high] = [() => 0, () => 1]
    expect([1, 2, 3, 4].map((n) => [backoffDelay(n, CHAT_BACKOFF, low), backoffDelay(n, CHAT_BACKOFF, high)])).toEqual([[500, 1000], [1000, 2000], [2000, 4000], [4000, 8000]])
    expect(backoffDelay(50, CHAT_BACKOFF, high)).toBe(300_000)
    expect(backoffDelay(50, CHAT_BACKOFF, low)).toBe(150_000)
  })
})

describe('keepConnecting', () => {
  it('tries again after each failure, logging each once, until it connects', async () => {
    const log = recordingLogger()
    let attempts = 0
    const stopped: number[] = []
    const connected = new Promise<number>((resolve) => {
      keepConnecting('discord', async () => {
        if (++attempts < 3) throw new Error('connect ECONNREFUSED 127.0.0.1:1')
        return { id: attempts, stop: async () => void stopped.push(attempts) }
      }, { log, refused: () => false, connected: (c) => resolve(c.id), backoff: FAST })
    })
    expect(await connected).toBe(3)
    expect(log.records.map((r) => [r.level, r.message, r.fields?.attempt])).toEqual([
      ['warn', 'chat: could not connect, retrying', 1],
      ['warn', 'chat: could not connect, retrying', 2],
    ])
  })

  it('does not retry a refusal', async () => {
    const log = recordingLogger()
    let attempts = 0
    keepConnecting('slack', async () => {
      attempts++
      throw new Error('An API error occurred: invalid_auth')
    }, { log, refused: () => true, connected: () => {}, backoff: FAST })
    await new Promise((r) => setTimeout(r, 100))
    expect(attempts).toBe(1)
    expect(log.records).toEqual([expect.objectContaining({ level: 'error', fields: { platform: 'slack', error: 'An API error occurred: invalid_auth' } })])
  })

  it('stops trying when stopped, and stops what it connected', async () => {
    const log = recordingLogger()
    let attempts = 0
    const down = keepConnecting('discord', async () => {
      attempts++
      throw new Error('down')
    }, { log, refused: () => false, connected: () => {}, backoff: { firstMs: 60_000, maxMs: 60_000 } })
    await new Promise((r) => setTimeout(r, 20))
    await down.stop()
    await new Promise((r) => setTimeout(r, 50))
    expect(attempts).toBe(1)

    let stopped = false
    let resolveConnected!: () => void
    const up = keepConnecting('discord', async () => ({ stop: async () => void (stopped = true) }), { log, refused: () => false, connected: () => resolveConnected(), backoff: FAST })
    await new Promise<void>((resolve) => (resolveConnected = resolve))
    await up.stop()
    expect(stopped).toBe(true)
  })
})
