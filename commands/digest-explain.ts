// /digest explain:true: why each story is in this channel's next scheduled digest or out of it (its topic, a filter
// term, the sources' languages or kinds, too few outlets, already sent, ranked below the top), so that a channel can
// debug its own filters. Which subscription: the one of the `topic` given; else the channel's only one; a channel
// with several must say which (topic:). A channel without one gets the on-demand digest explained (no filters, what
// was sent before not counted). Shown to the asker alone, a page at a time.
import type { StoryRecord, SubscriptionRecord } from '../src/7-store/types.js'
import { digestStrings } from '../src/i18n/strings.js'
import { EXPLAIN_LIMIT, explainDigest, type ConsideredStory, type DigestRequest, type StoryVerdict } from '../src/services/digest.js'
import { topicName } from './shared.js'
import { describeFilters } from './subscription-filters.js'
import { UserError, type CommandServices, type Invoker, type Lang, type Reply, type ReplyEntry } from './types.js'

/** The subscription to explain, or null for the on-demand digest. */
export async function subscriptionToExplain(services: CommandServices, invoker: Invoker, topic: string | null): Promise<SubscriptionRecord | null> {
  const subscriptions = await services.store.subscriptions.listForChannel(invoker.channelKey)
  if (topic !== null) return subscriptions.find((s) => s.topic === topic) ?? null
  if (subscriptions.length <= 1) return subscriptions[0] ?? null
  const topics = subscriptions.map((s) => s.topic).join(', ')
  throw new UserError({
    en: `This channel has digests of several topics (${topics}); add topic: to say which one to explain.`,
    ja: `このチャンネルには複数のトピックのダイジェストがあります（${topics}）。説明するものを topic: で指定してください。`,
  })
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`

function verdictText(verdict: StoryVerdict, place: number, lang: Lang, timeZone: string, topicOf: (id: string) => string): string {
  const ja = lang === 'ja'
  const q = (term: string) => (ja ? `「${term}」` : `"${term}"`)
  if (verdict.in) {
    const matched = verdict.matched === null ? [] : [ja ? `${q(verdict.matched)}を含む` : `names ${q(verdict.matched)}`]
    const updated = verdict.updated ? [ja ? '前回の配信後に動きあり' : 'moved since it was sent'] : []
    const details = [...matched, ...updated, ja ? `${verdict.outlets}媒体` : `${verdict.outlets} ${verdict.outlets === 1 ? 'outlet' : 'outlets'}`]
    return ja ? `掲載（${place}位）: ${details.join('・')}` : `In (${ordinal(place)}): ${details.join(', ')}`
  }
  const out = (en: string, jaText: string) => (ja ? `対象外: ${jaText}` : `Out: ${en}`)
  switch (verdict.reason) {
    case 'topic': {
      const topics = verdict.topics.map(topicOf).join(ja ? '・' : ', ')
      return out(`on other topics (${topics})`, `別のトピック（${topics}）`)
    }
    case 'language':
      return out(`no source in the chosen languages (its sources: ${verdict.languages.join(', ')})`, `指定した言語の情報源がない（情報源の言語: ${verdict.languages.join('・')}）`)
    case 'kind':
      return out(`every source is of a left-out kind (${verdict.kinds.join(', ')})`, `情報源がすべて除いた種類（${verdict.kinds.join('・')}）`)
    case 'excluded':
      return out(`names the excluded term ${q(verdict.term)}`, `除く語${q(verdict.term)}を含む`)
    case 'no-include':
      return out('names none of the include terms', '含む語をどれも含まない')
    case 'outlets':
      return out(`${verdict.outlets} ${verdict.outlets === 1 ? 'outlet' : 'outlets'}; the digest needs ${verdict.min}`, `${verdict.outlets}媒体（${verdict.min}媒体以上が必要）`)
    case 'sent': {
      const at = digestStrings(lang).formatDateTime(verdict.sentAt, { timeZone })
      return out(`already sent ${at}, not moved since`, `${at}に配信済み（その後の動きなし）`)
    }
    case 'ranked-below':
      return out(`ranked ${ordinal(verdict.place)}, below the top ${verdict.maxStories}`, `${verdict.place}位（上位${verdict.maxStories}件まで）`)
  }
}

function storyEntry({ story, verdict }: ConsideredStory, place: number, lang: Lang, timeZone: string, topicOf: (id: string) => string): ReplyEntry {
  const title = (s: StoryRecord) => s.headlines[lang]?.title ?? s.title
  return {
    title: title(story),
    lines: [[{ text: verdictText(verdict, place, lang, timeZone, topicOf), bold: verdict.in }]],
    footer: `#${story.id} · ${digestStrings(lang).outlets(story.outletCount, story.languages)}`,
    highlight: verdict.in,
  }
}

export async function explainReply(services: CommandServices, subscription: SubscriptionRecord | null, request: DigestRequest, lang: Lang): Promise<Reply> {
  const ja = lang === 'ja'
  const timeZone = subscription?.timezone ?? 'UTC'
  const { since, considered } = await explainDigest(services.digest, subscription ? { ...request, filters: subscription.filters } : request)
  const topicOf = (id: string) => topicName(services, id, lang)
  const kept = considered.filter((c) => c.verdict.in).length
  const from = digestStrings(lang).formatDateTime(since, { timeZone })
  const whose = subscription
    ? ja
      ? `このチャンネルの「${topicOf(subscription.topic)}」の配信登録: 次回のダイジェスト（${from}以降の記事）`
      : `This channel's ${topicOf(subscription.topic)} subscription: its next digest (stories since ${from}).`
    : ja
      ? `このチャンネルにはこのトピックの配信登録がないため、/digest の内容を説明します（絞り込みなし、配信履歴は考慮しない、${from}以降の記事）。`
      : `This channel has no subscription here, so this explains /digest as anyone gets it (no filters, past digests not counted, stories since ${from}).`
  const filters = subscription ? (describeFilters(subscription.filters, lang) ?? (ja ? '絞り込み: なし' : 'Filters: none')) : null
  const counts = ja ? `掲載 ${kept}件・対象外 ${considered.length - kept}件` : `${kept} in, ${considered.length - kept} out`
  const capped = considered.length >= EXPLAIN_LIMIT ? [ja ? `（直近の${EXPLAIN_LIMIT}件まで）` : ` (the latest ${EXPLAIN_LIMIT} stories)`] : []
  return {
    kind: 'entries',
    ephemeral: true,
    title: ja ? '各記事の掲載・対象外の理由' : 'Why each story is in or out',
    intro: [[{ text: whose }], ...(filters ? [[{ text: filters }]] : []), [{ text: counts + capped.join('') }]],
    entries: considered.map((c, i) => storyEntry(c, i + 1, lang, timeZone, topicOf)),
    empty: ja ? 'この期間の記事はありません。' : 'No stories in this period.',
    pageSize: 10,
    data: {
      since: since.toISOString(),
      subscription: subscription && { id: subscription.id, topic: subscription.topic, filters: subscription.filters },
      stories: considered.map(({ story, verdict }) => ({ storyId: story.id, title: story.title, ...verdict })),
    },
  }
}
