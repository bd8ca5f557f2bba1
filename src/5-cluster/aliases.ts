// The multilingual alias dictionary (config/aliases.json): names of people, countries, places, organisations and
// key terms in en/ja/ru/uk mapped to shared ids, so items in different languages can be compared.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { TermIndex } from '../3-normalise/terms.js'

export const ENTITY_KINDS = ['person', 'country', 'place', 'org', 'term'] as const
export type EntityKind = (typeof ENTITY_KINDS)[number]

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const entitySchema = z.object({
  id: z.string().regex(/^[a-z]+:[a-z0-9-]+$/),
  kind: z.enum(ENTITY_KINDS),
  /** Whose side the entity stands for in the news (Moscow, Kyiv, Washington …), when it stands for one. */
  party: z.string().min(1).optional(),
  /** A place's IANA time zone: an event there is dated by that place's calendar. */
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'not an IANA time zone' })
    .optional(),
  names: z.record(z.enum(['en', 'ja', 'ru', 'uk']), z.array(z.string().min(1))),
})
const dictionarySchema = z.object({ $comment: z.string().optional(), entities: z.array(entitySchema) })

export type AliasEntity = z.infer<typeof entitySchema>

export const DEFAULT_ALIASES_PATH = fileURLToPath(new URL('../../config/aliases.json', import.meta.url))

export function loadAliases(path = DEFAULT_ALIASES_PATH): AliasEntity[] {
  const parsed = dictionarySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`cluster: alias dictionary ${path} is invalid at ${issue.path.join('.')}: ${issue.message}`)
  }
  return parsed.data.entities
}

export interface EntityExtractor {
  /** Ids of the entities named in the text, with how often each is named. */
  (text: string): Map<string, number>
  kindOf(id: string): EntityKind | undefined
  /** Whose side it stands for (Moscow, Kyiv, Washington …), when it stands for one. */
  partyOf(id: string): string | undefined
  /** A place's time zone, when the dictionary gives one. */
  timeZoneOf(id: string): string | undefined
}

export function compileAliases(entities: AliasEntity[]): EntityExtractor {
  const kinds = new Map(entities.map((e) => [e.id, e.kind]))
  const parties = new Map(entities.flatMap((e) => (e.party ? [[e.id, e.party] as const] : [])))
  const zones = new Map(entities.flatMap((e) => (e.timeZone ? [[e.id, e.timeZone] as const] : [])))
  // The term index is most of the cost, and kindOf, partyOf and timeZoneOf never need it: built for the first text.
  let index: TermIndex<string> | null = null
  const built = () => {
    if (index) return index
    index = new TermIndex<string>()
    for (const entity of entities) for (const term of Object.values(entity.names).flat()) index.add(term, entity.id)
    return index
  }
  return Object.assign((text: string) => built().match(text), { kindOf: (id: string) => kinds.get(id), partyOf: (id: string) => parties.get(id), timeZoneOf: (id: string) => zones.get(id) })
}
