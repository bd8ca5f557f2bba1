// The feeds-and-topics file: shipped default in config/newsbot.json, or the operator's own via NEWSBOT_CONFIG.
// Validated at start; the first problems are reported with the exact field path (feeds[3].language).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { ConfigError } from './env.js'

export const LANGUAGES = ['en', 'ja', 'ru', 'uk'] as const
export type Language = (typeof LANGUAGES)[number]

export const SOURCE_KINDS = [
  'wire',
  'public-broadcaster',
  'broadcaster',
  'newspaper',
  'online-outlet',
  'state-media',
  'government',
  'aggregator',
  'think-tank',
  'blog',
] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]
/**
 * The kind of a feed no one has classified: one read with `newsbot ingest`, until the operator configures it. It
 * counts as neither a blog nor state media; configured feeds must say what they are, so the config refuses it.
 */
export const UNKNOWN_KIND = 'unknown'
export const FEED_KINDS = [...SOURCE_KINDS, UNKNOWN_KIND] as const
export type FeedKind = (typeof FEED_KINDS)[number]

const termsByLanguage = z
  .object({ en: z.array(z.string().min(1)), ja: z.array(z.string().min(1)), ru: z.array(z.string().min(1)), uk: z.array(z.string().min(1)) })
  .partial()
  .strict()
  .refine((g) => Object.values(g).some((terms) => terms.length > 0), 'a term group needs at least one term')

const feedSchema = z
  .object({
    name: z.string().trim().min(1),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    language: z.enum(LANGUAGES),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as JP'),
    kind: z.enum(SOURCE_KINDS),
    pollMinutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .strict()

const localized = z.object({ en: z.string().min(1), ja: z.string().min(1) }).strict()

const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
    name: localized,
    description: localized,
    require: z.array(termsByLanguage).min(1),
    /** Indices of the groups of which the headline must name one (default: any group): the topic itself, not a bystander word. */
    headline: z.array(z.number().int().min(0)).min(1).optional(),
  })
  .strict()
  .refine((t) => (t.headline ?? []).every((g) => g < t.require.length), { message: 'headline names a group that require does not have', path: ['headline'] })

const appConfigSchema = z
  .object({
    $comment: z.string().optional(),
    feeds: z.array(feedSchema),
    topics: z.array(topicSchema).min(1),
    /**
     * Issue 18: where a topic added with /topics add can be used: "channel" (default) only in the channel that added it;
     * "server" in every channel of its Discord server or Slack workspace.
     */
    channelTopicScope: z.enum(['channel', 'server'], { error: 'must be "channel" or "server"' }).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>()
    config.feeds.forEach((feed, i) => {
      if (seen.has(feed.url)) ctx.addIssue({ code: 'custom', path: ['feeds', i, 'url'], message: 'duplicate feed URL' })
      seen.add(feed.url)
    })
    const ids = new Set<string>()
    config.topics.forEach((topic, i) => {
      if (ids.has(topic.id)) ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: 'duplicate topic id' })
      ids.add(topic.id)
    })
  })

export type AppConfig = z.infer<typeof appConfigSchema>
export type FeedConfig = z.infer<typeof feedSchema>
export type TopicConfig = z.infer<typeof topicSchema>

export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('../../config/newsbot.json', import.meta.url))

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('')
}

export function parseAppConfig(raw: unknown, source: string): AppConfig {
  const parsed = appConfigSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.slice(0, 5).map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`)
  throw new ConfigError(`config: ${source} is invalid: ${problems.join('; ')}`)
}

/** The operator's file (NEWSBOT_CONFIG), named by its variable in every problem; without one, the shipped file. */
export function loadAppConfig(operatorFile?: string): AppConfig {
  const path = operatorFile ?? DEFAULT_CONFIG_PATH
  const source = operatorFile === undefined ? path : `NEWSBOT_CONFIG=${path}`
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new ConfigError(`config: cannot read ${source}: ${(err as Error).message}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new ConfigError(`config: ${source} is not valid JSON: ${(err as Error).message}`)
  }
  return parseAppConfig(raw, source)
}
