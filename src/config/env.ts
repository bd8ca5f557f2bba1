// The process environment, validated once at start. A bad value stops the bot with the variable named;
// secret values never appear in messages.
import { existsSync } from 'node:fs'
import { z } from 'zod'
import { DEFAULT_DATABASE_URL } from '../7-store/database-url.js'
import { redactSecrets } from '../redact.js'

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of: ${values.join(', ')}` })

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false (or 1/0, yes/no, on/off)' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v))

const databaseUrl = z
  .string()
  .refine((u) => /^(file:|postgres(ql)?:\/\/)/.test(u), 'must start with file: (SQLite) or postgres:// (PostgreSQL)')

/**
 * A number in a range, every way of missing it (not a number, a fraction, out of range) answered with the whole
 * expectation: zod's own messages say what it received ("received NaN"), or only "Invalid input".
 */
function numberIn(min: number, max: number | undefined, whole: boolean) {
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`
  const expected = `must be a ${whole ? 'whole number' : 'number'} ${range}`
  const number = z.coerce.number({ error: expected }).min(min, expected)
  const bounded = max === undefined ? number : number.max(max, expected)
  return whole ? bounded.int(expected) : bounded
}
const wholeNumber = (min: number, max?: number) => numberIn(min, max, true)

/**
 * Sent in the User-Agent of every fetch, inside its parenthesised comment: visible ASCII and spaces (what a header
 * value allows: a line break would end the header), without the parentheses and backslash that would end the comment.
 */
const contact = z
  .string()
  .max(200, 'must be at most 200 characters: it is sent in the User-Agent of every fetch')
  .regex(/^[\x20-\x27\x2a-\x5b\x5d-\x7e]+$/, 'must be printable ASCII on one line, without ( ) or \\, e.g. mailto:ops@example.com: it is sent in the User-Agent of every fetch')

function carriesCredentials(url: string): boolean {
  if (!URL.canParse(url)) return false
  const { username, password } = new URL(url)
  return Boolean(username || password)
}

/** The operator's channel: a Discord channel (snowflake), a Slack channel (C…/G…), or the terminal of the process. */
const adminChannel = z
  .string()
  .regex(/^(discord:\d{17,20}|slack:[CG][A-Z0-9]{8,}|console)$/, 'must be discord:<channel id> (digits), slack:<channel id> (C… or G…) or console')
  .transform((v) => {
    const [platform, channelId] = v === 'console' ? ['console', 'console'] : v.split(':')
    return { platform: platform!, channelId: channelId! }
  })

const httpUrl = z.string().refine((u) => {
  try {
    return ['http:', 'https:'].includes(new URL(u).protocol)
  } catch {
    return false
  }
}, 'must be an http(s) URL, e.g. http://localhost:11434/v1')

const envSchema = z
  .object({
    DATABASE_URL: databaseUrl.default(DEFAULT_DATABASE_URL),
    /** How long start, poll, ingest, deliver and worker wait for another process writing to the store (see process-lock.ts); 0 = not at all. */
    NEWSBOT_LOCK_WAIT_SECONDS: wholeNumber(0).default(300),
    NEWSBOT_CONFIG: z.string().min(1).optional(),
    NEWSBOT_ALLOW_PRIVATE_NETWORKS: flag.default(false),
    NEWSBOT_LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error']).default('info'),
    NEWSBOT_LOG_FORMAT: oneOf(['text', 'json']).default('text'),
    NEWSBOT_POLL_INTERVAL_MINUTES: wholeNumber(1).default(10),
    NEWSBOT_FETCH_TIMEOUT_MS: wholeNumber(1).default(20_000),
    NEWSBOT_FETCH_MAX_BYTES: wholeNumber(1).default(10 * 1024 * 1024),
    NEWSBOT_HOST_DELAY_MS: wholeNumber(0).default(2_000),
    NEWSBOT_FETCH_CONCURRENCY: wholeNumber(1).default(6),
    /** Items kept from one read of one feed, newest first; the rest are counted and reported, never stored. */
    NEWSBOT_FEED_MAX_ITEMS: wholeNumber(1).default(500),
    /** A feed failing this many times in a row is paused (not polled) and its channel told; 0 = never for this. */
    NEWSBOT_FEED_PAUSE_AFTER_FAILURES: wholeNumber(0).default(10),
    /** A feed failing with no successful read for this many days is paused and its channel told; 0 = never for this. */
    NEWSBOT_FEED_PAUSE_AFTER_DAYS: numberIn(0, undefined, false).default(3),
    /** Where paused feeds that no chat channel added (the config file's) are told: discord:<channel id>, slack:<channel id> or console. */
    NEWSBOT_ADMIN_CHANNEL: adminChannel.optional(),
    NEWSBOT_ADMIN_LANG: oneOf(['en', 'ja']).default('en'),
    NEWSBOT_CONTACT: contact.optional(),
    /** Threads that parse feeds; 0 parses on the main thread. Default: one per core beyond the first, at least 2, at most 4. */
    NEWSBOT_PARSE_WORKERS: wholeNumber(0, 16).optional(),
    /** OpenAI-compatible API root (…/v1) for optional LLM summaries; unset = extractive summaries only. */
    LLM_BASE_URL: httpUrl.optional(),
    LLM_MODEL: z.string().min(1).optional(),
    LLM_API_KEY: z.string().min(1).optional(),
    LLM_TIMEOUT_MS: wholeNumber(1).default(20_000),
    /** Chat calls per UTC day and process; 0 turns LLM summaries off. */
    LLM_DAILY_CALLS: wholeNumber(0).default(200),
    /** The LLM judge of ceasefire sentences and same-event pairs (src/6-summarise/judge/): off unless asked for, even with LLM_BASE_URL set. */
    NEWSBOT_LLM_JUDGE: flag.default(false),
    /** The judge's calls started in any rolling minute, per process; past it the rule reading stands. */
    NEWSBOT_LLM_JUDGE_CALLS_PER_MINUTE: wholeNumber(1, 600).default(30),
    /** Discord bot token; set to connect to Discord. */
    DISCORD_TOKEN: z.string().min(1).optional(),
    /** Discord REST root, for a REST proxy (e.g. a shared rate-limit proxy in front of several processes). */
    DISCORD_API_URL: httpUrl.optional(),
    /** Discord gateway shards: "auto" (Discord says how many; needed from 2,500 servers) or a count. Default: one. */
    DISCORD_SHARDS: z.union([z.literal('auto'), wholeNumber(1, 1024)], { error: 'must be "auto" or a number of shards from 1 to 1024' }).optional(),
    /** Members with this role may change subscriptions and feeds without Manage Channels. */
    NEWSBOT_MANAGER_ROLE: z.string().min(1).optional(),
    /** Slack bot token (xoxb-…); set to connect to Slack. */
    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token (xoxb-…)').optional(),
    /** Socket Mode (default: no public URL needed) or HTTP (Slack posts to SLACK_PORT/slack/events). */
    SLACK_MODE: oneOf(['socket', 'http']).default('socket'),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-…) with connections:write').optional(),
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_PORT: wholeNumber(1, 65535).default(3000),
    /** Only workspace admins and owners may change a channel's subscriptions (default: any channel member). */
    SLACK_ADMINS_ONLY: flag.default(false),
    /** Slack Web API root (…/api/), for a proxy. */
    SLACK_API_URL: httpUrl.optional(),
    /** Messages sent at once by one process (they wait for the platforms' rate limits separately). */
    NEWSBOT_DELIVERY_CONCURRENCY: wholeNumber(1, 200).default(16),
    /** How long a sender holds a message; a crashed sender's messages are taken over after this. */
    NEWSBOT_DELIVERY_LEASE_SECONDS: wholeNumber(1).default(300),
    /** A digest missed while newsbot was down still goes out if it is at most this late. */
    NEWSBOT_DIGEST_CATCH_UP_HOURS: numberIn(0, 23, false).default(6),
    /**
     * This process's share of Discord's global limit (50 requests/s per bot). The default keeps 10% headroom because
     * our one-second windows and Discord's are not aligned; with N workers sharing the bot use 45/N.
     */
    DISCORD_GLOBAL_RPS: wholeNumber(1, 50).default(45),
    /** newsbot worker (PostgreSQL): a job whose worker died is given to another after this many seconds. */
    NEWSBOT_JOB_EXPIRE_SECONDS: wholeNumber(1).default(120),
    /** newsbot worker: how often idle workers look for jobs, in seconds. */
    NEWSBOT_JOB_POLL_SECONDS: numberIn(0.5, 60, false).default(2),
    /** An operator's chronology (same format as config/chronology/events.tsv): adds rows, or corrects shipped rows of the same date and type. */
    NEWSBOT_CHRONOLOGY: z.string().min(1).refine((f) => existsSync(f), 'no such file').optional(),
    /** The shipped baseline chronology in /timeline and /ceasefire-status; off = only live evidence (and NEWSBOT_CHRONOLOGY). */
    NEWSBOT_BASELINE: flag.default(true),
    /** Tests only: the delivery step at which the process kills itself (crash-recovery tests). */
    NEWSBOT_CRASH_AT: oneOf(['before-send', 'after-send']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && env.SLACK_MODE === 'socket' && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_APP_TOKEN'], message: 'required for Slack Socket Mode (or set SLACK_MODE=http with SLACK_SIGNING_SECRET)' })
    }
    if (env.SLACK_BOT_TOKEN && env.SLACK_MODE === 'http' && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'required when SLACK_MODE=http: it verifies that requests come from Slack' })
    }
    // fetch refuses a URL with credentials, so every call would fail; the key has its own variable.
    if (env.LLM_BASE_URL && carriesCredentials(env.LLM_BASE_URL)) {
      ctx.addIssue({ code: 'custom', path: ['LLM_BASE_URL'], message: 'must not carry a user or password: put the API key in LLM_API_KEY' })
    }
    if (env.NEWSBOT_LLM_JUDGE && !env.LLM_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['NEWSBOT_LLM_JUDGE'], message: 'needs LLM_BASE_URL and LLM_MODEL: the judge asks the same OpenAI-compatible API as the summaries' })
    }
    const admin = env.NEWSBOT_ADMIN_CHANNEL?.platform
    if ((admin === 'discord' && !env.DISCORD_TOKEN) || (admin === 'slack' && !env.SLACK_BOT_TOKEN)) {
      ctx.addIssue({ code: 'custom', path: ['NEWSBOT_ADMIN_CHANNEL'], message: `names a ${admin} channel, so ${admin === 'discord' ? 'DISCORD_TOKEN' : 'SLACK_BOT_TOKEN'} must be set to reach it` })
    }
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

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = envSchema.safeParse(present)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0])
    const shown = SECRET_VARIABLES.has(name) || present[name] === undefined ? '' : ` (got ${redactSecrets(JSON.stringify(present[name]))})`
    return `${name}: ${issue.message}${shown}`
  })
  throw new ConfigError(`config: invalid environment: ${problems.join('; ')}`)
}
