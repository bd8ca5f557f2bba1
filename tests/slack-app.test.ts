// The Slack adapter end to end: real Bolt Apps (HTTP receiver with real signature checks, and Socket Mode) against a
// fake Slack on 127.0.0.1, over a real store seeded with stories, one of them with a hostile headline.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS, findCommand } from '../commands/registry.js'
import type { Store } from '../src/7-store/types.js'
import { clusterPending } from '../src/services/cluster-stories.js'
import { DEFAULT_CLUSTER_PARAMS } from '../src/5-cluster/similarity.js'
import { startSlackApp, type SlackAppHandle, type SlackAppOptions } from '../src/8-deliver/slack/app.js'
import { unescapeSlackText } from '../src/8-deliver/slack/command-text.js'
import { PageCache } from '../src/8-deliver/page-cache.js'
import { commandServices, entities, seedStories } from './support/command-services.js'
import { signSlackRequest, slashCommandFields, startFakeSlack, type FakeSlack, type SlackCall } from './support/fake-slack.js'
import { itemFactory } from './support/items.js'
import { checkSlackLimits } from './support/platform-limits.js'
import { freshStore, storeTargets } from './support/stores.js'

const SECRET = 'test-signing-secret'
const PAYLOADS = fileURLToPath(new URL('./fixtures/platform_payloads/slack/', import.meta.url))
const HOSTILE = 'Putin and Trump discuss Ukraine ceasefire <!channel> @everyone <@U123> <https://evil.example|click> in phone call'
const NOT_A_MEMBER = 'Only members of this channel (or workspace admins, if so configured) can change this.'

/** One sample per command name; a registered command without one fails the suite. */
const SAMPLES: Record<string, (ids: { story: number }) => string> = {
  topics: () => 'topics',
  story: ({ story }) => `story ${story}`,
  digest: () => 'digest topic:us-russia',
  timeline: () => 'timeline topic:ceasefire from:2025-01-01',
  'ceasefire-status': () => 'ceasefire-status',
  search: () => 'search "Putin"',
  subscribe: () => 'subscribe ceasefire time:08:00 timezone:Europe/Berlin lang:en',
  subscriptions: () => 'subscriptions',
  unsubscribe: () => 'unsubscribe ceasefire',
  feeds: () => 'feeds list',
}

let fake: FakeSlack
let store: Store
let dispose: () => Promise<void>
let hostileStory: number
let bigStory: number
const apps: SlackAppHandle[] = []

// ---- helpers -------------------------------------------------------------------------------------------------

interface HttpApp {
  url: string
  services: ReturnType<typeof commandServices>
}

async function httpApp(overrides: Partial<SlackAppOptions> = {}, services = commandServices(store)): Promise<HttpApp> {
  const handle = await startSlackApp({ botToken: 'xoxb-test', mode: 'http', signingSecret: SECRET, port: 0, host: '127.0.0.1', adminsOnly: false, services, log: services.log, apiUrl: fake.apiUrl, ...overrides })
  apps.push(handle)
  return { url: `http://127.0.0.1:${handle.port}/slack/events`, services }
}

let nextResponse = 0
const newResponseUrl = () => fake.responseUrl(`r${++nextResponse}`)

async function postSigned(url: string, body: string, headers = signSlackRequest(SECRET, body)): Promise<{ status: number; ms: number }> {
  const started = Date.now()
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } })
  await res.text()
  return { status: res.status, ms: Date.now() - started }
}

/** `/newsbot <text>` through HTTP; resolves with the HTTP answer (the ack) and the first message sent to the response_url. */
async function ask(app: HttpApp, text: string, fields: Record<string, string> = {}, waitMs = 5000) {
  const responseUrl = fields.response_url ?? newResponseUrl()
  const started = Date.now()
  const http = await postSigned(app.url, new URLSearchParams(slashCommandFields(responseUrl, text, { ...fields, response_url: responseUrl })).toString())
  const reply = await fake.waitFor((c) => fake.base + c.path === responseUrl, waitMs)
  return { http, reply, ms: reply.at - started, responseUrl }
}

const responsesTo = (responseUrl: string) => fake.calls.filter((c) => fake.base + c.path === responseUrl)

/** The mrkdwn a body shows: fallback text, sections and context elements. */
function mrkdwnOf(body: SlackCall['body']): string[] {
  const blocks: { type: string; text?: { text: string }; elements?: { text?: string }[] }[] = body.blocks ?? []
  return [body.text ?? '', ...blocks.flatMap((b) => (b.type === 'section' ? [b.text!.text] : b.type === 'context' ? b.elements!.map((e) => e.text ?? '') : []))]
}
const shown = (body: SlackCall['body']) => mrkdwnOf(body).join('\n')
const header = (body: SlackCall['body']): string => body.blocks?.find((b: { type: string }) => b.type === 'header')?.text.text ?? ''

/** Within Slack's limits, and no mention or link that the renderer did not write from a vetted URL. */
function checkBody(body: SlackCall['body']): void {
  expect(body.unfurl_links).toBe(false)
  expect(body.unfurl_media).toBe(false)
  expect(body.text.length).toBeGreaterThan(0)
  expect(body.text.length).toBeLessThanOrEqual(4000)
  expect(body.blocks.length).toBeLessThanOrEqual(50)
  if (body.blocks[0]?.type === 'header') checkSlackLimits([{ ...body, blocks: body.blocks.filter((b: { type: string }) => b.type !== 'actions') }])
  for (const b of body.blocks) {
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000)
    // Not verbatim, Slack would link bare URLs and #channels in feed text itself.
    if (b.type === 'section') expect(b.text.verbatim).toBe(true)
    if (b.type === 'context') for (const e of b.elements) expect(e.verbatim).toBe(true)
    if (b.type === 'actions') for (const e of b.elements) expect(e.action_id.length).toBeLessThanOrEqual(255)
  }
  for (const text of mrkdwnOf(body)) {
    expect(text).not.toMatch(/<[!@#]/)
    expect(text).not.toMatch(/@(channel|here|everyone)\b/i)
    for (const link of text.matchAll(/<([^|>]*)/g)) expect(link[1]).toMatch(/^https?:\/\/(?!evil\.example)/)
  }
}

const isErrorNotice = (body: SlackCall['body']) => shown(body).includes(':warning:')

/** Ten near-copies of one report from ten outlets: one story with more items than /story shows on a page. */
async function seedBigStory(now: Date): Promise<number> {
  const feeds = await store.feeds.sync(
    Array.from({ length: 10 }, (_, i) => ({ url: `https://outlet${i}.example/rss`, name: `Outlet ${i}`, language: 'en', country: 'DE', kind: 'newspaper', pollMinutes: null, origin: 'config' })),
  )
  for (const [i, feed] of feeds.entries()) {
    const item = itemFactory(`outlet${i}.example`)
    const at = new Date(now.getTime() - (2 + i / 10) * 3_600_000).toISOString()
    const title = `Zelensky and Macron agree on European security guarantees for Ukraine in Paris talks (${i})`
    const text = 'Ukrainian President Volodymyr Zelensky and French President Emmanuel Macron agreed in Paris on security guarantees for Ukraine after a ceasefire with Russia.'
    await store.items.upsert(feed.id, [item(title, text, at, 'en')], { backfill: false, seenAt: now })
  }
  await clusterPending({ store, entities, params: DEFAULT_CLUSTER_PARAMS, duplicateThreshold: 0.6 })
  const stories = await store.stories.list({})
  const big = stories.find((s) => s.items.length > 8)
  if (!big) throw new Error(`the ten Paris reports did not cluster into one story: ${stories.map((s) => s.items.length).join(',')}`)
  return big.id
}

// ---- setup ---------------------------------------------------------------------------------------------------

beforeAll(async () => {
  fake = await startFakeSlack()
  ;({ store, dispose } = await freshStore(storeTargets[0]!))
  const now = new Date()
  await seedStories(store, now, HOSTILE)
  const stories = await store.stories.list({})
  hostileStory = stories.find((s) => s.items.some((i) => i.title.includes('evil.example')))!.id
  bigStory = await seedBigStory(now)
  // Alice is on the second page of #news's members, so finding her needs conversations.members' cursor.
  fake.members.set('C0NEWS', ['U0BOB', 'U0CAROL', 'U0ALICE', 'U0DAVE'])
  fake.users.set('U0ADMIN', { is_admin: true })
  fake.users.set('U0KENJI', { locale: 'ja-JP' })
})

afterAll(async () => {
  await Promise.allSettled(apps.map((a) => a.stop()))
  await fake?.close()
  await dispose?.()
})

// ---- tests ---------------------------------------------------------------------------------------------------

describe('command text as Slack escapes it (should_escape)', () => {
  it('unwraps links, mentions, channels and entities back to what the user typed', () => {
    expect(unescapeSlackText('feeds add <https://example.com/rss?a=1&amp;b=2> name:"A &amp; B"')).toBe('feeds add https://example.com/rss?a=1&b=2 name:"A & B"')
    expect(unescapeSlackText('search <https://example.com|example.com> <@U123|alice> <#C1|news> <!here> <@U9>')).toBe('search https://example.com @alice #news @here @U9')
    expect(unescapeSlackText('search &lt;!channel&gt;')).toBe('search <!channel>')
  })
})

describe('HTTP mode (real Bolt HTTPReceiver, real signature checks)', () => {
  let app: HttpApp
  beforeAll(async () => {
    app = await httpApp()
  })

  it('a correctly signed /newsbot story → 200 at once, then the story in the channel', async () => {
    const { http, reply } = await ask(app, `story ${hostileStory}`)
    expect(http.status).toBe(200)
    expect(http.ms).toBeLessThan(3000)
    expect(reply.body.response_type).toBe('in_channel')
    expect(header(reply.body)).toContain(`#${hostileStory}`)
    expect(shown(reply.body)).toContain('State Agency')
    expect(fake.calls.some((c) => c.path === '/api/auth.test')).toBe(true)
    checkBody(reply.body)
  })

  it('a bad signature → 401 and the handler never runs', async () => {
    const responseUrl = newResponseUrl()
    const body = new URLSearchParams(slashCommandFields(responseUrl, 'topics')).toString()
    const res = await postSigned(app.url, body, signSlackRequest('wrong-secret', body))
    expect(res.status).toBe(401)
    await new Promise((r) => setTimeout(r, 300))
    expect(responsesTo(responseUrl)).toEqual([])
  })

  it('a request signed more than five minutes ago → 401 (replay protection)', async () => {
    const responseUrl = newResponseUrl()
    const body = new URLSearchParams(slashCommandFields(responseUrl, 'topics')).toString()
    const res = await postSigned(app.url, body, signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60))
    expect(res.status).toBe(401)
    await new Promise((r) => setTimeout(r, 300))
    expect(responsesTo(responseUrl)).toEqual([])
  })

  it('the same signed request sent again → 401, and the command runs once', async () => {
    const responseUrl = newResponseUrl()
    const body = new URLSearchParams(slashCommandFields(responseUrl, 'topics')).toString()
    const headers = signSlackRequest(SECRET, body)
    expect((await postSigned(app.url, body, headers)).status).toBe(200)
    await fake.waitFor((c) => fake.base + c.path === responseUrl)
    expect((await postSigned(app.url, body, headers)).status).toBe(401)
    await new Promise((r) => setTimeout(r, 300))
    expect(responsesTo(responseUrl)).toHaveLength(1)
    expect(app.services.log.records).toContainEqual(expect.objectContaining({ level: 'warn', fields: { reason: 'replayed' } }))
  })

  it('a request signed six minutes in the future → 401', async () => {
    const responseUrl = newResponseUrl()
    const body = new URLSearchParams(slashCommandFields(responseUrl, 'topics')).toString()
    const res = await postSigned(app.url, body, signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000) + 6 * 60))
    expect(res.status).toBe(401)
    await new Promise((r) => setTimeout(r, 300))
    expect(responsesTo(responseUrl)).toEqual([])
  })

  it('Slack’s unsigned reachability check (ssl_check) is still answered', async () => {
    const res = await fetch(app.url, { method: 'POST', body: 'ssl_check=1&token=legacy', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(200)
  })

  it('`/newsbot` and `/newsbot help` list every registered command, for the asker only', async () => {
    for (const text of ['', 'help']) {
      const { reply } = await ask(app, text)
      expect(reply.body.response_type).toBe('ephemeral')
      for (const def of COMMANDS) expect(shown(reply.body)).toContain(`/newsbot ${def.name}`)
      checkBody(reply.body)
    }
  })

  it('answers in Japanese when the user’s Slack locale is ja', async () => {
    const { reply } = await ask(app, 'topics', { user_id: 'U0KENJI' })
    expect(header(reply.body)).toBe('トピック')
  })

  it('an unknown command → an ephemeral notice naming it', async () => {
    const { reply } = await ask(app, 'weather tomorrow')
    expect(reply.body.response_type).toBe('ephemeral')
    expect(shown(reply.body)).toContain('There is no "weather" command')
  })

  it('unwraps Slack’s escaping (should_escape) before parsing: links, entities', async () => {
    const { reply } = await ask(app, `story &lt;${hostileStory}&gt;`)
    // "<42>" is not a number: the option error shows the unwrapped text, escaped again on the way out.
    expect(shown(reply.body)).toContain(`expected a whole number, got "&lt;${hostileStory}&gt;"`)
  })
})

describe('Socket Mode (real SocketModeReceiver over the fake WebSocket)', () => {
  it('a slash_commands envelope is acked on the socket, then answered through response_url', async () => {
    const services = commandServices(store)
    const connected = fake.connected()
    const handle = await startSlackApp({ botToken: 'xoxb-test', mode: 'socket', appToken: 'xapp-test', adminsOnly: false, services, log: services.log, apiUrl: fake.apiUrl })
    apps.push(handle)
    expect(handle.port).toBeNull()
    await connected
    const responseUrl = newResponseUrl()
    const sent = Date.now()
    const envelope = fake.sendEnvelope('slash_commands', slashCommandFields(responseUrl, 'topics'))
    const reply = await fake.waitFor((c) => fake.base + c.path === responseUrl)
    const ack = fake.acks.find((a) => a.envelope_id === envelope)
    expect(ack).toBeDefined()
    expect(ack!.at - sent).toBeLessThan(3000)
    expect(header(reply.body)).toBe('Topics')
    expect(fake.calls.find((c) => c.path === '/api/apps.connections.open')?.auth).toBe('Bearer xapp-test')
    await handle.stop()
  })
})

describe('every registered command round-trips through Slack', () => {
  let app: HttpApp
  beforeAll(async () => {
    app = await httpApp()
  })
  const order = Object.keys(SAMPLES)

  it('has a sample for every registered command', () => {
    expect(COMMANDS.map((c) => c.name).filter((name) => !SAMPLES[name])).toEqual([])
  })

  const registered = [...COMMANDS].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
  for (const def of registered) {
    it(`/newsbot ${def.name}`, async () => {
      const sample = SAMPLES[def.name]
      if (!sample) throw new Error(`no Slack sample for /${def.name}: add one to SAMPLES`)
      const { reply, responseUrl } = await ask(app, sample({ story: hostileStory }), {}, 15_000)
      expect(isErrorNotice(reply.body), shown(reply.body)).toBe(false)
      await new Promise((r) => setTimeout(r, 100)) // a digest may come as several messages
      for (const call of responsesTo(responseUrl)) checkBody(call.body)
      expect(app.services.log.records.filter((r) => r.level === 'error')).toEqual([])
    })
  }
})

describe('slow commands', () => {
  it('a 5-second command is acked within 3 s and answered later through response_url', { timeout: 20_000 }, async () => {
    const stories = Object.assign(Object.create(store.stories), {
      get: async (id: number) => {
        await new Promise((r) => setTimeout(r, 5000))
        return store.stories.get(id)
      },
    })
    const app = await httpApp({}, commandServices({ ...store, stories }))
    const { http, reply, ms } = await ask(app, `story ${hostileStory}`, {}, 10_000)
    expect(http.status).toBe(200)
    expect(http.ms).toBeLessThan(3000)
    expect(ms).toBeGreaterThanOrEqual(4900)
    expect(header(reply.body)).toContain(`#${hostileStory}`)
  })
})

describe('hostile feed text', () => {
  it('a headline with <!channel>, @everyone, <@U123> and a <link|label> cannot ping or link', async () => {
    const app = await httpApp()
    for (const text of [`story ${hostileStory}`, 'search Putin', 'digest topic:us-russia']) {
      if (!findCommand(text.split(' ')[0]!)) continue
      const { responseUrl } = await ask(app, text, {}, 15_000)
      await new Promise((r) => setTimeout(r, 100))
      for (const call of responsesTo(responseUrl)) checkBody(call.body)
    }
    const { reply } = await ask(app, `story ${hostileStory}`)
    // Escaped, not dropped: the reader still sees what the feed said.
    expect(shown(reply.body)).toContain('&lt;!channel&gt;')
    expect(shown(reply.body)).toContain('&lt;@U123&gt;')
    expect(shown(reply.body)).toContain('@\u200beveryone')
    // The header is plain_text, which Slack never parses for mentions or links: there the title stays as written.
    expect(reply.body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: expect.stringContaining('<!channel>'), emoji: false } })
  })
})

describe('who may change a channel’s subscriptions', () => {
  let members: HttpApp
  let admins: HttpApp
  beforeAll(async () => {
    members = await httpApp()
    admins = await httpApp({ adminsOnly: true })
  })
  const change = 'subscribe ukraine-war time:09:00 timezone:UTC'

  it('a non-member of the channel is refused, ephemerally, after every page of members was checked', async () => {
    const before = fake.calls.length
    const { reply } = await ask(members, change, { user_id: 'U0EVE' })
    expect(reply.body.response_type).toBe('ephemeral')
    expect(shown(reply.body)).toContain(NOT_A_MEMBER)
    expect(fake.calls.slice(before).filter((c) => c.path === '/api/conversations.members').map((c) => c.body.cursor ?? '')).toEqual(['', '2'])
  })

  it('a member (found on the second page of members) may', async () => {
    const { reply } = await ask(members, change, { user_id: 'U0ALICE' })
    expect(shown(reply.body)).not.toContain(NOT_A_MEMBER)
    expect(isErrorNotice(reply.body), shown(reply.body)).toBe(false)
  })

  it('a channel Slack will not list (private, bot not in it) → refused, the reason logged', async () => {
    const { reply } = await ask(members, change, { user_id: 'U0ALICE', channel_id: 'G0SECRET', channel_name: 'secret' })
    expect(shown(reply.body)).toContain(NOT_A_MEMBER)
    expect(members.services.log.records).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ channel: 'G0SECRET', error: expect.stringContaining('channel_not_found') }) }))
  })

  it('with SLACK_ADMINS_ONLY a member who is not an admin is refused; an admin may', async () => {
    const refused = await ask(admins, change, { user_id: 'U0ALICE' })
    expect(shown(refused.reply.body)).toContain(NOT_A_MEMBER)
    const allowed = await ask(admins, change, { user_id: 'U0ADMIN' })
    expect(isErrorNotice(allowed.reply.body), shown(allowed.reply.body)).toBe(false)
  })

  it('in a DM, where no channel vouches for anyone, only an admin may change the shared feed list', async () => {
    const dm = { channel_id: 'D0ALICE', channel_name: 'directmessage' }
    const refused = await ask(members, 'feeds remove https://wire.example/rss', { user_id: 'U0ALICE', ...dm })
    expect(shown(refused.reply.body)).toContain(NOT_A_MEMBER)
    const allowed = await ask(members, 'feeds remove https://wire.example/rss', { user_id: 'U0ADMIN', ...dm })
    expect(shown(allowed.reply.body)).not.toContain(NOT_A_MEMBER)
  })

  it('commands that change nothing never ask Slack for the member list', async () => {
    const before = fake.calls.length
    await ask(members, 'topics', { user_id: 'U0EVE' })
    expect(fake.calls.slice(before).some((c) => c.path === '/api/conversations.members')).toBe(false)
  })

  it('a bad option value → an ephemeral error that names the option', async () => {
    const { reply } = await ask(members, 'subscribe ceasefire timezone:Mars/Olympus', { user_id: 'U0ALICE' })
    expect(reply.body.response_type).toBe('ephemeral')
    expect(isErrorNotice(reply.body)).toBe(true)
    expect(shown(reply.body)).toMatch(/timezone/)
    expect(shown(reply.body)).toContain('Mars/Olympus')
    checkBody(reply.body)
  })
})

describe('platform failures', () => {
  it('a 429 with Retry-After is waited out and retried; the reply arrives', async () => {
    const app = await httpApp()
    fake.fail('/api/users.info', { status: 429, retryAfter: 1 })
    const { reply } = await ask(app, 'topics', { user_id: 'U0FRANK' }, 10_000)
    const tries = fake.calls.filter((c) => c.path === '/api/users.info' && c.body.user === 'U0FRANK')
    expect(tries.map((c) => c.status)).toEqual([429, 200])
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1000)
    expect(header(reply.body)).toBe('Topics')
  })

  it('a 429 on conversations.members is retried too, and the permission check still succeeds', async () => {
    const app = await httpApp()
    fake.fail('/api/conversations.members', { status: 429, retryAfter: 1 })
    const before = fake.calls.length
    const { reply } = await ask(app, 'subscribe ukraine-war time:10:00 timezone:UTC', { user_id: 'U0ALICE' }, 10_000)
    const tries = fake.calls.slice(before).filter((c) => c.path === '/api/conversations.members')
    expect(tries.map((c) => c.status)).toEqual([429, 200, 200])
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1000)
    expect(shown(reply.body)).not.toContain(NOT_A_MEMBER)
    expect(isErrorNotice(reply.body), shown(reply.body)).toBe(false)
  })

  it('a 500 from the response_url is logged with its context; the next command still works', async () => {
    const app = await httpApp()
    const responseUrl = newResponseUrl()
    fake.fail(responseUrl.slice(fake.base.length), { status: 500 })
    const first = await ask(app, 'topics', { response_url: responseUrl })
    expect(first.reply.status).toBe(500)
    await expect.poll(() => app.services.log.records.find((r) => r.message === 'slack: could not answer a command')).toMatchObject({
      level: 'error',
      fields: { command: '/newsbot', text: 'topics', channel: 'slack:T0001:C0NEWS', user: 'U0ALICE', error: expect.stringContaining('500') },
    })
    const next = await ask(app, 'topics')
    expect(header(next.reply.body)).toBe('Topics')
  })

  it('a Web API that keeps failing with 500 is retried a couple of times, then the command runs in English', async () => {
    const app = await httpApp()
    for (let i = 0; i < 3; i++) fake.fail('/api/users.info', { status: 500 })
    const { reply } = await ask(app, 'topics', { user_id: 'U0GRACE' }, 10_000)
    expect(fake.calls.filter((c) => c.path === '/api/users.info' && c.body.user === 'U0GRACE').map((c) => c.status)).toEqual([500, 500, 500])
    expect(header(reply.body)).toBe('Topics')
    expect(app.services.log.records).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ user: 'U0GRACE' }) }))
  })
})

describe('pages', () => {
  let app: HttpApp
  beforeAll(async () => {
    app = await httpApp({ pages: new PageCache() })
  })

  const actionBody = (actionId: string, userId: string, responseUrl: string) => {
    // The real block_actions body from bolt-python's tests, pointed at our button and our response_url.
    const real = JSON.parse(readFileSync(path.join(PAYLOADS, 'bolt_python_extracted/test_block_actions__body__L161.json'), 'utf8'))
    real.user.id = userId
    real.response_url = responseUrl
    real.actions[0].action_id = actionId
    real.actions[0].value = actionId
    return new URLSearchParams({ payload: JSON.stringify(real) }).toString()
  }

  it('more entries than a page → Next button; the button replaces the message with page 2', async () => {
    const { reply } = await ask(app, `story ${bigStory}`)
    const actions = reply.body.blocks.find((b: { type: string }) => b.type === 'actions')
    expect(actions.elements).toHaveLength(1)
    expect(shown(reply.body)).toContain('Page 1/2')
    const next = actions.elements[0]
    expect(next.action_id).toMatch(/^page:[A-Za-z0-9_-]+:2$/)

    const turnUrl = newResponseUrl()
    const res = await postSigned(app.url, actionBody(next.action_id, 'U0ALICE', turnUrl))
    expect(res.status).toBe(200)
    const turned = await fake.waitFor((c) => fake.base + c.path === turnUrl)
    expect(turned.body.replace_original).toBe(true)
    expect(shown(turned.body)).toContain('Page 2/2')
    const back = turned.body.blocks.find((b: { type: string }) => b.type === 'actions').elements
    expect(back.map((e: { action_id: string }) => e.action_id.split(':')[2])).toEqual(['1'])
    checkBody(turned.body)
  })

  it('an expired (or unknown) page token → an ephemeral "expired" notice, nothing replaced', async () => {
    const turnUrl = newResponseUrl()
    await postSigned(app.url, actionBody('page:NoSuchToken:2', 'U0ALICE', turnUrl))
    const turned = await fake.waitFor((c) => fake.base + c.path === turnUrl)
    expect(turned.body).toMatchObject({ response_type: 'ephemeral', replace_original: false })
    expect(shown(turned.body)).toContain('expired')
  })
})

describe('replayed real payloads (signed, through HTTP mode)', () => {
  let app: HttpApp
  beforeAll(async () => {
    app = await httpApp()
  })
  const read = (file: string) => readFileSync(path.join(PAYLOADS, file), 'utf8')

  it('bolt-python’s slash command form body (/hello-world Hi) → 200 and an ephemeral "no such command"', async () => {
    const responseUrl = newResponseUrl()
    const form = new URLSearchParams(read('bolt_python_extracted/test_slash_command__slash_command_body__L125.form.txt').trim())
    form.set('response_url', responseUrl) // the original points at hooks.slack.com
    const body = form.toString()
    expect((await postSigned(app.url, body)).status).toBe(200)
    const reply = await fake.waitFor((c) => fake.base + c.path === responseUrl)
    expect(reply.body.response_type).toBe('ephemeral')
    expect(shown(reply.body)).toContain('There is no "hi" command; `/hello-world help` lists them.')
  })

  it('the java-slack-sdk slash command skeleton (every field, all empty) → 200, nothing sent, logged', async () => {
    const fields = JSON.parse(read('java-slack-sdk-schema-samples/json-logs/samples/app-backend/slash-commands/SlashCommandPayload.json'))
    const before = fake.calls.length
    const res = await postSigned(app.url, new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString())
    expect(res.status).toBe(200)
    expect(res.ms).toBeLessThan(3000)
    expect(fake.calls.slice(before).filter((c) => c.path.startsWith('/respond/'))).toEqual([])
  })

  it('block_actions bodies that are not our buttons (bolt-python ×2, java skeleton) → acked with 200 and ignored', async () => {
    const files = [
      'bolt_python_extracted/test_block_actions__body__L161.json',
      'bolt_python_extracted/test_authorize__block_actions_body__L194.json',
      'java-slack-sdk-schema-samples/json-logs/samples/app-backend/interactive-components/BlockActionPayload.json',
    ]
    for (const file of files) {
      const res = await postSigned(app.url, new URLSearchParams({ payload: read(file) }).toString())
      expect(res.status, file).toBe(200)
      expect(res.ms, file).toBeLessThan(3000)
    }
    expect(app.services.log.records.filter((r) => r.level === 'error')).toEqual([])
  })
})

describe('everything sent to Slack in this file', () => {
  it('is within Slack’s limits and carries no mention or foreign link', () => {
    const bodies = fake.calls.filter((c) => (c.path.startsWith('/respond/') || c.path === '/api/chat.postMessage') && c.body.blocks)
    expect(bodies.length).toBeGreaterThan(20)
    for (const call of bodies) checkBody(call.body)
  })
})
