// Hand-built digests for the renderer tests: every sentence and source carries its story id and position, so a
// test can find each one in the rendered messages and count it.
import type { Digest, DigestLanguage, DigestSource, DigestStory, SummarySentence } from '../../src/6-summarise/types.js'

export const KINDS = ['wire', 'state-media', 'newspaper', 'public-broadcaster', 'government', 'online-outlet'] as const

const FILLER = {
  en: 'officials in Moscow and Washington discussed a prisoner exchange on Friday, according to statements from both foreign ministries',
  ja: 'ロシア外務省は米国との協議を再開すると発表し、捕虜交換についても話し合ったと明らかにした',
  ru: 'Лавров заявил, что переговоры с США продолжатся на следующей неделе в Стамбуле',
} as const

/** Unique, prefix-free marker for sentence k of story id, so counting a marker counts that one sentence. */
export const sentenceMarker = (id: number, k: number) => `S${id}x${k}.`

export function sentenceText(id: number, k: number, language: keyof typeof FILLER, repeat = 1): string {
  return `${sentenceMarker(id, k)} ${Array.from({ length: repeat }, () => FILLER[language]).join(' ')}.`
}

export function source(id: number, k: number, kind: string = KINDS[k % KINDS.length]!, name = `Outlet ${id}-${k}`): DigestSource {
  return { name, url: `https://news${k}.example/story-${id}/item-${k}`, language: 'en', kind }
}

export interface StoryShape {
  sentences?: number
  sources?: number
  updated?: boolean
  /** Repeat the filler this many times in sentence 0 (≈110 characters each in English). */
  longSentence?: number
  title?: string
  lang?: DigestLanguage
}

export function story(id: number, shape: StoryShape = {}): DigestStory {
  const lang = shape.lang ?? 'en'
  const sources = Array.from({ length: shape.sources ?? 4 }, (_, k) => source(id, k))
  const summary: SummarySentence[] = Array.from({ length: shape.sentences ?? 3 }, (_, k) => {
    const language = k % 3 === 2 ? 'ru' : lang
    return {
      text: sentenceText(id, k, language, k === 0 ? (shape.longSentence ?? 1) : 1),
      url: sources[k % sources.length]?.url ?? `https://orphan.example/${id}/${k}`,
      language,
    }
  })
  return {
    storyId: id,
    title: shape.title ?? (lang === 'ja' ? `第${id}号：米ロ協議が再開` : `Story ${id}: US and Russian envoys resume talks`),
    updated: shape.updated ?? false,
    updateReason: shape.updated ? `new outlet: Outlet ${id}-0; new language: ru` : null,
    summary,
    sources,
    outletCount: sources.length,
    languages: ['en', 'ru', 'uk'],
    firstPublishedAt: new Date('2026-11-20T10:00:00Z'),
    lastPublishedAt: new Date('2026-11-21T08:00:00Z'),
  }
}

export function digest(lang: DigestLanguage, stories: DigestStory[]): Digest {
  return {
    lang,
    topics: lang === 'ja' ? ['米ロ関係', 'ウクライナ戦争'] : ['US–Russia relations', 'War in Ukraine'],
    since: new Date('2026-11-20T09:00:00Z'),
    generatedAt: new Date('2026-11-21T09:00:00Z'),
    stories,
  }
}

/** 40 stories of every size: updated ones, long sentences past every platform limit, long source lists. */
export function bigDigest(lang: DigestLanguage): Digest {
  return digest(
    lang,
    Array.from({ length: 40 }, (_, i) =>
      story(i + 1, {
        lang,
        sentences: 3 + (i % 6),
        sources: i % 7 === 0 ? 40 : 2 + (i % 5),
        updated: i % 3 === 0,
        longSentence: i % 5 === 0 ? 60 : 1,
      }),
    ),
  )
}

/** One story too big for any single Discord or Slack message. */
export function monsterStory(id: number, lang: DigestLanguage = 'en'): DigestStory {
  const s = story(id, { lang, sentences: 60, sources: 220 })
  s.summary = s.summary.map((sentence, k) => ({ ...sentence, text: sentenceText(id, k, lang, k === 0 ? 60 : 8), language: lang }))
  return s
}
