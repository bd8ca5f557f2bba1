// The store's interface as the rest of newsbot sees it: plain records, no Prisma types.
import type { NormalisedItem } from '../3-normalise/normalise-item.js'
import type { SearchTerm } from './search-text.js'

export interface FeedInput {
  url: string
  name: string
  language: string | null
  country: string | null
  kind: string
  /** Minutes between polls when not the default. */
  pollMinutes: number | null
  /** Where the feed came from: "config", "cli" (newsbot ingest, named by its first read) or "chat" (/feeds add). */
  origin: string
  /** The feed's site (OPML htmlUrl), when an imported OPML file named it; left as stored when not given. */
  siteUrl?: string | null
  /** The chat channel that added it (/feeds add), told in its language when the feed is paused. */
  addedByPlatform?: string | null
  addedByChannelId?: string | null
  addedByLang?: string | null
}

export interface FeedRecord extends FeedInput {
  id: number
  etag: string | null
  lastModified: string | null
  minIntervalSeconds: number | null
  lastPolledAt: Date | null
  lastSuccessAt: Date | null
  lastStatus: string | null
  lastError: string | null
  consecutiveFailures: number
  nextPollAt: Date | null
  /** Paused after failing too often or too long: not polled until resumed. */
  pausedAt: Date | null
  pausedReason: string | null
  createdAt: Date
}

export interface FeedHealth extends FeedRecord {
  itemCount: number
}

export interface PollSuccess {
  at: Date
  status: 'ok' | 'not-modified'
  etag: string | null
  lastModified: string | null
  minIntervalSeconds: number | null
  nextPollAt: Date
  /** A new name for the feed, when the read gave it one. */
  name?: string
}

export interface PollFailure {
  at: Date
  error: string
  nextPollAt: Date
  /** Why the feed stops being polled (set with this failure), when it has failed too often or too long. */
  pauseReason?: string
}

export interface ItemRecord {
  id: number
  feedId: number
  url: string
  title: string
  text: string
  language: string
  author: string | null
  /** Outlet name: the aggregator's named source when there is one, else the feed's name. */
  source: string
  sourceKind: string
  publishedAt: Date
  publishedAtEstimated: boolean
  firstSeenAt: Date
  backfill: boolean
  topics: string[]
}

export interface ItemQuery {
  topic?: string
  since?: Date
  limit?: number
}

export interface UpsertCounts {
  created: number
  updated: number
  unchanged: number
  /** Items already in a story whose headline changed. */
  retitled: { storyId: number; before: string; after: string }[]
}

export interface FeedStore {
  /** Adds feeds that are new and refreshes the name, language, country and kind of known ones (and marks them "config" when the config lists them); removes none. */
  sync(feeds: FeedInput[]): Promise<FeedRecord[]>
  list(): Promise<FeedHealth[]>
  findByUrl(url: string): Promise<FeedRecord | null>
  remove(url: string): Promise<boolean>
  recordSuccess(feedId: number, result: PollSuccess): Promise<void>
  recordFailure(feedId: number, failure: PollFailure): Promise<void>
  /** Un-pauses the feed if it is paused, due at `at`; returns it as it was before (null: no feed has the URL). */
  resume(url: string, at: Date): Promise<FeedRecord | null>
}

export interface ItemStore {
  /** Stores a feed's items: new ones created, changed ones updated, repeats (same GUID or URL) left alone. */
  upsert(feedId: number, items: NormalisedItem[], options: { backfill: boolean; seenAt: Date }): Promise<UpsertCounts>
  list(query: ItemQuery): Promise<ItemRecord[]>
  count(): Promise<number>
}


/** An item waiting for near-duplicate detection and clustering. */
export interface PendingItem {
  id: number
  title: string
  text: string
  language: string
  publishedAt: Date
  /** Outlet name (the aggregator's named source when there is one). */
  source: string
  topics: string[]
}

export interface DuplicateCandidate {
  itemId: number
  signature: number[]
  language: string
  storyId: number | null
  duplicateOfId: number | null
}

export interface Headline {
  title: string
  itemId: number
}

/** A story's clustering state, as the clusterer reads and writes it. */
export interface StoryState {
  id: number
  title: string
  headlines: Record<string, Headline>
  languages: Set<string>
  outlets: Set<string>
  itemCount: number
  size: number
  features: Map<string, number>
  topics: Set<string>
  firstPublishedAt: Date
  lastPublishedAt: Date
  lastUpdatedAt: Date
  updateReason: string | null
}

export interface ClusterBatch {
  /** Stories to create; `id` is a negative placeholder that assignments may refer to. */
  created: StoryState[]
  updated: StoryState[]
  assignments: { itemId: number; storyId: number | null; duplicateOfId: number | null; signature: number[]; bandKeys: string[] }[]
  clusteredAt: Date
}

export interface StoryItem {
  id: number
  url: string
  title: string
  text: string
  source: string
  sourceKind: string
  language: string
  publishedAt: Date
  topics: string[]
  /** Canonical URL of the item this one is a near-copy of. */
  duplicateOf: string | null
}

export interface StoryRecord {
  id: number
  title: string
  headlines: Record<string, Headline>
  topics: string[]
  languages: string[]
  outlets: string[]
  outletCount: number
  firstPublishedAt: Date
  lastPublishedAt: Date
  lastUpdatedAt: Date
  updateReason: string | null
  items: StoryItem[]
}

export interface StoryQuery {
  /** Stories on any of these topics (default: on any topic at all). */
  topics?: string[]
  since?: Date
  limit?: number
}

/** Stories that began within [from, to] (on a topic, naming an entity), for a timeline. */
export interface StoryRangeQuery {
  from: Date
  to: Date
  topic?: string
  /** An alias-dictionary id, e.g. person:putin. */
  entity?: string
  /** At most this many: when more match, the most widely covered (most outlets), earliest first among equals. */
  limit: number
}

/** Stories on a topic with coverage in [from, to]: begun by `to`, still reported on at or after `from`. */
export interface ActiveStoryQuery {
  topic: string
  from: Date
  to: Date
  /** The latest-reported this many. */
  limit: number
}

export interface StoryPage {
  /** How many stories match in all, of which `stories` holds at most the limit. */
  total: number
  stories: StoryRecord[]
}

export interface StoryStore {
  /** Items not yet clustered, oldest publication first. */
  pending(limit: number): Promise<PendingItem[]>
  /** The newest few clustered items under each band key (a batch's keys at once), by key. */
  duplicateCandidates(bandKeys: string[]): Promise<Map<string, DuplicateCandidate[]>>
  /** Stories whose first item falls within [from, to]. */
  near(from: Date, to: Date): Promise<StoryState[]>
  /** Records a material change to a story that did not come from clustering (a member's headline changed the facts). */
  markUpdated(storyId: number, at: Date, reason: string): Promise<void>
  /** Writes one batch of clustering decisions atomically. */
  apply(batch: ClusterBatch): Promise<void>
  list(query: StoryQuery): Promise<StoryRecord[]>
  get(id: number): Promise<StoryRecord | null>
  /** Oldest first. */
  inRange(query: StoryRangeQuery): Promise<StoryPage>
  /** Latest-reported first. */
  active(query: ActiveStoryQuery): Promise<StoryPage>
  /** Stories on a topic begun by `to` (their first item published by then), latest-begun first: /ceasefire-status's evidence. */
  begunBy(query: { topic: string; to: Date; limit: number }): Promise<StoryRecord[]>
  /** Stories matching every term (search-text.ts), in any case and script; latest-reported first. */
  search(terms: SearchTerm[], limit: number): Promise<StoryRecord[]>
}

/** One source of an event, as /timeline shows and prints it. */
export interface EventSource {
  name: string
  url: string
  language: string
  kind: string
}

/** The event a story on the topics reports (src/6-summarise/event.ts), kept beside the story in StoryEvent. */
export interface StoryEventRecord {
  storyId: number
  /** The day it happened, YYYY-MM-DD (UTC calendar). */
  day: string
  type: string
  /** How strongly the reports point at each type: stories of one event are recognised at timeline time with it. */
  typeScores: Record<string, number>
  /** Alias-dictionary ids of the people, countries and organisations taking part, most prominent first. */
  participants: string[]
  /** Alias-dictionary id of where it happened, when the reports say. */
  place: string | null
  /** The story's title, and a headline per language its sources wrote in. */
  title: string
  titles: Record<string, string>
  /** One per outlet, earliest report first. */
  sources: EventSource[]
  /** Everything else that identifies the event: alias ids named in headlines and ledes, figures as "n:1200". */
  evidence: string[]
  outletCount: number
  /** The story's item count when the event was worked out: a story that has grown since needs it again. */
  itemCount: number
}

/** What recognising one event in several stories needs: an event without its titles and sources. */
export type EventSummary = Omit<StoryEventRecord, 'title' | 'titles' | 'sources'>

export interface EventRangeQuery {
  /** Days, YYYY-MM-DD, both included. */
  from: string
  to: string
  topic?: string
  /** An alias-dictionary id among the participants. */
  actor?: string
  /** At most this many: when more match, the most widely covered, earliest first among equals. */
  limit: number
}

export interface EventStore {
  /** Stories on a topic whose event is missing or older than their last item (first publication within the bounds). */
  stale(query: { since?: Date; until?: Date; limit: number }): Promise<{ story: StoryRecord; itemCount: number }[]>
  /** Writes or rewrites these stories' events. */
  save(events: StoryEventRecord[]): Promise<void>
  /** Events of stories on a topic dated within the range, without titles and sources; `total` counts every match. */
  inRange(query: EventRangeQuery): Promise<{ total: number; events: EventSummary[] }>
  /** These stories' events in full. */
  get(storyIds: number[]): Promise<StoryEventRecord[]>
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  feeds: FeedStore
  items: ItemStore
  stories: StoryStore
  /** The events /timeline lists, one per story on the topics (issue 7). */
  events: EventStore
  digests: DigestStore
  subscriptions: SubscriptionStore
  outbox: OutboxStore
  /** Channels' own topics and the items they tag (issue 18). */
  channelTopics: ChannelTopicStore
  close(): Promise<void>
}

/** What a channel was last sent of a story. */
export interface SentSnapshot {
  storyId: number
  sentAt: Date
  outletCount: number
  languages: string[]
  updateReason: string | null
}

export interface DigestStore {
  /** When the channel last got a digest. */
  lastSentAt(channel: string): Promise<Date | null>
  /** The latest snapshot per story the channel got, for the given stories. */
  sent(channel: string, storyIds: number[]): Promise<Map<number, SentSnapshot>>
  record(channel: string, stories: Omit<SentSnapshot, 'sentAt'>[], sentAt: Date): Promise<void>
}

/** What a subscription delivers when. */
export interface SubscriptionSettings {
  /** "HH:MM", 24-hour. */
  time: string
  /** Canonical IANA zone name. */
  timezone: string
  lang: string
}

/** A channel's daily digest of one topic, as /subscribe creates or changes it. */
export interface SubscriptionInput {
  platform: string
  /** Stable key of the channel, e.g. "discord:<channel id>"; one subscription per channel and topic. */
  channelKey: string
  channelId: string
  workspaceId: string | null
  topic: string
  /** Who subscribed first; kept when the subscription is changed. */
  createdBy: string
  /** Only what was asked for: an existing subscription keeps everything else, a new one takes `defaults` (alerts off). */
  changes: Partial<SubscriptionSettings> & { alerts?: Partial<AlertOptions>; filters?: Partial<SubscriptionFilters> }
  defaults: SubscriptionSettings
}

/** What a channel wants of its topic (issue 18); each filter set replaces the stored one, an empty one means none. */
export interface SubscriptionFilters {
  /** A story must name one of these (term syntax of src/3-normalise/terms.ts); none = any story. */
  include: string[]
  /** A story naming one of these is left out. */
  exclude: string[]
  /** Only sources in these languages count; none = every language. */
  languages: string[]
  /** Sources of these kinds do not count (e.g. state-media). */
  excludeKinds: string[]
  /** Independent outlets, among the sources that count, a story needs to be in the digest (alerts have their own). */
  minOutlets: number
}

export interface AlertOptions {
  /** Post a story once it reaches `minOutlets` independent outlets on the topic. */
  stories: boolean
  minOutlets: number
  /** Post each change of the ceasefire state. */
  ceasefire: boolean
}

export interface SubscriptionRecord extends Omit<SubscriptionInput, 'changes' | 'defaults'>, SubscriptionSettings {
  id: number
  createdAt: Date
  updatedAt: Date
  storyAlerts: boolean
  alertMinOutlets: number
  ceasefireAlerts: boolean
  /** Stories older than this never alert (alerts were switched on then). */
  alertsSince: Date | null
  /** The platform refused the channel for good; subscribing again resumes it. */
  pausedAt: Date | null
  pausedReason: string | null
  filters: SubscriptionFilters
}

export interface SubscriptionStore {
  /** Creates the channel's subscription to the topic, or changes what was asked (and resumes it); `previous` is null when new. */
  upsert(subscription: SubscriptionInput): Promise<{ subscription: SubscriptionRecord; previous: SubscriptionRecord | null }>
  remove(channelKey: string, topic: string): Promise<boolean>
  /** By topic. */
  listForChannel(channelKey: string): Promise<SubscriptionRecord[]>
  /** Every channel's, by channel and topic: what scheduled delivery works through. */
  listAll(): Promise<SubscriptionRecord[]>
  get(id: number): Promise<SubscriptionRecord | null>
  /** Stops deliveries to every subscription of the channel, with the reason shown in /subscriptions. */
  pauseChannel(channelKey: string, reason: string, at: Date): Promise<number>
}

/** What the outbox records in DigestEntry once a digest went out. */
export interface DigestRecord {
  channel: string
  stories: Omit<SentSnapshot, 'sentAt'>[]
}

export type OutboxState = 'planned' | 'sending' | 'sent' | 'failed' | 'cancelled'

/** A message to plan: its key makes it exactly-once (a second plan with the same key is ignored). */
export interface PlannedMessage {
  key: string
  /** 0 for a notice that belongs to no subscription (a paused feed, told to the channel that added it). */
  subscriptionId: number
  platform: string
  channelId: string
  kind: 'digest' | 'story-alert' | 'ceasefire-alert' | 'feed-paused'
  /** Platform message bodies, sent in order. */
  bodies: unknown[]
  record: DigestRecord | null
  dueAt: Date
}

export interface OutboxEntry extends Omit<PlannedMessage, 'dueAt'> {
  id: number
  state: OutboxState
  partsSent: number
  messageIds: string[]
  attempts: number
  lastError: string | null
  nextAttemptAt: Date
  plannedAt: Date
  sendingAt: Date | null
  sentAt: Date | null
}

export interface OutboxStore {
  /** Which of these keys are already planned (in any state). */
  existingKeys(keys: string[]): Promise<Set<string>>
  /** Inserts the messages whose keys are new; returns how many were. */
  plan(messages: PlannedMessage[]): Promise<number>
  /** Messages waiting to be sent (planned, or left sending by a sender whose lease ran out), oldest first. */
  due(now: Date, limit: number): Promise<{ id: number; platform: string }[]>
  /**
   * Takes the message for one sender until `leaseUntil`, if nobody else holds it; `inDoubt` is true when an earlier
   * attempt had started sending (its next part may have reached the platform).
   */
  claim(id: number, now: Date, leaseUntil: Date): Promise<{ entry: OutboxEntry; inDoubt: boolean } | null>
  /** Records that the first `partsSent` bodies are on the platform, and extends the lease. */
  partSent(id: number, partsSent: number, messageIds: string[], leaseUntil: Date): Promise<void>
  /** Sent: and, for a digest, its DigestEntry rows, in the same transaction. */
  markSent(id: number, at: Date): Promise<void>
  /** A transient failure: released for another attempt at `nextAttemptAt`. */
  retryLater(id: number, error: string, nextAttemptAt: Date): Promise<void>
  /** For good: failed (the platform refused) or cancelled (the subscription is gone or paused). */
  close(id: number, state: 'failed' | 'cancelled', error: string): Promise<void>
  /** A single process starting up: any lease is a dead process's. */
  releaseLeases(): Promise<number>
  list(filter?: { id?: number; state?: OutboxState; subscriptionId?: number }): Promise<OutboxEntry[]>
}

/** A topic a channel (or server/workspace) defined with /topics add (issue 18). */
export interface ChannelTopicRecord {
  /** "<scope key>#<topic id>": what subscriptions and story queries (StoryQuery.topics, topic filters) name it by. */
  key: string
  scopeKey: string
  topicId: string
  name: string
  /** Term groups: an item names a term of every group (AND of ORs). */
  terms: string[][]
  createdBy: string
  createdAt: Date
  /** Items with ids up to this one have been matched against it. */
  taggedThrough: number
}

export type ChannelTopicInput = Omit<ChannelTopicRecord, 'key' | 'createdAt'>

/** An item as a channel topic's matcher reads it. */
export interface TaggableItem {
  id: number
  title: string
  text: string
}

export interface ChannelTopicStore {
  /** Null when the scope already has a topic with this id. */
  add(topic: ChannelTopicInput): Promise<ChannelTopicRecord | null>
  remove(key: string): Promise<boolean>
  /** The topics of these scopes (every topic when none are given), oldest first. */
  list(scopeKeys?: string[]): Promise<ChannelTopicRecord[]>
  /** Items with ids above `afterId`, in id order. */
  itemsAfter(afterId: number, limit: number): Promise<TaggableItem[]>
  /** The newest item's id (0 for none). */
  lastItemId(): Promise<number>
  /** Stores tags (a tag already there is kept) and moves each topic's taggedThrough up to at least its new value. */
  tag(tags: { key: string; itemId: number }[], taggedThrough: Map<string, number>): Promise<void>
  /** How many items a topic tags. */
  countTagged(key: string): Promise<number>
}
