// CLI controllers for chat commands: `newsbot run <command> …` answers any slash command in the terminal exactly as
// chat would; `register-commands` and `slack-manifest` publish the registry to the platforms.
import { parseTextOptions } from '../../commands/options.js'
import { discordCommandJson, findCommand, COMMANDS, slackManifest } from '../../commands/registry.js'
import { runCommand } from '../../commands/run.js'
import { notice } from '../../commands/shared.js'
import { UserError, type Reply } from '../../commands/types.js'
import { consoleInvoker } from './console-invoker.js'
import type { AppContext } from '../app/context.js'
import { renderConsoleReply } from '../8-deliver/console/render-reply.js'
import { registerDiscordCommands } from '../8-deliver/discord/bot.js'
import { digestJson } from '../services/digest.js'
import { print } from './format.js'
import { UsageError } from './ingest-commands.js'

export function replyJson(reply: Reply): unknown {
  if (reply.data !== undefined) return reply.data
  return reply.kind === 'digest' ? { kind: reply.kind, ephemeral: reply.ephemeral, digest: digestJson(reply.digest) } : reply
}

export async function runChatCommand(ctx: AppContext, name: string, words: string[], opts: { json?: boolean }): Promise<number> {
  const command = findCommand(name.replace(/^\//, ''))
  if (!command) throw new UsageError(`run: no command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`)
  const invoker = consoleInvoker()
  let reply: Reply
  try {
    const { subcommand, raw } = parseTextOptions(command, words)
    reply = await runCommand({ command: command.name, subcommand, options: raw, invoker }, ctx)
  } catch (err) {
    if (!(err instanceof UserError)) throw err
    reply = notice('error', err.text[invoker.locale])
  }
  if (opts.json) print(JSON.stringify(replyJson(reply), null, 2))
  else process.stdout.write(renderConsoleReply(reply))
  return reply.kind === 'notice' && reply.tone === 'error' ? 1 : 0
}

export async function registerCommands(ctx: AppContext, opts: { guild?: string }): Promise<number> {
  const token = ctx.env.DISCORD_TOKEN
  if (!token) throw new UsageError('register-commands: set DISCORD_TOKEN (the bot token from the Discord Developer Portal)')
  const result = await registerDiscordCommands({ token, guildId: opts.guild ?? null, managerRole: ctx.env.NEWSBOT_MANAGER_ROLE ?? null })
  print(
    result.scope === 'guild'
      ? `registered ${result.count} commands in guild ${opts.guild} (available at once)`
      : `registered ${result.count} global commands (Discord may take up to an hour to show them everywhere)`,
  )
  return 0
}

export function printDiscordCommands(): number {
  print(JSON.stringify(discordCommandJson(), null, 2))
  return 0
}

export function printSlackManifest(opts: { requestUrl?: string; name?: string }): number {
  if (opts.requestUrl && !/^https:\/\//.test(opts.requestUrl)) throw new UsageError('slack-manifest: --request-url must be an https URL ending in /slack/events')
  print(JSON.stringify(slackManifest({ requestUrl: opts.requestUrl ?? null, name: opts.name }), null, 2))
  return 0
}
