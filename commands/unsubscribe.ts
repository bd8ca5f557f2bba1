// /unsubscribe <topic>: stops this channel's daily digest of a topic.
import { notice, resolveTopic, suggestTopics, topicName, topicOption } from './shared.js'
import { UserError, type CommandDefinition, type CommandServices, type Invoker, type Suggestion } from './types.js'

/** Only the topics this channel is subscribed to. */
async function suggestSubscribedTopics(typed: string, services: CommandServices, invoker: Invoker): Promise<Suggestion[]> {
  const all = await suggestTopics(services, typed, invoker)
  const subscribed = new Set((await services.store.subscriptions.listForChannel(invoker.channelKey)).map((s) => s.topic))
  return all.filter((s) => subscribed.has(s.value))
}

export const unsubscribeCommand: CommandDefinition = {
  name: 'unsubscribe',
  description: { en: "Stop this channel's daily digest of a topic", ja: 'このチャンネルのトピックの日次ダイジェストを停止' },
  options: [topicOption(true)],
  managerOnly: true,
  channelOnly: true,
  async run({ options, invoker }, services) {
    const lang = invoker.locale
    const topic = await resolveTopic(services, options.topic as string, invoker)
    const name = topicName(services, topic, lang)
    if (!(await services.store.subscriptions.remove(invoker.channelKey, topic))) {
      throw new UserError({
        en: `This channel is not subscribed to ${name}; /subscriptions lists what it gets.`,
        ja: `このチャンネルは「${topicName(services, topic, 'ja')}」を登録していません。登録内容は /subscriptions で確認できます。`,
      })
    }
    const text = lang === 'ja' ? `このチャンネルへの「${name}」のダイジェスト配信を停止しました。` : `Unsubscribed: this channel no longer gets the ${name} digest.`
    return notice('ok', text, false)
  },
  async suggest(_option, typed, services, invoker) {
    return suggestSubscribedTopics(typed, services, invoker)
  },
}
