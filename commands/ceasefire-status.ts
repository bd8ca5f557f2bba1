// /ceasefire-status [as-of]: how much the stored coverage says about a ceasefire in the 14 days up to a date, and
// the latest of those stories. It reports coverage only: whether talks, a proposal or a truce stand is for the
// ceasefire state machine of a later issue, and is not guessed here.
import { digestStrings } from '../src/i18n/strings.js'
import type { StoryRecord } from '../src/7-store/types.js'
import { formatDay, parseDateOption, storyEntry } from './shared.js'
import { UserError, type CommandDefinition, type Lang, type Localised } from './types.js'

const DAY = 86_400_000
export const CEASEFIRE_TOPIC = 'ceasefire'
export const WINDOW_DAYS = 14
/** Stories loaded and listed; the count above them is exact however many match. */
const LIMIT = 50

/** Plain words for how much coverage there is, by the number of stories in the window. */
function coverageLevel(stories: number): Localised {
  if (stories === 0) return { en: 'none', ja: 'なし' }
  if (stories <= 2) return { en: 'light', ja: '少ない' }
  if (stories <= 9) return { en: 'moderate', ja: '中程度' }
  return { en: 'heavy', ja: '多い' }
}

/** A story as it stood at `asOf`: only the members published by then, outlets and languages counted from those. */
function asOfView(story: StoryRecord, asOf: Date): StoryRecord | null {
  const items = story.items.filter((i) => i.publishedAt <= asOf)
  if (items.length === 0) return null
  const independent = items.filter((i) => !i.duplicateOf)
  const outlets = [...new Set(independent.map((i) => i.source))].sort()
  return {
    ...story,
    items,
    outlets,
    outletCount: outlets.length,
    languages: [...new Set(independent.map((i) => i.language))].sort(),
    lastPublishedAt: items.reduce((a, i) => (i.publishedAt > a ? i.publishedAt : a), items[0]!.publishedAt),
  }
}

function asOfOption(value: unknown, now: Date): Date {
  if (typeof value !== 'string') return now
  if (parseDateOption('as-of', value) > now) {
    throw new UserError({ en: 'Option "as-of" is in the future; give today or an earlier date.', ja: 'オプション「as-of」が未来の日付です。今日以前の日付を指定してください。' })
  }
  // A date means the end of that day, or now when that day is today.
  const end = parseDateOption('as-of', value, true)
  return end > now ? now : end
}

function summary(lang: Lang, total: number, shown: StoryRecord[], asOf: Date): string {
  const level = coverageLevel(total)[lang]
  const day = formatDay(asOf, lang)
  const outlets = new Set(shown.flatMap((s) => s.outlets)).size
  const languages = [...new Set(shown.flatMap((s) => s.languages))].sort()
  const breadth = digestStrings(lang).outlets(outlets, languages)
  const partial = total > shown.length
  if (lang === 'ja') {
    if (total === 0) return `${day}までの${WINDOW_DAYS}日間の停戦関連の報道: なし。`
    return `${day}までの${WINDOW_DAYS}日間の停戦関連の報道: ${level}（${total}件${partial ? `、最新${shown.length}件で` : '、'}${breadth}）。`
  }
  if (total === 0) return `Ceasefire coverage in the ${WINDOW_DAYS} days to ${day}: none.`
  const count = `${total} ${total === 1 ? 'story' : 'stories'}`
  return `Ceasefire coverage in the ${WINDOW_DAYS} days to ${day}: ${level} — ${count}${partial ? `; the latest ${shown.length} from` : ' from'} ${breadth}.`
}

const NOT_A_STATE: Localised = {
  en: 'This counts reporting; it does not say whether a ceasefire has been agreed or holds.',
  ja: 'これは報道量の集計であり、停戦が合意されたか・守られているかを示すものではありません。',
}

export const ceasefireStatusCommand: CommandDefinition = {
  name: 'ceasefire-status',
  description: { en: 'How much ceasefire coverage there is, with the latest stories', ja: '停戦に関する報道量と最新のニュース' },
  options: [
    {
      name: 'as-of',
      type: 'string',
      description: { en: 'Look back from this day, YYYY-MM-DD (default: now)', ja: 'この日から振り返る YYYY-MM-DD（既定: 現在）' },
      maxLength: 40,
    },
  ],
  async run({ options, invoker, now }, services) {
    const lang = invoker.locale
    if (!services.config.topics.some((t) => t.id === CEASEFIRE_TOPIC)) {
      throw new UserError({ en: `This newsbot does not follow a "${CEASEFIRE_TOPIC}" topic (see /topics).`, ja: `このボットは「${CEASEFIRE_TOPIC}」トピックを追っていません（/topics を参照）。` })
    }
    const asOf = asOfOption(options['as-of'], now)
    const { total, stories } = await services.store.stories.active({ topic: CEASEFIRE_TOPIC, from: new Date(asOf.getTime() - WINDOW_DAYS * DAY), to: asOf, limit: LIMIT })
    const shown = stories
      .map((s) => asOfView(s, asOf))
      .filter((s): s is StoryRecord => s !== null)
      .sort((a, b) => b.lastPublishedAt.getTime() - a.lastPublishedAt.getTime() || b.id - a.id)
    return {
      kind: 'entries',
      ephemeral: false,
      title: lang === 'ja' ? `停戦をめぐる報道（${formatDay(asOf, lang)}時点）` : `Ceasefire coverage as of ${formatDay(asOf, lang)}`,
      intro: [[{ text: summary(lang, total, shown, asOf), bold: true }], [{ text: NOT_A_STATE[lang] }]],
      entries: shown.map((s) => storyEntry(s, lang)),
      empty: lang === 'ja' ? '該当するニュースはありません。' : 'No stories.',
      pageSize: 8,
    }
  },
}
