// Where an OPML file to import comes from: a path on the operator's machine (`newsbot feeds import FILE`, the
// console) or an address (a Discord attachment, a URL given on Slack) fetched through the guarded feed client, so
// that no user can make newsbot read a private address. Either way at most OPML_MAX_BYTES are read, and the bytes
// are decoded as feeds are (BOM, HTTP charset, XML declaration).
import { open } from 'node:fs/promises'
import { fetchFeed, type FetchOptions } from '../1-fetch/http-client.js'
import { decodeFeed } from '../2-parse/decode.js'
import { OPML_MAX_BYTES, OpmlError } from './opml.js'

export type OpmlSource = { url: string } | { path: string }

const tooLarge = () => new OpmlError({ en: `the file is larger than ${OPML_MAX_BYTES / 1024} KB.`, ja: `ファイルが ${OPML_MAX_BYTES / 1024} KB を超えています。` })

async function readPath(path: string): Promise<string> {
  let file
  try {
    file = await open(path, 'r')
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message
    throw new OpmlError({ en: `cannot read ${path}: ${reason}`, ja: `${path} を読めません: ${reason}` })
  }
  try {
    // One byte more than allowed tells a file that is too large without reading all of it.
    const buffer = Buffer.alloc(OPML_MAX_BYTES + 1)
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0)
    if (bytesRead > OPML_MAX_BYTES) throw tooLarge()
    return decodeFeed(buffer.subarray(0, bytesRead), null).text
  } finally {
    await file.close()
  }
}

async function fetchUrl(url: string, fetchOptions: FetchOptions): Promise<string> {
  let fetched
  try {
    fetched = await fetchFeed(url, {}, { ...fetchOptions, maxBytes: Math.min(fetchOptions.maxBytes, OPML_MAX_BYTES) })
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    if (/exceeds the \d+-byte limit/.test(message)) throw tooLarge()
    throw new OpmlError({ en: `could not read ${url}: ${message}`, ja: `${url} を読み込めませんでした: ${message}` })
  }
  if (fetched.status !== 'ok') throw new OpmlError({ en: `${url} answered 304 Not Modified to a plain request.`, ja: `${url} が通常の要求に 304 を返しました。` })
  return decodeFeed(fetched.bytes, fetched.contentType).text
}

/** The file's text; an OpmlError (en/ja) when it cannot be read or is too large. */
export function readOpmlSource(source: OpmlSource, fetchOptions: FetchOptions): Promise<string> {
  return 'path' in source ? readPath(source.path) : fetchUrl(source.url, fetchOptions)
}
