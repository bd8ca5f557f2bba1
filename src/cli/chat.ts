// `newsbot start` connects to whichever chat platforms have tokens; without any it says chat is off. A platform's
// SDK is loaded only when its token is set: console mode loads neither.
import type { AppContext } from '../app/context.js'
import { PageCache } from '../8-deliver/page-cache.js'

export interface ChatConnections {
  platforms: string[]
  stop(): Promise<void>
}

export async function connectChat(ctx: AppContext): Promise<ChatConnections> {
  const { env, log } = ctx
  const pages = new PageCache()
  const stops: (() => Promise<void>)[] = []
  const platforms: string[] = []
  if (env.DISCORD_TOKEN) {
    const { startDiscordBot } = await import('../8-deliver/discord/bot.js')
    const bot = await startDiscordBot({ token: env.DISCORD_TOKEN, services: ctx, log, managerRole: env.NEWSBOT_MANAGER_ROLE ?? null, pages, restApi: env.DISCORD_API_URL, shards: env.DISCORD_SHARDS })
    stops.push(bot.stop)
    platforms.push('discord')
  }
  if (env.SLACK_BOT_TOKEN) {
    const { startSlackApp } = await import('../8-deliver/slack/app.js')
    const app = await startSlackApp({
      botToken: env.SLACK_BOT_TOKEN,
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
    stops.push(app.stop)
    platforms.push(env.SLACK_MODE === 'http' ? `slack (HTTP on port ${app.port})` : 'slack (Socket Mode)')
  }
  if (platforms.length > 0) log.info('chat connected', { platforms: platforms.join(', ') })
  else log.info('chat is off: no DISCORD_TOKEN or SLACK_BOT_TOKEN set, running in console mode (polling and storing; try `npx newsbot run digest`)')
  return {
    platforms,
    stop: async () => {
      await Promise.allSettled(stops.map((stop) => stop()))
    },
  }
}
