// The one redaction of URL credentials that every message, log line and error shown by the CLI goes through.
import { describe, expect, it } from 'vitest'
import { redactSecrets } from '../src/redact.js'

describe('redactSecrets', () => {
  it.each([
    ['mysql://admin:CANARY@db.example/news', 'mysql://admin:***@db.example/news'],
    ['postgresql://u:CANARY@127.0.0.1:1/x', 'postgresql://u:***@127.0.0.1:1/x'],
    // a password with '@', or with '/', '?' and '#' pasted unencoded, is masked to the last '@'
    ['postgresql://u:CAN@RY@host:5432/db?sslmode=require', 'postgresql://u:***@host:5432/db?sslmode=require'],
    ['postgres://u:CA/N?A#RY@host/db', 'postgres://u:***@host/db'],
    // a token as the whole userinfo, or a user name with '@' in it
    ['https://CANARY@feeds.example/private.xml', 'https://***@feeds.example/private.xml'],
    ['https://me@example.com:CANARY@feeds.example/x', 'https://***@feeds.example/x'],
    // query parameters that hold secrets
    ['https://feeds.example/rss?token=CANARY&lang=en', 'https://feeds.example/rss?token=***&lang=en'],
    ['postgres://u@h/db?password=CANARY&sslpassword=CANARY&sslmode=verify-full', 'postgres://***@h/db?password=***&sslpassword=***&sslmode=verify-full'],
    ['https://x.example/v1?api_key=CANARY#top', 'https://x.example/v1?api_key=***#top'],
    ['https://x.example/a?X-Amz-Signature=CANARY&access_token=CANARY', 'https://x.example/a?X-Amz-Signature=***&access_token=***'],
    // inside a sentence, quotes and JSON
    ['fetch: HTTP 401 from https://u:CANARY@feeds.example/x (got it)', 'fetch: HTTP 401 from https://u:***@feeds.example/x (got it)'],
    ['(got "mysql://admin:CANARY@db/x")', '(got "mysql://admin:***@db/x")'],
    ['{"url":"http://u:CANARY@h/x","by":"a@b"}', '{"url":"http://u:***@h/x","by":"a@b"}'],
  ])('%s → %s', (text, redacted) => {
    expect(redactSecrets(text)).toBe(redacted)
  })

  it.each([
    'HTTP 404 from https://mastodon.social/@Gargron.rss',
    'http://feeds.example:8080/@user/feed.xml',
    'https://feeds.example/rss?keywords=war&author=x',
    'connect ECONNREFUSED 127.0.0.1:5432',
    'file:./data/newsbot.db',
    'mailto:ops@example.com',
  ])('leaves %s as it is', (text) => {
    expect(redactSecrets(text)).toBe(text)
  })
})
