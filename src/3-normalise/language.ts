// Language of an item's text, for feeds that do not say (or say something the script contradicts).
// Script first (kana → ja, Cyrillic → ru/uk, Latin → en), then letters and words that tell Ukrainian from Russian.

export type DetectedLanguage = 'en' | 'ja' | 'ru' | 'uk' | 'und'

const UK_LETTERS = /[іїєґІЇЄҐ]/g
const RU_LETTERS = /[ыэъёЫЭЪЁ]/g
const UK_WORDS = /(?<![\p{L}])(що|це|та|від|для|які|який|яка|він|вона|також|після|через|щодо|України|Україна|і|й|з|у|на|не|про|під|між)(?![\p{L}])/giu
const RU_WORDS = /(?<![\p{L}])(что|это|как|от|для|который|которые|она|также|после|через|России|Россия|и|с|в|на|не|о|под|между|его|был|были)(?![\p{L}])/giu
const EN_WORDS = /\b(the|and|of|to|in|for|on|with|said|was|is|that|by|from|after|has|have)\b/gi

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}

export function detectLanguage(text: string): DetectedLanguage {
  const kana = count(text, /[\u3040-\u30ff]/g)
  const han = count(text, /[\u4e00-\u9fff]/g)
  const cyrillic = count(text, /[\u0400-\u04ff]/g)
  const latin = count(text, /[A-Za-z]/g)
  const total = kana + han + cyrillic + latin
  if (total === 0) return 'und'
  if (kana > 0 && (kana + han) * 2 >= total * 0.5) return 'ja'
  if (cyrillic >= latin && cyrillic > 0) return ukrainianOrRussian(text)
  if (han > latin) return kana > 0 ? 'ja' : 'und'
  return count(text, EN_WORDS) > 0 || latin < 40 ? 'en' : 'und'
}

function ukrainianOrRussian(text: string): 'ru' | 'uk' {
  // Shared short words (и/і, в/у…) weigh less than letters only one alphabet has.
  const uk = count(text, UK_LETTERS) * 3 + count(text, UK_WORDS)
  const ru = count(text, RU_LETTERS) * 3 + count(text, RU_WORDS)
  return uk > ru ? 'uk' : 'ru'
}

/** ISO 639-1 from a feed's declared language such as "ja-JP", "ru_RU" or "English". */
export function languageCode(declared: string | null | undefined): string | null {
  if (!declared) return null
  const code = declared.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  if (/^[a-z]{2}$/.test(code)) return code === 'ua' ? 'uk' : code
  const byName: Record<string, string> = { english: 'en', japanese: 'ja', russian: 'ru', ukrainian: 'uk' }
  return byName[code] ?? null
}

const script = (l: string) => (l === 'ru' || l === 'uk' ? 'cyrillic' : l === 'ja' ? 'cjk' : 'latin')

/**
 * The item's language: the declared one (item, feed or config) unless the text plainly contradicts it: another
 * script, or Russian text in a Ukrainian feed (and the reverse) shown by letters only the other alphabet has.
 */
export function resolveLanguage(declared: string | null, text: string): string {
  const detected = detectLanguage(text)
  if (!declared) return detected
  if (detected === 'und' || detected === declared) return declared
  if (script(declared) !== script(detected)) return detected
  if (script(declared) === 'cyrillic') {
    const own = count(text, declared === 'uk' ? UK_LETTERS : RU_LETTERS)
    const other = count(text, declared === 'uk' ? RU_LETTERS : UK_LETTERS)
    if (own === 0 && other >= 3) return detected
  }
  return declared
}
