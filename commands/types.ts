// The platform-neutral command core: what a command is (its definition) and what it answers (a Reply). Discord,
// Slack and the console only translate requests into a CommandRequest and render the Reply they get back.
import type { EntityExtractor } from '../src/5-cluster/aliases.js'
import type { ChronologyEvent } from '../src/config/chronology.js'
import type { CeasefireJudge } from '../src/6-summarise/judge/ceasefire-judge.js'
import type { Digest } from '../src/6-summarise/types.js'
import type { Store } from '../src/7-store/types.js'
import type { AppConfig } from '../src/config/app-config.js'
import type { Logger } from '../src/log.js'
import type { DigestDeps } from '../src/services/digest.js'

export type Lang = 'en' | 'ja'
export const LANGS: readonly Lang[] = ['en', 'ja']
export type Localised = Record<Lang, string>

export type OptionValue = string | number | boolean
/** 'attachment': a file the user sends with the command (Discord); its value is the file's address (or, in the terminal, a path). */
export type OptionType = 'string' | 'integer' | 'boolean' | 'attachment'

export interface Choice {
  value: string
  name: Localised
}

export interface OptionDefinition {
  name: string
  type: OptionType
  description: Localised
  required?: boolean
  /** A fixed list: Discord shows it as a menu, text front ends check against it. */
  choices?: Choice[]
  /** Suggestions come from the command's `suggest` as the user types (Discord). */
  autocomplete?: boolean
  minLength?: number
  maxLength?: number
  min?: number
  max?: number
}

interface Access {
  /** Changes shared state (subscriptions, feeds): needs Manage Channels or the manager role on Discord, channel membership (or admin) on Slack. */
  managerOnly?: boolean
  /** Makes no sense outside a channel (subscriptions are per channel), so refused in direct messages. */
  channelOnly?: boolean
}

export interface SubcommandDefinition extends Access {
  name: string
  description: Localised
  options: OptionDefinition[]
}

export interface CommandDefinition extends Access {
  name: string
  description: Localised
  /** Either options or subcommands, as Discord allows. */
  options?: OptionDefinition[]
  subcommands?: SubcommandDefinition[]
  /** What text front ends (Slack, the console) run when no subcommand is named; Discord always names one. */
  defaultSubcommand?: string
  /** May take longer than the platforms' 3-second deadline: adapters acknowledge first, then answer. */
  slow?: boolean
  run(request: CommandRequest, services: CommandServices): Promise<Reply>
  /** Suggestions for an autocomplete option, matching what the user has typed so far (at most 25). */
  suggest?(option: string, typed: string, services: CommandServices, invoker: Invoker): Promise<Suggestion[]>
}

export interface Suggestion {
  name: string
  value: string
}

export type Platform = 'discord' | 'slack' | 'console'

/** Who asked, and where. Adapters fill it in from the platform's payload. */
export interface Invoker {
  platform: Platform
  /** Stable key of the channel across restarts, e.g. "discord:<channel id>", "slack:<team>:<channel>", "console". */
  channelKey: string
  /** The platform's own ids, kept so that scheduled delivery can reach the channel. */
  channelId: string
  workspaceId: string | null
  userId: string
  inDirectMessage: boolean
  /** Decided by the adapter from the platform's permissions and configuration. */
  canManage: boolean
  locale: Lang
}

export interface CommandRequest {
  command: string
  subcommand: string | null
  options: Record<string, OptionValue>
  invoker: Invoker
  now: Date
}

/** What commands may use; the app context provides all of it. */
export interface CommandServices {
  store: Store
  config: AppConfig
  digest: DigestDeps
  entities: EntityExtractor
  log: Logger
  /** Curated history for /timeline and /ceasefire-status (src/services/baseline.ts); absent or empty = live evidence only. */
  baseline?: ChronologyEvent[]
  /** The optional LLM judge of ceasefire sentences (NEWSBOT_LLM_JUDGE); absent = the rule reader alone (the default). */
  ceasefireJudge?: CeasefireJudge | undefined
  /** Fetches and parses a feed once, to check a URL before `/feeds add` stores it. */
  probeFeed(url: string): Promise<FeedProbe>
  /** The text of an OPML file for `/feeds import`: an address through the guarded fetch, or a path (the terminal only), size-capped. */
  readOpml(source: { url: string } | { path: string }): Promise<string>
}

export type FeedProbe = { ok: true; title: string | null; items: number; language: string | null } | { ok: false; error: string }

/** A run of text, optionally linked or emphasised. Renderers escape `text` and vet `url`. */
export interface Span {
  text: string
  url?: string | null
  bold?: boolean
}

export type ReplyLine = Span[]

export interface ReplyEntry {
  title: string
  url?: string | null
  lines: ReplyLine[]
  /** Small print under the entry, e.g. "5 outlets in en/ru · #42". */
  footer?: string
  /** Emphasised, e.g. state media or a state change. */
  highlight?: boolean
}

type ReplyBody =
  | {
      kind: 'entries'
      ephemeral: boolean
      title: string
      /** Lines above the list (a summary, a state). */
      intro?: ReplyLine[]
      entries: ReplyEntry[]
      /** Shown when there are no entries. */
      empty: string
      /** Entries per page; long lists paginate. */
      pageSize?: number
    }
  | { kind: 'digest'; ephemeral: boolean; digest: Digest; topics: AppConfig['topics'] }
  | { kind: 'notice'; ephemeral: boolean; tone: 'ok' | 'info' | 'error'; lines: ReplyLine[] }

/** `data` is what `newsbot run … --json` prints when a command has a documented JSON shape (e.g. {"events": […]}). */
/** A text file sent with the reply (`/feeds export`'s OPML): attached on Discord, uploaded on Slack, written or printed in the terminal. */
export interface ReplyFile {
  name: string
  contentType: string
  text: string
}

export type Reply = ReplyBody & { data?: unknown; file?: ReplyFile }

/** A mistake the user can fix: shown to them alone, never logged as a bug. */
export class UserError extends Error {
  override name = 'UserError'
  constructor(readonly text: Localised) {
    super(text.en)
  }
}
