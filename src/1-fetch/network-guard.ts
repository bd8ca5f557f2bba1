// Refuses connections to loopback, private, link-local and every other address that is not globally reachable (see
// special-addresses.ts). The check runs in the socket's DNS lookup, so it applies to the address actually connected
// to, on every redirect hop; IPv6 forms that carry an IPv4 address are judged by the IPv4 addresses they reach.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { isIP } from 'node:net'
import { IPV4_NOT_GLOBAL, IPV6_EMBEDDING_IPV4, IPV6_GLOBAL_UNICAST, IPV6_NOT_GLOBAL, type SpecialBlock } from './special-addresses.js'

interface Range {
  row: SpecialBlock
  /** The block's first address shifted right by (width - bits): what every address inside shares. */
  base: bigint
  bits: number
  width: number
}

function ipv4Value(address: string): bigint {
  return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(octet), 0n)
}

/** For an address net.isIP accepts as IPv6, in any of its spellings (compressed, dotted tail, zone). */
function ipv6Value(address: string): bigint {
  let text = address.replace(/%.*$/, '')
  const dotted = /\d+\.\d+\.\d+\.\d+$/.exec(text)?.[0]
  if (dotted) {
    const v4 = ipv4Value(dotted)
    text = `${text.slice(0, -dotted.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const hextets = (part: string) => (part ? part.split(':') : [])
  const left = hextets(head)
  const right = tail === undefined ? [] : hextets(tail)
  const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  return all.reduce((value, hextet) => (value << 16n) | BigInt(`0x${hextet}`), 0n)
}

function range(row: SpecialBlock, width: 32 | 128): Range {
  const [first = '', bits = ''] = row.block.split('/')
  const value = width === 32 ? ipv4Value(first) : ipv6Value(first)
  return { row, bits: Number(bits), width, base: value >> BigInt(width - Number(bits)) }
}

const within = (value: bigint, r: Range) => value >> BigInt(r.width - r.bits) === r.base
/** The most specific block names an address. */
const mostSpecificFirst = (a: Range, b: Range) => b.bits - a.bits

const IPV4 = IPV4_NOT_GLOBAL.map((row) => range(row, 32)).sort(mostSpecificFirst)
const IPV6 = [...IPV6_NOT_GLOBAL, ...IPV6_EMBEDDING_IPV4].map((row) => range(row, 128)).sort(mostSpecificFirst)
const GLOBAL_UNICAST = range(IPV6_GLOBAL_UNICAST, 128)

const describe = (row: SpecialBlock) => `${row.name}, ${row.rfc}`
const dotted = (v4: bigint) => [24n, 16n, 8n, 0n].map((shift) => (v4 >> shift) & 0xffn).join('.')

function ipv4Reason(value: bigint): string | null {
  const block = IPV4.find((r) => within(value, r))
  return block ? describe(block.row) : null
}

function ipv6Reason(value: bigint): string | null {
  const block = IPV6.find((r) => within(value, r))
  if (!block) return within(value, GLOBAL_UNICAST) ? null : `outside ${IPV6_GLOBAL_UNICAST.block}, ${describe(IPV6_GLOBAL_UNICAST)}`
  if (!block.row.embedded) return describe(block.row)
  for (const v4 of block.row.embedded(value)) {
    const reason = ipv4Reason(v4)
    if (reason) return `${describe(block.row)}, reaching ${dotted(v4)}: ${reason}`
  }
  return null
}

/** "a private or local address (its block and RFC …)" for an address that is not globally reachable, else null. */
export function nonPublicAddress(address: string): string | null {
  const family = isIP(address)
  if (!family) return 'not an IP address'
  const reason = family === 4 ? ipv4Reason(ipv4Value(address)) : ipv6Reason(ipv6Value(address))
  return reason && `a private or local address (${reason}; set NEWSBOT_ALLOW_PRIVATE_NETWORKS=true to allow)`
}

export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError'
  readonly code = 'EBLOCKEDADDRESS'
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** A drop-in for dns.lookup (as used by net.connect) that fails for non-public addresses. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, [])
    const list = addresses as LookupAddress[]
    for (const { address } of list) {
      const refusal = nonPublicAddress(address)
      if (refusal) return callback(new BlockedAddressError(`${hostname} resolves to ${address}, ${refusal}`), [])
    }
    if (options.all) return callback(null, list)
    const first = list[0]
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), [])
    callback(null, first.address, first.family)
  })
}
