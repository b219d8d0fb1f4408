import { generateKeyPairSync } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLabelKeyring, UnknownLabelKeyError } from '@zonetrace/api'
import { labelKeyId, signedLabelUrl, verifyLabelUrl } from '@zonetrace/contracts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zt-keyring-'))
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

const BASE = 'https://truyxuat.example.vn'
const item = (serial: string) => ({ gtin: '8935049500018', lot: 'CK2026-11', serial })

/** A keyring rotated once, and a label signed with its current key: the one a test then revokes. */
async function rotatedWithLabel(serial: string) {
  const ring = openLabelKeyring(dataDir)
  const first = await ring.signingKey()
  await ring.rotate()
  const compromised = await ring.signingKey()
  return { ring, first, compromised, url: signedLabelUrl(BASE, item(serial), compromised.privateKey) }
}

describe('label signing keys', () => {
  it('keeps labels of a rotated key verifying, and signs new ones with the new key', async () => {
    const ring = openLabelKeyring(dataDir)
    const first = await ring.signingKey()
    const old = signedLabelUrl(BASE, item('OLD1'), first.privateKey)
    const rotated = await ring.rotate()
    const second = await ring.signingKey()
    expect(second.kid).toBe(rotated.kid)
    expect(second.kid).not.toBe(first.kid)
    const jwks = await ring.jwks()
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([first.kid, second.kid].sort())
    expect(verifyLabelUrl(old, jwks)).toMatchObject({ authentic: true, kid: first.kid })
    expect(verifyLabelUrl(signedLabelUrl(BASE, item('NEW1'), second.privateKey), jwks).authentic).toBe(true)
  })

  it('makes every label of a revoked key read as not authentic, and falls back to an earlier key', async () => {
    const { ring, first, compromised, url } = await rotatedWithLabel('BAD1')
    await ring.revoke(compromised.kid)
    expect(verifyLabelUrl(url, await ring.jwks())).toMatchObject({ authentic: false, reason: 'unknown_key' })
    expect((await ring.signingKey()).kid).toBe(first.kid)
    expect((await ring.list()).find((k) => k.kid === compromised.kid)).toMatchObject({ active: false })
    await expect(ring.revoke('nope')).rejects.toThrow(UnknownLabelKeyError)
  })

  it('keeps private keys in 0600 files and never in the published JWKS', async () => {
    const ring = openLabelKeyring(dataDir)
    await ring.signingKey()
    const dir = join(dataDir, 'keys', 'labels')
    const [file] = await readdir(dir)
    expect((await stat(join(dir, file!))).mode & 0o777).toBe(0o600)
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect(JSON.parse(await readFile(join(dir, file!), 'utf8'))).toHaveProperty('d')
    const jwks = await ring.jwks()
    expect(JSON.stringify(jwks)).not.toContain('"d"')
  })

  it('erases the private part of a revoked key from its file, in one atomic write', async () => {
    const { ring, first, compromised, url } = await rotatedWithLabel('REV1')
    const dir = join(dataDir, 'keys', 'labels')
    const before = await readdir(dir)
    const file = before.find((f) => f.endsWith(`-${compromised.kid}.jwk.json`))!
    const { x } = JSON.parse(await readFile(join(dir, file), 'utf8'))
    const revoked = await ring.revoke(compromised.kid)
    // Same files, no temp file left behind, still 0600.
    expect((await readdir(dir)).sort()).toEqual(before.sort())
    expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600)
    const stored = JSON.parse(await readFile(join(dir, file), 'utf8'))
    expect(stored).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x,
      revokedAt: revoked.revokedAt,
      createdAt: revoked.createdAt,
    })
    expect(stored).not.toHaveProperty('d')
    // Its labels still read as unknown or revoked, in this process and in a fresh one (another CLI run).
    expect(verifyLabelUrl(url, await ring.jwks())).toMatchObject({ authentic: false, reason: 'unknown_key' })
    const fresh = openLabelKeyring(dataDir)
    expect(verifyLabelUrl(url, await fresh.jwks())).toMatchObject({ authentic: false, reason: 'unknown_key' })
    expect((await fresh.signingKey()).kid).toBe(first.kid)
    expect(await fresh.list()).toEqual([
      expect.objectContaining({ kid: first.kid, active: true }),
      { kid: compromised.kid, createdAt: revoked.createdAt, revokedAt: revoked.revokedAt, active: false },
    ])
    // Revoking again changes nothing.
    expect(await fresh.revoke(compromised.kid)).toEqual(revoked)
  })

  it('erases the private part a key revoked by an earlier version kept, the first time it is read', async () => {
    const dir = join(dataDir, 'keys', 'labels')
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const { privateKey } = generateKeyPairSync('ed25519')
    const jwk = privateKey.export({ format: 'jwk' })
    const kid = labelKeyId(jwk)
    const name = `2025-01-01T000000000Z-${kid}.jwk.json`
    await writeFile(
      join(dir, name),
      `${JSON.stringify({ ...jwk, createdAt: '2025-01-01T00:00:00.000Z', revokedAt: '2025-02-01T00:00:00.000Z' })}\n`,
      { mode: 0o600 },
    )
    const ring = openLabelKeyring(dataDir)
    expect(await ring.list()).toEqual([
      { kid, createdAt: '2025-01-01T00:00:00.000Z', revokedAt: '2025-02-01T00:00:00.000Z', active: false },
    ])
    expect(JSON.parse(await readFile(join(dir, name), 'utf8'))).not.toHaveProperty('d')
    expect((await ring.jwks()).keys).toEqual([])
  })
})
