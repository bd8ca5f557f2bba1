// /timeline [topic] [from] [to] [actor]: what happened in a date range, oldest first. A range with more stories
// than one reply should hold keeps the most widely covered ones, still in date order, and says so.
import { loadAliases, type AliasEntity } from '../src/5-cluster/aliases.js'
import { searchForm } from '../src/7-store/search-text.js'
import { timeline } from '../src/services/timeline.js'
import { formatDay, parseDateOption, resolveTopic, storyEntry, suggestTopics, topicName, topicOption } from './shared.js'
import { UserError, type CommandDefinition, type CommandServices, type Lang, type ReplyLine, type Suggestion } from './types.js'

const DAY = 86_400_000
const DEFAULT_DAYS = 30
export const TIMELINE_LIMIT = 200

/** Who can act in the news: places and key terms are in the dictionary too, but are not actors. */
const ACTOR_KINDS = new Set(['person', 'country', 'org'])
let actors: AliasEntity[] | null = null
/** The dictionary the entity extractor was built from (config/aliases.json), read on first use. */
const actorList = () => (actors ??= loadAliases().filter((e) => ACTOR_KINDS.has(e.kind)))

const displayName = (actor: AliasEntity, lang: Lang) => actor.names[lang]?.[0] ?? actor.names.en?.[0] ?? actor.id
/** Every name in search form; a stem's "*" (Путин*) dropped, so that typing the stem matches. */
const namesOf = (actor: AliasEntity) => Object.values(actor.names).flat().map((n) => searchForm(n.replaceAll('*', '')))

function unknownActor(typed: string): UserError {
  return new UserError({
    en: `Unknown actor "${typed}". Start typing a name in the actor option and pick a suggestion, or give an id such as person:putin, country:ukraine or org:nato.`,
    ja: `「${typed}」という人物・国・組織は見つかりません。actor オプションに名前を入力して候補から選ぶか、person:putin、country:ukraine、org:nato のような ID を指定してください。`,
  })
}

/** An id, a name in any language (any case), or text the alias matcher reads as exactly one actor. */
export function resolveActor(services: CommandServices, typed: string): string {
  const wanted = searchForm(typed.trim())
  const list = actorList()
  const byName = list.filter((a) => a.id === wanted || namesOf(a).includes(wanted))
  if (byName.length === 1) return byName[0]!.id
  const matched = [...services.entities(typed).keys()].filter((id) => ACTOR_KINDS.has(services.entities.kindOf(id) ?? ''))
  if (matched.length === 1) return matched[0]!
  const partial = list.filter((a) => namesOf(a).some((n) => n.includes(wanted)))
  if (partial.length === 1) return partial[0]!.id
  if (partial.length > 1 || byName.length > 1) {
    const some = [...new Set([...byName, ...partial])].slice(0, 6).map((a) => `${displayName(a, 'en')} (${a.id})`)
    throw new UserError({
      en: `"${typed}" could mean several actors: ${some.join(', ')}. Give one of the ids.`,
      ja: `「${typed}」に当てはまる候補が複数あります: ${some.join('、')}。いずれかの ID を指定してください。`,
    })
  }
  throw unknownActor(typed)
}

export function suggestActors(typed: string, lang: Lang): Suggestion[] {
  const wanted = searchForm(typed.trim())
  const scored = actorList().flatMap((actor) => {
    const names = namesOf(actor)
    if (!wanted) return [{ actor, rank: 2 }]
    if (actor.id.includes(wanted)) return [{ actor, rank: 1 }]
    if (names.some((n) => n.startsWith(wanted))) return [{ actor, rank: 0 }]
    return names.some((n) => n.includes(wanted)) ? [{ actor, rank: 1 }] : []
  })
  return scored
    .sort((a, b) => a.rank - b.rank)
    .slice(0, 25)
    .map(({ actor }) => ({ name: `${displayName(actor, lang)} (${actor.id})`.slice(0, 100), value: actor.id }))
}

function range(options: Record<string, unknown>, now: Date): { from: Date; to: Date } {
  const to = typeof options.to === 'string' ? parseDateOption('to', options.to, true) : now
  const from = typeof options.from === 'string' ? parseDateOption('from', options.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY)
  if (from > to) {
    throw new UserError({ en: 'Option "from" is after "to"; swap them.', ja: 'オプション「from」が「to」より後になっています。入れ替えてください。' })
  }
  return { from, to }
}

const dayOption = (name: string, en: string, ja: string) => ({ name, type: 'string' as const, description: { en, ja }, maxLength: 40 })

export const timelineCommand: CommandDefinition = {
  name: 'timeline',
  description: { en: 'Stories in date order, oldest first (default: the last 30 days)', ja: 'ニュースを古い順に時系列で表示（既定: 直近30日）' },
  options: [
    topicOption(false),
    dayOption('from', 'First day, YYYY-MM-DD (default: 30 days before "to")', '開始日 YYYY-MM-DD（既定: to の30日前）'),
    dayOption('to', 'Last day, YYYY-MM-DD (default: now)', '終了日 YYYY-MM-DD（既定: 現在）'),
    {
      name: 'actor',
      type: 'string',
      description: { en: 'Only stories naming this person, country or organisation', ja: 'この人物・国・組織が登場するニュースだけ' },
      autocomplete: true,
      maxLength: 100,
    },
  ],
  async run({ options, invoker, now }, services) {
    const lang = invoker.locale
    const { from, to } = range(options, now)
    const topic = typeof options.topic === 'string' ? resolveTopic(services, options.topic) : undefined
    const actor = typeof options.actor === 'string' ? resolveActor(services, options.actor) : undefined
    const { total, entries } = await timeline(services.store, { from, to, topic, actor, limit: TIMELINE_LIMIT })
    const about = [topic && topicName(services, topic, lang), actor && displayName(actorList().find((a) => a.id === actor)!, lang)].filter(Boolean)
    const span = `${formatDay(from, lang)} – ${formatDay(to, lang)}`
    // Formatting a date builds an Intl formatter each time; up to 200 entries share far fewer days.
    const days = new Map<string, string>()
    const dayOf = (at: Date) => {
      const key = at.toISOString().slice(0, 10)
      return days.get(key) ?? days.set(key, formatDay(at, lang)).get(key)!
    }
    const intro: ReplyLine[] = []
    if (total > entries.length) {
      intro.push([
        {
          text:
            lang === 'ja'
              ? `${total}件のうち、報道の多い${entries.length}件を日付順に表示しています。期間を狭めるか topic・actor で絞り込めます。`
              : `${total} stories; showing the ${entries.length} most widely covered, in date order. Narrow the dates or add a topic or actor to see the rest.`,
        },
      ])
    }
    return {
      kind: 'entries',
      ephemeral: false,
      title: lang === 'ja' ? `タイムライン${about.length ? `（${about.join('・')}）` : ''}: ${span}` : `Timeline${about.length ? ` (${about.join(', ')})` : ''}: ${span}`,
      intro,
      entries: entries.map(({ at, story }) => {
        const entry = storyEntry(story, lang)
        return { ...entry, title: `${dayOf(at)} — ${entry.title}` }
      }),
      empty: lang === 'ja' ? 'この期間に該当するニュースはありません。' : 'No stories in this range.',
      pageSize: 10,
    }
  },
  async suggest(option, typed, services, invoker) {
    return option === 'actor' ? suggestActors(typed, invoker.locale) : suggestTopics(services, typed, invoker.locale)
  },
}
