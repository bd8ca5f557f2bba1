// /subscribe's filter options (issue 18), read, checked and described for every front end. Terms are words or phrases
// in the term syntax of src/3-normalise/terms.ts (a word with its English plural, "stem*" for Russian and Ukrainian
// inflections, capitals-only for acronyms such as US, Japanese matched as written), separated by commas; they are
// never read as patterns. Each filter given replaces the stored one; `clear` removes one, or all of them.
import { FEED_KINDS, LANGUAGES } from '../src/config/app-config.js'
import type { SubscriptionFilters } from '../src/7-store/types.js'
import { UserError, type Lang, type Localised, type OptionDefinition } from './types.js'

export const MAX_TERMS = 10
export const MAX_TERM_LENGTH = 40

const TERM_SEPARATOR = /[,、，;；]/
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/

type TermOption = 'include' | 'exclude'
const CLEARABLE = ['include', 'exclude', 'languages', 'exclude_kinds', 'digest_min_outlets'] as const
type Clearable = (typeof CLEARABLE)[number]
const ALL = 'filters'

const FIELD: Record<Clearable, keyof SubscriptionFilters> = {
  include: 'include',
  exclude: 'exclude',
  languages: 'languages',
  exclude_kinds: 'excludeKinds',
  digest_min_outlets: 'minOutlets',
}

const LABEL: Record<Clearable, Localised> = {
  include: { en: 'include', ja: '含む語' },
  exclude: { en: 'exclude', ja: '除く語' },
  languages: { en: 'source languages', ja: '情報源の言語' },
  exclude_kinds: { en: 'left-out kinds', ja: '除く情報源の種類' },
  digest_min_outlets: { en: 'digest outlets', ja: 'ダイジェストに必要な媒体数' },
}

const termsDescription = (en: string, ja: string): Localised => ({
  en: `${en}, comma-separated (up to ${MAX_TERMS}; stem* for inflections)`,
  ja: `${ja}（カンマ区切り・${MAX_TERMS}語まで・語尾変化は stem*）`,
})

export const filterOptions: OptionDefinition[] = [
  { name: 'include', type: 'string', description: termsDescription('Only stories naming any of these terms', 'この語句のいずれかを含む記事だけ'), maxLength: 500 },
  { name: 'exclude', type: 'string', description: termsDescription('Leave out stories naming any of these terms', 'この語句のいずれかを含む記事を除く'), maxLength: 500 },
  {
    name: 'languages',
    type: 'string',
    description: { en: `Only sources in these languages: ${LANGUAGES.join(', ')}`, ja: `この言語の情報源だけ: ${LANGUAGES.join('、')}` },
    maxLength: 40,
  },
  {
    name: 'exclude_kinds',
    type: 'string',
    description: { en: 'Leave out sources of these kinds, e.g. state-media', ja: 'この種類の情報源を除く（例: state-media）' },
    maxLength: 200,
  },
  {
    name: 'digest_min_outlets',
    type: 'integer',
    description: { en: 'Independent outlets a story needs to be in the digest (default 1)', ja: 'ダイジェストに載せるのに必要な独立した媒体の数（既定 1）' },
    min: 1,
    max: 20,
  },
  {
    name: 'clear',
    type: 'string',
    description: { en: 'Remove a filter, or all of them', ja: '絞り込みを解除（一つ、またはすべて）' },
    choices: [
      { value: ALL, name: { en: 'all filters', ja: 'すべての絞り込み' } },
      ...CLEARABLE.map((value) => ({ value, name: LABEL[value] })),
    ],
  },
]

function bad(option: string, en: string, ja: string): UserError {
  return new UserError({ en: `Option "${option}": ${en}`, ja: `オプション「${option}」: ${ja}` })
}

function checkTerm(option: TermOption, term: string): string {
  if (term.length > MAX_TERM_LENGTH) throw bad(option, `"${term}" is longer than ${MAX_TERM_LENGTH} characters.`, `「${term}」は ${MAX_TERM_LENGTH} 文字以内にしてください。`)
  if (!/[\p{L}\p{N}]/u.test(term)) throw bad(option, `"${term}" has no letters or digits.`, `「${term}」に文字も数字もありません。`)
  if (term.includes('*') && CJK.test(term)) {
    throw bad(option, `"${term}": Japanese terms match as written, without *.`, `「${term}」: 日本語の語句はそのまま一致するので * は不要です。`)
  }
  if (/(^|[^\p{L}\p{N}])\*|\*(?=[^\s-])/u.test(term)) {
    throw bad(option, `"${term}": * goes at the end of a word, as in перемир*.`, `「${term}」: * は перемир* のように語の末尾に付けます。`)
  }
  return term
}

/** The terms of an include or exclude option, checked; duplicates once. */
export function parseTerms(option: TermOption, value: string): string[] {
  const terms = [...new Set(value.split(TERM_SEPARATOR).map((t) => t.normalize('NFKC').trim().replace(/\s+/g, ' ')).filter(Boolean))]
  if (terms.length === 0) throw bad(option, `no term given; to remove the filter, use clear:${option}.`, `語句がありません。解除するには clear:${option} を指定してください。`)
  if (terms.length > MAX_TERMS) throw bad(option, `${terms.length} terms; at most ${MAX_TERMS}.`, `${terms.length} 語あります。${MAX_TERMS} 語までにしてください。`)
  return terms.map((t) => checkTerm(option, t))
}

function parseChoices(option: string, value: string, allowed: readonly string[], split: RegExp, spell: (raw: string) => string): string[] {
  const chosen = [...new Set(value.split(split).map(spell).filter(Boolean))]
  const unknown = chosen.filter((c) => !allowed.includes(c))
  if (unknown.length > 0 || chosen.length === 0) {
    const list = allowed.join(', ')
    const what = unknown.join(', ') || value
    throw bad(option, `"${what}" is not one of: ${list}.`, `「${what}」は選べません。次から選んでください: ${list}`)
  }
  return chosen
}

export const parseLanguages = (value: string) => parseChoices('languages', value, LANGUAGES, /[\s,、，]+/, (l) => l.trim().toLowerCase())

/** "state media", "State_Media" and "state-media" alike. */
export const parseKinds = (value: string) => parseChoices('exclude_kinds', value, FEED_KINDS, /[,、，;；]/, (k) => k.trim().toLowerCase().replace(/[\s_]+/g, '-'))

/** The filters asked for (undefined = keep the stored one); clearing a filter and setting it at once is refused. */
export function filtersFrom(options: Record<string, unknown>): Partial<SubscriptionFilters> {
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined)
  const clear = text('clear')
  const given = (name: Clearable) => options[name] !== undefined
  if (clear && clear !== ALL && given(clear as Clearable)) {
    throw bad('clear', `clears "${clear}", which this request also sets; give one or the other.`, `「${clear}」を解除しつつ設定しています。どちらか一方にしてください。`)
  }
  if (clear === ALL && CLEARABLE.some(given)) {
    throw bad('clear', 'clears every filter, which this request also sets; give one or the other.', 'すべての絞り込みを解除しつつ設定しています。どちらか一方にしてください。')
  }
  const include = text('include')
  const exclude = text('exclude')
  const languages = text('languages')
  const kinds = text('exclude_kinds')
  const asked: Partial<SubscriptionFilters> = {
    include: include === undefined ? undefined : parseTerms('include', include),
    exclude: exclude === undefined ? undefined : parseTerms('exclude', exclude),
    languages: languages === undefined ? undefined : parseLanguages(languages),
    excludeKinds: kinds === undefined ? undefined : parseKinds(kinds),
    minOutlets: typeof options.digest_min_outlets === 'number' ? options.digest_min_outlets : undefined,
  }
  const cleared = clear === ALL ? CLEARABLE : CLEARABLE.filter((c) => c === clear)
  for (const c of cleared) Object.assign(asked, { [FIELD[c]]: c === 'digest_min_outlets' ? 1 : [] })
  return asked
}

const quoted = (terms: string[], lang: Lang) => terms.map((t) => (lang === 'ja' ? `「${t}」` : `"${t}"`)).join(lang === 'ja' ? '' : ', ')

/** Each filter set, in words: "only stories naming "ceasefire"", "none naming "Trump"", "sources in en, ja", …. */
export function filterParts(f: SubscriptionFilters, lang: Lang): string[] {
  const ja = lang === 'ja'
  return [
    f.include.length > 0 ? (ja ? `${quoted(f.include, lang)}を含む記事のみ` : `only stories naming ${quoted(f.include, lang)}`) : null,
    f.exclude.length > 0 ? (ja ? `${quoted(f.exclude, lang)}を含む記事を除く` : `none naming ${quoted(f.exclude, lang)}`) : null,
    f.languages.length > 0 ? (ja ? `情報源の言語 ${f.languages.join('・')}` : `sources in ${f.languages.join(', ')}`) : null,
    f.excludeKinds.length > 0 ? (ja ? `${f.excludeKinds.join('・')} を除く` : `without ${f.excludeKinds.join(', ')}`) : null,
    f.minOutlets > 1 ? (ja ? `ダイジェストは${f.minOutlets}媒体以上` : `digest stories with ${f.minOutlets}+ outlets`) : null,
  ].filter((part) => part !== null)
}

/** "Filters: only stories naming "ceasefire"; none naming "Trump"; …", or null when there are none. */
export function describeFilters(f: SubscriptionFilters, lang: Lang): string | null {
  const parts = filterParts(f, lang)
  if (parts.length === 0) return null
  return lang === 'ja' ? `絞り込み: ${parts.join('、')}` : `Filters: ${parts.join('; ')}`
}

/** What subscribing again changed in the filters: "exclude "Trump"", "include cleared", "digest outlets 1 → 2". */
export function describeFilterChanges(before: SubscriptionFilters, after: SubscriptionFilters, lang: Lang): string[] {
  const ja = lang === 'ja'
  const changes: string[] = []
  for (const option of CLEARABLE) {
    const field = FIELD[option]
    const [was, now] = [before[field], after[field]]
    if (JSON.stringify(was) === JSON.stringify(now)) continue
    const label = LABEL[option][lang]
    if (typeof was === 'number' || typeof now === 'number') changes.push(`${label} ${String(was)} → ${String(now)}`)
    else if (now.length === 0) changes.push(ja ? `${label}を解除` : `${label} cleared`)
    else changes.push(`${label} ${option === 'include' || option === 'exclude' ? quoted(now, lang) : now.join(ja ? '・' : ', ')}`)
  }
  return changes
}
