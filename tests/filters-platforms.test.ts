// Filters and /digest explain:true through the real discord.js Client and Bolt App against the fake platforms on
// 127.0.0.1: every filter option as each platform sends it, mistakes answered ephemerally, and the explanation shown
// to the asker alone, a page at a time within the platforms' limits, saying the excluded term.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../src/7-store/types.js'
import { startDiscordBot, type DiscordBot } from '../src/8-deliver/discord/bot.js'
import { commandServices } from './support/command-services.js'
import { seedStories } from './support/delivery.js'
import { ALICE, CHANNEL_ID, MOD, messageBodies, startFakeDiscord, type FakeDiscord, type SlashOption } from './support/fake-discord.js'
import type { SlackCall } from './support/fake-slack.js'
import { checkDiscordLimits, checkSlackLimits } from './support/platform-limits.js'
import { startSlackCommands, type SlackCommands } from './support/slack-commands.js'
import { freshStore, storeTargets } from './support/stores.js'

const CALL = 'Putin agrees to halt strikes on Ukraine energy sites after call with Trump'
const [STRING, INTEGER, BOOLEAN] = [3, 4, 5]
const opt = (name: string, value: string | number | boolean, type = STRING): SlashOption => ({ name, type, value })

let store: Store
let dispose: () => Promise<void>

beforeAll(async () => {
  ;({ store, dispose } = await freshStore(storeTargets[0]!))
  // Six rounds of the two seeded stories: twelve stories, more than one page of explanation.
  for (let round = 0; round < 6; round++) await seedStories(store, new Date(Date.now() - round * 60_000))
})
afterAll(() => dispose?.())

describe('on Discord', () => {
  let fake: FakeDiscord
  let bot: DiscordBot
  let services: ReturnType<typeof commandServices>
  beforeAll(async () => {
    services = commandServices(store)
    fake = await startFakeDiscord()
    bot = await startDiscordBot({ token: 'fake-token', services, log: services.log, restApi: fake.restApi })
  })
  afterAll(async () => {
    await bot?.stop()
    await fake?.close()
  })

  const answer = async (name: string, options: SlashOption[], user = MOD) => {
    const { token } = fake.slashCommand(name, options, user)
    return fake.waitFor((calls) => messageBodies(calls.filter((c) => c.path.includes(`/${token}`)))[0]?.body)
  }
  const isEphemeral = (body: { flags?: number }) => ((body.flags ?? 0) & 64) === 64

  it('/subscribe takes every filter option, typed as Discord sends them, and /subscriptions lists them', async () => {
    const body = await answer('subscribe', [
      opt('topic', 'ceasefire'),
      opt('include', 'energy, перемир*'),
      opt('exclude', 'Trump'),
      opt('languages', 'en,ja,ru'),
      opt('exclude_kinds', 'blog'),
      opt('digest_min_outlets', 1, INTEGER),
    ])
    expect(isEphemeral(body)).toBe(false)
    expect(body.embeds?.[0]?.description ?? body.content).toContain('Filters: only stories naming "energy", "перемир\\*"; none naming "Trump"; sources in en, ja, ru; without blog')
    expect((await store.subscriptions.listForChannel(`discord:${CHANNEL_ID}`))[0]!.filters).toEqual({ include: ['energy', 'перемир*'], exclude: ['Trump'], languages: ['en', 'ja', 'ru'], excludeKinds: ['blog'], minOutlets: 1 })
    const cleared = await answer('subscribe', [opt('topic', 'ceasefire'), opt('clear', 'include')])
    expect(JSON.stringify(cleared)).toContain('include cleared')
    const listed = await answer('subscriptions', [], ALICE)
    expect(JSON.stringify(listed)).toContain('Filters: none naming \\"Trump\\"; sources in en, ja, ru; without blog')
  })

  it('a bad filter is an ephemeral error naming the option', async () => {
    const body = await answer('subscribe', [opt('topic', 'ceasefire'), opt('languages', 'fr')])
    expect(isEphemeral(body)).toBe(true)
    expect(body.content).toBe('⚠️ Option "languages": "fr" is not one of: en, ja, ru, uk.')
  })

  it('/digest explain:true answers the asker alone, in pages within the limits, and says the call names the excluded term', async () => {
    const body = await answer('digest', [opt('explain', true, BOOLEAN)], ALICE)
    expect(isEphemeral(body)).toBe(true)
    checkDiscordLimits([body])
    const shown = JSON.stringify(body)
    expect(shown).toContain('Why each story is in or out')
    expect(shown).toContain('6 in, 6 out')
    expect(shown).toContain('Out: names the excluded term \\"Trump\\"')
    expect(body.embeds[0].footer.text).toBe('Page 1/2')
    expect(services.log.records.filter((r) => r.level === 'error')).toEqual([])
  })

  it('a term that looks like a mention is shown back escaped and pings no one', async () => {
    const body = await answer('subscribe', [opt('topic', 'us-russia'), opt('exclude', '@everyone, <@&123>')])
    const shown = JSON.stringify(body)
    expect(body.allowed_mentions).toEqual({ parse: [] })
    expect(shown).toContain('@\u200beveryone')
    expect(shown).not.toMatch(/@everyone|<@&123>/)
  })
})

describe('on Slack', () => {
  let slack: SlackCommands
  beforeAll(async () => void (slack = await startSlackCommands(commandServices(store))))
  afterAll(async () => slack?.stop())

  /** `/newsbot <text>` by Alice, a member of #news; the first message sent to its response_url. */
  const ask = async (text: string): Promise<SlackCall['body']> => (await slack.ask(text, { user_id: 'U0ALICE' })).reply.body

  it('/newsbot subscribe takes filters as name:value, quoted phrases whole, and explain shows the excluded term to the asker alone', async () => {
    const subscribed = await ask('subscribe ceasefire exclude:"Trump, Kremlin critic" exclude_kinds:"state media" digest-min-outlets:1')
    expect(subscribed.response_type).toBe('in_channel')
    expect(JSON.stringify(subscribed)).toContain('none naming \\"Trump\\", \\"Kremlin critic\\"; without state-media')
    const explained = await ask('digest explain:true')
    expect(explained.response_type).toBe('ephemeral')
    checkSlackLimits([explained])
    const shown = JSON.stringify(explained)
    expect(shown).toContain('0 in, 12 out')
    expect(shown).toContain('Out: names the excluded term \\"Trump\\"')
    expect(shown).toContain('Out: names the excluded term \\"Kremlin critic\\"')
    expect(shown).toContain(CALL)
  })

  it('a mistake is ephemeral and says what to fix', async () => {
    const refused = await ask('subscribe ceasefire include:"a,b,c,d,e,f,g,h,i,j,k"')
    expect(refused.response_type).toBe('ephemeral')
    expect(JSON.stringify(refused)).toContain('Option \\"include\\": 11 terms; at most 10.')
  })
})
