// Loads config/ceasefire-lexicon.json and compiles it into cue indexes. The lexicon is data so that terms can be
// added without touching the reader; its $comment documents every section.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { AliasEntity } from '../../5-cluster/aliases.js'
import { CueIndex } from './cue-matcher.js'
import { CUE_FAMILIES, LIMITED_SCOPES, type CueFamily, type LimitedScope } from './types.js'

const terms = z.object({ en: z.array(z.string()), ja: z.array(z.string()), ru: z.array(z.string()), uk: z.array(z.string()) }).partial().strict()
const byKey = <K extends string>(keys: readonly [K, ...K[]]) => z.object(Object.fromEntries(keys.map((k) => [k, terms])) as Record<K, typeof terms>).strict()

const lexiconSchema = z
  .object({
    $comment: z.string().optional(),
    objects: byKey(['ceasefire', 'deal', 'halt', 'talks', 'goal', 'swap', 'other', 'hostilities', 'fire', 'promise', 'relations']),
    scopes: byKey(['general', ...LIMITED_SCOPES]),
    actions: byKey(CUE_FAMILIES as unknown as [CueFamily, ...CueFamily[]]),
    negation: z.object({ before: terms, jaSuffixPattern: z.string() }).strict(),
    speech: terms,
    speechThenSpeaker: terms,
    mutual: terms,
    unilateral: terms,
    condition: terms,
    exclude: terms,
    strike: terms,
    parties: z.record(
      z.string(),
      z.object({ label: z.object({ en: z.string(), ja: z.string() }).strict(), side: z.enum(['moscow', 'kyiv', 'washington', 'other']), terms }).strict(),
    ),
    durations: z
      .object({
        units: byKey(['hour', 'day', 'week', 'month']),
        numberWords: z.record(z.string(), z.number()),
        compound: z.object({ day: z.array(z.string()), hour: z.array(z.string()) }).strict(),
        holidayDefaultDays: z.number().positive(),
        limitedUnderDays: z.number().positive(),
      })
      .strict(),
  })
  .strict()

export type LexiconData = z.infer<typeof lexiconSchema>
export type ObjectKind = 'ceasefire' | 'deal' | 'halt' | 'talks' | 'goal' | 'swap' | 'other' | 'hostilities' | 'fire' | 'promise' | 'relations'
export type Cue =
  | { kind: 'object'; object: ObjectKind }
  | { kind: 'action'; family: CueFamily }
  | { kind: 'negation' | 'speech' | 'speechThenSpeaker' | 'mutual' | 'unilateral' | 'condition' | 'exclude' | 'strike' }
export type ScopeCue = LimitedScope | 'general'
export type Side = 'moscow' | 'kyiv' | 'washington' | 'other'
export type DurationUnit = 'hour' | 'day' | 'week' | 'month'

export interface Party {
  name: string
  label: Record<'en' | 'ja', string>
  side: Side
}

/** Any lexicon match, so that a sentence is scanned once for cues, scopes, parties and units alike. */
export type Tagged = { group: 'cue'; key: Cue } | { group: 'scope'; key: ScopeCue } | { group: 'party'; key: Party } | { group: 'unit'; key: DurationUnit }

export interface Lexicon {
  all: CueIndex<Tagged>
  cues: CueIndex<Cue>
  scopes: CueIndex<ScopeCue>
  parties: CueIndex<Party>
  units: CueIndex<DurationUnit>
  jaNegatedSuffix: RegExp
  numberWords: [string, number][]
  compound: LexiconData['durations']['compound']
  holidayDefaultDays: number
  limitedUnderDays: number
  partyByName: Map<string, Party>
}

export const DEFAULT_LEXICON_PATH = fileURLToPath(new URL('../../../config/ceasefire-lexicon.json', import.meta.url))

export function loadLexiconData(path = DEFAULT_LEXICON_PATH): LexiconData {
  const parsed = lexiconSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`ceasefire: lexicon ${path} is invalid at ${issue.path.join('.')}: ${issue.message}`)
  }
  return parsed.data
}

/**
 * A Ukrainian past tense has its masculine in -в where every other form has -л- (домовився, домовилися; почав,
 * почала; уклав, уклали): a stem written on the -л- forms ("домовил*") stands for the masculine too.
 */
const UK_PAST_STEM = /(?<=[аяиіу])л\*$/u
export function withUkrainianPast(term: string): string[] {
  const words = term.split(' ')
  if (!words.some((w) => UK_PAST_STEM.test(w))) return [term]
  return [term, words.map((w) => w.replace(UK_PAST_STEM, 'в*')).join(' ')]
}

const allTerms = (group: z.infer<typeof terms>) => Object.entries(group).flatMap(([lang, list]) => (lang === 'uk' ? [...new Set(list.flatMap(withUkrainianPast))] : list))

/** Parties are named by the alias-dictionary entities on their side, so every spelling the dictionary knows counts. */
export function compileLexicon(data: LexiconData, aliases: AliasEntity[]): Lexicon {
  const cues = new CueIndex<Cue>()
  for (const [object, group] of Object.entries(data.objects)) for (const t of allTerms(group)) cues.add(t, { kind: 'object', object: object as ObjectKind })
  for (const [family, group] of Object.entries(data.actions)) for (const t of allTerms(group)) cues.add(t, { kind: 'action', family: family as CueFamily })
  const plain = ['speech', 'speechThenSpeaker', 'mutual', 'unilateral', 'condition', 'exclude', 'strike'] as const
  for (const kind of plain) for (const t of allTerms(data[kind])) cues.add(t, { kind })
  for (const t of allTerms(data.negation.before)) cues.add(t, { kind: 'negation' })

  const scopes = new CueIndex<ScopeCue>()
  for (const [scope, group] of Object.entries(data.scopes)) for (const t of allTerms(group)) scopes.add(t, scope as ScopeCue)

  const parties = new CueIndex<Party>()
  const partyByName = new Map<string, Party>()
  for (const [name, p] of Object.entries(data.parties)) {
    const party: Party = { name, label: p.label, side: p.side }
    partyByName.set(name, party)
    for (const t of allTerms(p.terms)) parties.add(t, party)
  }
  for (const entity of aliases) {
    if (!entity.party) continue
    const party = partyByName.get(entity.party)
    if (!party) throw new Error(`ceasefire: config/aliases.json gives ${entity.id} the party ${entity.party}, which the lexicon does not define`)
    for (const t of Object.values(entity.names).flat()) parties.add(t, party)
  }

  const units = new CueIndex<DurationUnit>()
  for (const [unit, group] of Object.entries(data.durations.units)) for (const t of allTerms(group)) units.add(t, unit as DurationUnit)

  // Matches compete only within a group, and a verb phrase does not hide the object it names ("despite the truce"
  // is a breach of the truce), while an object phrase hides the verb inside it ('ミンスク合意' is no agreement today).
  const all = new CueIndex<Tagged>((outer, inner) => outer.group === inner.group && !(outer.group === 'cue' && inner.group === 'cue' && outer.key.kind === 'action' && inner.key.kind === 'object'))
  const fill = <K,>(index: CueIndex<K>, group: Tagged['group']) => index.each((term, key) => all.add(term, { group, key } as Tagged))
  fill(cues, 'cue')
  fill(scopes, 'scope')
  fill(parties, 'party')
  fill(units, 'unit')

  return {
    all,
    cues,
    scopes,
    parties,
    units,
    jaNegatedSuffix: new RegExp(data.negation.jaSuffixPattern),
    // Longest first, so that "трьох" wins over "три".
    numberWords: Object.entries(data.durations.numberWords).sort((a, b) => b[0].length - a[0].length),
    compound: data.durations.compound,
    holidayDefaultDays: data.durations.holidayDefaultDays,
    limitedUnderDays: data.durations.limitedUnderDays,
    partyByName,
  }
}
