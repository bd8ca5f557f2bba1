// newsbot's command line: commands parse their options and hand off to controllers, each loaded only when its
// command runs (`newsbot --help` loads commander and this file, nothing else); errors become one clear line.
import { existsSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import type { AppContext, ContextOptions } from '../app/context.js'

type Action = (ctx: AppContext) => Promise<number>

/** Commands that only read: the store must be migrated already, and nothing is written. */
const READS: ContextOptions = { access: 'read' }
/** Commands that poll, cluster or deliver: one at a time per store, each waiting its turn. */
const WRITES: ContextOptions = { access: 'write', lock: 'exclusive' }
/** PostgreSQL workers (and `deliver`, which does what their clock job does) share a turn; with SQLite they take one. */
const WRITES_BESIDE_WORKERS: ContextOptions = { access: 'write', lock: 'shared' }
/** Commands that answer chat commands check the curated chronology at start, as they check the environment. */
const SERVES: ContextOptions = { ...WRITES, checkChronology: true }

async function withContext(options: ContextOptions, action: Action): Promise<void> {
  const { createAppContext } = await import('../app/context.js')
  const ctx = await createAppContext(process.env, options)
  try {
    process.exitCode = await action(ctx)
  } finally {
    await ctx.close()
  }
}

const program = new Command()
  .name('newsbot')
  .description('Sourced stories, digests, timeline and ceasefire status for US–Russia and Ukraine-war news')
  .showHelpAfterError()
  .exitOverride()
  // An option belongs to the command it follows: `feeds import FILE --json` is import's --json, not the feeds table's.
  .enablePositionalOptions()

program
  .command('start')
  .description('run the bot: poll feeds on schedule (and connect to chat when tokens are set)')
  .action(() => withContext(SERVES, async (ctx) => (await import('./start.js')).runPoller(ctx, 'start')))

program
  .command('poll')
  .description('poll the configured feeds (keeps polling unless --once)')
  .option('--once', 'poll every feed once, print a per-feed table and exit')
  .option('--json', 'print JSON')
  .action((opts: { once?: boolean; json?: boolean }) =>
    withContext(WRITES, async (ctx) => (opts.once ? (await import('./ingest-commands.js')).pollOnce(ctx, opts) : (await import('./start.js')).runPoller(ctx, 'poll'))),
  )

program
  .command('ingest')
  .description('ingest feeds given as http(s) URLs or local files, as if they were configured')
  .argument('<source...>', 'feed URLs or files')
  .option('--json', 'print JSON')
  .action((sources: string[], opts: { json?: boolean }) => withContext(WRITES, async (ctx) => (await import('./ingest-commands.js')).ingest(ctx, sources, opts)))

program
  .command('items')
  .description('list stored items, newest first')
  .option('--topic <topic>', 'only items tagged with this topic')
  .option('--since <date>', 'only items published at or after this date (YYYY-MM-DD or ISO 8601)')
  .option('--limit <n>', 'at most this many items')
  .option('--json', 'print JSON')
  .action((opts) => withContext(READS, async (ctx) => (await import('./ingest-commands.js')).listItems(ctx, opts)))

const feeds = program
  .command('feeds')
  .description('show feed health: last poll, errors, backoff, item counts; `feeds export`/`feeds import` move the list as OPML')
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean }) => withContext(READS, async (ctx) => (await import('./ingest-commands.js')).feedHealth(ctx, opts)))

feeds
  .command('export')
  .description('write every feed as OPML 2.0 (title, xmlUrl, language, kind as category), to stdout or --out FILE')
  .option('--out <file>', 'write the OPML to this file instead of stdout')
  .action((opts: { out?: string }) => withContext(READS, async (ctx) => (await import('./feeds-commands.js')).exportFeeds(ctx, opts)))

// Small writes beside a running bot, as `newsbot run feeds add` makes: no exclusive lock to wait for.
feeds
  .command('import')
  .description('add the feeds of an OPML file that are not followed yet, each read once first; prints what became of each')
  .argument('<file>', 'OPML file (exported by newsbot or another feed reader)')
  .option('--json', 'print JSON')
  .action((file: string, opts: { json?: boolean }) => withContext({ access: 'write' }, async (ctx) => (await import('./feeds-commands.js')).importFeeds(ctx, file, opts)))

feeds
  .command('resume')
  .description('poll a paused feed again at the next round (a running newsbot start or poll picks it up)')
  .argument('<url>', 'the paused feed’s URL, as newsbot feeds shows it')
  .option('--json', 'print JSON')
  .action((url: string, opts: { json?: boolean }) => withContext({ access: 'write' }, async (ctx) => (await import('./ingest-commands.js')).resumeFeedCommand(ctx, url, opts)))

program
  .command('stories')
  .description('list stories: items about one event folded together across outlets and languages')
  .option('--topic <topic>', 'only stories on this topic')
  .option('--since <date>', 'only stories with coverage at or after this date (YYYY-MM-DD or ISO 8601)')
  .option('--limit <n>', 'at most this many stories')
  .option('--json', 'print JSON')
  .action((opts) => withContext(READS, async (ctx) => (await import('./story-commands.js')).listStories(ctx, opts)))

program
  .command('story')
  .description('show one story with all its sources')
  .argument('<id>', 'story id')
  .option('--json', 'print JSON')
  .action((id: string, opts: { json?: boolean }) => withContext(READS, async (ctx) => (await import('./story-commands.js')).showStory(ctx, id, opts)))

program
  .command('digest')
  .description('print the digest /digest answers in chat (the same as `newsbot run digest`): top stories of the last 24 hours, without sending it')
  .argument('[options...]', "options as in chat: --topic T, --lang en|ja, --since YYYY-MM-DD, --explain (why each story is in or out of the console channel's next digest)")
  .option('--json', 'print JSON')
  .allowUnknownOption()
  .action(async (words: string[], opts: { json?: boolean }) => {
    const chat = await import('./chat-commands.js')
    await withContext(READS, (ctx) => chat.runChatCommand(ctx, 'digest', words, opts))
  })

program
  .command('subscriptions')
  .description("list every channel's subscriptions: schedule, alerts, paused (and why), next delivery")
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean }) => withContext(READS, async (ctx) => (await import('./delivery.js')).listSubscriptions(ctx, opts)))

program
  .command('deliver')
  .description('plan the digests and alerts due now and send everything waiting, once (what `start` does every minute)')
  .option('--at <time>', 'plan as if it were this ISO 8601 time (to try a schedule); sending happens now')
  .option('--json', 'print JSON')
  .action((opts: { json?: boolean; at?: string }) => withContext(WRITES_BESIDE_WORKERS, async (ctx) => (await import('./delivery.js')).deliverOnce(ctx, opts)))

program
  .command('worker')
  .description('PostgreSQL only: one of N processes sharing feed polls, the digest clock and deliveries through pg-boss jobs')
  .option('--chat', 'also answer chat commands here (run it on one worker: each chat connection gets every command)')
  .action((opts: { chat?: boolean }) => withContext(opts.chat ? { ...SERVES, ...WRITES_BESIDE_WORKERS } : WRITES_BESIDE_WORKERS, async (ctx) => (await import('./worker.js')).runWorker(ctx, opts)))

program
  .command('run')
  .description('answer a chat command in the terminal, as chat would, e.g. `newsbot run timeline --from 2025-01-01`')
  .argument('[command]', 'command name as in chat: timeline, ceasefire-status, digest, story, search, subscribe, …; `run --help` lists them, `run COMMAND --help` shows its options')
  .argument('[options...]', 'options as in chat: --name value or name:value; required ones may be given as plain words')
  .option('--json', 'print the reply as JSON (the neutral reply every platform renders)')
  .option('--limit <n>', 'print at most this many entries (default: as many as chat shows on a page)')
  .allowUnknownOption()
  .helpOption(false)
  .action(async (name: string | undefined, words: string[], opts: { json?: boolean; limit?: string }) => {
    const chat = await import('./chat-commands.js')
    if (name === undefined || chat.asksForHelp(name, words)) return void (process.exitCode = chat.printChatHelp(name, words))
    // One answer, like any other command: the chronology is read (and checked) only if the command uses it.
    await withContext({ access: chat.chatCommandAccess(name, words) }, (ctx) => chat.runChatCommand(ctx, name, words, opts))
  })

program
  .command('register-commands')
  .description("register the slash commands with Discord (DISCORD_TOKEN); --guild for one server, at once")
  .option('--guild <id>', 'register in this server only (instant) instead of globally')
  .action(async (opts: { guild?: string }) => {
    const [{ readEnv }, { registerCommands }] = await Promise.all([import('../config/env.js'), import('./chat-commands.js')])
    process.exitCode = await registerCommands(readEnv(), opts)
  })

program
  .command('discord-commands')
  .description("print Discord's application-command JSON, as register-commands sends it")
  .action(async () => void (process.exitCode = (await import('./chat-commands.js')).printDiscordCommands()))

program
  .command('slack-manifest')
  .description('print the Slack app manifest (paste it at api.slack.com/apps → Create New App → From a manifest)')
  .option('--request-url <url>', 'HTTP mode: the public https URL of /slack/events (default: Socket Mode)')
  .option('--name <name>', 'app and bot name', 'newsbot')
  .action(async (opts: { requestUrl?: string; name?: string }) => void (process.exitCode = (await import('./chat-commands.js')).printSlackManifest(opts)))

program
  .command('chronology')
  .description('the curated chronology behind /timeline and /ceasefire-status')
  .command('validate [file]')
  .description('check a chronology file (default: the shipped one); prints each problem with its row, exit 1 if any')
  .action(async (file?: string) => void (process.exitCode = (await import('./chronology-command.js')).validateChronology(file)))

/**
 * Mistakes the user can fix (bad usage or configuration, a second bot on one database): one line, exit 2. Known by
 * name, because importing their classes here would load what only some commands need.
 */
const USER_MISTAKES = new Set(['ConfigError', 'UsageError', 'AlreadyRunningError', 'DatabaseUrlError', 'StoreNotReadyError'])

function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file)
}

async function main(argv: string[]): Promise<void> {
  loadDotEnv()
  try {
    await program.parseAsync(argv)
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2
      return
    }
    // Messages may quote a URL given by the user or a driver, with its password.
    const { redactSecrets } = await import('../redact.js')
    const say = (text: string) => process.stderr.write(`${redactSecrets(text)}\n`)
    if (err instanceof Error && USER_MISTAKES.has(err.name)) {
      say(`newsbot: ${err.message}`)
      process.exitCode = 2
      return
    }
    say(`newsbot: ${err instanceof Error ? err.message : String(err)}`)
    if (process.env.NEWSBOT_LOG_LEVEL === 'debug' && err instanceof Error) say(`${err.stack}`)
    process.exitCode = 1
  }
}

await main(process.argv)
