import { listSensors, loadGatewayAuth, provisionGateways, verifySecret } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'

const testDb = sharedFixture(getTestDB)
let zone: string
beforeAll(async () => {
  zone = await seedZone(testDb.db)
})

describe(`bulk gateway provisioning (${backendName})`, () => {
  it('provisions many gateways with working secrets and their sensors in one go', async () => {
    const reqs = Array.from({ length: 50 }, (_, i) => ({
      id: `bulk-${i}`,
      zone,
      sensors: ['salinity', 'ph'],
    }))
    const creds = await provisionGateways(testDb.db, reqs)
    expect(creds).toHaveLength(50)
    expect(creds[7]?.sensors).toEqual([
      { sensorId: 'bulk-7-s1', metric: 'salinity' },
      { sensorId: 'bulk-7-s1', metric: 'ph' },
    ])
    const auth = await loadGatewayAuth(testDb.db, 'bulk-7')
    expect(await verifySecret(creds[7]!.password, auth!.secretHash)).toBe(true)
    expect(await verifySecret(creds[8]!.password, auth!.secretHash)).toBe(false)
    expect(await listSensors(testDb.db, { gatewayId: 'bulk-49' })).toHaveLength(2)
  })

  it('provisions nothing when one gateway already exists or a zone is unknown', async () => {
    await expect(
      provisionGateways(testDb.db, [
        { id: 'bulk-new', zone, sensors: ['ph'] },
        { id: 'bulk-0', zone, sensors: ['ph'] },
      ]),
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await loadGatewayAuth(testDb.db, 'bulk-new')).toBeNull()
    await expect(
      provisionGateways(testDb.db, [{ id: 'bulk-z', zone: 'NOPE', sensors: ['ph'] }]),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
