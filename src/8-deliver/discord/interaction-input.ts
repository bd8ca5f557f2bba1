// What a Discord interaction asks for, in the command core's terms: who asked where (the Invoker), which
// subcommand, and the option values as Discord typed them. The core checks them; nothing is refused here.
import { ApplicationCommandOptionType, PermissionFlagsBits, type BaseInteraction, type CommandInteractionOption, type ChatInputCommandInteraction } from 'discord.js'
import type { RawOptions } from '../../../commands/options.js'
import { localeOf } from '../../../commands/run.js'
import type { Invoker } from '../../../commands/types.js'

export function discordChannelKey(channelId: string): string {
  return `discord:${channelId}`
}

/** Manage Channels in this channel, or a role named like the configured manager role (names, so config needs no ids). */
export function canManage(interaction: BaseInteraction, managerRole: string | null | undefined): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) return true
  if (!managerRole || !interaction.member) return false
  const wanted = managerRole.trim().toLowerCase()
  // A member from the gateway payload lists role ids; a cached GuildMember has a role manager.
  const roleIds = Array.isArray(interaction.member.roles) ? interaction.member.roles : [...interaction.member.roles.cache.keys()]
  const roles = interaction.guild?.roles.cache
  return roleIds.some((id) => roles?.get(id)?.name.trim().toLowerCase() === wanted)
}

export function invokerOf(interaction: BaseInteraction, managerRole: string | null | undefined): Invoker {
  const channelId = interaction.channelId ?? interaction.user.id
  return {
    platform: 'discord',
    channelKey: discordChannelKey(channelId),
    channelId,
    workspaceId: interaction.guildId ?? null,
    userId: interaction.user.id,
    // Bot DMs and group DMs carry no guild; subscriptions and feeds belong to guild channels.
    inDirectMessage: !interaction.guildId,
    canManage: canManage(interaction, managerRole),
    locale: localeOf(interaction.locale),
  }
}

function isGroup(option: CommandInteractionOption): boolean {
  return option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup
}

/** The subcommand, if any, and the values of the options given (Discord leaves out the ones not given). */
export function commandInput(interaction: ChatInputCommandInteraction): { subcommand: string | null; options: RawOptions } {
  let data: readonly CommandInteractionOption[] = interaction.options.data
  while (data.length === 1 && isGroup(data[0]!)) data = data[0]!.options ?? []
  const options: RawOptions = {}
  for (const option of data) {
    // An attachment's value is its id; the command reads the file from the address Discord gives it.
    if (option.type === ApplicationCommandOptionType.Attachment) {
      if (option.attachment) options[option.name] = option.attachment.url
      continue
    }
    if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean') options[option.name] = option.value
  }
  return { subcommand: interaction.options.getSubcommand(false), options }
}
