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

/** IANA IPv4 special-purpose ranges that are not reachable on the public internet (RFC 6890 and later). */
const IPV4: [string, number, BlockedKind][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
]

/** IPv6 ranges refused outright. Anything else outside 2000::/3 (global unicast) is reserved as well. */
const IPV6: [string, number, BlockedKind][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  // IPv4-compatible (deprecated), and SIIT's IPv4-translated ::ffff:0:a.b.c.d: never a real target.
  ['::', 96, 'reserved'],
  ['::ffff:0:0:0', 96, 'reserved'],
  ['64:ff9b:1::', 48, 'private'],
  ['100::', 64, 'reserved'],
  ['2001::', 23, 'reserved'],
  ['2001:db8::', 32, 'documentation'],
  ['2002::', 16, 'reserved'],
  ['3fff::', 20, 'documentation'],
  ['5f00::', 16, 'reserved'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
]

/**
 * IPv6 forms that carry an IPv4 address in their last 32 bits: IPv4-mapped (::ffff:a.b.c.d) and NAT64
 * (64:ff9b::a.b.c.d, which a NAT64 gateway turns back into a.b.c.d). Each IPv4 range is refused in both.
 */
const V4_EMBEDDING = ['::ffff:', '64:ff9b::']

/** The ranges an IPv6 address may be in at all: global unicast, or an embedding of a public IPv4 address. */
const ROUTABLE_V6 = new BlockList()
ROUTABLE_V6.addSubnet('2000::', 3, 'ipv6')
for (const prefix of V4_EMBEDDING) ROUTABLE_V6.addSubnet(`${prefix}0.0.0.0`, 96, 'ipv6')

/** One list per kind, looked at in this order: the narrower kind names an address that is in two. */
const KINDS: BlockedKind[] = [
  'unspecified',
  'loopback',
  'broadcast',
  'private',
  'shared (CGNAT)',
  'link-local',
  'unique-local',
  'multicast',
  'documentation',
  'reserved',
]
const BLOCKED = new Map(KINDS.map((kind) => [kind, new BlockList()]))
const block = (kind: BlockedKind): BlockList => BLOCKED.get(kind)!
for (const [net, prefix, kind] of IPV4) {
  block(kind).addSubnet(net, prefix, 'ipv4')
  for (const embedding of V4_EMBEDDING) block(kind).addSubnet(`${embedding}${net}`, 96 + prefix, 'ipv6')
}
for (const [net, prefix, kind] of IPV6) block(kind).addSubnet(net, prefix, 'ipv6')

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
