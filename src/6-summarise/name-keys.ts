// Coarse sound keys for foreign names across scripts, so a Japanese summary's 「ゲルシコビッチ」 can rest on
// "Gershkovich" in an English item (and "Shoigu" on «Шойгу»): the name's consonants reduced to a few classes, vowels,
// h and y dropped, repeats collapsed. Gershkovich, ゲルシコビッチ and Гершкович all give KRSKBS. Keys are coarse on
// purpose; the faithfulness check only uses them between different scripts and for keys of 3+ classes.

const KATAKANA_CLASS: Record<string, string> = {}
const groups: [string, string][] = [
  ['カキクケコガギグゲゴ', 'K'],
  ['サシスセソザジズゼゾチツヂヅ', 'S'],
  ['タテト', 'T'],
  ['ダデド', 'D'],
  ['ナニヌネノン', 'N'],
  ['フバビブベボヴワヰヱヲ', 'B'],
  ['パピプペポ', 'P'],
  ['マミムメモ', 'M'],
  ['ラリルレロ', 'R'],
]
for (const [chars, cls] of groups) for (const ch of chars) KATAKANA_CLASS[ch] = cls

/** The key of a katakana name: 「ウィーラン」 → BRN (ウ before a small vowel is w). */
export function katakanaKey(run: string): string {
  const chars = [...run]
  let key = ''
  chars.forEach((ch, i) => {
    if (ch === 'ウ' && /[ァィェォ]/.test(chars[i + 1] ?? '')) key += 'B'
    else key += KATAKANA_CLASS[ch] ?? ''
  })
  return collapse(key)
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
}
/** Case endings of Russian/Ukrainian names («Шойгу», «Путина», «Зеленским»), cut before keying. */
const CYRILLIC_ENDING = /(?:ого|его|ому|ему|ыми|ими|ами|ями|ом|ем|им|ым|ой|ей|ою|ею|ах|ях)$/u

/** The key of a Latin- or Cyrillic-script name: "Whelan" → BRN, "Krasikov" → KRSKB. */
export function latinKey(word: string): string {
  let w = word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  if (/\p{Script=Cyrillic}/u.test(w)) {
    if (w.length > 4) w = w.replace(CYRILLIC_ENDING, '')
    w = [...w].map((ch) => CYRILLIC[ch] ?? ch).join('')
  }
  w = w
    .replace(/[^a-z]/g, '')
    .replace(/(?:tsch|dzh|sch|tch|sh|ch|zh|ts|tz|cz|sz|dj|dz|j|z|x(?=[aeiouy]|$))/g, 'S')
    .replace(/x/g, 'KS')
    .replace(/ph/g, 'B')
    .replace(/(?:kh|gh|ck|qu|q)/g, 'K')
    .replace(/c(?=[eiy])/g, 'S')
    .replace(/c/g, 'K')
    .replace(/m(?=[pb])/g, 'N') // トランプ: ン before p/b/m
  let key = ''
  for (const ch of w) {
    if ('bvwf'.includes(ch)) key += 'B'
    else if (ch === 'p') key += 'P'
    else if (ch === 'm') key += 'M'
    else if (ch === 'n') key += 'N'
    else if (ch === 'l' || ch === 'r') key += 'R'
    else if (ch === 't') key += 'T'
    else if (ch === 'd') key += 'D'
    else if (ch === 'k' || ch === 'g') key += 'K'
    else if (ch === 's') key += 'S'
    else if (/[A-Z]/.test(ch)) key += ch
  }
  return collapse(key)
}

function collapse(key: string): string {
  return key.replace(/(.)\1+/g, '$1')
}
