// /timeline [topic] [from] [to] [actor]: what happened in a date range, one entry per event, oldest first: its day,
// type, participants and headline, and every outlet that reported it with its kind. A range with more events than one
// reply should hold keeps the most widely covered ones, still in date order, and says so.
import { loadAliases, type AliasEntity } from '../src/5-cluster/aliases.js'
import { compileTopics } from '../src/3-normalise/topics.js'
import type { ChronologyEvent } from '../src/config/chronology.js'
import { CURATED_KIND, type Basis, type TimelineEntry as TimelineEvent } from '../src/services/baseline-timeline.js'
import { defaultEventTypes } from '../src/3-normalise/event-types.js'
import { searchForm } from '../src/7-store/search-text.js'
import { digestStrings } from '../src/i18n/strings.js'
import { timeline } from '../src/services/timeline.js'
import { formatDay, formatDays, langOption, parseDateOption, replyLang, resolveTopic, suggestTopics, topicName, topicOption } from './shared.js'
import { UserError, type CommandDefinition, type CommandServices, type Lang, type ReplyEntry, type ReplyLine, type Span, type Suggestion } from './types.js'

const DAY = 86_400_000
const DEFAULT_DAYS = 30
export const TIMELINE_LIMIT = 200
/** When the default window is empty (a fresh install, a quiet month), the latest events on record instead. */
const LATEST_WHEN_EMPTY = 20
const RECORD_STARTS = new Date('2000-01-01T00:00:00Z')

/** Who can act in the news: places and key terms are in the dictionary too, but are not actors. */
const ACTOR_KINDS = new Set(['person', 'country', 'org'])
let actors: AliasEntity[] | null = null
/** The dictionary the entity extractor was built from (config/aliases.json), read on first use. */
const actorList = () => (actors ??= loadAliases().filter((e) => ACTOR_KINDS.has(e.kind)))

const displayName = (actor: AliasEntity, lang: Lang) => actor.names[lang]?.[0] ?? actor.names.en?.[0] ?? actor.id
let entitiesById: Map<string, AliasEntity> | null = null
let entitiesByEnglishName: Map<string, AliasEntity> | null = null
/**
 * An alias id's name in the reader's language (places too). A curated row's place is text ("Moscow, Russia", "Phone
 * call", "Ukraine (front line)"): each part by the dictionary's English names, or as a place word of the language.
 */
const nameOf = (id: string, lang: Lang) => {
  const entity = (entitiesById ??= new Map(loadAliases().map((e) => [e.id, e]))).get(id)
  if (entity) return displayName(entity, lang)
  if (lang === 'en') return id // the chronology is written in English
  const byName = (entitiesByEnglishName ??= new Map(loadAliases().flatMap((e) => (e.names.en ?? []).map((n) => [searchForm(n), e] as const))))
  const strings = digestStrings(lang)
  const word = (text: string) => strings.placeWords[text] ?? (byName.has(searchForm(text)) ? displayName(byName.get(searchForm(text))!, lang) : text)
  const parts = id.split(/,\s*/u).map((part) => {
    const [, name, qualifier] = /^(.*?)(?:\s*\((.+)\))?$/u.exec(part)!
    return qualifier ? `${word(name!)}（${word(qualifier)}）` : word(name!)
  })
  return strings.joinPlace(parts)
}
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
  if (from > to && options.to === undefined) {
    throw new UserError({ en: 'Option "from" is in the future; give today or an earlier date.', ja: 'オプション「from」が未来の日付です。今日以前の日付を指定してください。' })
  }
  if (from > to) {
    throw new UserError({ en: 'Option "from" is after "to"; swap them.', ja: 'オプション「from」が「to」より後になっています。入れ替えてください。' })
  }
  return { from, to }
}

const dayOption = (name: string, en: string, ja: string) => ({ name, type: 'string' as const, description: { en, ja }, maxLength: 40 })

let topicMatcher: ReturnType<typeof compileTopics> | null = null
/** A curated row's topics: its titles read as an item's would be; a row with a ceasefire effect is on the ceasefire topic. */
function rowTopics(services: CommandServices, row: ChronologyEvent): string[] {
  const topics = (topicMatcher ??= compileTopics(services.config.topics))(row.title.en, row.title.ja)
  return row.ceasefireEffect ? [...new Set([...topics, 'ceasefire'])] : topics
}

/** Participants shown in an entry's title; the JSON lists them all. */
const SHOWN_PARTICIPANTS = 3

/** The documented JSON of `newsbot run timeline --json`. */
export interface TimelineJson {
  events: {
    date: string
    type: string
    title: string
    participants: string[]
    place: string | null
    /** null for curated history no live story has reported. */
    storyId: number | null
    /** Sources of kind "curated" are the chronology's checked page. */
    sources: { name: string; url: string; language: string; kind: string }[]
    /** "baseline": curated history only; "feeds": live stories only; "both": a curated event live stories reported too. */
    basis: Basis
  }[]
}

/** A headline in the reader's language when any source wrote in it. */
const titleIn = (event: TimelineEvent, lang: Lang) => event.titles[lang] ?? event.title

function timelineJson(events: TimelineEvent[], lang: Lang): TimelineJson {
  return {
    events: events.map((e) => ({
      date: e.day,
      type: e.type,
      title: titleIn(e, lang),
      participants: e.participants,
      place: e.place,
      storyId: e.storyId,
      sources: e.sources.map(({ name, url, language, kind }) => ({ name, url, language, kind })),
      basis: e.basis,
    })),
  }
}

/** "18 Mar 2025 · call · Putin, Trump — headline", every source linked with its kind (state media in bold), where and how widely. */
function eventEntry(event: TimelineEvent, lang: Lang, dayLabel: string): ReplyEntry {
  const strings = digestStrings(lang)
  const kindOf = (kind: string) => (kind === CURATED_KIND ? strings.curatedHistory : (strings.sourceKinds[kind as keyof typeof strings.sourceKinds] ?? kind))
  // People when any took part (participants list them first), else countries and organisations.
  const people = event.participants.filter((id) => id.startsWith('person:'))
  const named = people.length > 0 ? people : event.participants
  const names = named.slice(0, SHOWN_PARTICIPANTS).map((id) => nameOf(id, lang))
  const more = named.length > SHOWN_PARTICIPANTS ? (lang === 'ja' ? '他' : ' …') : ''
  const head = [dayLabel, defaultEventTypes().label(event.type, lang), ...(names.length ? [names.join(lang === 'ja' ? '、' : ', ') + more] : [])]
  const lead = event.sources.find((s) => s.language === lang) ?? event.sources[0]
  const sources: Span[] = event.sources.flatMap((source, i) => [
    ...(i > 0 ? [{ text: ' · ' }] : []),
    { text: source.kind === CURATED_KIND ? strings.curatedChronology : source.name, url: source.url },
    { text: lang === 'ja' ? `（${kindOf(source.kind)}）` : ` (${kindOf(source.kind)})`, bold: source.kind === 'state-media' },
  ])
  const languages = [...new Set(event.sources.map((s) => s.language))].sort()
  return {
    title: `${head.join(' · ')} — ${titleIn(event, lang)}`,
    url: lead?.url ?? null,
    lines: sources.length > 0 ? [sources] : [],
    footer: [
      ...(event.place ? [nameOf(event.place, lang)] : []),
      ...(event.curated ? [strings.curatedHistory] : []),
      ...(event.storyId !== null ? [strings.outlets(event.sources.filter((s) => s.kind !== CURATED_KIND).length, languages), `#${event.storyId}`] : []),
    ].join(' · '),
  }
}

export const timelineCommand: CommandDefinition = {
  name: 'timeline',
  description: { en: 'Events in date order, oldest first (default: the last 30 days)', ja: '出来事を古い順に時系列で表示（既定: 直近30日）' },
  options: [
    topicOption(false),
    dayOption('from', 'First day, YYYY-MM-DD (default: 30 days before "to")', '開始日 YYYY-MM-DD（既定: to の30日前）'),
    dayOption('to', 'Last day, YYYY-MM-DD (default: now)', '終了日 YYYY-MM-DD（既定: 現在）'),
    {
      name: 'actor',
      type: 'string',
      description: { en: 'Only events this person, country or organisation took part in', ja: 'この人物・国・組織が関わった出来事だけ' },
      autocomplete: true,
      maxLength: 100,
    },
    langOption,
  ],
  async run({ options, invoker, now }, services) {
    const lang = replyLang(options, invoker)
    const { from, to } = range(options, now)
    const topic = typeof options.topic === 'string' ? await resolveTopic(services, options.topic, invoker) : undefined
    const actor = typeof options.actor === 'string' ? resolveActor(services, options.actor) : undefined
    const deps = { store: services.store, entities: services.entities, baseline: services.baseline, topicsOf: (row: ChronologyEvent) => rowTopics(services, row) }
    let { total, complete, events } = await timeline(deps, { from, to, topic, actor, limit: TIMELINE_LIMIT })
    // Asked for no dates and got nothing: the question was "what has happened?", so answer with the latest on record.
    const fellBack = events.length === 0 && options.from === undefined
    if (fellBack) {
      const latest = await timeline(deps, { from: RECORD_STARTS, to, topic, actor, limit: TIMELINE_LIMIT })
      events = latest.events.slice(-LATEST_WHEN_EMPTY)
      total = events.length
      complete = true
    }
    const about = [topic && topicName(services, topic, lang), actor && displayName(actorList().find((a) => a.id === actor)!, lang)].filter(Boolean)
    const span = formatDays(from, to, lang)
    const intro: ReplyLine[] = []
    if (fellBack && events.length > 0) {
      const text = {
        en: `Nothing in these ${DEFAULT_DAYS} days; the ${events.length} latest events on record (give "from" for another range):`,
        ja: `この${DEFAULT_DAYS}日間に出来事はありません。記録にある最新の${events.length}件を表示します（別の期間は from で指定）。`,
      }
      intro.push([{ text: text[lang] }])
    }
    if (total > events.length) {
      const n = events.length
      const text = {
        en: complete
          ? `${total} events; showing the ${n} most widely covered, in date order.`
          : `${total} stories in this range; showing the ${n} most widely covered events, in date order.`,
        ja: complete
          ? `${total}件の出来事のうち、報道の多い${n}件を日付順に表示しています。`
          : `この期間の${total}件の報道から、報道の多い${n}件の出来事を日付順に表示しています。`,
      }
      const narrow = lang === 'ja' ? '期間を狭めるか topic・actor で絞り込めます。' : ' Narrow the dates or add a topic or actor to see the rest.'
      intro.push([{ text: text[lang] + narrow }])
    }
    return {
      kind: 'entries',
      ephemeral: false,
      title: lang === 'ja' ? `タイムライン${about.length ? `（${about.join('・')}）` : ''}: ${span}` : `Timeline${about.length ? ` (${about.join(', ')})` : ''}: ${span}`,
      intro,
      entries: events.map((event) => eventEntry(event, lang, formatDay(new Date(`${event.day}T00:00:00Z`), lang))),
      empty: lang === 'ja' ? 'この期間に該当する出来事はありません。' : 'No events in this range.',
      pageSize: 10,
      data: timelineJson(events, lang),
    }
  },
  async suggest(option, typed, services, invoker) {
    return option === 'actor' ? suggestActors(typed, invoker.locale) : suggestTopics(services, typed, invoker)
  },
}
