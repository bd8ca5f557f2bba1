// /search <query>: stories whose headlines contain every word of the query, in any case and any script, newest
// first. Words are matched inside titles (Japanese has no spaces between words): "停戦" finds "停戦協議".
import { storyEntry } from './shared.js'
import type { CommandDefinition } from './types.js'

export const SEARCH_LIMIT = 50

export const searchCommand: CommandDefinition = {
  name: 'search',
  description: { en: 'Find stories whose headlines contain all the words', ja: '見出しにすべての語を含むニュースを検索' },
  options: [
    {
      name: 'query',
      type: 'string',
      description: { en: 'Words to find, e.g. Black Sea ceasefire or 停戦', ja: '探す語（例: 停戦、Black Sea）' },
      required: true,
      minLength: 2,
      maxLength: 200,
    },
  ],
  async run({ options, invoker }, services) {
    const lang = invoker.locale
    const query = options.query as string
    // One more than shown, to know whether there are more.
    const found = await services.store.stories.search(query.split(/\s+/u), SEARCH_LIMIT + 1)
    const shown = found.slice(0, SEARCH_LIMIT)
    const more = found.length > SEARCH_LIMIT
    const count =
      lang === 'ja'
        ? `${more ? `${SEARCH_LIMIT}件以上` : `${shown.length}件`}（新しい順）${more ? '。語を増やすと絞り込めます。' : ''}`
        : `${more ? `More than ${SEARCH_LIMIT}` : shown.length} ${shown.length === 1 ? 'story' : 'stories'}, newest first${more ? '; add words to narrow the search' : ''}.`
    return {
      kind: 'entries',
      ephemeral: true,
      title: lang === 'ja' ? `検索:「${query}」` : `Search: “${query}”`,
      intro: shown.length > 0 ? [[{ text: count }]] : [],
      entries: shown.map((s) => storyEntry(s, lang)),
      empty: lang === 'ja' ? `「${query}」を含むニュースは見つかりませんでした。` : `No stories contain all of “${query}”.`,
      pageSize: 10,
    }
  },
}
