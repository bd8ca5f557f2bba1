// The Discord adapter end to end: a real discord.js Client logs in to a fake Discord on 127.0.0.1 and answers
// interactions from a real store, so every body it sends is what Discord would get (checked against the limits).
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS, discordCommandJson, findCommand } from '../commands/registry.js'
import type { CommandServices } from '../commands/types.js'
import type { Store } from '../src/7-store/types.js'
import { registerDiscordCommands, startDiscordBot, type DiscordBot, type DiscordBotOptions } from '../src/8-deliver/discord/bot.js'
import { commandServices, seedStories } from './support/command-services.js'
import { ALICE, APP_ID, GUILD_ID, MANAGER_ROLE, MANAGER_ROLE_ID, MOD, messageBodies, startFakeDiscord, type FakeDiscord, type InteractionUser, type RestCall, type SlashOption } from './support/fake-discord.js'
import { checkDiscordLimits } from './support/platform-limits.js'
import { freshStore, storeTargets } from './support/stores.js'

const PAYLOADS = new URL('./fixtures/platform_payloads/discord/', import.meta.url)
const HOSTILE = 'Putin and Trump @everyone discuss <@&123> Ukraine ceasefire <!channel> in phone call [x](https://evil)'
const STRING = 3
const INTEGER = 4
const SUBCOMMAND = 1
const opt = (name: string, value: string | number, type = STRING): SlashOption => ({ name, type, value })
/** /topics list: Discord always names a subcommand. */
const TOPICS_LIST: SlashOption[] = [{ name: 'list', type: 1, options: [] }]

/** One sample invocation per command name; a registered command without one fails the suite. */
const SAMPLES: Record<string, { options: (storyId: number) => SlashOption[]; user?: InteractionUser }> = {
  digest: { options: () => [opt('topic', 'ceasefire')] },
  story: { options: (id) => [opt('id', id, INTEGER)] },
  topics: { options: () => TOPICS_LIST },
  timeline: { options: () => [opt('topic', 'ceasefire'), opt('from', '2020-01-01')] },
  'ceasefire-status': { options: () => [] },
  search: { options: () => [opt('query', 'ceasefire')] },
  subscribe: { options: () => [opt('topic', 'ceasefire'), opt('time', '08:00'), opt('timezone', 'Asia/Tokyo'), opt('lang', 'en')], user: MOD },
  unsubscribe: { options: () => [opt('topic', 'ceasefire')], user: MOD },
  subscriptions: { options: () => [] },
  feeds: { options: () => [{ name: 'list', type: SUBCOMMAND, options: [] }], user: MOD },
}

const fakes: FakeDiscord[] = []
const bots: DiscordBot[] = []

async function startBot(services: CommandServices, options: Partial<DiscordBotOptions> = {}) {
  const fake = await startFakeDiscord()
  fakes.push(fake)
  const bot = await startDiscordBot({ token: 'fake-token', services, log: services.log, restApi: fake.restApi, ...options })
  bots.push(bot)
  return { fake, bot }
}

/** The first message an interaction got (a reply, an edit of the deferral or a follow-up), with the calls up to it. */
async function answerOf(fake: FakeDiscord, token: string, since = 0) {
  const body = await fake.waitFor((calls) => messageBodies(calls.slice(since).filter((c) => c.path.includes(`/${token}`)))[0]?.body)
  return { body, calls: fake.callsFor(token).filter((c) => fake.calls.indexOf(c) >= since) }
}

const textOf = (body: any): string => [body.content ?? '', ...(body.embeds ?? []).flatMap((e: any) => [e.title, e.description, e.footer?.text])].join('\n') // eslint-disable-line @typescript-eslint/no-explicit-any
const isEphemeral = (body: { flags?: number }) => ((body.flags ?? 0) & 64) === 64
const errors = (services: ReturnType<typeof commandServices>) => services.log.records.filter((r) => r.level === 'error')

let store: Store
let dispose: () => Promise<void>
let storyIds: number[]
let services: ReturnType<typeof commandServices>
let main: { fake: FakeDiscord; bot: DiscordBot }

beforeAll(async () => {
  ;({ store, dispose } = await freshStore(storeTargets[0]!))
  storyIds = await seedStories(store, new Date(), HOSTILE)
  services = commandServices(store)
  main = await startBot(services, { managerRole: MANAGER_ROLE })
})

afterAll(async () => {
  for (const bot of bots) await bot.stop()
  for (const fake of fakes) await fake.close()
  await dispose?.()
})

describe('connection and registration', () => {
  it('logs in through the fake gateway with the Guilds intent only and caches the guild', () => {
    const { client } = main.bot
    expect(client.user?.username).toBe('newsbot')
    expect(client.guilds.cache.get(GUILD_ID)?.roles.cache.get(MANAGER_ROLE_ID)?.name).toBe(MANAGER_ROLE)
    expect(client.options.intents.toArray()).toEqual(['Guilds'])
    expect(client.options.allowedMentions).toEqual({ parse: [] })
  })

  it('PUTs exactly the registry’s command JSON, to a guild or globally, looking up the application id', async () => {
    const { fake } = main
    const guild = await registerDiscordCommands({ token: 'fake-token', guildId: GUILD_ID, managerRole: MANAGER_ROLE, restApi: fake.restApi })
    expect(guild).toEqual({ count: COMMANDS.length, scope: 'guild' })
    const global = await registerDiscordCommands({ token: 'fake-token', applicationId: APP_ID, restApi: fake.restApi })
    expect(global).toEqual({ count: COMMANDS.length, scope: 'global' })
    const puts = fake.calls.filter((c) => c.method === 'PUT')
    expect(puts.map((c) => c.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`, `/applications/${APP_ID}/commands`])
    expect(puts[0]!.body).toEqual(JSON.parse(JSON.stringify(discordCommandJson({ managerRole: MANAGER_ROLE }))))
    expect(puts[1]!.body).toEqual(JSON.parse(JSON.stringify(discordCommandJson())))
    expect(fake.calls.filter((c) => c.path === '/applications/@me')).toHaveLength(1)
  })
})

describe('every registered command round-trips', () => {
  it('has a sample invocation for every command in the registry', () => {
    expect(COMMANDS.map((c) => c.name).filter((name) => !SAMPLES[name])).toEqual([])
  })

  for (const command of COMMANDS) {
    it(`/${command.name}`, async () => {
      const sample = SAMPLES[command.name]!
      const before = errors(services).length
      const { token } = main.fake.slashCommand(command.name, sample.options(storyIds[0]!), sample.user ?? ALICE)
      const { body } = await answerOf(main.fake, token)
      expect(textOf(body)).not.toMatch(/something went wrong|There is no \//)
      expect(body.allowed_mentions).toEqual({ parse: [] })
      expect(errors(services).slice(before)).toEqual([])
    })
  }
})

describe('deadlines', () => {
  it('defers a command still running after 1.5 s (well within 3 s), then edits in the answer', async () => {
    const slowStories = Object.create(store.stories, {
      get: { value: async (id: number) => (await sleep(5000), store.stories.get(id)) },
    }) as Store['stories']
    const slowServices = commandServices(Object.create(store, { stories: { value: slowStories } }) as Store)
    const { fake } = await startBot(slowServices)
    const started = Date.now()
    const { token } = fake.slashCommand('story', [opt('id', storyIds[0]!, INTEGER)])
    const { body, calls } = await answerOf(fake, token)
    expect(calls.map((c) => `${c.method} ${c.body?.type ?? ''}`)).toEqual(['POST 5', 'PATCH '])
    expect(calls[0]!.at - started).toBeGreaterThan(1000)
    expect(calls[0]!.at - started).toBeLessThan(2500)
    expect(calls[1]!.at - started).toBeGreaterThanOrEqual(5000)
    expect(body.embeds[0].title).toContain(`#${storyIds[0]}`)
    expect(errors(slowServices)).toEqual([])
  }, 15_000)

  it('defers a slow command (/digest) at once, and a refused one is answered ephemerally without deferring', async () => {
    const started = Date.now()
    const { token } = main.fake.slashCommand('digest', [opt('topic', 'ceasefire')])
    const { calls } = await answerOf(main.fake, token)
    expect(calls[0]!.body).toMatchObject({ type: 5 })
    expect(calls[0]!.at - started).toBeLessThan(1000)

    const refused = main.fake.slashCommand('digest', [opt('lang', 'xx')])
    const answer = await answerOf(main.fake, refused.token)
    expect(answer.calls.map((c) => c.body?.type)).toEqual([4])
    expect(isEphemeral(answer.body)).toBe(true)
    expect(answer.body.content).toMatch(/^⚠️ Option "lang": "xx" is not one of: en, ja\.$/)
  })

  it('an error after a public deferral replaces it with an ephemeral follow-up', async () => {
    const { token } = main.fake.slashCommand('digest', [opt('topic', 'no-such-topic')])
    await main.fake.waitFor((calls) => calls.find((c) => c.path.includes(token) && c.method === 'POST' && c.path.startsWith('/webhooks/')))
    const calls = main.fake.callsFor(token)
    expect(calls.map((c) => c.method)).toEqual(['POST', 'DELETE', 'POST'])
    expect(calls[0]!.body).toMatchObject({ type: 5 })
    expect(calls[2]!.body.flags).toBe(64)
    expect(calls[2]!.body.content).toContain('Unknown topic "no-such-topic"')
  })
})

describe('escaping', () => {
  it('a headline with @everyone, a role mention, <!channel> and a masked link can neither ping nor link', async () => {
    const stories = await store.stories.list({})
    const hostile = stories.find((s) => s.items.some((i) => i.title === HOSTILE))!
    const { token } = main.fake.slashCommand('story', [opt('id', hostile.id, INTEGER)])
    const { body } = await answerOf(main.fake, token)
    const text = textOf(body)
    expect(text).toContain('@\u200beveryone')
    expect(text).toContain('<\u200b@\u200b&123\\>')
    expect(text).toContain('<\u200b!channel\\>')
    expect(text).toContain('\\[x\\]\\(https\\://evil\\)')
    expect(text).not.toMatch(/@everyone|<@&|<!channel>|\]\(https:\/\/evil/)
    expect(body.allowed_mentions).toEqual({ parse: [] })
  })
})

describe.runIf(findCommand('subscribe'))('who may subscribe a channel', () => {
  const subscribe = (timezone = 'Europe/Berlin') => [opt('topic', 'ceasefire'), opt('time', '08:00'), opt('timezone', timezone)]

  it('refuses a member without Manage Channels, ephemerally; allows one with the manager role by name', async () => {
    const refused = await answerOf(main.fake, main.fake.slashCommand('subscribe', subscribe(), ALICE).token)
    expect(isEphemeral(refused.body)).toBe(true)
    expect(refused.body.content).toContain('Manage Channels')
    const allowed = await answerOf(main.fake, main.fake.slashCommand('subscribe', subscribe(), { ...ALICE, roles: [MANAGER_ROLE_ID] }).token)
    expect(textOf(allowed.body)).not.toMatch(/Manage Channels|something went wrong/)
  })

  it('an unknown timezone is an ephemeral error naming the option', async () => {
    const { body } = await answerOf(main.fake, main.fake.slashCommand('subscribe', subscribe('Mars/Olympus'), MOD).token)
    expect(isEphemeral(body)).toBe(true)
    expect(body.content).toMatch(/^⚠️ .*timezone/)
    expect(body.content).toContain('Mars/Olympus')
  })

  it('is refused in a DM, clearly', async () => {
    const { body } = await answerOf(main.fake, main.fake.slashCommand('subscribe', subscribe(), MOD, { dm: true }).token)
    expect(isEphemeral(body)).toBe(true)
    expect(body.content).toMatch(/direct messages|Manage Channels/)
  })
})

describe('direct messages', () => {
  it('answers /topics in a DM', async () => {
    const { body } = await answerOf(main.fake, main.fake.slashCommand('topics', TOPICS_LIST, ALICE, { dm: true }).token)
    expect(body.embeds[0].title).toBe('Topics')
    expect(body.embeds[0].description).toContain('ceasefire')
  })

  it('answers in Japanese when the user’s client is in Japanese', async () => {
    const { body } = await answerOf(main.fake, main.fake.slashCommand('topics', TOPICS_LIST, { ...ALICE, locale: 'ja' }).token)
    expect(body.embeds[0].title).toBe('トピック')
  })
})

describe('platform failures', () => {
  it('a 429 on the interaction callback is waited out (retry-after) and the reply still arrives', async () => {
    main.fake.fail({ method: 'POST', path: /\/callback$/, status: 429, retryAfter: 1, times: 1 })
    const { token } = main.fake.slashCommand('topics', TOPICS_LIST)
    const { body, calls } = await answerOf(main.fake, token)
    expect(body.embeds[0].title).toBe('Topics')
    expect(calls).toHaveLength(2)
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000)
    expect(services.log.records).toContainEqual(expect.objectContaining({ level: 'warn', message: 'discord: rate limited, waiting' }))
  })

  it('a 429 on the webhook edit of a deferred reply is waited out too', async () => {
    main.fake.fail({ method: 'PATCH', path: /\/messages\/@original$/, status: 429, retryAfter: 1, times: 1 })
    const { token } = main.fake.slashCommand('digest', [opt('topic', 'us-russia')])
    const edit = await main.fake.waitFor((calls) => calls.filter((c) => c.method === 'PATCH' && c.path.includes(token))[1])
    const [first] = main.fake.callsFor(token).filter((c) => c.method === 'PATCH')
    expect(edit.at - first!.at).toBeGreaterThanOrEqual(1000)
    expect(edit.body.embeds.length + (edit.body.content ? 1 : 0)).toBeGreaterThan(0)
  })

  it('a 500 that outlasts discord.js’s retries is logged with its context, and the next command works', async () => {
    main.fake.fail({ method: 'POST', path: /\/callback$/, status: 500, times: 4 })
    const failed = main.fake.slashCommand('topics', TOPICS_LIST)
    const logged = await main.fake.waitFor(() => services.log.records.find((r) => r.message === 'discord: could not answer an interaction' && r.fields.interaction === failed.id))
    expect(logged.fields).toMatchObject({ command: 'topics', channel: expect.stringMatching(/^discord:\d+$/), step: 'reply', status: 500, user: ALICE.id, route: expect.stringContaining(':token') })
    expect(JSON.stringify(logged.fields)).not.toContain(failed.token)
    expect(main.fake.callsFor(failed.token)).toHaveLength(4)
    const next = await answerOf(main.fake, main.fake.slashCommand('topics', TOPICS_LIST).token)
    expect(next.body.embeds[0].title).toBe('Topics')
  })
})

describe('pages and autocomplete', () => {
  let paging: { fake: FakeDiscord }
  beforeAll(async () => {
    const config = services.config
    const topics = Array.from({ length: 25 }, (_, i) => ({ ...config.topics[0]!, id: `topic-${i + 1}` }))
    paging = await startBot(commandServices(store, { config: { ...config, topics } }))
  })

  const buttonsOf = (body: any): { custom_id: string; disabled: boolean }[] => body.components.flatMap((row: any) => row.components) // eslint-disable-line @typescript-eslint/no-explicit-any

  it('a long list gets Previous/Next buttons; Next updates the message to page 2 (type 7)', async () => {
    const { body } = await answerOf(paging.fake, paging.fake.slashCommand('topics', TOPICS_LIST).token)
    expect(body.embeds[0].footer.text).toBe('Page 1/3')
    const [previous, next] = buttonsOf(body)
    expect(previous).toMatchObject({ disabled: true })
    expect(next).toMatchObject({ custom_id: expect.stringMatching(/^page:.+:2$/), disabled: false })

    const click = paging.fake.button(next!.custom_id, ALICE, { ephemeral: true })
    const turned = await answerOf(paging.fake, click.token)
    expect(turned.calls[0]!.body.type).toBe(7)
    expect(turned.body.embeds[0].footer.text).toBe('Page 2/3')
    expect(turned.body.embeds[0].description).toContain('topic-11')
    expect(buttonsOf(turned.body).map((b) => b.disabled)).toEqual([false, false])

    const stranger = await answerOf(paging.fake, paging.fake.button(next!.custom_id, MOD).token)
    expect(stranger.calls[0]!.body.type).toBe(4)
    expect(isEphemeral(stranger.body)).toBe(true)
    expect(stranger.body.content).toContain('Only the person who ran the command')
  })

  it('an expired or unknown page token says to run the command again', async () => {
    const { body } = await answerOf(paging.fake, paging.fake.button('page:gone:2').token)
    expect(isEphemeral(body)).toBe(true)
    expect(body.content).toContain('Run the command again')
  })

  it('autocomplete answers with matching topics, at most 25; an unknown command gets none', async () => {
    const { token } = main.fake.autocomplete('digest', [{ name: 'topic', type: STRING, value: 'cease', focused: true }])
    const answer = await main.fake.waitFor((calls) => calls.find((c) => c.path.includes(token)))
    expect(answer.body).toEqual({ type: 8, data: { choices: [{ name: expect.stringContaining('ceasefire'), value: 'ceasefire' }] } })
    const unknown = main.fake.autocomplete('nope', [{ name: 'x', type: STRING, value: '', focused: true }])
    const empty = await main.fake.waitFor((calls) => calls.find((c) => c.path.includes(unknown.token)))
    expect(empty.body).toEqual({ type: 8, data: { choices: [] } })
  })
})

describe('replayed real payloads', () => {
  const payload = (file: string) => JSON.parse(readFileSync(new URL(file, PAYLOADS), 'utf8'))
  /**
   * Adjusted only where needed: the application id, so that discord.js addresses the webhook replies to this bot,
   * and `entitlements` and `authorizing_integration_owners`, which Discord has sent on every interaction since
   * 2023/2024 (these fixtures predate them) and without which discord.js 14 throws while building the interaction.
   */
  const replay = (data: Record<string, unknown>) => {
    const since = main.fake.calls.length
    const owners = data.guild_id ? { '0': data.guild_id } : { '1': (data.user as { id: string }).id }
    main.fake.dispatch('INTERACTION_CREATE', { entitlements: [], authorizing_integration_owners: owners, ...data, application_id: APP_ID })
    return since
  }

  for (const file of [
    'disgo/handler/testdata/command/slash_command.json',
    'disgo/handler/testdata/middleware/slash_command.json',
    'disgo/handler/testdata/command/user_command.json',
    'disgo/handler/testdata/command/message_command.json',
    'api_docs_examples/application-commands__006__Example_Interaction.json',
    'api_docs_examples/application-commands__013__Example_Interaction.json',
  ]) {
    it(`answers ${file} with an ephemeral "no such command" notice`, async () => {
      const data = payload(file)
      const before = errors(services).length
      const since = replay(data)
      const { body, calls } = await answerOf(main.fake, data.token, since)
      expect(calls[0]!.body.type).toBe(4)
      expect(isEphemeral(body)).toBe(true)
      expect(body.content).toMatch(/There is no \/|has no "/)
      expect(body.content).toContain(data.data.name)
      expect(errors(services).slice(before)).toEqual([])
    })
  }

  it('a real button payload with a foreign custom_id is answered gracefully; a select menu is ignored', async () => {
    const button = payload('disgo/handler/testdata/component/button_component.json')
    const since = replay(button)
    const { body } = await answerOf(main.fake, button.token, since)
    expect(isEphemeral(body)).toBe(true)
    expect(body.content).toContain('no longer works')

    const select = payload('disgo/handler/testdata/component/select_menu_component.json')
    const before = main.fake.calls.length
    replay(select)
    await sleep(300)
    expect(main.fake.calls.slice(before)).toEqual([])
    expect(errors(services).filter((r) => r.message !== 'discord: could not answer an interaction')).toEqual([])
  })
})

it('every message body sent in this file stays within Discord’s limits and can ping no one', () => {
  const all = fakes.flatMap((fake) => messageBodies(fake.calls))
  expect(all.length).toBeGreaterThan(30)
  for (const { body } of all as { call: RestCall; body: any }[]) { // eslint-disable-line @typescript-eslint/no-explicit-any
    checkDiscordLimits([{ ...body, embeds: body.embeds ?? [] }])
    expect(body.allowed_mentions).toEqual({ parse: [] })
    expect(textOf(body)).not.toMatch(/@everyone|@here|<@[!&]?\d+>|<#\d+>|<!channel>|\]\(https:\/\/evil/)
    const rows = body.components ?? []
    expect(rows.length).toBeLessThanOrEqual(5)
    for (const row of rows) {
      expect(row.components.length).toBeLessThanOrEqual(5)
      for (const button of row.components) {
        expect(button.custom_id.length).toBeLessThanOrEqual(100)
        expect(button.label.length).toBeLessThanOrEqual(80)
      }
    }
  }
})
