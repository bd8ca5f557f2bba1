// Language of an item's text, for feeds that do not say (or say something the script contradicts).
// Script first (kana → ja, Cyrillic → ru/uk, Latin → en), then letters and words that tell Ukrainian from Russian.

export type DetectedLanguage = 'en' | 'ja' | 'ru' | 'uk' | 'und'

const UK_WORDS = /(?<![\p{L}])(що|це|та|від|для|які|який|яка|він|вона|також|після|через|щодо|України|Україна|і|й|з|у|на|не|про|під|між)(?![\p{L}])/giu
const RU_WORDS = /(?<![\p{L}])(что|это|как|от|для|который|которые|она|также|после|через|России|Россия|и|с|в|на|не|о|под|между|его|был|были)(?![\p{L}])/giu
const EN_WORD = /\b(the|and|of|to|in|for|on|with|said|was|is|that|by|from|after|has|have)\b/i
/** Cyrillic letters (U+0400 to U+04FF) by what they tell, read per letter from an array. */
const UKRAINIAN_ONLY = 1
const RUSSIAN_ONLY = 2
const CYRILLIC_HINT = new Uint8Array(0x100)
for (const c of 'іїєґІЇЄҐ') CYRILLIC_HINT[c.charCodeAt(0) - 0x400] = UKRAINIAN_ONLY
for (const c of 'ыэъёЫЭЪЁ') CYRILLIC_HINT[c.charCodeAt(0) - 0x400] = RUSSIAN_ONLY

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}

interface Letters {
  kana: number
  han: number
  cyrillic: number
  latin: number
  /** Letters only the Ukrainian alphabet has: і ї є ґ. */
  uk: number
  /** Letters only the Russian alphabet has: ы э ъ ё. */
  ru: number
}

/** Letters by script in one pass over the text (this runs on every item, so no regular expressions here). */
function letters(text: string): Letters {
  const n: Letters = { kana: 0, han: 0, cyrillic: 0, latin: 0, uk: 0, ru: 0 }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) n.latin++
    } else if (c >= 0x400 && c <= 0x4ff) {
      n.cyrillic++
      const hint = CYRILLIC_HINT[c - 0x400]
      if (hint === UKRAINIAN_ONLY) n.uk++
      else if (hint === RUSSIAN_ONLY) n.ru++
    } else if (c >= 0x3040 && c <= 0x30ff) n.kana++
    else if (c >= 0x4e00 && c <= 0x9fff) n.han++
  }
  return n
}

/** What the letters say: a language, or just "Cyrillic" when telling Ukrainian from Russian needs the words. */
function scriptLanguage(text: string, n: Letters): 'en' | 'ja' | 'und' | 'cyrillic' {
  const total = n.kana + n.han + n.cyrillic + n.latin
  if (total === 0) return 'und'
  if (n.kana > 0 && (n.kana + n.han) * 2 >= total * 0.5) return 'ja'
  if (n.cyrillic >= n.latin && n.cyrillic > 0) return 'cyrillic'
  if (n.han > n.latin) return n.kana > 0 ? 'ja' : 'und'
  return n.latin < 40 || EN_WORD.test(text) ? 'en' : 'und'
}

function ukrainianOrRussian(text: string, n: Letters): 'ru' | 'uk' {
  // Shared short words (и/і, в/у…) weigh less than letters only one alphabet has.
  const uk = n.uk * 3 + count(text, UK_WORDS)
  const ru = n.ru * 3 + count(text, RU_WORDS)
  return uk > ru ? 'uk' : 'ru'
}

export function detectLanguage(text: string): DetectedLanguage {
  const n = letters(text)
  const detected = scriptLanguage(text, n)
  return detected === 'cyrillic' ? ukrainianOrRussian(text, n) : detected
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
  if (!declared) return detectLanguage(text)
  const n = letters(text)
  const detected = scriptLanguage(text, n)
  if (detected !== 'cyrillic') {
    if (detected === 'und' || detected === declared) return declared
    return script(declared) !== script(detected) ? detected : declared
  }
  if (script(declared) !== 'cyrillic') return ukrainianOrRussian(text, n)
  // Ukrainian declared, Russian detected (or the reverse): the declared language stands unless the text has none of
  // its own letters and several of the other's. Only then is the (costlier) word count worth doing.
  const own = declared === 'uk' ? n.uk : n.ru
  const other = declared === 'uk' ? n.ru : n.uk
  return own === 0 && other >= 3 ? ukrainianOrRussian(text, n) : declared
}
