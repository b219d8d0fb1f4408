// Signed GS1 Digital Link labels: what is signed, how the signature and key id ride in the link, and how
// anyone holding only the published JWKS verifies a label offline. The normative description is
// docs/label-signature.md; this file is its reference implementation, and the decision is ADR 0006.
//
// Signed bytes: the ASCII string  "zt-label-v1:" + "01/{gtin14}/10/{lot}/21/{serial}"  in its one
// canonical form (canonicalItemPath: GTIN-14, lot and serial with every character that is not RFC 3986
// unreserved percent-encoded in upper-case hex). A link is printed in exactly that form, so "the path as
// printed" and "the canonical path" are the same bytes; a link whose path is written any other way
// (`%44` for `D`, a raw `!`, lower-case hex, a 13-digit GTIN) is not a label: its verdict is
// `non_canonical`, and the resolver redirects it to the canonical link instead of verifying it.
// The domain is left out on purpose: the GS1 identity of an item does not depend on the resolver's host,
// and a cooperative may move resolvers without reprinting. The prefix keeps a label signature from ever
// being valid as a signature of anything else.
//
// In the link: `?s={signature}&k={kid}`, both base64url without padding, taken from the query as written
// (never percent-decoded): s is the 64-byte Ed25519 signature in exactly 86 characters of canonical
// base64url (the last character's 4 unused bits zero, so it is one of A Q g w), k the first 8 bytes of the
// key's RFC 7638 JWK thumbprint (SHA-256) — 11 characters.
import { createHash, createPublicKey, type JsonWebKey, type KeyObject, sign, verify } from 'node:crypto'
import { type Static, Type } from 'typebox'
import {
  buildDigitalLink,
  canonicalItemPath,
  type Gs1Item,
  parseReceivedDigitalLink,
} from '../gs1/digital-link.ts'
import { Gs1Error } from '../gs1/gtin.ts'
import { LABEL_SIGNATURE_PREFIX, SIGNATURE_FORM, signatureParams } from './signature-params.ts'

/** The exact bytes a label's signature covers. */
export function labelMessage(item: Gs1Item): Buffer {
  return Buffer.from(LABEL_SIGNATURE_PREFIX + canonicalItemPath(item), 'ascii')
}

/** RFC 7638 thumbprint of an Ed25519 public JWK, first 8 bytes, base64url: the label's `k`. */
export function labelKeyId(jwk: JsonWebKey): string {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new TypeError('label keys are Ed25519 (kty OKP, crv Ed25519)')
  }
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })
  return createHash('sha256').update(canonical).digest().subarray(0, 8).toString('base64url')
}

/** The full signed link for one item. The private key must be Ed25519. */
export function signedLabelUrl(base: string, item: Gs1Item, privateKey: KeyObject): string {
  const kid = labelKeyId(createPublicKey(privateKey).export({ format: 'jwk' }))
  const signature = sign(null, labelMessage(item), privateKey).toString('base64url')
  return `${buildDigitalLink(base, item)}?s=${signature}&k=${kid}`
}

type LabelVerdict =
  | { authentic: true; item: Gs1Item; kid: string }
  | {
      authentic: false
      reason: 'malformed' | 'non_canonical' | 'unsigned' | 'unknown_key' | 'bad_signature'
      kid?: string
      item?: Gs1Item
      /** For `non_canonical`: the same link with the item's canonical path (host, base path, query kept). */
      canonical?: string
    }

/** A JWKS as served at /.well-known/jwks.json. Keys not in it (retired or revoked) verify nothing. */
export interface LabelJwks {
  keys: (JsonWebKey & { kid?: string })[]
}

/** One label key as /.well-known/jwks.json publishes it: Ed25519, kid as in the links, EdDSA, sig. */
export const PublishedLabelJwk = Type.Object({
  kty: Type.String(),
  crv: Type.String(),
  x: Type.String(),
  kid: Type.String(),
  alg: Type.String(),
  use: Type.String(),
})
export type PublishedLabelJwk = Static<typeof PublishedLabelJwk>

/** /.well-known/jwks.json: every label key not revoked; verifyLabelUrl takes it as it is. */
export const PublishedLabelJwks = Type.Object({ keys: Type.Array(PublishedLabelJwk) })
export type PublishedLabelJwks = Static<typeof PublishedLabelJwks>

// Importing a JWK costs more than verifying with it; a resolver verifies thousands of labels per key.
const publicKeys = new Map<string, KeyObject>()

function publicKeyOf(x: string): KeyObject {
  let key = publicKeys.get(x)
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
    if (publicKeys.size > 1000) publicKeys.clear()
    publicKeys.set(x, key)
  }
  return key
}

/** Verifies a scanned link with nothing but the published keys. Never throws for any input. */
export function verifyLabelUrl(url: string, jwks: LabelJwks): LabelVerdict {
  const check = prepare(url, jwks)
  if ('verdict' in check) return check.verdict
  let ok = false
  try {
    ok = verify(null, check.message, check.key, check.signature)
  } catch {
    ok = false
  }
  return settle(check, ok)
}

/**
 * The same verdict as verifyLabelUrl, with the Ed25519 check run on libuv's thread pool: a resolver's
 * event loop stays free for other scans while the signature is checked on another core.
 */
export function verifyLabelUrlAsync(url: string, jwks: LabelJwks): Promise<LabelVerdict> {
  const check = prepare(url, jwks)
  if ('verdict' in check) return Promise.resolve(check.verdict)
  return new Promise((resolve) => {
    try {
      verify(null, check.message, check.key, check.signature, (err, ok) => resolve(settle(check, !err && ok)))
    } catch {
      resolve(settle(check, false))
    }
  })
}

interface PendingCheck {
  item: Gs1Item
  kid: string
  message: Buffer
  key: KeyObject
  signature: Buffer
}

/**
 * Everything short of the signature arithmetic, in the order of docs/label-signature.md: parse the path
 * and take s and k from the query as written, insist on the canonical path, find the key, check the
 * signature's form.
 */
function prepare(url: string, jwks: LabelJwks): PendingCheck | { verdict: LabelVerdict } {
  let item: Gs1Item
  let query: string
  let path: string
  let base: string
  try {
    const parsed = parseReceivedDigitalLink(url)
    item = { gtin: parsed.gtin, lot: parsed.lot, serial: parsed.serial }
    ;({ query, path, base } = parsed)
  } catch (err) {
    if (err instanceof Gs1Error) return { verdict: { authentic: false, reason: 'malformed' } }
    throw err
  }
  const { s, k: kid, repeated } = signatureParams(query)
  if (repeated) return { verdict: { authentic: false, reason: 'malformed' } }
  const canonicalPath = canonicalItemPath(item)
  if (path !== canonicalPath) {
    const canonical = `${base}/${canonicalPath}${query === '' ? '' : `?${query}`}`
    return { verdict: { authentic: false, reason: 'non_canonical', item, canonical } }
  }
  if (!s || !kid) return { verdict: { authentic: false, reason: 'unsigned', item } }
  const bad: { verdict: LabelVerdict } = { verdict: { authentic: false, reason: 'bad_signature', kid, item } }
  const jwk = jwks.keys.find((k) => k.kid === kid && k.kty === 'OKP' && k.crv === 'Ed25519')
  if (!jwk) return { verdict: { authentic: false, reason: 'unknown_key', kid, item } }
  if (!SIGNATURE_FORM.test(s) || typeof jwk.x !== 'string') return bad
  try {
    const signature = Buffer.from(s, 'base64url')
    return { item, kid, message: labelMessage(item), key: publicKeyOf(jwk.x), signature }
  } catch {
    return bad
  }
}

function settle(check: PendingCheck, ok: boolean): LabelVerdict {
  const { item, kid } = check
  return ok ? { authentic: true, item, kid } : { authentic: false, reason: 'bad_signature', kid, item }
}
