// Structured logging to stderr (stdout stays for command output). Text for people, JSON for collectors.
// Values of secret variables, and the credentials in URLs, are masked wherever they appear; text lines show only
// visible characters, since field values carry feed text (a title with U+202E or an escape sequence) to a terminal.
import { SECRET_VARIABLES } from './config/env.js'
import { redactSecrets } from './redact.js'
import { visibleText } from './3-normalise/visible-text.js'

type Level = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export interface LoggerOptions {
  level: Level
  format: 'text' | 'json'
  write?: (line: string) => void
}

function secretValues(): string[] {
  return [...SECRET_VARIABLES].map((name) => process.env[name]).filter((v): v is string => !!v && v.length >= 6)
}

function mask(line: string, secrets: string[]): string {
  return redactSecrets(secrets.reduce((out, secret) => out.split(secret).join('***'), line))
}

function render(value: unknown): string {
  if (value instanceof Error) return visibleText(value.message)
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string') {
    const shown = visibleText(value)
    return /[\s"=]/.test(shown) ? JSON.stringify(shown) : shown
  }
  return JSON.stringify(value)
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`))
  const secrets = secretValues()
  const emit = (level: Level, message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < ORDER[options.level]) return
    const line =
      options.format === 'json'
        ? JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }, (_k, v) => (v instanceof Error ? v.message : v))
        : visibleText(
            `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${Object.entries(fields)
              .map(([k, v]) => ` ${k}=${render(v)}`)
              .join('')}`,
          )
    write(mask(line, secrets))
  }
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  }
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
