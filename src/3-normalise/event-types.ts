// What kind of event a story reports (call, talks, truce …), from the multilingual cue terms in
// config/event-types.json: every report votes, headlines louder than ledes, so one outlet's framing does not decide.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { TermIndex } from '../3-normalise/terms.js'

const termsByLanguage = z.partialRecord(z.enum(['en', 'ja', 'ru', 'uk']), z.array(z.string().min(1)))
const typeSchema = z.object({
  id: z.string().regex(/^[a-z][a-z-]*$/),
  label: z.object({ en: z.string().min(1), ja: z.string().min(1) }),
  description: z.string(),
  cues: termsByLanguage,
  not: termsByLanguage.optional(),
  /** Types this one's cues make a mere detail of, in the same headline or lede. */
  overrides: z.array(z.string()).optional(),
  /** Types whose headlines can report the same real event (symmetric; a statement fits any). */
  sameEventAs: z.array(z.string()),
})
const vocabularySchema = z
  .object({
    $comment: z.string().optional(),
    fallback: z.string().regex(/^[a-z][a-z-]*$/),
    types: z.array(typeSchema).min(1),
  })
  .superRefine((v, ctx) => {
    const same = new Map(v.types.map((t) => [t.id, t.sameEventAs]))
    v.types.forEach((t, i) =>
      t.sameEventAs.forEach((other, j) => {
        if (!same.get(other)?.includes(t.id)) ctx.addIssue({ code: 'custom', path: ['types', i, 'sameEventAs', j], message: `${other} does not list ${t.id} back` })
      }),
    )
  })

export type EventTypeDefinition = z.infer<typeof typeSchema>
export type EventVocabulary = z.infer<typeof vocabularySchema>

export const DEFAULT_EVENT_TYPES_PATH = fileURLToPath(new URL('../../config/event-types.json', import.meta.url))

export function loadEventTypes(path = DEFAULT_EVENT_TYPES_PATH): EventVocabulary {
  const parsed = vocabularySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`summarise: event types ${path} are invalid at ${issue.path.join('.')}: ${issue.message}`)
  }
  return parsed.data
}

/** How strongly the reports point at each type; types they do not name are absent. */
export type TypeScores = Record<string, number>

export interface EventTypeClassifier {
  /** Types whose cues a headline or lede names (after the false friends in `not` are taken off), once each. */
  (text: string): string[]
  /** Tie-break order, most specific first; the fallback last. */
  readonly order: readonly string[]
  readonly fallback: string
  label(type: string, lang: 'en' | 'ja'): string
  /** Whether headlines of these two types can report one real event. */
  sameEventAs(a: string, b: string): boolean
}

export function compileEventTypes(vocabulary: EventVocabulary): EventTypeClassifier {
  const cues = new TermIndex<string>()
  const falseFriends = new TermIndex<string>()
  for (const type of vocabulary.types) {
    for (const term of Object.values(type.cues).flat()) cues.add(term, type.id)
    for (const term of Object.values(type.not ?? {}).flat()) falseFriends.add(term, type.id)
  }
  const labels = new Map(vocabulary.types.map((t) => [t.id, t.label]))
  const overrides = new Map(vocabulary.types.map((t) => [t.id, t.overrides ?? []]))
  const same = new Map(vocabulary.types.map((t) => [t.id, new Set(t.sameEventAs)]))
  const classify = (text: string) => {
    const negated = falseFriends.match(text)
    const named = [...cues.match(text)].filter(([type, n]) => n > (negated.get(type) ?? 0)).map(([type]) => type)
    const details = new Set(named.flatMap((type) => overrides.get(type) ?? []))
    return named.filter((type) => !details.has(type))
  }
  return Object.assign(classify, {
    order: [...vocabulary.types.map((t) => t.id), vocabulary.fallback],
    fallback: vocabulary.fallback,
    label: (type: string, lang: 'en' | 'ja') => labels.get(type)?.[lang] ?? type,
    sameEventAs: (a: string, b: string) => a === b || a === vocabulary.fallback || b === vocabulary.fallback || Boolean(same.get(a)?.has(b)),
  })
}

let shipped: EventTypeClassifier | null = null
/** The shipped vocabulary, compiled on first use. */
export const defaultEventTypes = (): EventTypeClassifier => (shipped ??= compileEventTypes(loadEventTypes()))

const HEADLINE_WEIGHT = 2
const LEDE_WEIGHT = 1

/** Votes of every report: its headline counts twice, its lede once, each type at most once per part. */
export function typeScores(reports: { title: string; lede: string }[], classify: EventTypeClassifier): TypeScores {
  const scores: TypeScores = {}
  for (const { title, lede } of reports) {
    for (const type of classify(title)) scores[type] = (scores[type] ?? 0) + HEADLINE_WEIGHT
    for (const type of classify(lede)) scores[type] = (scores[type] ?? 0) + LEDE_WEIGHT
  }
  return scores
}

/**
 * The best-scored type; ties go to the more specific (earlier in the vocabulary). The fallback ("statement") has cues
 * too ("says", "заявил"), but nearly every headline has a verb of saying: it wins only when it scores more than twice
 * every other type, or when nothing else is named at all.
 */
export function primaryType(scores: TypeScores, classify: EventTypeClassifier): string {
  let best = classify.fallback
  let bestScore = 0
  for (const type of classify.order) {
    const score = scores[type] ?? 0
    if (type !== classify.fallback && score > bestScore) [best, bestScore] = [type, score]
  }
  return bestScore * 2 >= (scores[classify.fallback] ?? 0) && bestScore > 0 ? best : classify.fallback
}

/** Types scoring at least half the best: what else the reports could fairly be called (talks that produced a swap). */
export function strongTypes(scores: TypeScores): Set<string> {
  const best = Math.max(0, ...Object.values(scores))
  return new Set(best > 0 ? Object.keys(scores).filter((t) => scores[t]! * 2 >= best) : [])
}
