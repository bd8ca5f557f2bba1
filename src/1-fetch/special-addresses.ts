// The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890, as amended by RFC 8190), as of 2025: every block
// that is not globally reachable, with the RFC that assigned it, plus the non-public blocks those registries leave to
// others (IPv4 multicast, IPv6 multicast, the deprecated IPv6 site-local and IPv4-embedding forms). Globally reachable
// exceptions inside a listed block (the PCP and TURN anycast addresses 192.0.0.9, 192.0.0.10, 2001:1::1-3; AMT, AS112,
// ORCHIDv2 and drone IDs inside 2001::/23) stay blocked with it: they are services answered near the sender or
// identifiers, and none of them serves feeds.

export interface SpecialBlock {
  /** CIDR notation, as the registry writes it. */
  readonly block: string
  readonly name: string
  readonly rfc: string
  /**
   * IPv6 forms that carry IPv4 addresses: the IPv4 addresses (32-bit values) in a 128-bit address of the block. A
   * connection to it reaches those, so they decide.
   */
  readonly embedded?: (address: bigint) => bigint[]
}

const low32 = (address: bigint): bigint => address & 0xffff_ffffn

export const IPV4_NOT_GLOBAL: readonly SpecialBlock[] = [
  { block: '0.0.0.0/8', name: 'This network', rfc: 'RFC 791' },
  { block: '0.0.0.0/32', name: 'This host on this network', rfc: 'RFC 1122' },
  { block: '10.0.0.0/8', name: 'Private-Use', rfc: 'RFC 1918' },
  { block: '100.64.0.0/10', name: 'Shared Address Space', rfc: 'RFC 6598' },
  { block: '127.0.0.0/8', name: 'Loopback', rfc: 'RFC 1122' },
  { block: '169.254.0.0/16', name: 'Link Local', rfc: 'RFC 3927' },
  { block: '172.16.0.0/12', name: 'Private-Use', rfc: 'RFC 1918' },
  { block: '192.0.0.0/24', name: 'IETF Protocol Assignments', rfc: 'RFC 6890' },
  { block: '192.0.0.0/29', name: 'IPv4 Service Continuity Prefix', rfc: 'RFC 7335' },
  { block: '192.0.0.8/32', name: 'IPv4 dummy address', rfc: 'RFC 7600' },
  { block: '192.0.0.170/32', name: 'NAT64/DNS64 Discovery', rfc: 'RFC 8880' },
  { block: '192.0.0.171/32', name: 'NAT64/DNS64 Discovery', rfc: 'RFC 8880' },
  { block: '192.0.2.0/24', name: 'Documentation (TEST-NET-1)', rfc: 'RFC 5737' },
  { block: '192.88.99.0/24', name: 'Deprecated (6to4 Relay Anycast)', rfc: 'RFC 7526' },
  { block: '192.168.0.0/16', name: 'Private-Use', rfc: 'RFC 1918' },
  { block: '198.18.0.0/15', name: 'Benchmarking', rfc: 'RFC 2544' },
  { block: '198.51.100.0/24', name: 'Documentation (TEST-NET-2)', rfc: 'RFC 5737' },
  { block: '203.0.113.0/24', name: 'Documentation (TEST-NET-3)', rfc: 'RFC 5737' },
  { block: '224.0.0.0/4', name: 'Multicast', rfc: 'RFC 5771' },
  { block: '240.0.0.0/4', name: 'Reserved', rfc: 'RFC 1112' },
  { block: '255.255.255.255/32', name: 'Limited Broadcast', rfc: 'RFC 919' },
]

export const IPV6_NOT_GLOBAL: readonly SpecialBlock[] = [
  { block: '::/128', name: 'Unspecified Address', rfc: 'RFC 4291' },
  { block: '::1/128', name: 'Loopback Address', rfc: 'RFC 4291' },
  { block: '::/96', name: 'IPv4-compatible Address (deprecated)', rfc: 'RFC 4291' },
  { block: '::ffff:0:0:0/96', name: 'IPv4-translated Address (deprecated)', rfc: 'RFC 2765' },
  { block: '64:ff9b:1::/48', name: 'IPv4-IPv6 Translation (local use)', rfc: 'RFC 8215' },
  { block: '100::/64', name: 'Discard-Only Address Block', rfc: 'RFC 6666' },
  { block: '100:0:0:1::/64', name: 'Dummy IPv6 Prefix', rfc: 'RFC 9780' },
  { block: '2001::/23', name: 'IETF Protocol Assignments', rfc: 'RFC 2928' },
  { block: '2001:2::/48', name: 'Benchmarking', rfc: 'RFC 5180' },
  { block: '2001:10::/28', name: 'Deprecated (previously ORCHID)', rfc: 'RFC 4843' },
  { block: '2001:db8::/32', name: 'Documentation', rfc: 'RFC 3849' },
  { block: '3fff::/20', name: 'Documentation', rfc: 'RFC 9637' },
  { block: '5f00::/16', name: 'Segment Routing (SRv6) SIDs', rfc: 'RFC 9602' },
  { block: 'fc00::/7', name: 'Unique-Local', rfc: 'RFC 4193' },
  { block: 'fe80::/10', name: 'Link-Local Unicast', rfc: 'RFC 4291' },
  { block: 'fec0::/10', name: 'Site-Local (deprecated)', rfc: 'RFC 3879' },
  { block: 'ff00::/8', name: 'Multicast', rfc: 'RFC 4291' },
]

export const IPV6_EMBEDDING_IPV4: readonly SpecialBlock[] = [
  { block: '::ffff:0:0/96', name: 'IPv4-mapped Address', rfc: 'RFC 4291', embedded: (a) => [low32(a)] },
  { block: '64:ff9b::/96', name: 'IPv4-IPv6 Translation', rfc: 'RFC 6052', embedded: (a) => [low32(a)] },
  { block: '2002::/16', name: '6to4', rfc: 'RFC 3056', embedded: (a) => [low32(a >> 80n)] },
  // The Teredo server, then the client, whose address is stored inverted.
  { block: '2001::/32', name: 'TEREDO', rfc: 'RFC 4380', embedded: (a) => [low32(a >> 64n), low32(a) ^ 0xffff_ffffn] },
]

/** Outside it the IPv6 address space is reserved by the IETF or special (IANA IPv6 Address Space registry). */
export const IPV6_GLOBAL_UNICAST: SpecialBlock = { block: '2000::/3', name: 'the Global Unicast space', rfc: 'RFC 4291' }
