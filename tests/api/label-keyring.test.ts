import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLabelKeyring, UnknownLabelKeyError } from '@zonetrace/api'
import { signedLabelUrl, verifyLabelUrl } from '@zonetrace/contracts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zt-keyring-'))
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

const BASE = 'https://truyxuat.example.vn'
const item = (serial: string) => ({ gtin: '8935049500018', lot: 'CK2026-11', serial })

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
    const ring = openLabelKeyring(dataDir)
    const first = await ring.signingKey()
    await ring.rotate()
    const compromised = await ring.signingKey()
    const url = signedLabelUrl(BASE, item('BAD1'), compromised.privateKey)
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
})
