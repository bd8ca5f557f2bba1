// The process environment, validated once at start. A bad value stops the bot with the variable named;
// secret values never appear in messages.
import { existsSync } from 'node:fs'
import { z } from 'zod'

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v))

const databaseUrl = z
  .string()
  .refine((u) => /^(file:|postgres(ql)?:\/\/)/.test(u), 'must start with file: (SQLite) or postgres:// (PostgreSQL)')

const positiveInt = z.coerce.number().int().positive()

const httpUrl = z.string().refine((u) => {
  try {
    return ['http:', 'https:'].includes(new URL(u).protocol)
  } catch {
    return false
  }
}, 'must be an http(s) URL, e.g. http://localhost:11434/v1')

const envSchema = z
  .object({
    DATABASE_URL: databaseUrl.default('file:./data/newsbot.db'),
    NEWSBOT_CONFIG: z.string().min(1).optional(),
    NEWSBOT_ALLOW_PRIVATE_NETWORKS: flag.default(false),
    NEWSBOT_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    NEWSBOT_LOG_FORMAT: z.enum(['text', 'json']).default('text'),
    NEWSBOT_POLL_INTERVAL_MINUTES: positiveInt.default(10),
    NEWSBOT_FETCH_TIMEOUT_MS: positiveInt.default(20_000),
    NEWSBOT_FETCH_MAX_BYTES: positiveInt.default(10 * 1024 * 1024),
    NEWSBOT_HOST_DELAY_MS: z.coerce.number().int().min(0).default(2_000),
    NEWSBOT_FETCH_CONCURRENCY: positiveInt.default(6),
    NEWSBOT_CONTACT: z.string().min(1).optional(),
    /** Threads that parse feeds; 0 parses on the main thread. Default: one per core beyond the first, at most 4. */
    NEWSBOT_PARSE_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
    /** OpenAI-compatible API root (…/v1) for optional LLM summaries; unset = extractive summaries only. */
    LLM_BASE_URL: httpUrl.optional(),
    LLM_MODEL: z.string().min(1).optional(),
    LLM_API_KEY: z.string().min(1).optional(),
    LLM_TIMEOUT_MS: positiveInt.default(20_000),
    /** Chat calls per UTC day and process; 0 turns LLM summaries off. */
    LLM_DAILY_CALLS: z.coerce.number().int().min(0).default(200),
  })
  .superRefine((env, ctx) => {
    if (env.LLM_BASE_URL && !env.LLM_MODEL) {
      ctx.addIssue({ code: 'custom', path: ['LLM_MODEL'], message: 'required when LLM_BASE_URL is set (the model name the API serves, e.g. llama3.1:8b)' })
    }
  })

export type Env = z.infer<typeof envSchema>

/** Names of variables whose values must never be printed. */
export const SECRET_VARIABLES = new Set(['DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'LLM_API_KEY'])

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file)
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = envSchema.safeParse(present)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0])
    const shown = SECRET_VARIABLES.has(name) || present[name] === undefined ? '' : ` (got ${JSON.stringify(present[name])})`
    return `${name}: ${issue.message}${shown}`
  })
  throw new ConfigError(`config: invalid environment: ${problems.join('; ')}`)
}
