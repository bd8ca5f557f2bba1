// /story <id>: one story with every source, in publication order, near-copies marked.
import { digestStrings, localiseUpdateReason } from '../src/i18n/strings.js'
import { formatDay, formatDays, langOption, MAX_RECORD_ID, replyLang } from './shared.js'
import { UserError, type CommandDefinition, type ReplyLine } from './types.js'

export const storyCommand: CommandDefinition = {
  name: 'story',
  description: { en: 'Show one story with all its sources', ja: 'ひとつのストーリーとすべての情報源を表示' },
  options: [{ name: 'id', type: 'integer', description: { en: 'Story number, as shown after #', ja: 'ストーリー番号（# の後の数字）' }, required: true, min: 1, max: MAX_RECORD_ID }, langOption],
  async run({ options, invoker }, services) {
    const lang = replyLang(options, invoker)
    const id = options.id as number
    const story = await services.store.stories.get(id)
    if (!story) throw new UserError({ en: `There is no story #${id}.`, ja: `ストーリー #${id} はありません。` })
    const strings = digestStrings(lang)
    const intro: ReplyLine[] = [[{ text: `${strings.outlets(story.outletCount, story.languages)} · ${formatDays(story.firstPublishedAt, story.lastPublishedAt, lang)}` }]]
    const reason = story.updateReason && localiseUpdateReason(story.updateReason, strings)
    if (reason) intro.push([{ text: `${strings.updated}: ${reason}` }])
    return {
      kind: 'entries',
      ephemeral: false,
      title: `#${story.id} ${story.headlines[lang]?.title ?? story.title}`,
      intro,
      entries: story.items.map((item) => {
        const kind = item.sourceKind in strings.sourceKinds ? strings.sourceKinds[item.sourceKind as keyof typeof strings.sourceKinds] : item.sourceKind
        return {
          title: item.title,
          url: item.url,
          highlight: item.sourceKind === 'state-media',
          lines: item.duplicateOf ? [[{ text: lang === 'ja' ? '同文配信: ' : 'Copy of: ' }, { text: item.duplicateOf, url: item.duplicateOf }]] : [],
          footer: `${item.source} · ${kind} · ${item.language} · ${formatDay(item.publishedAt, lang)}`,
        }
      }),
      empty: lang === 'ja' ? '記事がありません。' : 'No items.',
      pageSize: 8,
    }
  },
}
