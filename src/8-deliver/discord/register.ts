// Publishes the slash commands (derived from the command registry) to Discord: to one guild, where changes show
// at once (good for trying a bot out), or globally, where they can take a while to reach every client.
import { REST, Routes, type APIApplication } from 'discord.js'
import { discordCommandJson } from '../../../commands/registry.js'

export interface RegisterOptions {
  token: string
  /** Looked up from the token when not given. */
  applicationId?: string
  guildId?: string | null
  managerRole?: string | null
  /** Tests: the REST base URL of a fake Discord. */
  restApi?: string
}

export async function registerDiscordCommands(options: RegisterOptions): Promise<{ count: number; scope: 'global' | 'guild' }> {
  const rest = new REST(options.restApi ? { api: options.restApi } : {}).setToken(options.token)
  const applicationId = options.applicationId ?? (await lookUpApplicationId(rest))
  const body = discordCommandJson({ managerRole: options.managerRole ?? null })
  const route = options.guildId ? Routes.applicationGuildCommands(applicationId, options.guildId) : Routes.applicationCommands(applicationId)
  // PUT replaces the whole set, so commands removed from the registry disappear from Discord too.
  const saved = (await rest.put(route, { body })) as unknown[]
  return { count: saved.length, scope: options.guildId ? 'guild' : 'global' }
}

async function lookUpApplicationId(rest: REST): Promise<string> {
  try {
    return ((await rest.get(Routes.currentApplication())) as APIApplication).id
  } catch {
    // The older route, still answered for bot tokens.
    return ((await rest.get(Routes.oauth2CurrentApplication())) as APIApplication).id
  }
}
