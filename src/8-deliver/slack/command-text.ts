// `/newsbot <command> [options…]` as Slack sends it, turned into the command core's words. The manifest sets
// should_escape, so Slack sends links as <https://…>, mentions as <@U…|name> and &, <, > as entities: those are
// unwrapped first, or `/newsbot feeds add https://…` would see "<https://…>" as the URL.
import { parseTextOptions, tokenize, type RawOptions } from '../../../commands/options.js'
import { findCommand } from '../../../commands/registry.js'
import type { CommandDefinition } from '../../../commands/types.js'

/** One <…> sequence as the user saw it: a link's URL, "@name" for a mention, "#name" for a channel. */
function unwrap(target: string, label: string | undefined): string {
  if (/^(https?|mailto):/.test(target)) return target
  if (target.startsWith('!')) return label ?? `@${target.slice(1)}`
  const sigil = target.startsWith('@') || target.startsWith('#') ? target[0]! : ''
  if (label === undefined) return target
  return label.startsWith(sigil) ? label : sigil + label
}

/** Slack's escaped command text back to what the user typed. */
export function unescapeSlackText(text: string): string {
  return text
    .replace(/<([^<>|]*)(?:\|([^<>]*))?>/g, (_m, target: string, label: string | undefined) => unwrap(target, label))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

export type ParsedSlackCommand =
  | { kind: 'help' }
  | { kind: 'run'; command: string; def: CommandDefinition | undefined; subcommand: string | null; options: RawOptions }

/**
 * Splits the text into the command name and its options. Throws the core's UserError for text the options parser
 * cannot read; an unknown command is left for runCommand to refuse in the user's language.
 */
export function parseSlackCommand(text: string): ParsedSlackCommand {
  const words = tokenize(unescapeSlackText(text).trim())
  const name = words.shift()?.replace(/^\//, '').toLowerCase()
  if (!name || name === 'help') return { kind: 'help' }
  const def = findCommand(name)
  if (!def) return { kind: 'run', command: name, def, subcommand: null, options: {} }
  const { subcommand, raw } = parseTextOptions(def, words)
  return { kind: 'run', command: name, def, subcommand, options: raw }
}

/** Whether running this needs `canManage`, so the adapter asks Slack only then. */
export function needsManager(def: CommandDefinition | undefined, subcommand: string | null): boolean {
  if (!def) return false
  return !!def.managerOnly || !!def.subcommands?.find((s) => s.name === subcommand)?.managerOnly
}
