import { listSensors, loadGatewayAuth, provisionGateways, verifySecret } from '@zonetrace/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone } from '../helpers/fixtures.ts'

let t: TestDB
let zone: string
beforeAll(async () => {
  t = await getTestDB()
  zone = await seedZone(t.db)
})
afterAll(() => t?.close())

describe(`bulk gateway provisioning (${backendName})`, () => {
  it('provisions many gateways with working secrets and their sensors in one go', async () => {
    const reqs = Array.from({ length: 50 }, (_, i) => ({
      id: `bulk-${i}`,
      zone,
      sensors: ['salinity', 'ph'],
    }))
    const creds = await provisionGateways(t.db, reqs)
    expect(creds).toHaveLength(50)
    expect(creds[7]?.sensors).toEqual([
      { sensorId: 'bulk-7-s1', metric: 'salinity' },
      { sensorId: 'bulk-7-s1', metric: 'ph' },
    ])
    const auth = await loadGatewayAuth(t.db, 'bulk-7')
    expect(await verifySecret(creds[7]!.password, auth!.secretHash)).toBe(true)
    expect(await verifySecret(creds[8]!.password, auth!.secretHash)).toBe(false)
    expect(await listSensors(t.db, { gatewayId: 'bulk-49' })).toHaveLength(2)
  })

  it('provisions nothing when one gateway already exists or a zone is unknown', async () => {
    await expect(
      provisionGateways(t.db, [
        { id: 'bulk-new', zone, sensors: ['ph'] },
        { id: 'bulk-0', zone, sensors: ['ph'] },
      ]),
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await loadGatewayAuth(t.db, 'bulk-new')).toBeNull()
    await expect(
      provisionGateways(t.db, [{ id: 'bulk-z', zone: 'NOPE', sensors: ['ph'] }]),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
