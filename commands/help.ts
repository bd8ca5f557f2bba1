// What each command takes, from its definition: `/newsbot help` on Slack, `newsbot run --help` and
// `newsbot run <command> --help` in the terminal. Written in the one grammar both read (name:value).
import { COMMANDS } from './registry.js'
import type { CommandDefinition, Lang, OptionDefinition, Reply, ReplyEntry } from './types.js'

const optionUsage = (o: OptionDefinition) => (o.required ? `${o.name}:…` : `[${o.name}:…]`)

export function commandUsage(def: CommandDefinition): string {
  if (def.subcommands) return def.subcommands.map((s) => [s.name, ...s.options.map(optionUsage)].join(' ')).join(' | ')
  return (def.options ?? []).map(optionUsage).join(' ')
}

/** Every registered command with its options, as `prefix` (e.g. "/newsbot") invokes them. */
export function helpReply(prefix: string, lang: Lang): Reply {
  return {
    kind: 'entries',
    ephemeral: true,
    title: lang === 'ja' ? `${prefix} のコマンド` : `${prefix} commands`,
    intro: [[{ text: lang === 'ja' ? `例: ${prefix} timeline topic:ceasefire from:2025-01-01` : `Example: ${prefix} timeline topic:ceasefire from:2025-01-01` }]],
    entries: COMMANDS.map((def) => ({
      title: `${prefix} ${def.name} ${commandUsage(def)}`.trim(),
      lines: [[{ text: def.description[lang] }]],
    })),
    empty: lang === 'ja' ? 'コマンドがありません。' : 'No commands.',
    pageSize: 25,
  }
}

const REQUIRED: Record<Lang, string> = { en: 'required', ja: '必須' }

function optionEntry(option: OptionDefinition, lang: Lang): ReplyEntry {
  const choices = option.choices ? ` (${option.choices.map((c) => c.value).join(', ')})` : ''
  return {
    title: `${option.name}:…  --${option.name} …${option.required ? `  (${REQUIRED[lang]})` : ''}`,
    lines: [[{ text: `${option.description[lang]}${choices}` }]],
  }
}

/** One command: what it does, then each option (per subcommand) with what it means. */
export function commandHelpReply(prefix: string, def: CommandDefinition, lang: Lang): Reply {
  const groups = def.subcommands?.map((s) => ({ name: `${def.name} ${s.name}`, description: s.description, options: s.options })) ?? [{ name: def.name, description: def.description, options: def.options ?? [] }]
  return {
    kind: 'entries',
    ephemeral: true,
    title: `${prefix} ${def.name} ${commandUsage(def)}`.trim(),
    intro: [[{ text: def.description[lang] }]],
    entries: groups.flatMap((group) => [
      ...(def.subcommands ? [{ title: `${prefix} ${group.name}`, lines: [[{ text: group.description[lang] }]] }] : []),
      ...group.options.map((o) => optionEntry(o, lang)),
    ]),
    empty: lang === 'ja' ? 'オプションはありません。' : 'No options.',
    pageSize: 50,
  }
}
