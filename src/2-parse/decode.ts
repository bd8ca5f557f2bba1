// Bytes to text with the feed's real charset: byte-order mark, then the HTTP header, then the XML declaration,
// then UTF-8 (windows-1252 when nothing declares a charset and the bytes are not UTF-8). rss-parser only knows
// UTF-8-like charsets, so decoding happens here.
import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
]

function bomCharset(bytes: Uint8Array): string | undefined {
  return BOMS.find(([bom]) => bom.every((b, i) => bytes[i] === b))?.[1]
}

function headerCharset(contentType: string | null): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1]
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1')
  return /^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined
  try {
    return new TextDecoder(label)
  } catch {
    return undefined // unknown label: fall through to the next source
  }
}

export interface DecodedFeed {
  text: string
  charset: string
}

export function decodeFeed(bytes: Uint8Array, contentType: string | null): DecodedFeed {
  const decoder =
    decoderFor(bomCharset(bytes)) ??
    decoderFor(headerCharset(contentType)) ??
    decoderFor(declaredCharset(bytes)) ??
    // Undeclared bytes that are not valid UTF-8 are nearly always a legacy Latin-1/windows-1252 feed; decoding them
    // as UTF-8 would turn every accented letter into U+FFFD.
    new TextDecoder(isUtf8(bytes) ? 'utf-8' : 'windows-1252')
  // The declaration's encoding no longer applies once decoded; xml2js would otherwise see a stale label.
  const text = decoder.decode(bytes).replace(/^\s*<\?xml[^>]*\?>/, '')
  return { text, charset: decoder.encoding }
}
