// Marks around a cue that say what it does in its sentence: a time it dates ("after talks", "since the invasion"), a
// claim rather than a fact ("accused of breaking"), a negation that follows its verb, a clause of "that". The reader
// asks them of the text next to a cue; they know nothing of the lexicon beyond the cue's position.
import type { Cue } from './lexicon.js'
import type { CueMatch } from './cue-matcher.js'
import type { Range } from '../../3-normalise/clauses.js'

/** "broke the truce 3,000 times": a tally of breaches. */
export const COUNTED = /^[^,;:.]*?\d[\d,. ]*\s*(?:times|раз|разів|回)/iu
/** "accused Russia of breaking …": a breach alleged. */
export const ACCUSED = /(?:accus\p{L}*|обвин\p{L}*|звинуват\p{L}*|звинувач\p{L}*)\s+(?:\p{L}+\s+){0,4}$/iu

/** "since the invasion", «с начала вторжения», 「侵攻以来」: a war named as a date is no war announced. */
const SINCE_MARK = /(?:since|с начала|со времени|со времён|з початку|від початку)\s+(?:\p{L}+\s+){0,2}$/iu
export function warAsDate(text: string, c: CueMatch<Cue>): boolean {
  if (c.key.kind !== 'action' || c.key.family !== 'war') return false
  return SINCE_MARK.test(text.slice(Math.max(0, c.start - 30), c.start)) || /^(?:以来|以降)/u.test(text.slice(c.end))
}

/** "tells Kyiv and Moscow to freeze …", "asked Putin to hold off …": telling someone to do it is demanding it. */
const DIRECTIVE = /^(?:tell|tells|told|ask|asks|asked)$/iu
const TO_INFINITIVE = /^\s+(?:[\p{L}'’]+\s+){1,4}?to\s+\p{L}/u
export function directives(text: string, cues: CueMatch<Cue>[]): CueMatch<Cue & { kind: 'action' }>[] {
  return cues
    .filter((c) => c.key.kind === 'speech' && DIRECTIVE.test(text.slice(c.start, c.end)) && TO_INFINITIVE.test(text.slice(c.end, c.end + 48)))
    .map((c) => ({ ...c, key: { kind: 'action', family: 'propose' } }))
}

/**
 * "before further talks", «перед переговорами», "after a ceasefire", «після припинення вогню», "during Wednesday's
 * hour-long call", «в ходе разговора», «під час розмови»: a time, not a topic.
 */
const FRAME_MARK = /(?:before|ahead of|after|following|during|перед|накануне|напередодні|после|після|в ходе|во время|під час)\s+(?:[\p{L}'’-]+\s+){0,2}$/iu
export const framed = (text: string, o: CueMatch<Cue>) => FRAME_MARK.test(text.slice(Math.max(0, o.start - 30), o.start))

/** An ending in a clause of time ("as the pause ended", «після завершення паузи», 「停戦が終わった後」). */
const TIME_CLAUSE = /^\s*(?:as|when|once|after|while)\s/iu
const AFTER_NOUN = /(?:after the|following the|после|після|по)\s+$/iu
export function asTimeFrame(text: string, range: Range, action: CueMatch<Cue>): boolean {
  return TIME_CLAUSE.test(text.slice(range.start, action.start)) || AFTER_NOUN.test(text.slice(Math.max(range.start, action.start - 16), action.start)) || /^(?:後|あと)/u.test(text.slice(action.end))
}

/** A deadline or ultimatum named in a clause is what its verb of ending ends. */
export const DEADLINE = /ultimatum|deadline|ультиматум|дедлайн/iu

/** Russian and Ukrainian put the negated auxiliary after a participle: «достигнуто не было», «наказу … не було». */
export const NEGATED_AFTER = /^[^,;:.—]{0,10}?\s(?:не|ні)\s+(?:было|была|были|будет|будут|було|була|були|буде|будуть)(?![\p{L}])/iu

/** "after a (short) pause", «после короткой паузы», «після перерви»: what stands after it is over. */
export const PAST_MARK = /(?:after|following|после|після|по окончании|по завершении)\s+(?:\p{L}+\s+){0,2}$/iu

/** A clause opening with "that" (чтобы, щоб) is what the verb before it says. */
export const COMPLEMENT = /^\s*(?:чтобы|щоб|that)\s/iu

/** "since 2022", "с 2022 года", "2022年以来": a measure of how new today's news is, not background from that year. */
const SINCE_YEAR = /(?:since|с|з|від)\s+(?:\p{L}+\s+)?$/iu

/** 「2022年以来」「2020年7月から」「2020年7月に発効した」: the year an arrangement still at issue began. */
const SINCE_YEAR_JA = /^\s*年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:以来|以降|ぶり|から|に発効)/u

export function mentionsEarlierYear(sentence: string, published: Date): boolean {
  const year = published.getUTCFullYear()
  return [...sentence.matchAll(/(?<!\d)(?:19|20)\d\d(?!\d)/g)].some((m) => {
    if (Number(m[0]) >= year || Number(m[0]) < 1990) return false
    const before = sentence.slice(Math.max(0, m.index! - 16), m.index)
    const after = sentence.slice(m.index! + 4, m.index! + 16)
    return !SINCE_YEAR.test(before) && !SINCE_YEAR_JA.test(after)
  })
}
