// Gateway secret hashes (ADR 0004): the keyed-hash scheme, the scrypt hashes stored before it, and the
// registry reads and writes the broker uses to authenticate in bulk and to upgrade old hashes.
import {
  generateSecret,
  hashScrypt,
  hashSecret,
  loadGatewayAuths,
  provisionGateways,
  secretNeedsRehash,
  upgradeSecretHashes,
  verifySecret,
} from '@zonetrace/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'

const OLD_COST = { N: 1024, r: 1, p: 1 }

describe('gateway secret hashes', () => {
  it('stores new secrets as a salted HMAC-SHA-256 that verifies only the right secret', async () => {
    const secret = generateSecret()
    const stored = await hashSecret(secret)
    expect(stored).toMatch(/^hmac-sha256\$[\w-]{22}\$[\w-]{43}$/)
    expect(await hashSecret(secret)).not.toBe(stored)
    expect(await verifySecret(secret, stored)).toBe(true)
    expect(await verifySecret(`${secret}x`, stored)).toBe(false)
    expect(await verifySecret(generateSecret(), stored)).toBe(false)
    expect(secretNeedsRehash(stored)).toBe(false)
  })

  it('still verifies scrypt hashes from before, and marks them for re-hashing', async () => {
    const secret = generateSecret()
    const old = await hashScrypt(secret, OLD_COST)
    expect(old.startsWith('scrypt$1024$1$1$')).toBe(true)
    expect(await verifySecret(secret, old)).toBe(true)
    expect(await verifySecret(`${secret}x`, old)).toBe(false)
    expect(secretNeedsRehash(old)).toBe(true)
  })

  it('never matches a malformed or unknown hash', async () => {
    const secret = generateSecret()
    const good = await hashSecret(secret)
    for (const bad of [
      '',
      'hmac-sha256$',
      `${good}$extra`,
      good.replace('hmac-sha256', 'md5'),
      'scrypt$1$2',
    ]) {
      expect(await verifySecret(secret, bad)).toBe(false)
    }
  })
})

describe(`gateway auth in bulk (${backendName})`, () => {
  let test: TestDB
  let zone: string
  beforeAll(async () => {
    test = await getTestDB()
    zone = await seedZone(test.db)
  })
  afterAll(() => test?.close())

  it('loads the known gateways of a batch with their channels and leaves unknown ids out', async () => {
    await provisionGateways(test.db, [
      { id: 'auth-a', zone, sensors: ['salinity', 'ph'] },
      { id: 'auth-b', zone, sensors: ['temperature'] },
    ])
    const found = await loadGatewayAuths(test.db, ['auth-a', 'auth-nobody', 'auth-b'])
    expect([...found.keys()].sort()).toEqual(['auth-a', 'auth-b'])
    expect([...found.get('auth-a')!.channels].sort()).toEqual(['auth-a-s1:ph', 'auth-a-s1:salinity'])
    expect([...found.get('auth-b')!.channels]).toEqual(['auth-b-s1:temperature'])
    expect((await loadGatewayAuths(test.db, ['auth-nobody'])).size).toBe(0)
  })

  it('upgrades a hash only while it is still the one the secret was checked against', async () => {
    const [c] = await provisionGateways(test.db, [{ id: 'auth-up', zone, sensors: ['salinity'] }])
    const old = await hashScrypt(c!.password, OLD_COST)
    await test.db.query('update gateways set secret_hash = $1 where id = $2', [old, 'auth-up'])
    const next = await hashSecret(c!.password)
    // A rotation happened meanwhile: the stale upgrade must not bring the old secret back.
    expect(
      await upgradeSecretHashes(test.db, [{ gatewayId: 'auth-up', from: 'scrypt$stale', to: next }]),
    ).toEqual([])
    expect(await upgradeSecretHashes(test.db, [{ gatewayId: 'auth-up', from: old, to: next }])).toEqual([
      'auth-up',
    ])
    expect((await loadGatewayAuths(test.db, ['auth-up'])).get('auth-up')!.secretHash).toBe(next)
  })
})
