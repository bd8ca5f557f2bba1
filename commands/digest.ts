// /digest [topic] [lang] [since]: the top stories of the last day (or since a date), now. Scheduled digests keep their
// own history: asking for one here neither uses nor changes it. `newsbot digest` is this command in the terminal.
// explain:true answers instead why each story is in or out of the channel's next digest (digest-explain.ts).
import { composeDigest, digestJson } from '../src/services/digest.js'
import { explainReply, subscriptionToExplain } from './digest-explain.js'
import { langOption, parseDateOption, replyLang, resolveTopic, suggestTopics, topicOption } from './shared.js'
import { UserError, type CommandDefinition } from './types.js'

const DAY = 86_400_000

function sinceOption(value: unknown, now: Date): Date {
  if (typeof value !== 'string') return new Date(now.getTime() - DAY)
  const since = parseDateOption('since', value)
  if (since > now) {
    throw new UserError({ en: 'Option "since" is in the future; give today or an earlier date.', ja: 'オプション「since」が未来の日付です。今日以前の日付を指定してください。' })
  }
  return since
}

export const digestCommand: CommandDefinition = {
  name: 'digest',
  description: { en: "Today's top stories, summarised with their sources", ja: '直近の主なニュースを情報源つきで要約' },
  options: [
    topicOption(false),
    langOption,
    {
      name: 'since',
      type: 'string',
      description: { en: 'Stories since this day, YYYY-MM-DD (default: the last 24 hours)', ja: 'この日以降のニュース YYYY-MM-DD（既定: 直近24時間）' },
      maxLength: 40,
    },
    {
      name: 'explain',
      type: 'boolean',
      description: { en: "Say why each story is in or out of this channel's digest (just to you)", ja: 'このチャンネルのダイジェストに各記事が載る・載らない理由（あなたにだけ表示）' },
    },
  ],
  slow: true,
  async run({ options, invoker, now }, services) {
    const lang = replyLang(options, invoker)
    const topic = options.topic ? await resolveTopic(services, options.topic as string, invoker) : null
    const topics = topic ? [topic] : services.config.topics.map((t) => t.id)
    if (options.explain === true) {
      const subscription = await subscriptionToExplain(services, invoker, topic)
      // The scheduled digest starts where the last one ended, unless `since` says otherwise.
      const since = options.since === undefined && subscription ? undefined : sinceOption(options.since, now)
      const request = subscription
        ? { channel: invoker.channelKey, topics: [subscription.topic], lang, now, since }
        : { channel: invoker.channelKey, topics, lang, now, since, ignoreHistory: true }
      return explainReply(services, subscription, request, lang)
    }
    const digest = await composeDigest(services.digest, {
      channel: invoker.channelKey,
      topics,
      lang,
      now,
      since: sinceOption(options.since, now),
      ignoreHistory: true,
    })
    return { kind: 'digest', ephemeral: false, digest, topics: services.config.topics, data: digestJson(digest) }
  },
  async suggest(_option, typed, services, invoker) {
    return suggestTopics(services, typed, invoker)
  },
}
