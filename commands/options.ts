// Options as the user typed them, checked against the definition once for every front end: Discord sends typed
// values, Slack and the console send text; either way a bad value becomes a UserError that names the option.
import { UserError, type CommandDefinition, type OptionDefinition, type OptionValue, type SubcommandDefinition } from './types.js'

export type RawOptions = Record<string, string | number | boolean>

export function optionsOf(def: CommandDefinition, subcommand: string | null): OptionDefinition[] {
  return subcommandOf(def, subcommand)?.options ?? def.options ?? []
}

export function subcommandOf(def: CommandDefinition, subcommand: string | null): SubcommandDefinition | null {
  if (!def.subcommands) return null
  const found = def.subcommands.find((s) => s.name === (subcommand ?? def.defaultSubcommand))
  if (found) return found
  const names = def.subcommands.map((s) => s.name).join(', ')
  throw new UserError({
    en: subcommand ? `/${def.name} has no "${subcommand}"; use one of: ${names}.` : `/${def.name} needs one of: ${names}.`,
    ja: subcommand ? `/${def.name} に「${subcommand}」はありません。次のいずれかを指定してください: ${names}` : `/${def.name} には次のいずれかが必要です: ${names}`,
  })
}

function bad(option: string, en: string, ja: string): UserError {
  return new UserError({ en: `Option "${option}": ${en}`, ja: `オプション「${option}」: ${ja}` })
}

function coerce(def: OptionDefinition, raw: string | number | boolean): OptionValue {
  let value: OptionValue = raw
  if (def.type === 'integer') {
    value = typeof raw === 'number' ? raw : Number(String(raw).trim())
    if (!Number.isInteger(value)) throw bad(def.name, `expected a whole number, got "${raw}".`, `整数を指定してください（「${raw}」）。`)
    if (def.min !== undefined && value < def.min) throw bad(def.name, `must be at least ${def.min}.`, `${def.min} 以上にしてください。`)
    const max = def.max ?? Number.MAX_SAFE_INTEGER
    if (value > max) throw bad(def.name, `must be at most ${max}.`, `${max} 以下にしてください。`)
  } else if (def.type === 'boolean') {
    if (typeof raw !== 'boolean') {
      const text = String(raw).toLowerCase()
      if (!['true', 'false', 'yes', 'no'].includes(text)) throw bad(def.name, 'expected true or false.', 'true か false を指定してください。')
      value = text === 'true' || text === 'yes'
    }
  } else {
    value = String(raw).trim()
    if (value === '') throw bad(def.name, 'is empty.', '空です。')
    if (def.maxLength !== undefined && value.length > def.maxLength) throw bad(def.name, `is longer than ${def.maxLength} characters.`, `${def.maxLength} 文字以内にしてください。`)
    if (def.minLength !== undefined && value.length < def.minLength) throw bad(def.name, `needs at least ${def.minLength} characters.`, `${def.minLength} 文字以上にしてください。`)
  }
  if (def.choices && !def.choices.some((c) => c.value === value)) {
    const allowed = def.choices.map((c) => c.value).join(', ')
    throw bad(def.name, `"${value}" is not one of: ${allowed}.`, `「${value}」は選べません。次のいずれか: ${allowed}`)
  }
  return value
}

/** Typed, checked options; unknown names and missing required options are user errors. */
export function checkOptions(def: CommandDefinition, subcommand: string | null, raw: RawOptions): Record<string, OptionValue> {
  const defs = optionsOf(def, subcommand)
  const out: Record<string, OptionValue> = {}
  for (const name of Object.keys(raw)) {
    if (!defs.some((d) => d.name === name)) {
      const known = defs.map((d) => d.name).join(', ') || '(none)'
      throw new UserError({ en: `Unknown option "${name}" for /${def.name}; options: ${known}.`, ja: `/${def.name} に「${name}」というオプションはありません。使えるもの: ${known}` })
    }
  }
  for (const d of defs) {
    const value = raw[d.name]
    if (value === undefined) {
      if (d.required) throw bad(d.name, 'is required.', '必須です。')
      continue
    }
    out[d.name] = coerce(d, value)
  }
  return out
}

/** Splits text like `story 42`, `timeline topic:ceasefire from:2025-01-01` or `search "Alaska summit"` into words, keeping quoted phrases whole. */
export function tokenize(text: string): string[] {
  const words: string[] = []
  const pattern = /(\S+?:)?(?:"([^"]*)"|“([^”]*)”|'([^']*)'|(\S+))/g
  for (const m of text.matchAll(pattern)) words.push((m[1] ?? '') + (m[2] ?? m[3] ?? m[4] ?? m[5] ?? ''))
  return words
}

/** `min_outlets`, `min-outlets` and `as-of`, `as_of` alike: people type what their shell or chat habit suggests. */
function optionNamed(defs: OptionDefinition[], typed: string): OptionDefinition | undefined {
  const spelling = (name: string) => name.replace(/_/g, '-')
  return defs.find((d) => spelling(d.name) === spelling(typed))
}

/**
 * Text front ends (Slack, console): `[subcommand] [positional …] [name:value | --name value …]`. Positional words fill
 * the required options in order (or else the first option), and the last one takes the rest of the words, so `/newsbot search alaska summit` works.
 */
export function parseTextOptions(def: CommandDefinition, words: string[]): { subcommand: string | null; raw: RawOptions } {
  const rest = [...words]
  let subcommand: string | null = null
  // A command with a default subcommand (`/newsbot topics`) takes the first word as one only when it names one.
  if (def.subcommands && (!def.defaultSubcommand || def.subcommands.some((s) => s.name === rest[0]))) subcommand = rest.shift() ?? null
  else if (def.subcommands) subcommand = def.defaultSubcommand!
  const defs = optionsOf(def, subcommand)
  const raw: RawOptions = {}
  const positional: string[] = []
  while (rest.length > 0) {
    const word = rest.shift()!
    const flag = /^--([a-z][a-z0-9_-]*)(?:=(.*))?$/s.exec(word)
    const named = /^([a-z][a-z0-9_-]*):(.*)$/s.exec(word)
    const namedOption = named && optionNamed(defs, named[1]!)
    if (flag) {
      const option = optionNamed(defs, flag[1]!)
      const name = option?.name ?? flag[1]!
      if (flag[2] !== undefined) raw[name] = flag[2]
      else if (option?.type === 'boolean' && (rest[0] === undefined || rest[0].startsWith('--'))) raw[name] = true
      else raw[name] = rest.shift() ?? ''
    } else if (namedOption) {
      raw[namedOption.name] = named[2]!
    } else {
      positional.push(word)
    }
  }
  const missing = defs.filter((d) => raw[d.name] === undefined)
  const required = missing.filter((d) => d.required)
  const slots = required.length > 0 ? required : missing.slice(0, 1)
  slots.forEach((d, i) => {
    if (positional.length === 0) return
    const last = i === slots.length - 1
    raw[d.name] = last ? positional.splice(0).join(' ') : positional.shift()!
  })
  if (positional.length > 0) {
    throw new UserError({ en: `Did not understand "${positional.join(' ')}"; write options as name:value.`, ja: `「${positional.join(' ')}」を解釈できません。オプションは 名前:値 の形で指定してください。` })
  }
  return { subcommand, raw }
}
