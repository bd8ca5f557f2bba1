// The private-network guard: every row of the IANA special-purpose registries (and the non-public blocks they leave
// to others) is refused by name, IPv6 forms carrying IPv4 are judged by the IPv4 they reach, public addresses pass,
// and the loopback is refused in every spelling that Node's URL parser and dns.lookup accept.
import type { LookupAddress } from 'node:dns'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchFeed, FetchError, type FetchOptions } from '../src/1-fetch/http-client.js'
import { guardedLookup, nonPublicAddress } from '../src/1-fetch/network-guard.js'
import { IPV4_NOT_GLOBAL, IPV6_EMBEDDING_IPV4, IPV6_GLOBAL_UNICAST, IPV6_NOT_GLOBAL } from '../src/1-fetch/special-addresses.js'
import { rss, startFeedServer, type FeedServer } from './support/feed-server.js'

/** For each block, an address inside it that no more specific block claims (mostly its last, to test the mask). */
const INSIDE: Record<string, string[]> = {
  '0.0.0.0/8': ['0.255.255.255', '0.1.2.3'],
  '0.0.0.0/32': ['0.0.0.0'],
  '10.0.0.0/8': ['10.0.0.0', '10.255.255.255'],
  '100.64.0.0/10': ['100.64.0.0', '100.127.255.255'],
  '127.0.0.0/8': ['127.0.0.1', '127.255.255.254'],
  '169.254.0.0/16': ['169.254.169.254'],
  '172.16.0.0/12': ['172.16.0.0', '172.31.255.255'],
  '192.0.0.0/24': ['192.0.0.9', '192.0.0.255'],
  '192.0.0.0/29': ['192.0.0.0', '192.0.0.7'],
  '192.0.0.8/32': ['192.0.0.8'],
  '192.0.0.170/32': ['192.0.0.170'],
  '192.0.0.171/32': ['192.0.0.171'],
  '192.0.2.0/24': ['192.0.2.255'],
  '192.88.99.0/24': ['192.88.99.1'],
  '192.168.0.0/16': ['192.168.255.255'],
  '198.18.0.0/15': ['198.18.0.0', '198.19.255.255'],
  '198.51.100.0/24': ['198.51.100.7'],
  '203.0.113.0/24': ['203.0.113.255'],
  '224.0.0.0/4': ['224.0.0.1', '239.255.255.255'],
  '240.0.0.0/4': ['240.0.0.1', '255.255.255.254'],
  '255.255.255.255/32': ['255.255.255.255'],
  '::/128': ['::', '0:0:0:0:0:0:0:0'],
  '::1/128': ['::1', '0:0:0:0:0:0:0:1'],
  '::/96': ['::2', '::127.0.0.1', '::7f00:1', '::8.8.8.8'],
  '::ffff:0:0:0/96': ['::ffff:0:127.0.0.1', '::ffff:0:808:808'],
  '64:ff9b:1::/48': ['64:ff9b:1::8.8.8.8', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff'],
  '100::/64': ['100::', '100::ffff:ffff:ffff:ffff'],
  '100:0:0:1::/64': ['100:0:0:1:ffff:ffff:ffff:ffff'],
  '2001::/23': ['2001:1::1', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff'],
  '2001:2::/48': ['2001:2:0:ffff::1'],
  '2001:10::/28': ['2001:1f:ffff::1'],
  '2001:db8::/32': ['2001:db8::1', '2001:DB8:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF'],
  '3fff::/20': ['3fff::1', '3fff:fff:ffff::1'],
  '5f00::/16': ['5f00:ffff::1'],
  'fc00::/7': ['fc00::1', 'fd12:3456::1', 'fdff:ffff::1'],
  'fe80::/10': ['fe80::1', 'fe80::1%eth0', 'febf:ffff::1'],
  'fec0::/10': ['fec0::1', 'feff:ffff::1'],
  'ff00::/8': ['ff02::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
}

/** IPv6 forms carrying IPv4: a private IPv4 inside makes them private, named with the IPv4 they reach. */
const CARRYING: Record<string, [address: string, reaches: string, because: string][]> = {
  '::ffff:0:0/96': [
    ['::ffff:127.0.0.1', '127.0.0.1', 'Loopback, RFC 1122'],
    ['::ffff:7f00:1', '127.0.0.1', 'Loopback, RFC 1122'],
    ['::ffff:169.254.169.254', '169.254.169.254', 'Link Local, RFC 3927'],
  ],
  '64:ff9b::/96': [
    ['64:ff9b::7f00:1', '127.0.0.1', 'Loopback, RFC 1122'],
    ['64:ff9b::10.0.0.1', '10.0.0.1', 'Private-Use, RFC 1918'],
  ],
  '2002::/16': [
    ['2002:7f00:1::1', '127.0.0.1', 'Loopback, RFC 1122'],
    ['2002:c0a8:101:1::1', '192.168.1.1', 'Private-Use, RFC 1918'],
  ],
  '2001::/32': [
    // server 65.54.227.120, client 127.0.0.1 (stored inverted)
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', '127.0.0.1', 'Loopback, RFC 1122'],
    // server 10.0.0.1, client 8.8.8.8
    ['2001:0:a00:1:8000:63bf:f7f7:f7f7', '10.0.0.1', 'Private-Use, RFC 1918'],
  ],
}

const PUBLIC = [
  '8.8.8.8',
  '1.1.1.1',
  '9.255.255.255',
  '11.0.0.0',
  '100.63.255.255',
  '100.128.0.0',
  '172.15.255.255',
  '172.32.0.0',
  '192.0.1.0',
  '192.31.196.1', // AS112, globally reachable
  '192.169.0.0',
  '198.17.255.255',
  '198.20.0.0',
  '223.255.255.255',
  '2a00:1450:4001:82a::200e',
  '2001:4860:4860::8888',
  '2001:200::1', // just past 2001::/23
  '2620:4f:8000::1', // AS112 direct delegation, globally reachable
  '2400:cb00:2048:1::6810:1',
  '3ffe::1', // just before 3fff::/20
  '::ffff:8.8.8.8',
  '::ffff:808:808',
  '64:ff9b::8.8.8.8',
  '2002:808:808::1',
  '2001:0:4136:e378:8000:63bf:f7f7:f7f7', // Teredo: server 65.54.227.120, client 8.8.8.8
]

describe('the private-network guard', () => {
  it('has an address to try for every row', () => {
    expect(Object.keys(INSIDE).sort()).toEqual([...IPV4_NOT_GLOBAL, ...IPV6_NOT_GLOBAL].map((r) => r.block).sort())
    expect(Object.keys(CARRYING).sort()).toEqual(IPV6_EMBEDDING_IPV4.map((r) => r.block).sort())
  })

  it.each([...IPV4_NOT_GLOBAL, ...IPV6_NOT_GLOBAL].flatMap((row) => (INSIDE[row.block] ?? []).map((address) => ({ address, ...row }))))(
    'refuses $address: $name ($block, $rfc)',
    ({ address, name, rfc }) => {
      expect(nonPublicAddress(address)).toBe(`a private or local address (${name}, ${rfc}; set NEWSBOT_ALLOW_PRIVATE_NETWORKS=true to allow)`)
    },
  )

  it.each(IPV6_EMBEDDING_IPV4.flatMap((row) => (CARRYING[row.block] ?? []).map(([address, reaches, because]) => ({ address, reaches, because, ...row }))))(
    'refuses $address: $name reaching $reaches',
    ({ address, name, rfc, reaches, because }) => {
      expect(nonPublicAddress(address)).toContain(`(${name}, ${rfc}, reaching ${reaches}: ${because};`)
    },
  )

  it.each(['4000::1', '1000::1', 'e000::1', 'fe00::1'])('refuses %s, outside the space allocated for global unicast', (address) => {
    expect(nonPublicAddress(address)).toContain(`outside ${IPV6_GLOBAL_UNICAST.block}`)
  })

  it.each(PUBLIC)('lets %s through', (address) => {
    expect(nonPublicAddress(address)).toBeNull()
  })
})

describe('the loopback in every spelling', () => {
  let server: FeedServer
  const strict: FetchOptions = { timeoutMs: 2_000, maxBytes: 64 * 1024, maxRedirects: 3, allowPrivateNetworks: false, userAgent: 'newsbot-test/1' }
  beforeAll(async () => {
    server = await startFeedServer()
    server.route('/feed', (_req, res) => void res.writeHead(200).end(rss([{ title: 'One', link: 'https://example.com/1' }])))
  })
  afterAll(() => server.close())

  // URL hosts Node's URL parser rewrites: IPv4 in decimal, hex, octal and short forms, IPv6 compressed or with a dotted tail.
  it.each([
    '2130706433',
    '0x7f000001',
    '0x7f.1',
    '0177.0.0.1',
    '127.1',
    '127.0.0.1.',
    '[::ffff:127.0.0.1]',
    '[0:0:0:0:0:FFFF:7F00:1]',
    '[::127.0.0.1]',
    '[::ffff:0:127.0.0.1]',
    '[64:ff9b::127.0.0.1]',
    '[64:ff9b:1::127.0.0.1]',
    '[2002:7f00:1::]',
    '[2001:0:4136:e378:8000:63bf:80ff:fffe]',
    '[fec0::1]',
    '[::]',
    '0',
  ])('fetching http://%s is refused before connecting', async (host) => {
    const port = new URL(server.url('/')).port
    const err = await fetchFeed(`http://${host}:${port}/feed`, {}, strict).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(FetchError)
    expect((err as FetchError).message).toMatch(/ is a private or local address \(/)
  })

  const lookup = (hostname: string, all: boolean) =>
    new Promise<string | LookupAddress[]>((resolve, reject) => guardedLookup(hostname, { all }, (err, address) => (err ? reject(err) : resolve(address))))

  // Names the resolver turns into the loopback (inet_aton forms), and IPv6 literals it hands back as written.
  it.each(['localhost', '2130706433', '0x7f.1', '0177.1', '127.1', '::ffff:127.0.0.1', '0:0:0:0:0:ffff:7f00:1', '64:ff9b::7f00:1', '::7f00:1', '2002:7f00:1::', 'FEC0::1'])(
    'a lookup of %s is refused',
    async (hostname) => {
      for (const all of [false, true]) {
        await expect(lookup(hostname, all)).rejects.toMatchObject({ name: 'BlockedAddressError', message: expect.stringMatching(/ resolves to .*, a private or local address \(/) })
      }
    },
  )

  it('a lookup of a public literal is answered as dns.lookup answers it', async () => {
    await expect(lookup('8.8.8.8', false)).resolves.toBe('8.8.8.8')
    await expect(lookup('2001:4860:4860::8888', true)).resolves.toEqual([{ address: '2001:4860:4860::8888', family: 6 }])
  })
})
