// Sentence splitting in en/ja/ru/uk. Intl.Segmenter finds the boundaries (。！？ in Japanese, which has no spaces);
// it does not know abbreviations, so "Mr. Smith", "U.S. officials", "Feb. 15" and Russian initials ("В. В. Путин")
// are glued back together.

const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'sgt', 'capt', 'gov', 'sen', 'rep', 'st', 'jr', 'sr', 'vs', 'no',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'corp', 'ltd', 'co', 'approx',
    'т', 'е', 'г', 'гг', 'т.е', 'т.д', 'т.п', 'им', 'ул', 'проф', 'ген', 'млн', 'млрд', 'тыс', 'руб', 'тис', 'грн', 'див', 'р',
  ].map((a) => a.toLowerCase()),
)

const segmenters = new Map<string, Intl.Segmenter>()
function segmenter(language: string): Intl.Segmenter {
  let s = segmenters.get(language)
  if (!s) segmenters.set(language, (s = new Intl.Segmenter(language, { granularity: 'sentence' })))
  return s
}

/** Whether a segment ends in an abbreviation or an initial, so the sentence goes on. */
function endsInAbbreviation(segment: string): boolean {
  const m = /(?:^|[\s(«"„])([\p{L}.]{1,6})\.\s*$/u.exec(segment)
  if (!m) return false
  const word = m[1]!
  if (/^\p{Lu}$/u.test(word)) return true // an initial: "В." in "В. Путин", "J." in "J. Biden"
  if (/^(?:\p{L}\.)+\p{L}?$/u.test(word)) return true // "U.S", "т.е"
  return ABBREVIATIONS.has(word.toLowerCase())
}

export function splitSentences(text: string, language: string): string[] {
  const out: string[] = []
  for (const line of text.split(/\n+/)) {
    let pending = ''
    for (const { segment } of segmenter(language).segment(line)) {
      pending += segment
      if (!endsInAbbreviation(pending)) {
        if (pending.trim()) out.push(pending.trim())
        pending = ''
      }
    }
    if (pending.trim()) out.push(pending.trim())
  }
  return out
}

/**
 * A speaker's name and a colon open many Russian and Ukrainian headlines: "Песков: …", "Зеленський: …", "Глава МИД
 * России: …". A name is a few words; a longer head before a colon is a statement of its own ("Зеленський поговорив із
 * Трампом: …", four words).
 */
const SPEAKER_PREFIX = /^([^:：«"“]{2,45})[:：]\s+/u
const MAX_SPEAKER_WORDS = 3

export function speakerPrefix(sentence: string): { prefix: string; body: string } | null {
  const m = SPEAKER_PREFIX.exec(sentence)
  if (!m || m[1]!.trim().split(/\s+/u).length > MAX_SPEAKER_WORDS) return null
  return { prefix: m[1]!, body: sentence.slice(m[0].length) }
}
