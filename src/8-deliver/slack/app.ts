// The Slack front end: one real Bolt App, Socket Mode by default (no public URL needed) or Slack's HTTP requests
// on /slack/events (signed, dated within five minutes of our clock, each taken once: signed-requests.ts).
// `/newsbot <command> …` is acknowledged at once and answered through the command's response_url; page buttons
// turn pages in place.
//
// Why respond() rather than chat.postMessage: the response_url answers in the channel the command came from even
// when the bot is not a member, in DMs and in private channels, without extra scopes; it takes five messages within
// 30 minutes, which covers a long digest and a slow command.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { App, type AppOptions, type RespondArguments, type RespondFn, type SlashCommand, type webApi } from '@slack/bolt'
import { runCommand } from '../../../commands/run.js'
import { notice } from '../../../commands/shared.js'
import type { CommandServices, Invoker, Lang, Reply, ReplyFile } from '../../../commands/types.js'
import { UserError } from '../../../commands/types.js'
import type { Logger } from '../../log.js'
import { PageCache, pageRefusal, parsePageButtonId } from '../page-cache.js'
import { paginate } from '../reply-pages.js'
import { boltLogger } from './bolt-logger.js'
import { helpReply } from '../../../commands/help.js'
import { needsManager, parseSlackCommand } from './command-text.js'
import { SlackDirectory } from './directory.js'
import { screenedReceiver } from './signed-requests.js'
import { renderSlackPage, renderSlackReply, type SlackReplyBody } from './render-reply.js'

export interface SlackAppOptions {
  botToken: string
  mode: 'socket' | 'http'
  /** Socket Mode: the app-level token (xapp-…, connections:write). */
  appToken?: string
  /** HTTP mode: verifies that requests come from Slack. */
  signingSecret?: string
  /** HTTP mode; 0 picks a free port (tests). */
  port?: number
  host?: string
  /** Only workspace admins and owners may change subscriptions and feeds (else: members of the channel). */
  adminsOnly: boolean
  services: CommandServices
  log: Logger
  /** Shared with the Discord bot so that one cache bounds memory. */
  pages?: PageCache
  /** tests: fake Web API root */
  apiUrl?: string
}

export interface SlackAppHandle {
  stop(): Promise<void>
  /** HTTP mode: the port listened on; null in Socket Mode. */
  port: number | null
}

/**
 * A couple of quick retries for 5xx and network errors; on 429 the WebClient itself first waits for Retry-After.
 * The WebClient's default retries for about 30 minutes, which would keep a command's answer (and a test) hanging.
 */
const RETRY = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000, randomize: false }
/** Per request to Slack (Web API and response_url): a stuck connection fails instead of holding the handler. */
const REQUEST_TIMEOUT_MS = 20_000
/** Slack accepts five uses of a response_url. */
const MAX_RESPONSES = 5
const DEFAULT_PORT = 3000

const TEXT = {
  unknown: (name: string, slash: string): Record<Lang, string> => ({
    en: `There is no "${name}" command; \`${slash} help\` lists them.`,
    ja: `「${name}」というコマンドはありません。\`${slash} help\` で一覧を表示します。`,
  }),
  uploadFailed: (name: string): Record<Lang, string> => ({
    en: `Could not post ${name} here: invite the bot to this channel (/invite), and check that the app has the files:write scope.`,
    ja: `${name} をここに投稿できませんでした。ボットをこのチャンネルに招待し（/invite）、アプリに files:write 権限があるか確認してください。`,
  }),
}


/** The body as Bolt's respond() takes it: our block JSON is a subset of Slack's, which Bolt types as KnownBlock. */
const respondArgs = (body: SlackReplyBody, extra: Partial<RespondArguments> = {}) => ({ ...body, ...extra }) as RespondArguments

function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) }
  const coded = err as Error & { code?: string; statusCode?: number }
  return { error: err.message, ...(coded.code && { code: coded.code }), ...(coded.statusCode && { status: coded.statusCode }) }
}

function boltOptions(options: SlackAppOptions): AppOptions {
  const fetchWithTimeout: typeof fetch = (url, init) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: RETRY,
    timeout: REQUEST_TIMEOUT_MS,
    fetch: fetchWithTimeout,
    ...(options.apiUrl && { slackApiUrl: options.apiUrl }),
  }
  // Initialised by startSlackApp, so that a Slack out of reach fails the start (to be retried) instead of leaving
  // the App with a failed token check that every later command would meet.
  const common: AppOptions = { token: options.botToken, logger: boltLogger(options.log), clientOptions, deferInitialization: true }
  if (options.mode === 'http') {
    if (!options.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET')
    return { ...common, receiver: screenedReceiver(options.signingSecret, options.log) }
  }
  if (!options.appToken) throw new Error('Slack Socket Mode needs SLACK_APP_TOKEN (xapp-…)')
  // The Socket Mode client builds its own WebClient (apps.connections.open) from installerOptions.clientOptions.
  return { ...common, socketMode: true, appToken: options.appToken, installerOptions: { clientOptions } }
}

export async function startSlackApp(options: SlackAppOptions): Promise<SlackAppHandle> {
  const { services, log, adminsOnly } = options
  const pages = options.pages ?? new PageCache()
  const app = new App(boltOptions(options))
  const directory = new SlackDirectory(app.client, log)

  /**
   * A reply's file, shared in the channel (files.getUploadURLExternal, the upload, files.completeUploadExternal):
   * a response_url carries no files. A channel the bot is not in refuses it, and the user is told so.
   */
  async function upload(respond: RespondFn, file: ReplyFile, channelId: string, lang: Lang): Promise<void> {
    try {
      await app.client.filesUploadV2({ channel_id: channelId, content: file.text, filename: file.name, title: file.name })
    } catch (err) {
      log.warn('slack: could not upload a file', { channel: channelId, file: file.name, ...errorFields(err) })
      const [message] = renderSlackReply(notice('error', TEXT.uploadFailed(file.name)[lang]))
      await respond(respondArgs(message!))
    }
  }

  /** Sends the reply's bodies through the response_url; an entries reply of several pages is cached for its buttons. */
  async function deliver(respond: RespondFn, reply: Reply, userId: string, channelId: string, lang: Lang): Promise<void> {
    let token: string | null = null
    if (reply.kind === 'entries') {
      const all = paginate(reply)
      if (all.length > 1) token = pages.put({ pages: all, userId, ephemeral: reply.ephemeral })
    }
    const bodies = renderSlackReply(reply, { token, lang })
    if (bodies.length > MAX_RESPONSES) log.warn('slack: reply cut to the five messages a response_url takes', { messages: bodies.length })
    for (const body of bodies.slice(0, MAX_RESPONSES)) await respond(respondArgs(body))
    if (reply.file) await upload(respond, reply.file, channelId, lang)
  }

  async function invoker(command: SlashCommand, manager: boolean): Promise<Invoker> {
    const inDirectMessage = command.channel_id.startsWith('D') || command.channel_name === 'directmessage'
    const user = await directory.user(command.user_id)
    let canManage = false
    // Asked only for commands that need it: conversations.members is paged and rate-limited.
    if (manager) {
      // A DM has no channel whose members could vouch for a change to shared state (feeds), so only admins may.
      if (adminsOnly || inDirectMessage) canManage = !!user?.isAdmin
      else canManage = await directory.isChannelMember(command.channel_id, command.user_id)
    }
    return {
      platform: 'slack',
      channelKey: `slack:${command.team_id}:${command.channel_id}`,
      channelId: command.channel_id,
      workspaceId: command.team_id || null,
      userId: command.user_id,
      inDirectMessage,
      canManage,
      locale: user?.locale ?? 'en',
    }
  }

  const userLang = async (userId: string): Promise<Lang> => (await directory.user(userId))?.locale ?? 'en'

  /** The reply to a slash command: the user's mistakes become notices, the command core handles the rest. */
  async function replyTo(command: SlashCommand): Promise<{ reply: Reply; lang: Lang }> {
    let parsed: ReturnType<typeof parseSlackCommand>
    try {
      parsed = parseSlackCommand(command.text ?? '')
    } catch (err) {
      if (!(err instanceof UserError)) throw err
      const lang = await userLang(command.user_id)
      return { reply: notice('error', err.text[lang]), lang }
    }
    if (parsed.kind === 'help') {
      const lang = await userLang(command.user_id)
      return { reply: helpReply(command.command, lang), lang }
    }
    if (!parsed.def) {
      const lang = await userLang(command.user_id)
      return { reply: notice('error', TEXT.unknown(parsed.command, command.command)[lang]), lang }
    }
    const who = await invoker(command, needsManager(parsed.def, parsed.subcommand))
    const reply = await runCommand({ command: parsed.command, subcommand: parsed.subcommand, options: parsed.options, invoker: who }, services)
    return { reply, lang: who.locale }
  }

  async function answer(command: SlashCommand, respond: RespondFn): Promise<void> {
    try {
      const { reply, lang } = await replyTo(command)
      await deliver(respond, reply, command.user_id, command.channel_id, lang)
    } catch (err) {
      // Typically the response_url refused (500, expired) or Slack was unreachable: nothing more can be said to the user.
      log.error('slack: could not answer a command', {
        command: command.command,
        text: command.text,
        channel: `slack:${command.team_id}:${command.channel_id}`,
        user: command.user_id,
        ...errorFields(err),
      })
    }
  }

  // Any slash command Slack routes here is ours: Slack sends only the commands in this app's manifest, and an
  // operator may have renamed /newsbot there when the name was taken.
  app.command(/^/, async ({ ack, command, respond }) => {
    await ack()
    if (!command.response_url) {
      log.warn('slack: slash command without a response_url; nothing to answer to', { command: command.command, team: command.team_id, user: command.user_id })
      return
    }
    await answer(command, respond)
  })

  app.action({ type: 'block_actions' }, async ({ ack, action, body, respond }) => {
    await ack()
    // Only page buttons are ours; anything else (another app's leftovers, replayed payloads) is acknowledged and dropped.
    const id = 'action_id' in action ? parsePageButtonId(action.action_id) : null
    if (!id || !body.response_url) return
    try {
      const lang = await userLang(body.user.id)
      const stored = pages.get(id.token)
      const refusal = pageRefusal(stored, body.user.id)
      if (!stored || refusal) {
        const [message] = renderSlackReply(notice('info', refusal![lang]))
        await respond(respondArgs(message!, { replace_original: false }))
        return
      }
      const page = stored.pages[Math.min(Math.max(1, id.page), stored.pages.length) - 1]!
      await respond(respondArgs(renderSlackPage(page, stored.ephemeral, id.token, lang), { replace_original: true }))
    } catch (err) {
      log.error('slack: could not turn a page', { action: action.type, user: body.user.id, channel: body.channel?.id, ...errorFields(err) })
    }
  })

  // Errors that escape a listener (or Bolt's own middleware) are logged; Bolt keeps serving.
  app.error(async (error) => {
    log.error('slack: unhandled error in Bolt', errorFields(error))
  })

  const stop = () => app.stop().then(() => undefined)
  try {
    await app.init()
    if (options.mode === 'http') {
      const server = (await app.start({ port: options.port ?? DEFAULT_PORT, ...(options.host && { host: options.host }) })) as Server
      return { port: (server.address() as AddressInfo).port, stop }
    }
    await app.start()
    return { port: null, stop }
  } catch (error) {
    // Socket Mode may have begun connecting; nothing of this App may linger beside the next attempt's.
    await stop().catch(() => undefined)
    throw error
  }
}

/** Slack errors that mean a token is wrong or revoked: connecting again cannot help. */
const REFUSALS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type'])

export function refusedBySlack(error: unknown): boolean {
  const platform = error as { code?: string; data?: { error?: string } }
  return platform?.code === 'slack_webapi_platform_error' && REFUSALS.has(platform.data?.error ?? '')
}
