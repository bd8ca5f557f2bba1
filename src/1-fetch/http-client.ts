// One HTTP GET for feeds: overall deadline, decompressed-size cap, redirect cap, gzip/deflate/br, conditional GET,
// and the private-network guard on every hop. Returns plain data; failures are FetchErrors prefixed "fetch:".
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import zlib from 'node:zlib'
import { redactSecrets } from '../redact.js'
import { guardedLookup, nonPublicAddress } from './network-guard.js'

export interface Validators {
  etag?: string | null
  lastModified?: string | null
}

export interface FetchOptions {
  timeoutMs: number
  maxBytes: number
  maxRedirects: number
  allowPrivateNetworks: boolean
  userAgent: string
}

export type FetchOutcome =
  | { status: 'not-modified'; finalUrl: string }
  | {
      status: 'ok'
      finalUrl: string
      bytes: Buffer
      contentType: string | null
      etag: string | null
      lastModified: string | null
    }

export class FetchError extends Error {
  override name = 'FetchError'
  constructor(
    message: string,
    /** HTTP status when the server answered, for backoff decisions. */
    readonly httpStatus?: number,
    /** Seconds the server asked us to wait (Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`fetch: ${redactSecrets(message)}`) // feed URLs may carry credentials, and these messages are stored and shown
  }
}

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5'

export async function fetchFeed(url: string, validators: Validators, options: FetchOptions): Promise<FetchOutcome> {
  const deadline = AbortSignal.timeout(options.timeoutMs)
  let current = url
  for (let hop = 0; ; hop++) {
    const res = await request(current, validators, options, deadline)
    const location = res.headers.location
    if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304 && location) {
      res.resume()
      if (hop >= options.maxRedirects) throw new FetchError(`too many redirects (more than ${options.maxRedirects})`)
      current = new URL(location, current).toString()
      continue
    }
    return readResponse(res, current, options, deadline)
  }
}

function request(url: string, validators: Validators, options: FetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return Promise.reject(new FetchError(`not a valid URL: ${url}`))
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(new FetchError(`unsupported protocol ${target.protocol} in ${url}`))
  }
  // An IP literal is connected to without a lookup, so the guard in the lookup never sees it.
  const literal = target.hostname.replace(/^\[|\]$/g, '')
  const refusal = !options.allowPrivateNetworks && isIP(literal) ? nonPublicAddress(literal) : null
  if (refusal) return Promise.reject(new FetchError(`${literal} is ${refusal}`))
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  }
  if (validators.etag) headers['if-none-match'] = validators.etag
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = client.get(target, {
      headers,
      signal,
      lookup: options.allowPrivateNetworks ? undefined : guardedLookup,
    })
    req.on('response', resolve)
    req.on('error', (err) => reject(toFetchError(err, signal, options.timeoutMs)))
  })
}

async function readResponse(
  res: IncomingMessage,
  finalUrl: string,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const status = res.statusCode ?? 0
  if (status === 304) {
    res.resume()
    return { status: 'not-modified', finalUrl }
  }
  if (status < 200 || status >= 300) {
    res.resume()
    throw new FetchError(`HTTP ${status} from ${finalUrl}`, status, retryAfterSeconds(res.headers['retry-after']))
  }
  const declared = Number(res.headers['content-length'])
  if (!res.headers['content-encoding'] && declared > options.maxBytes) {
    res.destroy()
    throw new FetchError(`response of ${declared} bytes exceeds the ${options.maxBytes}-byte limit`)
  }
  const body = decompress(res)
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length
      if (size > options.maxBytes) {
        res.destroy()
        throw new FetchError(`response exceeds the ${options.maxBytes}-byte limit`)
      }
      chunks.push(chunk as Buffer)
    }
  } catch (err) {
    throw toFetchError(err, signal, options.timeoutMs)
  }
  return {
    status: 'ok',
    finalUrl,
    bytes: Buffer.concat(chunks),
    contentType: res.headers['content-type'] ?? null,
    etag: header(res.headers.etag),
    lastModified: header(res.headers['last-modified']),
  }
}

function decompress(res: IncomingMessage): NodeJS.ReadableStream {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase()
  const inflater =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'br'
        ? zlib.createBrotliDecompress()
        : encoding === 'deflate'
          ? zlib.createInflate()
          : null
  if (!inflater) return res
  res.on('error', (err) => inflater.destroy(err)) // pipe() does not forward an aborted download
  return res.pipe(inflater)
}

function header(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null
}

function retryAfterSeconds(value: string | undefined): number | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - Date.now()) / 1000))
}

function toFetchError(err: unknown, signal: AbortSignal, timeoutMs: number): FetchError {
  if (err instanceof FetchError) return err
  if (signal.aborted) return new FetchError(`timed out after ${timeoutMs} ms`)
  const e = err as NodeJS.ErrnoException
  if (e.name === 'BlockedAddressError') return new FetchError(e.message)
  if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR' || e.code === 'ERR_BROTLI_INVALID_PARAM') {
    return new FetchError(`response body could not be decompressed (${e.code})`)
  }
  return new FetchError(`${e.code ? `${e.code}: ` : ''}${e.message}`)
}
