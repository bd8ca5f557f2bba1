// /topics: what newsbot follows, with the ids to pass to /subscribe, /digest and /timeline.
import { langOption, replyLang } from './shared.js'
import type { CommandDefinition } from './types.js'

export const topicsCommand: CommandDefinition = {
  name: 'topics',
  description: { en: 'List the topics newsbot follows', ja: 'ニュースボットが追っているトピックの一覧' },
  options: [langOption],
  async run({ options, invoker }, services) {
    const lang = replyLang(options, invoker)
    return {
      kind: 'entries',
      ephemeral: true,
      title: lang === 'ja' ? 'トピック' : 'Topics',
      entries: services.config.topics.map((t) => ({ title: t.name[lang], lines: [[{ text: t.description[lang] }]], footer: t.id })),
      empty: lang === 'ja' ? 'トピックが設定されていません。' : 'No topics are configured.',
    }
  },
}
