// GS1 Digital Link URIs for the signed QR labels: `{base}/01/{GTIN-14}/10/{lot}/21/{serial}[?query]`
// (GS1 Digital Link standard, URI syntax 1.2; /work/shared/domain/traceability-standards.md).
//
// A label always names one item, so lot and serial are both required here and AI 22 (consumer product
// variant) is not accepted: any other shape is refused with a Gs1Error rather than half-understood.
// The parser is hand-written, not `new URL`, because WHATWG URL rewrites paths (dot segments, escapes)
// and we must see exactly what was scanned. Every failure is a Gs1Error; nothing else escapes.

import { decodeAiValue, encodeAiValue } from './ai-value.ts'
import { Gs1Error, toGtin14 } from './gtin.ts'
import { showInput as show } from './show-input.ts'

/** Longer than any label we print, short enough that hostile input is cheap to refuse. */
const MAX_DIGITAL_LINK_LENGTH = 2048

export interface Gs1Item {
  gtin: string
  lot: string
  serial: string
}

interface ParsedDigitalLink extends Gs1Item {
  /** Scheme and host lower-cased (they are case-insensitive, RFC 3986 §3.1, §3.2.2); path kept as is. */
  base: string
  /** Always 14 digits. */
  gtin: string
  /** The raw query without '?', '' when there is none; the fragment is never part of the link. */
  query: string
}

interface Base {
  scheme: string
  host: string
  path: string
}

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/
const PORT = /^[0-9]{1,5}$/
const PATH_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/
const QUERY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/
const QUALIFIERS = ['10', '21'] as const

export function buildDigitalLink(base: string, item: Gs1Item): string {
  return assemble(lowerCased(parseBase(base)), item)
}

/**
 * The GS1 canonical path of an item, without a leading slash: `01/{GTIN-14}/10/{lot}/21/{serial}`, lot and
 * serial percent-encoded by encodeAiValue (every character that is not RFC 3986 unreserved, upper-case
 * hex). Exactly one string per item; it is what a label's signature covers (docs/label-signature.md).
 */
export function canonicalItemPath(item: Gs1Item): string {
  const gtin = toGtin14(item?.gtin)
  return `01/${gtin}/10/${encodeAiValue(item?.lot, 'lot')}/21/${encodeAiValue(item?.serial, 'serial')}`
}

export function parseDigitalLink(url: string): ParsedDigitalLink {
  const { path: _path, ...parsed } = parseReceivedDigitalLink(url)
  return parsed
}

interface ReceivedDigitalLink extends ParsedDigitalLink {
  /**
   * The path from `01/` to the end of the serial, no leading slash, exactly as written (escapes and GTIN
   * length untouched): equal to canonicalItemPath(link) only when the link is in canonical form.
   */
  path: string
}

/** parseDigitalLink plus the item's path as it was written, for checks that must see the exact bytes. */
export function parseReceivedDigitalLink(url: string): ReceivedDigitalLink {
  const { base, segments, query } = split(url)
  if (segments.length % 2 !== 0) {
    throw new Gs1Error('invalid_uri', `AI ${show(segments.at(-1))} has no value`)
  }
  const ais = segments.filter((_, i) => i % 2 === 0)
  checkAiSequence(ais)
  return {
    base: joinBase(lowerCased(base)),
    gtin: toGtin14(segments[1] ?? ''),
    lot: decodeAiValue(segments[3] ?? '', 'lot'),
    serial: decodeAiValue(segments[5] ?? '', 'serial'),
    query,
    path: segments.join('/'),
  }
}

/**
 * The same link shaped for the smallest QR code. Scheme and host are upper-cased: they are
 * case-insensitive (RFC 3986 §3.1, §3.2.2), and upper case puts `HTTPS://HOST/01/…` inside QR
 * alphanumeric mode (0-9 A-Z space $ % * + - . / :, 5.5 bits a character instead of 8). The base path,
 * lot and serial keep their case: paths are case-sensitive (RFC 3986 §6.2.2.1) and lot "ab1" is not lot
 * "AB1", so upper-casing them could point the scan at another item. Escapes use upper-case hex already.
 * Verify signatures over parseDigitalLink's canonical form, never over this string.
 */
export function compactForQr(url: string): string {
  const parsed = parseDigitalLink(url)
  const b = parseBase(parsed.base)
  const link = assemble({ scheme: b.scheme.toUpperCase(), host: b.host.toUpperCase(), path: b.path }, parsed)
  return parsed.query === '' ? link : `${link}?${parsed.query}`
}

function split(url: string): { base: Base; segments: string[]; query: string } {
  if (typeof url !== 'string')
    throw new Gs1Error('invalid_uri', `a Digital Link must be a string, got ${show(url)}`)
  if (url.length > MAX_DIGITAL_LINK_LENGTH) {
    throw new Gs1Error(
      'invalid_uri',
      `a Digital Link is at most ${MAX_DIGITAL_LINK_LENGTH} characters, got ${url.length}`,
    )
  }
  const noFragment = url.split('#', 1)[0] ?? ''
  const q = noFragment.indexOf('?')
  const beforeQuery = q === -1 ? noFragment : noFragment.slice(0, q)
  const query = q === -1 ? '' : noFragment.slice(q + 1)
  if (!QUERY.test(query)) throw new Gs1Error('invalid_uri', `query ${show(query)} is not valid URI syntax`)
  const m = /^(https?:\/\/[^/]*)((?:\/[^/]*)*)$/i.exec(beforeQuery)
  if (!m) throw new Gs1Error('invalid_uri', `${show(url)} is not an http(s) URI`)
  const path = (m[2] ?? '').split('/').slice(1)
  const key = path.indexOf('01')
  if (key === -1) throw new Gs1Error('invalid_uri', `${show(url)} has no /01/{GTIN} primary key`)
  const base = parseBase(
    `${m[1]}${path
      .slice(0, key)
      .map((s) => `/${s}`)
      .join('')}`,
  )
  const segments = path.slice(key)
  if (segments.some((s) => s === ''))
    throw new Gs1Error('invalid_uri', `${show(url)} has an empty path segment`)
  return { base, segments, query }
}

function checkAiSequence(ais: string[]): void {
  // ais[0] is '01' by construction; qualifiers must follow in GS1 order 10 then 21, each once.
  const seen = new Set<string>()
  for (const ai of ais) {
    if (seen.has(ai)) throw new Gs1Error('invalid_uri', `AI ${show(ai)} appears twice`)
    seen.add(ai)
  }
  for (const [i, want] of QUALIFIERS.entries()) {
    const got = ais[i + 1]
    if (got === undefined)
      throw new Gs1Error('invalid_uri', `AI ${want} is missing: a label link needs lot and serial`)
    if (got !== want) {
      const why = QUALIFIERS.includes(got as (typeof QUALIFIERS)[number])
        ? 'out of order (10 then 21)'
        : 'not accepted'
      throw new Gs1Error('invalid_uri', `expected AI ${want}, found AI ${show(got)}: ${why}`)
    }
  }
  if (ais.length > QUALIFIERS.length + 1) {
    throw new Gs1Error('invalid_uri', 'extra path segments after AI 21: serial is the last qualifier')
  }
}

function parseBase(base: string): Base {
  if (typeof base !== 'string' || base.length > MAX_DIGITAL_LINK_LENGTH) {
    throw new Gs1Error('invalid_uri', `base must be an http(s) URI string, got ${show(base)}`)
  }
  const m = /^(https?):\/\/([^/?#]*)((?:\/[^/?#]*)*)$/i.exec(base)
  if (!m)
    throw new Gs1Error(
      'invalid_uri',
      `base ${show(base)} must be http(s)://host[/path], no query or fragment`,
    )
  const [hostname = '', port, extra] = (m[2] ?? '').split(':')
  if (
    extra !== undefined ||
    !hostname.split('.').every((l) => LABEL.test(l)) ||
    (port !== undefined && !PORT.test(port))
  ) {
    throw new Gs1Error(
      'invalid_uri',
      `base ${show(base)} needs a plain DNS host name (no user info, IPv6 or bad port)`,
    )
  }
  const path = m[3] ?? ''
  if (path.endsWith('/')) throw new Gs1Error('invalid_uri', `base must not end with "/", got ${show(base)}`)
  for (const s of path.split('/').slice(1)) {
    if (!PATH_SEGMENT.test(s) || s === '.' || s === '..' || s === '01') {
      throw new Gs1Error(
        'invalid_uri',
        `base path segment ${show(s)} is not allowed (empty, dot, "01" or bad characters)`,
      )
    }
  }
  return { scheme: m[1] ?? '', host: m[2] ?? '', path }
}

function lowerCased(b: Base): Base {
  return { scheme: b.scheme.toLowerCase(), host: b.host.toLowerCase(), path: b.path }
}

function assemble(b: Base, item: Gs1Item): string {
  return `${joinBase(b)}/${canonicalItemPath(item)}`
}

function joinBase(b: Base): string {
  return `${b.scheme}://${b.host}${b.path}`
}
