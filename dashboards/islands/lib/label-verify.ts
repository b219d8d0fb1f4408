// A scanned label verified in the page, offline, with the published JWKS: the steps of
// docs/label-signature.md in the order they are written, the signature checked by WebCrypto's Ed25519
// instead of a library. The link is parsed by the contracts' own GS1 parser (pure string code, no Node).
import { canonicalItemPath, parseReceivedDigitalLink } from '../../../contracts/src/gs1/digital-link.ts'
import {
  LABEL_SIGNATURE_PREFIX,
  SIGNATURE_FORM,
  signatureParams,
} from '../../../contracts/src/labels/signature-params.ts'

export type LabelRefusal = 'malformed' | 'non_canonical' | 'unsigned' | 'unknown_key' | 'bad_signature'
export type LabelCheck = { authentic: true; lotId: string } | { authentic: false; reason: LabelRefusal }

export interface PublishedKey {
  kty: string
  crv: string
  x: string
  kid: string
}

function base64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0))
}

export async function verifyLabel(url: string, keys: readonly PublishedKey[]): Promise<LabelCheck> {
  let parsed: ReturnType<typeof parseReceivedDigitalLink>
  try {
    parsed = parseReceivedDigitalLink(url.trim())
  } catch {
    return { authentic: false, reason: 'malformed' }
  }
  const { s, k, repeated } = signatureParams(parsed.query)
  if (repeated) return { authentic: false, reason: 'malformed' }
  const item = { gtin: parsed.gtin, lot: parsed.lot, serial: parsed.serial }
  const path = canonicalItemPath(item)
  if (parsed.path !== path) return { authentic: false, reason: 'non_canonical' }
  if (!s || !k) return { authentic: false, reason: 'unsigned' }
  const jwk = keys.find((key) => key.kid === k && key.kty === 'OKP' && key.crv === 'Ed25519')
  if (!jwk) return { authentic: false, reason: 'unknown_key' }
  if (!SIGNATURE_FORM.test(s)) return { authentic: false, reason: 'bad_signature' }
  try {
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      { name: 'Ed25519' },
      false,
      ['verify'],
    )
    const message = new TextEncoder().encode(`${LABEL_SIGNATURE_PREFIX}${path}`)
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, base64url(s), message)
    return ok ? { authentic: true, lotId: item.lot } : { authentic: false, reason: 'bad_signature' }
  } catch {
    return { authentic: false, reason: 'bad_signature' }
  }
}
