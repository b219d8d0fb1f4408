// Which addresses a webhook may reach. Webhook targets are chosen by cooperatives, so without this a target
// could point zonetrace at its own loopback, the cloud metadata service or the office LAN (SSRF). The
// registration check refuses such literal addresses and localhost names; the dispatcher checks every
// address a name resolves to at connect time, so DNS rebinding does not get around it.
// WEBHOOK_ALLOW_PRIVATE (an operator's setting) turns both checks off.
import { BlockList, isIP } from 'node:net'

/** Why an address is refused, as the registration error says it. */
export type BlockedKind =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared (CGNAT)'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'documentation'

/** CIDR ranges, `net/prefix`. */
type Ranges = { ipv4?: string[]; ipv6?: string[] }

/**
 * The ranges refused, by kind, in the order they are looked at: the narrower kind names an address that is
 * in two. IPv4: the IANA special-purpose ranges not reachable on the public internet (RFC 6890 and later).
 * IPv6: the ranges refused outright; anything else outside 2000::/3 (global unicast) is reserved as well.
 */
const REFUSED: Record<BlockedKind, Ranges> = {
  unspecified: { ipv4: ['0.0.0.0/8'], ipv6: ['::/128'] },
  loopback: { ipv4: ['127.0.0.0/8'], ipv6: ['::1/128'] },
  broadcast: { ipv4: ['255.255.255.255/32'] },
  private: { ipv4: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], ipv6: ['64:ff9b:1::/48'] },
  'shared (CGNAT)': { ipv4: ['100.64.0.0/10'] },
  'link-local': { ipv4: ['169.254.0.0/16'], ipv6: ['fe80::/10', 'fec0::/10'] },
  'unique-local': { ipv6: ['fc00::/7'] },
  multicast: { ipv4: ['224.0.0.0/4'], ipv6: ['ff00::/8'] },
  documentation: {
    ipv4: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'],
    ipv6: ['2001:db8::/32', '3fff::/20'],
  },
  reserved: {
    // IPv4-compatible (deprecated) ::/96 and SIIT's IPv4-translated ::ffff:0:a.b.c.d: never real targets.
    ipv4: ['192.0.0.0/24', '192.88.99.0/24', '198.18.0.0/15', '240.0.0.0/4'],
    ipv6: ['::/96', '::ffff:0:0:0/96', '100::/64', '2001::/23', '2002::/16', '5f00::/16'],
  },
}

/**
 * IPv6 forms that carry an IPv4 address in their last 32 bits: IPv4-mapped (::ffff:a.b.c.d) and NAT64
 * (64:ff9b::a.b.c.d, which a NAT64 gateway turns back into a.b.c.d). Each IPv4 range is refused in both.
 */
const V4_EMBEDDING = ['::ffff:', '64:ff9b::']

/** The ranges an IPv6 address may be in at all: global unicast, or an embedding of a public IPv4 address. */
const ROUTABLE_V6 = new BlockList()
ROUTABLE_V6.addSubnet('2000::', 3, 'ipv6')
for (const prefix of V4_EMBEDDING) ROUTABLE_V6.addSubnet(`${prefix}0.0.0.0`, 96, 'ipv6')

/** One list per kind, in REFUSED's order; each IPv4 range also in its IPv6 embeddings. */
const BLOCKED = new Map<BlockedKind, BlockList>()
for (const [kind, { ipv4 = [], ipv6 = [] }] of Object.entries(REFUSED) as [BlockedKind, Ranges][]) {
  const list = new BlockList()
  for (const range of ipv4) {
    const [net, prefix] = cidr(range)
    list.addSubnet(net, prefix, 'ipv4')
    for (const embedding of V4_EMBEDDING) list.addSubnet(`${embedding}${net}`, 96 + prefix, 'ipv6')
  }
  for (const range of ipv6) list.addSubnet(...cidr(range), 'ipv6')
  BLOCKED.set(kind, list)
}

function cidr(range: string): [string, number] {
  const slash = range.lastIndexOf('/')
  return [range.slice(0, slash), Number(range.slice(slash + 1))]
}

/**
 * Null when `address` (an IPv4 or IPv6 literal, brackets allowed) is a public unicast address; otherwise
 * what kind of address it is. Anything that is not an IP literal counts as reserved.
 */
export function blockedAddressKind(address: string): BlockedKind | null {
  const ip = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  const family = isIP(ip)
  if (family === 0) return 'reserved'
  const type = family === 4 ? 'ipv4' : 'ipv6'
  for (const [kind, list] of BLOCKED) if (list.check(ip, type)) return kind
  if (family === 6 && !ROUTABLE_V6.check(ip, 'ipv6')) return 'reserved'
  return null
}

/** "a loopback address", "an unspecified address": how messages name a kind. */
export function kindPhrase(kind: BlockedKind): string {
  return `${kind === 'unspecified' ? 'an' : 'a'} ${kind} address`
}

/** `localhost`, `*.localhost` (RFC 6761: always the loopback), with or without the root's trailing dot. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost')
}

/**
 * Why a webhook URL's host (WHATWG URL `hostname`, which already spells every IPv4 form as a dotted quad)
 * may not be registered, or null when it may. Names other than localhost are checked when they are
 * resolved, at every connect.
 */
export function webhookHostRefusal(hostname: string): string | null {
  if (isLocalhostName(hostname)) return `${hostname} is the local host`
  const kind = isIP(hostname.replace(/^\[(.*)\]$/, '$1')) === 0 ? null : blockedAddressKind(hostname)
  return kind === null ? null : `${hostname} is ${kindPhrase(kind)}`
}
