import { createPrivateKey, generateKeyPairSync, sign, webcrypto } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  canonicalItemPath,
  type LabelJwks,
  labelKeyId,
  labelMessage,
  signedLabelUrl,
  verifyLabelUrl,
  verifyLabelUrlAsync,
} from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

const BASE = 'https://truyxuat.example.vn'

interface Vector {
  id: string
  url: string
  verdict: 'valid' | 'invalid'
  reason: string
  item?: { gtin: string; lot: string; serial: string }
  message?: string
  canonical?: string
}
const VECTORS = JSON.parse(
  readFileSync(new URL('../../docs/label-signature-vectors.json', import.meta.url), 'utf8'),
) as {
  key: { secretKeyHex: string }
  jwks: LabelJwks
  vectors: Vector[]
}
const item = { gtin: '8935049500018', lot: 'CK2026-11', serial: 'Q7F3KX9A2M' }

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const jwk = publicKey.export({ format: 'jwk' })
  return { privateKey, jwks: { keys: [{ ...jwk, kid: labelKeyId(jwk) }] } as LabelJwks }
}

describe('signed label links', () => {
  it('verifies a label with nothing but the published keys, on any resolver host', () => {
    const { privateKey, jwks } = keyPair()
    const url = signedLabelUrl(BASE, item, privateKey)
    expect(url).toMatch(
      /^https:\/\/truyxuat\.example\.vn\/01\/08935049500018\/10\/CK2026-11\/21\/Q7F3KX9A2M\?s=[\w-]{86}&k=[\w-]{11}$/,
    )
    expect(verifyLabelUrl(url, jwks)).toMatchObject({ authentic: true, item: { gtin: '08935049500018' } })
    const moved = url.replace('https://truyxuat.example.vn', 'https://tem.htx.vn')
    expect(verifyLabelUrl(moved, jwks).authentic).toBe(true)
  })

  it('can be verified by following docs/label-signature.md alone, with WebCrypto instead of this code', async () => {
    const { privateKey, jwks } = keyPair()
    const url = new URL(signedLabelUrl(BASE, item, privateKey))
    // The spec: the signed bytes are "zt-label-v1:" + the path from "01/" to the serial, as printed.
    const message = new TextEncoder().encode(`zt-label-v1:${url.pathname.slice(url.pathname.indexOf('01/'))}`)
    const jwk = jwks.keys.find((k) => k.kid === url.searchParams.get('k'))!
    const key = await webcrypto.subtle.importKey(
      'jwk',
      jwk as webcrypto.JsonWebKey,
      { name: 'Ed25519' },
      false,
      ['verify'],
    )
    const signature = Buffer.from(url.searchParams.get('s')!, 'base64url')
    expect(await webcrypto.subtle.verify({ name: 'Ed25519' }, key, signature, message)).toBe(true)
    expect(Buffer.from(message).equals(labelMessage(item))).toBe(true)
  })

  it('refuses a tampered serial or signature, an unknown or revoked key, an unsigned link and garbage', () => {
    const { privateKey, jwks } = keyPair()
    const url = signedLabelUrl(BASE, item, privateKey)
    expect(verifyLabelUrl(url.replace('/21/Q7F3KX9A2M', '/21/Q7F3KX9A2N'), jwks)).toMatchObject({
      authentic: false,
      reason: 'bad_signature',
    })
    const s = new URL(url).searchParams.get('s')!
    const flipped = (s[0] === 'A' ? 'B' : 'A') + s.slice(1)
    expect(verifyLabelUrl(url.replace(s, flipped), jwks).authentic).toBe(false)
    expect(verifyLabelUrl(url.replace(s, s.slice(0, 40)), jwks)).toMatchObject({ reason: 'bad_signature' })
    // Revoking a key is removing it from the JWKS: every label it signed stops verifying.
    expect(verifyLabelUrl(url, { keys: [] })).toMatchObject({ authentic: false, reason: 'unknown_key' })
    expect(verifyLabelUrl(url, keyPair().jwks)).toMatchObject({ reason: 'unknown_key' })
    expect(verifyLabelUrl(url.slice(0, url.indexOf('?')), jwks)).toMatchObject({ reason: 'unsigned' })
    for (const garbage of [
      '',
      'https://x.vn/01/123/10/a/21/b',
      'not a url',
      `${BASE}/01/08935049500019/10/A/21/B?s=x&k=y`,
    ]) {
      expect(verifyLabelUrl(garbage, jwks)).toMatchObject({ authentic: false, reason: 'malformed' })
    }
  })

  it('gives the same verdicts on the thread pool as inline, for good, tampered, unknown and garbage links', async () => {
    const { privateKey, jwks } = keyPair()
    const url = signedLabelUrl(BASE, item, privateKey)
    const s = new URL(url).searchParams.get('s')!
    const cases = [
      url,
      url.replace('/21/Q7F3KX9A2M', '/21/Q7F3KX9A2N'),
      url.replace(s, (s[0] === 'A' ? 'B' : 'A') + s.slice(1)),
      url.replace(s, s.slice(0, 40)),
      url.slice(0, url.indexOf('?')),
      'not a url',
    ]
    for (const link of cases) {
      expect(await verifyLabelUrlAsync(link, jwks)).toEqual(verifyLabelUrl(link, jwks))
    }
    expect(await verifyLabelUrlAsync(url, { keys: [] })).toMatchObject({ reason: 'unknown_key' })
  })

  it('keeps a label with 20-character lot and serial small enough for QR version 10 at ECC M', () => {
    const { privateKey } = keyPair()
    const url = signedLabelUrl(
      'https://truyxuat.vinhlong.gov.vn',
      { gtin: item.gtin, lot: 'L'.repeat(20), serial: 'S'.repeat(20) },
      privateKey,
    )
    // 213 bytes is the byte-mode capacity of a version 10 symbol at error correction M (ISO/IEC 18004).
    expect(Buffer.byteLength(url)).toBeLessThanOrEqual(213)
  })

  it('keeps the last character of s free of unused bits: 86 characters, ending in A, Q, g or w', () => {
    const { privateKey, jwks } = keyPair()
    const url = signedLabelUrl(BASE, item, privateKey)
    const s = new URL(url).searchParams.get('s')!
    expect(s).toMatch(/^[\w-]{85}[AQgw]$/)
    const last = s.at(-1)!
    const sibling = s.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1)
    // Node decodes both to the same 64 bytes; only the canonical spelling is a signature.
    expect(Buffer.from(sibling, 'base64url').equals(Buffer.from(s, 'base64url'))).toBe(true)
    expect(verifyLabelUrl(url.replace(s, sibling), jwks)).toMatchObject({
      authentic: false,
      reason: 'bad_signature',
    })
    expect(verifyLabelUrl(url.replace(s, `${s}==`), jwks)).toMatchObject({ reason: 'bad_signature' })
    expect(verifyLabelUrl(url.replace(s, `${s}%3D%3D`), jwks)).toMatchObject({ reason: 'bad_signature' })
  })

  it('signs and accepts only the canonical path: %44 is not D, and a raw ! is not %21', () => {
    const { privateKey, jwks } = keyPair()
    const d = signedLabelUrl(BASE, { ...item, serial: 'DQ7F3KX9A2' }, privateKey)
    expect(verifyLabelUrl(d, jwks).authentic).toBe(true)
    expect(verifyLabelUrl(d.replace('/21/D', '/21/%44'), jwks)).toEqual({
      authentic: false,
      reason: 'non_canonical',
      item: { gtin: '08935049500018', lot: 'CK2026-11', serial: 'DQ7F3KX9A2' },
      canonical: d,
    })
    const odd = { ...item, lot: "!'()*+,;=:" }
    const signed = signedLabelUrl(BASE, odd, privateKey)
    expect(signed).toContain('/10/%21%27%28%29%2A%2B%2C%3B%3D%3A/21/')
    expect(canonicalItemPath(odd)).toBe('01/08935049500018/10/%21%27%28%29%2A%2B%2C%3B%3D%3A/21/Q7F3KX9A2M')
    expect(verifyLabelUrl(signed, jwks)).toMatchObject({ authentic: true })
    const raw = signed.replace('%21%27%28%29%2A%2B%2C%3B%3D%3A', "!'()*+,;=:")
    expect(verifyLabelUrl(raw, jwks)).toMatchObject({
      authentic: false,
      reason: 'non_canonical',
      canonical: signed,
    })
  })
})

describe('docs/label-signature-vectors.json', () => {
  it('holds the RFC 8032 test key, and every valid vector is its signature over the stated message', () => {
    const secret = Buffer.from(VECTORS.key.secretKeyHex, 'hex')
    const key = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), secret]),
      format: 'der',
      type: 'pkcs8',
    })
    expect(VECTORS.jwks.keys).toHaveLength(1)
    expect(VECTORS.jwks.keys[0]!.kid).toBe(labelKeyId(VECTORS.jwks.keys[0]!))
    const valid = VECTORS.vectors.filter((v) => v.verdict === 'valid')
    expect(valid.length).toBe(7)
    for (const v of valid) {
      expect(labelMessage(v.item!).toString('ascii'), v.id).toBe(v.message)
      const s = /[?&]s=([^&]*)/.exec(v.url)![1]
      expect(sign(null, labelMessage(v.item!), key).toString('base64url'), v.id).toBe(s)
    }
  })

  it('gives every vector its stated verdict, inline and on the thread pool', async () => {
    expect(VECTORS.vectors).toHaveLength(25)
    for (const v of VECTORS.vectors) {
      const verdict = verifyLabelUrl(v.url, VECTORS.jwks)
      const reason = verdict.authentic ? 'authentic' : verdict.reason
      expect({ id: v.id, authentic: verdict.authentic, reason }).toEqual({
        id: v.id,
        authentic: v.verdict === 'valid',
        reason: v.reason,
      })
      if (v.canonical) expect(verdict).toMatchObject({ canonical: v.canonical })
      expect(await verifyLabelUrlAsync(v.url, VECTORS.jwks), v.id).toEqual(verdict)
    }
  })
})
