// `newsbot start` and `newsbot poll` say in one line when no feed could be read, once until that changes.
import { describe, expect, it } from 'vitest'
import { feedOutageWatch } from '../src/cli/feed-outage.js'
import type { FeedPollResult } from '../src/services/poll-feed.js'
import { recordingLogger } from './support/command-services.js'

const result = (error: string | null): FeedPollResult =>
  ({ feedId: 1, name: 'F', url: 'https://f.example/rss', status: error ? 'error' : 'ok', created: 0, updated: 0, overCap: 0, durationMs: 1, error }) as FeedPollResult

describe('feed outage line', () => {
  it('names the most common error once while every feed fails, and says so once when feeds are read again', () => {
    const log = recordingLogger()
    const watch = feedOutageWatch(log)
    const offline = [
      result('fetch: ENOTFOUND: getaddrinfo ENOTFOUND tass.ru'),
      result('fetch: ENOTFOUND: getaddrinfo ENOTFOUND meduza.io'),
      result('fetch: HTTP 502 from https://x.example/rss'),
    ]
    watch(offline)
    watch(offline)
    watch([])
    expect(log.records.map((r) => [r.level, r.message])).toEqual([['warn', 'no feed could be read: fetch: ENOTFOUND; check the network']])
    watch([result(null), ...offline])
    watch([result(null)])
    watch([result('fetch: HTTP 502 from https://x.example/rss')])
    expect(log.records.map((r) => [r.level, r.message])).toEqual([
      ['warn', 'no feed could be read: fetch: ENOTFOUND; check the network'],
      ['info', 'feeds can be read again'],
      ['warn', 'no feed could be read: fetch: HTTP 502; check the network'],
    ])
  })

  it('says nothing while some feed can be read', () => {
    const log = recordingLogger()
    const watch = feedOutageWatch(log)
    watch([result(null), result('fetch: HTTP 502 from https://x.example/rss')])
    expect(log.records).toEqual([])
  })
})
