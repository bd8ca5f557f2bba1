// The Discord front end: a discord.js client that turns slash commands, autocomplete and page buttons into calls
// on the command core. It needs the Guilds intent only (interactions arrive without message intents), never
// lets a message ping anyone, and logs platform failures with their context instead of crashing.
import { once } from 'node:events'
import { Client, DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, Events, GatewayIntentBits, HTTPError, RESTEvents, type Interaction } from 'discord.js'
import type { CommandServices } from '../../../commands/types.js'
import type { Logger } from '../../log.js'
import { PageCache } from '../page-cache.js'
import { answerAutocomplete, answerButton, answerCommand, type AnswerContext, type Progress } from './answer.js'
import { discordChannelKey } from './interaction-input.js'

export { registerDiscordCommands, type RegisterOptions } from './register.js'

export interface DiscordBotOptions {
  token: string
  services: CommandServices
  log: Logger
  /** Members with a role of this name may change subscriptions and feeds without Manage Channels. */
  managerRole?: string | null
  pages?: PageCache
  /** Tests: the REST base URL of a fake Discord (the gateway URL comes from its /gateway/bot). */
  restApi?: string
  /**
   * Gateway shards in this process: "auto" asks Discord how many the bot needs (required from 2,500 servers), a
   * number runs that many. Default: one connection.
   */
  shards?: 'auto' | number
  /** Answer within the deadline: defer when the handler has not finished by then. Discord allows 3 s. */
  deferAfterMs?: number
}

export interface DiscordBot {
  client: Client
  /** Waits (briefly) for interactions being answered, then disconnects. */
  stop(): Promise<void>
}

const DEFAULT_DEFER_AFTER_MS = 1500
const STOP_GRACE_MS = 10_000

export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { log } = options
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(options.restApi && { rest: { api: options.restApi } }),
    ...(options.shards === 'auto' && { shards: 'auto' as const }),
    ...(typeof options.shards === 'number' && { shardCount: options.shards, shards: Array.from({ length: options.shards }, (_, i) => i) }),
  })
  const context: AnswerContext = {
    services: options.services,
    pages: options.pages ?? new PageCache(),
    managerRole: options.managerRole ?? null,
    deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
  }
  const inFlight = new Set<Promise<void>>()

  client.on(Events.InteractionCreate, (interaction) => {
    const handled = handle(interaction, context, log)
    inFlight.add(handled)
    void handled.finally(() => inFlight.delete(handled))
  })
  client.on(Events.Error, (error) => log.error('discord: client error', { error }))
  client.on(Events.ShardError, (error, shard) => log.warn('discord: gateway connection error', { shard, error }))
  // discord.js waits out rate limits itself (its bucket counts ahead of time, retry-after after a 429) and sends
  // the request again; these only record that it did.
  client.rest.on(RESTEvents.RateLimited, (info) => log.warn('discord: rate limited, waiting', { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }))
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429) log.warn('discord: rate limited, waiting', { route: request.route, method: request.method, retryAfterMs: Number(response.headers.get('retry-after') ?? 0) * 1000 })
  })

  const ready = once(client, Events.ClientReady)
  try {
    await client.login(options.token)
    await ready
  } catch (error) {
    await client.destroy()
    throw error
  }
  log.info('discord: connected', { user: client.user?.tag, guilds: client.guilds.cache.size })

  return {
    client,
    async stop() {
      let timer: NodeJS.Timeout | undefined
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))
      await Promise.race([Promise.allSettled([...inFlight]), grace])
      clearTimeout(timer)
      await client.destroy()
    },
  }
}

/** Discord refused the bot itself (a wrong token, intents not enabled for it): connecting again cannot help. */
export function refusedByDiscord(error: unknown): boolean {
  return error instanceof DiscordjsError && (error.code === DiscordjsErrorCodes.TokenInvalid || error.code === DiscordjsErrorCodes.DisallowedIntents)
}

/** Never rejects: a failure to answer one interaction is logged with what it was, and the bot carries on. */
async function handle(interaction: Interaction, context: AnswerContext, log: Logger): Promise<void> {
  const progress: Progress = { step: 'start' }
  try {
    if (interaction.isCommand()) await answerCommand(interaction, context, progress)
    else if (interaction.isAutocomplete()) await answerAutocomplete(interaction, context, progress)
    else if (interaction.isButton()) await answerButton(interaction, context, progress)
    // Select menus and modals: newsbot sends none, so there is nothing to answer.
  } catch (error) {
    log.error('discord: could not answer an interaction', {
      ...describe(interaction),
      step: progress.step,
      // Platform errors carry the request (URL with the interaction token, body): only what helps is kept.
      ...(error instanceof DiscordAPIError || error instanceof HTTPError
        ? { status: error.status, route: withoutToken(error.url), error: `${error.name}: ${error.message}` }
        : { error: error instanceof Error ? error : String(error) }),
    })
  }
}

/** Interaction tokens in webhook and callback URLs are credentials for 15 minutes: kept out of logs. */
function withoutToken(url: string): string {
  return url.replace(/(\/(?:webhooks|interactions)\/\d+\/)[^/?]+/, '$1:token')
}

function describe(interaction: Interaction): Record<string, unknown> {
  return {
    interaction: interaction.id,
    ...(interaction.isCommand() || interaction.isAutocomplete() ? { command: interaction.commandName } : {}),
    ...(interaction.isChatInputCommand() ? { subcommand: interaction.options.getSubcommand(false) ?? undefined } : {}),
    ...(interaction.isButton() ? { button: interaction.customId } : {}),
    channel: interaction.channelId ? discordChannelKey(interaction.channelId) : undefined,
    guild: interaction.guildId ?? undefined,
    user: interaction.user.id,
  }
}
