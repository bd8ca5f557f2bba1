// CLI controllers for chat commands: `newsbot run <command> …` answers any slash command in the terminal exactly as
// chat would; `register-commands` and `slack-manifest` publish the registry to the platforms.
import { parseTextOptions, subcommandOf } from '../../commands/options.js'
import { discordCommandJson, findCommand, COMMANDS, slackManifest } from '../../commands/registry.js'
import { commandHelpReply, helpReply } from '../../commands/help.js'
import { answerCommand, localeOf } from '../../commands/run.js'
import { UserError, type CommandDefinition, type Reply } from '../../commands/types.js'
import { replyLang } from '../../commands/shared.js'
import { consoleInvoker } from './console-invoker.js'
import type { AppContext } from '../app/context.js'
import type { StoreAccess } from '../7-store/prisma-store.js'
import type { Env } from '../config/env.js'
import { renderConsoleReply } from '../8-deliver/console/render-reply.js'
import { digestJson } from '../services/digest.js'
import { print } from './format.js'
import { parseLimit, UsageError } from './ingest-commands.js'

const RUN = 'newsbot run'

export function replyJson(reply: Reply): unknown {
  if (reply.data !== undefined) return reply.data
  return reply.kind === 'digest' ? { kind: reply.kind, ephemeral: reply.ephemeral, digest: digestJson(reply.digest) } : reply
}

function knownCommand(name: string): CommandDefinition {
  const command = findCommand(name.replace(/^\//, ''))
  if (!command) throw new UsageError(`run: no command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`)
  return command
}

/** What `newsbot run` needs of the store: commands that change shared state (subscribe, feeds add …) write, the rest read. */
export function chatCommandAccess(name: string, words: string[]): StoreAccess {
  const command = knownCommand(name)
  try {
    const { subcommand } = parseTextOptions(command, words)
    return command.managerOnly || subcommandOf(command, subcommand)?.managerOnly ? 'write' : 'read'
  } catch (err) {
    if (err instanceof UserError) return 'read' // runChatCommand answers with what to fix
    throw err
  }
}

export async function runChatCommand(ctx: AppContext, name: string, words: string[], opts: { json?: boolean; limit?: string }): Promise<number> {
  const command = knownCommand(name)
  const limit = parseLimit(opts.limit)
  const invoker = consoleInvoker()
  // A mistake is bad usage, as anywhere on the command line: one line on stderr and exit 2, whatever the output format.
  const mistake = (err: UserError) => new UsageError(`run ${command.name}: ${err.text[invoker.locale]}`)
  let parsed: ReturnType<typeof parseTextOptions>
  try {
    parsed = parseTextOptions(command, words)
  } catch (err) {
    throw err instanceof UserError ? mistake(err) : err
  }
  const answer = await answerCommand({ command: command.name, subcommand: parsed.subcommand, options: parsed.raw, invoker }, ctx)
  if (answer.outcome === 'mistake') throw mistake(answer.mistake)
  const out = answer.outcome === 'failure' ? process.stderr : process.stdout
  // A reply's file is what the terminal asked for (`run feeds export > feeds.opml`): it goes to stdout, the notice to stderr.
  const file = answer.reply.file
  if (file && !opts.json) {
    process.stderr.write(renderConsoleReply(answer.reply, { lang: replyLang(parsed.raw, invoker), limit }))
    process.stdout.write(file.text)
    return 0
  }
  if (opts.json) out.write(`${JSON.stringify(replyJson(answer.reply), null, 2)}\n`)
  else out.write(renderConsoleReply(answer.reply, { lang: replyLang(parsed.raw, invoker), limit }))
  return answer.outcome === 'failure' ? 1 : 0
}

const HELP_FLAGS = new Set(['help', '--help', '-h'])
const LANG_WORD = /^(--lang=|lang:)/

/** `run --help`, `run help [command]` and `run <command> --help` ask for help, not an answer (as does a bare `run`). */
export function asksForHelp(name: string, words: string[]): boolean {
  return HELP_FLAGS.has(name) || words.some((w) => w === '--help' || w === '-h')
}

/** The commands, or one command's options, from their definitions; needs no store. */
export function printChatHelp(name: string | undefined, words: string[]): number {
  const langAt = words.indexOf('--lang')
  const typedLang = langAt >= 0 ? words[langAt + 1] : words.find((w) => LANG_WORD.test(w))?.replace(LANG_WORD, '')
  const rest = words.filter((w, i) => !LANG_WORD.test(w) && i !== langAt && i !== langAt + 1)
  const about = name === undefined || HELP_FLAGS.has(name) ? rest.find((w) => !w.startsWith('-')) : name
  const lang = typedLang === undefined ? consoleInvoker().locale : localeOf(typedLang)
  process.stdout.write(renderConsoleReply(about === undefined ? helpReply(RUN, lang) : commandHelpReply(RUN, knownCommand(about), lang)))
  return 0
}

export async function registerCommands(env: Env, opts: { guild?: string }): Promise<number> {
  const token = env.DISCORD_TOKEN
  if (!token) throw new UsageError('register-commands: set DISCORD_TOKEN (the bot token from the Discord Developer Portal)')
  const { registerDiscordCommands } = await import('../8-deliver/discord/bot.js')
  const result = await registerDiscordCommands({ token, guildId: opts.guild ?? null, managerRole: env.NEWSBOT_MANAGER_ROLE ?? null })
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
