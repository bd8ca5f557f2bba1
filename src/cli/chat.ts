// `newsbot start` connects to whichever chat platforms have tokens; without any it says chat is off. A platform's
// SDK is loaded only when its token is set: console mode loads neither. Connecting goes on in the background, with
// retries while a platform cannot be reached, so polling and clustering never wait for chat.
import type { AppContext } from '../app/context.js'
import { PageCache } from '../8-deliver/page-cache.js'
import { keepConnecting, type Connection } from './reconnect.js'

export interface ChatConnections {
  /** The platforms with tokens, connected or still trying. */
  platforms: string[]
  stop(): Promise<void>
}

/** What to try in the terminal now: the curated history answers before any feed was read; a digest needs stories. */
function consoleHint(curated: boolean): string {
  const digest = '`npx newsbot run digest` once feeds have been read'
  return curated ? `Try \`npx newsbot run timeline\` or \`npx newsbot run ceasefire-status\` now (curated history), and ${digest}` : `Try ${digest}`
}

export async function connectChat(ctx: AppContext): Promise<ChatConnections> {
  const { env, log } = ctx
  const pages = new PageCache()
  const connections: Connection[] = []
  const platforms: string[] = []
  if (env.DISCORD_TOKEN) {
    const token = env.DISCORD_TOKEN
    const { startDiscordBot, refusedByDiscord } = await import('../8-deliver/discord/bot.js')
    const connect = () => startDiscordBot({ token, services: ctx, log, managerRole: env.NEWSBOT_MANAGER_ROLE ?? null, pages, restApi: env.DISCORD_API_URL, shards: env.DISCORD_SHARDS })
    connections.push(keepConnecting('discord', connect, { log, refused: refusedByDiscord, connected: () => log.info('chat connected', { platform: 'discord' }) }))
    platforms.push('discord')
  }
  if (env.SLACK_BOT_TOKEN) {
    const botToken = env.SLACK_BOT_TOKEN
    const { startSlackApp, refusedBySlack } = await import('../8-deliver/slack/app.js')
    const connect = () =>
      startSlackApp({
        botToken,
        mode: env.SLACK_MODE,
        appToken: env.SLACK_APP_TOKEN,
        signingSecret: env.SLACK_SIGNING_SECRET,
        port: env.SLACK_PORT,
        adminsOnly: env.SLACK_ADMINS_ONLY,
        services: ctx,
        log,
        pages,
        apiUrl: env.SLACK_API_URL,
      })
    const connected = (app: Awaited<ReturnType<typeof connect>>) => log.info('chat connected', { platform: app.port === null ? 'slack (Socket Mode)' : `slack (HTTP on port ${app.port})` })
    connections.push(keepConnecting('slack', connect, { log, refused: refusedBySlack, connected }))
    platforms.push('slack')
  }
  if (platforms.length > 0) log.info('chat connecting', { platforms: platforms.join(', ') })
  else log.info(`chat is off: no DISCORD_TOKEN or SLACK_BOT_TOKEN set, running in console mode (polling and storing). ${consoleHint(ctx.baseline.length > 0)}`)
  return {
    platforms,
    stop: async () => {
      await Promise.allSettled(connections.map((c) => c.stop()))
    },
  }
}
