// /digest [topic] [lang]: the top stories of the last day, now. Scheduled digests keep their own history: asking
// for one here neither uses nor changes it.
import { composeDigest } from '../src/services/digest.js'
import { langOption, replyLang, resolveTopic, suggestTopics, topicOption } from './shared.js'
import type { CommandDefinition } from './types.js'

const DAY = 86_400_000

export const digestCommand: CommandDefinition = {
  name: 'digest',
  description: { en: "Today's top stories, summarised with their sources", ja: '直近の主なニュースを情報源つきで要約' },
  options: [topicOption(false), langOption],
  slow: true,
  async run({ options, invoker, now }, services) {
    const lang = replyLang(options, invoker)
    const topics = options.topic ? [resolveTopic(services, options.topic as string)] : services.config.topics.map((t) => t.id)
    const digest = await composeDigest(services.digest, {
      channel: invoker.channelKey,
      topics,
      lang,
      now,
      since: new Date(now.getTime() - DAY),
      ignoreHistory: true,
    })
    return { kind: 'digest', ephemeral: false, digest, topics: services.config.topics }
  },
  async suggest(_option, typed, services, invoker) {
    return suggestTopics(services, typed, invoker.locale)
  },
}
