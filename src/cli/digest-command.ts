// `newsbot digest`: prints the digest a channel would get now, without recording it as sent.
import type { AppContext } from '../app/context.js'
import type { DigestLanguage } from '../6-summarise/types.js'
import { renderConsoleDigest } from '../8-deliver/console/render-digest.js'
import { composeDigest, digestJson } from '../services/digest.js'
import { print } from './format.js'
import { checkTopic, parseSince, UsageError } from './ingest-commands.js'

const LANGS: DigestLanguage[] = ['en', 'ja']

export async function printDigest(
  ctx: AppContext,
  opts: { topic?: string; since?: string; lang?: string; channel?: string; json?: boolean },
): Promise<number> {
  const lang = (opts.lang ?? 'en') as DigestLanguage
  if (!LANGS.includes(lang)) throw new UsageError(`--lang: "${opts.lang}" is not a digest language (use en or ja)`)
  const topic = checkTopic(ctx, opts.topic)
  const digest = await composeDigest(ctx.digest, {
    channel: opts.channel ?? 'console',
    topics: topic ? [topic] : ctx.config.topics.map((t) => t.id),
    lang,
    now: new Date(),
    since: parseSince(opts.since),
  })
  print(opts.json ? JSON.stringify(digestJson(digest), null, 2) : renderConsoleDigest(digest, { topics: ctx.config.topics }))
  return 0
}
