// The token signing key on disk and the tokens it signs; no database involved.
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  createToken,
  loadOrCreateAuthKeys,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenError,
  verifyToken,
} from '@zonetrace/api'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { makeDataDir } from './harness.ts'

const dirs: string[] = []
async function dataDir(): Promise<string> {
  const dir = await makeDataDir()
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

describe('loadOrCreateAuthKeys', () => {
  it('creates DATA_DIR/keys with mode 0700 and a key file with mode 0600, leaving no temp file', async () => {
    const dir = await dataDir()
    await loadOrCreateAuthKeys(dir)
    expect((await stat(join(dir, 'keys'))).mode & 0o777).toBe(0o700)
    const files = await readdir(join(dir, 'keys'))
    expect(files).toEqual(['api-token-signing.jwk.json'])
    expect((await stat(join(dir, 'keys', files[0]!))).mode & 0o777).toBe(0o600)
  })

  it('reuses the stored key on a later start, so earlier tokens still verify', async () => {
    const dir = await dataDir()
    const first = await loadOrCreateAuthKeys(dir)
    const token = await createToken(first, { role: 'admin' })
    const second = await loadOrCreateAuthKeys(dir)
    expect(second.kid).toBe(first.kid)
    await expect(verifyToken(second, token)).resolves.toMatchObject({ role: 'admin' })
  })

  it('ends with one key when two first starts race', async () => {
    const dir = await dataDir()
    const [a, b] = await Promise.all([loadOrCreateAuthKeys(dir), loadOrCreateAuthKeys(dir)])
    expect(a.kid).toBe(b.kid)
    expect(await readdir(join(dir, 'keys'))).toHaveLength(1)
  })

  it('tightens a keys directory that already existed with loose permissions', async () => {
    const dir = await dataDir()
    await mkdir(join(dir, 'keys'), { mode: 0o755 })
    await loadOrCreateAuthKeys(dir)
    expect((await stat(join(dir, 'keys'))).mode & 0o777).toBe(0o700)
  })

  it('refuses a damaged key file instead of silently replacing it', async () => {
    const dir = await dataDir()
    await mkdir(join(dir, 'keys'), { mode: 0o700 })
    await writeFile(join(dir, 'keys', 'api-token-signing.jwk.json'), '{"kty":"RSA"}', { mode: 0o600 })
    await expect(loadOrCreateAuthKeys(dir)).rejects.toThrow(/api-token-signing\.jwk\.json is not an Ed25519/)
  })
})

describe('createToken', () => {
  it('signs EdDSA JWTs with iss, aud, sub, role, iat, exp (30 days by default) and the key id', async () => {
    const keys = await loadOrCreateAuthKeys(await dataDir())
    const token = await createToken(keys, { role: 'officer', subject: 'nguyen.van.a' })
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', typ: 'JWT', kid: keys.kid })
    const claims = decodeJwt(token)
    expect(claims).toMatchObject({
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: 'nguyen.van.a',
      role: 'officer',
    })
    expect(claims.exp! - claims.iat!).toBe(30 * 86_400)
    expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(5)
    expect(claims).not.toHaveProperty('cooperative_id')
  })

  it('carries the cooperative id for the cooperative role and honours expiresIn', async () => {
    const keys = await loadOrCreateAuthKeys(await dataDir())
    const token = await createToken(keys, { role: 'cooperative', cooperativeId: 'htx-1', expiresIn: '12h' })
    const claims = decodeJwt(token)
    expect(claims).toMatchObject({ role: 'cooperative', cooperative_id: 'htx-1', sub: 'cooperative' })
    expect(claims.exp! - claims.iat!).toBe(12 * 3600)
    await expect(verifyToken(keys, token)).resolves.toEqual({
      role: 'cooperative',
      subject: 'cooperative',
      cooperativeId: 'htx-1',
    })
  })

  it('refuses a cooperative token without a cooperative id, and a cooperative id on other roles', async () => {
    const keys = await loadOrCreateAuthKeys(await dataDir())
    await expect(createToken(keys, { role: 'cooperative' })).rejects.toThrow(TokenError)
    await expect(createToken(keys, { role: 'admin', cooperativeId: 'htx-1' })).rejects.toThrow(
      /only goes with the cooperative role/,
    )
  })

  it('refuses roles outside admin, officer, cooperative and lifetimes that are not positive durations', async () => {
    const keys = await loadOrCreateAuthKeys(await dataDir())
    for (const role of ['public', 'root', '']) {
      await expect(createToken(keys, { role: role as 'admin' })).rejects.toThrow(/role must be one of/)
    }
    for (const expiresIn of ['0', '-1h', 'forever', '1.5d', '']) {
      await expect(createToken(keys, { role: 'admin', expiresIn })).rejects.toThrow(/lifetime/)
    }
  })
})
