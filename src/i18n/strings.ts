// Every fixed string a digest shows, in each digest language. `satisfies` makes a missing key or a missing source
// kind in either language a type error, so the two languages cannot drift apart.
import type { DigestLanguage } from '../6-summarise/types.js'
import type { FeedKind } from '../config/app-config.js'

export interface DateOptions {
  /** IANA zone the reader lives in; digests default to UTC so the same digest reads the same everywhere. */
  timeZone?: string
}

export interface DigestStrings {
  heading(topics: string[], date: string): string
  updated: string
  /** The parts of a story's update reason (see story-profile.ts), and how several are joined. */
  updateReasons: {
    newOutlet(name: string): string
    newLanguage(language: string): string
    headlineChanged(headline: string): string
    separator: string
  }
  /** How many outlets covered a story and in which languages. */
  outlets(count: number, languages: string[]): string
  sourceKinds: Record<FeedKind, string>
  /** Marks a summary sentence that is not in the digest language. */
  languageTag(language: string): string
  noNewStories(since: string): string
  /** For the second and later messages of a digest split across several. */
  continuedPart(part: number, total: number): string
  /** For a story whose sentences or sources spill past one embed or message. */
  storyContinued: string
  sources: string
  /** Marks an entry from the curated chronology (config/chronology), as against live reporting. */
  curatedHistory: string
  /** The curated chronology named as a source. */
  curatedChronology: string
  /** The chronology's place words that are not places (config/chronology/NOTES.md), and qualifiers such as "(front line)". */
  placeWords: Record<string, string>
  /** How a place's parts ("Moscow", "Russia") join, in the language's order. */
  joinPlace(parts: string[]): string
  /** Console label of a failed request. */
  error: string
  formatDate(date: Date, options?: DateOptions): string
  formatDateTime(date: Date, options?: DateOptions): string
}

/** "16 Oct 2025 – 18 Oct 2025", or the day alone when both fall on it. */
export function formatDaySpan(strings: DigestStrings, from: Date, to: Date, options?: DateOptions): string {
  const [first, last] = [strings.formatDate(from, options), strings.formatDate(to, options)]
  return first === last ? first : `${first} – ${last}`
}

/** Formatters are costly to build (a list of 200 dates would spend most of its time here), so one per time zone is kept. */
function dateFormat(locale: string, format: Intl.DateTimeFormatOptions) {
  const byZone = new Map<string, Intl.DateTimeFormat>()
  return (date: Date, options?: DateOptions): string => {
    const timeZone = options?.timeZone ?? 'UTC'
    let formatter = byZone.get(timeZone)
    if (!formatter) byZone.set(timeZone, (formatter = new Intl.DateTimeFormat(locale, { ...format, timeZone })))
    return formatter.format(date)
  }
}

// One-character forms as Japanese newspapers abbreviate countries (英日露宇), and full names for the inline tag.
const JA_LANGUAGE_SHORT: Record<string, string> = { en: '英', ja: '日', ru: '露', uk: '宇' }
const JA_LANGUAGES: Record<string, string> = { en: '英語', ja: '日本語', ru: 'ロシア語', uk: 'ウクライナ語' }

export const DIGEST_STRINGS = {
  en: {
    heading: (topics, date) => `Daily digest: ${topics.join(', ')} — ${date}`,
    updated: 'Updated',
    updateReasons: {
      newOutlet: (name) => `new outlet: ${name}`,
      newLanguage: (language) => `new language: ${language}`,
      headlineChanged: (headline) => `headline changed: ${headline}`,
      separator: '; ',
    },
    outlets: (count, languages) => `${count} ${count === 1 ? 'outlet' : 'outlets'} in ${languages.join('/')}`,
    sourceKinds: {
      wire: 'wire service',
      'public-broadcaster': 'public broadcaster',
      broadcaster: 'broadcaster',
      newspaper: 'newspaper',
      'online-outlet': 'online outlet',
      'state-media': 'state media',
      government: 'government',
      aggregator: 'aggregator',
      'think-tank': 'think tank',
      blog: 'blog',
      unknown: 'unclassified',
    },
    languageTag: (language) => `[${language}]`,
    noNewStories: (since) => `No new stories since ${since}.`,
    continuedPart: (part, total) => `(continued, part ${part}/${total})`,
    storyContinued: '(continued)',
    sources: 'Sources',
    curatedHistory: 'curated history',
    curatedChronology: 'Curated chronology',
    placeWords: {},
    joinPlace: (parts) => parts.join(', '),
    error: 'error',
    formatDate: dateFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }),
    formatDateTime: dateFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    }),
  },
  ja: {
    heading: (topics, date) => `デイリーダイジェスト：${topics.join('、')} — ${date}`,
    updated: '更新',
    updateReasons: {
      newOutlet: (name) => `新たな媒体：${name}`,
      newLanguage: (language) => `新たな言語：${JA_LANGUAGES[language] ?? language}`,
      headlineChanged: (headline) => `見出しの変更：${headline}`,
      separator: '、',
    },
    outlets: (count, languages) => `${count}媒体・${languages.map((l) => JA_LANGUAGE_SHORT[l] ?? l).join('')}`,
    sourceKinds: {
      wire: '通信社',
      'public-broadcaster': '公共放送',
      broadcaster: '放送局',
      newspaper: '新聞',
      'online-outlet': 'ネットメディア',
      'state-media': '国営メディア',
      government: '政府機関',
      aggregator: 'ニュースアグリゲーター',
      'think-tank': 'シンクタンク',
      blog: 'ブログ',
      unknown: '未分類',
    },
    languageTag: (language) => `［${JA_LANGUAGES[language] ?? language}］`,
    noNewStories: (since) => `${since}以降、新しいニュースはありません。`,
    continuedPart: (part, total) => `（続き・${part}/${total}）`,
    storyContinued: '（続き）',
    sources: '出典',
    curatedHistory: '編集済みの年表',
    curatedChronology: '編集済み年表',
    placeWords: { 'Phone call': '電話会談', 'Video call': 'ビデオ会談', 'front line': '前線' },
    joinPlace: (parts) => [...parts].reverse().join('・'),
    error: 'エラー',
    formatDate: dateFormat('ja-JP', { day: 'numeric', month: 'long', year: 'numeric' }),
    formatDateTime: dateFormat('ja-JP', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }),
  },
} satisfies Record<DigestLanguage, DigestStrings>

/** Update reasons come from clustering as "new outlet: TASS; new language: ru" (story-profile.ts); unknown parts pass through. */
export function localiseUpdateReason(reason: string, strings: DigestStrings): string | null {
  const { newOutlet, newLanguage, headlineChanged, separator } = strings.updateReasons
  const parts = reason.split(';').flatMap((part) => {
    const text = part.trim()
    const match = /^(new outlet|new language|headline changed):\s*(.+)$/.exec(text)
    if (!match) return text ? [text] : []
    const value = match[2]!
    return [match[1] === 'new outlet' ? newOutlet(value) : match[1] === 'new language' ? newLanguage(value) : headlineChanged(value)]
  })
  return parts.length > 0 ? parts.join(separator) : null
}

export function digestStrings(lang: DigestLanguage): DigestStrings {
  return DIGEST_STRINGS[lang]
}

