// /search <query>: stories and curated history whose headlines contain every word of the query, newest first. A word
// matches in any case and script, inside titles (Japanese has no spaces between words: "停戦" finds "停戦協議"), by
// its stem ("переговорах" finds "переговоры"), and by the person, country or place it names in any language, as
// /timeline's actor does ("Zelensky" finds "Зеленский" and "ゼレンスキー").
import type { EntityExtractor } from '../src/5-cluster/aliases.js'
import type { ChronologyEvent } from '../src/config/chronology.js'
import { matchesSearch, searchTerms, type SearchTerm } from '../src/7-store/search-text.js'
import type { StoryRecord } from '../src/7-store/types.js'
import { digestStrings } from '../src/i18n/strings.js'
import { formatDay, langOption, replyLang, storyEntry } from './shared.js'
import { UserError, type CommandDefinition, type Lang, type ReplyEntry } from './types.js'

export const SEARCH_LIMIT = 50

/** One letter of an alphabet says nothing; one kanji (露, 米) is a word. */
const MEANINGFUL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|\S{2}/u

/** A curated row is found as a story would be: by its titles, and by the entities they name besides its participants and place. */
function curatedMatches(rows: ChronologyEvent[], terms: SearchTerm[], entities: EntityExtractor): ChronologyEvent[] {
  return rows.filter((row) => {
    const titles = `${row.title.en}\n${row.title.ja}`
    return matchesSearch(titles, [...row.participants, row.place, ...entities(titles).keys()], terms)
  })
}

function curatedEntry(row: ChronologyEvent, lang: Lang): ReplyEntry {
  const strings = digestStrings(lang)
  return {
    title: `${formatDay(new Date(`${row.date}T00:00:00Z`), lang)} — ${row.title[lang] || row.title.en}`,
    url: row.sourceUrl || null,
    lines: [],
    footer: strings.curatedHistory,
  }
}

type Found = { at: Date; entry: ReplyEntry }

export const searchCommand: CommandDefinition = {
  name: 'search',
  description: { en: 'Find stories and curated events whose headlines contain all the words', ja: '見出しにすべての語を含むニュース・年表の出来事を検索' },
  options: [
    {
      name: 'query',
      type: 'string',
      description: { en: 'Words to find, e.g. Black Sea ceasefire, Zelensky or 停戦', ja: '探す語（例: 停戦、ゼレンスキー、Black Sea）' },
      required: true,
      maxLength: 200,
    },
    langOption,
  ],
  async run({ options, invoker }, services) {
    const lang = replyLang(options, invoker)
    const query = options.query as string
    if (!MEANINGFUL.test(query)) {
      throw new UserError({ en: 'Option "query": needs at least 2 characters (one kanji is enough).', ja: 'オプション「query」: 2 文字以上にしてください（漢字は1文字でも検索できます）。' })
    }
    const terms = searchTerms(query, (word) => services.entities(word).keys())
    // One more than shown, to know whether there are more.
    const stories = await services.store.stories.search(terms, SEARCH_LIMIT + 1)
    const curated = curatedMatches(services.baseline ?? [], terms, services.entities)
    const found: Found[] = [
      ...stories.map((s: StoryRecord) => ({ at: s.lastPublishedAt, entry: storyEntry(s, lang) })),
      ...curated.map((row) => ({ at: new Date(`${row.date}T00:00:00Z`), entry: curatedEntry(row, lang) })),
    ].sort((a, b) => b.at.getTime() - a.at.getTime())
    const shown = found.slice(0, SEARCH_LIMIT)
    const more = found.length > SEARCH_LIMIT
    const count =
      lang === 'ja'
        ? `${more ? `${SEARCH_LIMIT}件以上` : `${shown.length}件`}（新しい順）${more ? '。語を増やすと絞り込めます。' : ''}`
        : `${more ? `More than ${SEARCH_LIMIT}` : shown.length} ${shown.length === 1 ? 'result' : 'results'}, newest first${more ? '; add words to narrow the search' : ''}.`
    return {
      kind: 'entries',
      ephemeral: true,
      title: lang === 'ja' ? `検索:「${query}」` : `Search: “${query}”`,
      intro: shown.length > 0 ? [[{ text: count }]] : [],
      entries: shown.map((f) => f.entry),
      empty: lang === 'ja' ? `「${query}」を含むニュースや出来事は見つかりませんでした。` : `No stories or curated events contain all of “${query}”.`,
      pageSize: 10,
    }
  },
}
