// Every slash command, once. Discord's application-command JSON and the Slack app manifest are both derived from
// these definitions, so the platforms can never disagree on names, options or descriptions.
import { ceasefireStatusCommand } from './ceasefire-status.js'
import { digestCommand } from './digest.js'
import { feedsCommand } from './feeds.js'
import { searchCommand } from './search.js'
import { storyCommand } from './story.js'
import { subscribeCommand } from './subscribe.js'
import { subscriptionsCommand } from './subscriptions.js'
import { timelineCommand } from './timeline.js'
import { topicsCommand } from './topics.js'
import { unsubscribeCommand } from './unsubscribe.js'
import type { CommandDefinition, OptionDefinition, OptionType } from './types.js'

export const COMMANDS: readonly CommandDefinition[] = [
  digestCommand,
  storyCommand,
  timelineCommand,
  ceasefireStatusCommand,
  searchCommand,
  topicsCommand,
  subscribeCommand,
  unsubscribeCommand,
  subscriptionsCommand,
  feedsCommand,
]

export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((c) => c.name === name)
}

const DISCORD_OPTION_TYPE: Record<OptionType, number> = { string: 3, integer: 4, boolean: 5, attachment: 11 }
const DISCORD_SUBCOMMAND = 1
/** Discord's MANAGE_CHANNELS permission bit. */
export const MANAGE_CHANNELS = 1n << 4n
/** Interaction contexts: guild channel, bot DM, group DM. */
const EVERYWHERE = [0, 1, 2]
const GUILD_ONLY = [0]

function discordOption(option: OptionDefinition) {
  return {
    type: DISCORD_OPTION_TYPE[option.type],
    name: option.name,
    description: option.description.en,
    description_localizations: { ja: option.description.ja },
    required: option.required ?? false,
    ...(option.choices && { choices: option.choices.map((c) => ({ name: c.name.en, name_localizations: { ja: c.name.ja }, value: c.value })) }),
    ...(option.autocomplete && { autocomplete: true }),
    ...(option.minLength !== undefined && { min_length: option.minLength }),
    ...(option.maxLength !== undefined && { max_length: option.maxLength }),
    ...(option.min !== undefined && { min_value: option.min }),
    ...(option.max !== undefined && { max_value: option.max }),
  }
}

export interface DiscordRegistrationOptions {
  /** When a manager role is configured, members without Manage Channels must still see the commands. */
  managerRole?: string | null
}

/** Body for PUT /applications/{id}/commands (or the guild route). */
export function discordCommandJson(options: DiscordRegistrationOptions = {}) {
  return COMMANDS.map((command) => ({
    type: 1,
    name: command.name,
    description: command.description.en,
    description_localizations: { ja: command.description.ja },
    options: command.subcommands
      ? command.subcommands.map((sub) => ({
          type: DISCORD_SUBCOMMAND,
          name: sub.name,
          description: sub.description.en,
          description_localizations: { ja: sub.description.ja },
          options: sub.options.map(discordOption),
        }))
      : (command.options ?? []).map(discordOption),
    contexts: command.channelOnly ? GUILD_ONLY : EVERYWHERE,
    integration_types: [0],
    default_member_permissions: command.managerOnly && !options.managerRole ? String(MANAGE_CHANNELS) : null,
  }))
}

/** Slack gets one `/newsbot <command> …` slash command: names like /search and /feeds are taken by Slack itself or other apps. */
export const SLACK_COMMAND = '/newsbot'

export interface SlackManifestOptions {
  name?: string
  /** HTTP mode: the public https URL Slack posts to (…/slack/events). Unset: Socket Mode. */
  requestUrl?: string | null
}

export function slackManifest(options: SlackManifestOptions = {}) {
  const name = options.name ?? 'newsbot'
  const requestUrl = options.requestUrl ?? null
  const usage = COMMANDS.map((c) => c.name).join(' | ')
  return {
    display_information: {
      name,
      description: 'Sourced stories, digests, timeline and ceasefire status on US–Russia relations and the war in Ukraine',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command: SLACK_COMMAND,
          description: 'News on US–Russia relations and the war in Ukraine',
          usage_hint: `${usage}  (e.g. timeline topic:ceasefire from:2025-01-01)`.slice(0, 100),
          should_escape: true,
          ...(requestUrl && { url: requestUrl }),
        },
      ],
    },
    oauth_config: {
      // commands: the slash command; chat:write(.public): digests and alerts; channels/groups:read + users:read: who may change a channel's subscriptions;
      // channels/groups:history: after a crash, whether a digest already reached the channel (so it is not sent twice);
      // files:write: the OPML file /feeds export answers with.
      scopes: { bot: ['commands', 'chat:write', 'chat:write.public', 'channels:read', 'groups:read', 'users:read', 'channels:history', 'groups:history', 'files:write'] },
    },
    settings: {
      interactivity: { is_enabled: true, ...(requestUrl && { request_url: requestUrl }) },
      org_deploy_enabled: false,
      socket_mode_enabled: requestUrl === null,
      token_rotation_enabled: false,
    },
  }
}
