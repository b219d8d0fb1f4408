// The demo's gateways stand inside their areas' demo rectangles (invented, like the rectangles), so the
// open-data stations layer shows each where its area is; a demo database from before positions gets them on
// the next start. Also the bulk provisioning path, which takes positions like the single one.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_AREAS, DEMO_GATEWAYS, ensureDemoGateways, seedDemoRegistry } from '@zonetrace/cli'
import { listGateways, provisionGateways, RegistryError } from '@zonetrace/db'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'

const testDb = sharedFixture(getTestDB)
let dataDir = ''
const silent = pino({ level: 'silent' })

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zt-demo-pos-'))
  await seedDemoRegistry(testDb.db)
}, 120_000)
afterAll(() => rm(dataDir, { recursive: true, force: true }))

function insideRectangle(zone: string, [lon, lat]: [number, number]): boolean {
  const ring = DEMO_AREAS.find((a) => a.code === zone)!.polygon.coordinates[0]!
  const lons = ring.map((p) => p[0]!)
  const lats = ring.map((p) => p[1]!)
  return (
    lon > Math.min(...lons) && lon < Math.max(...lons) && lat > Math.min(...lats) && lat < Math.max(...lats)
  )
}

describe('demo gateway positions', () => {
  it('each lies strictly inside its own area and off its centre', () => {
    for (const g of DEMO_GATEWAYS) expect(insideRectangle(g.zone, g.position), g.id).toBe(true)
    const distinct = new Set(DEMO_GATEWAYS.map((g) => g.position.join(',')))
    expect(distinct.size).toBe(DEMO_GATEWAYS.length)
  })

  it('are stored when the demo provisions its gateways, and restored on a later start', async () => {
    await ensureDemoGateways(testDb.db, dataDir, silent)
    const byId = new Map((await listGateways(testDb.db)).map((g) => [g.id, g]))
    for (const g of DEMO_GATEWAYS) {
      expect(byId.get(g.id)?.position, g.id).toEqual({ type: 'Point', coordinates: g.position })
    }
    // A database from before positions: the next start fills them in.
    await testDb.db.query('update gateways set position = null')
    await ensureDemoGateways(testDb.db, dataDir, silent)
    const again = await listGateways(testDb.db)
    expect(again.filter((g) => g.id.startsWith('demo-')).every((g) => g.position !== null)).toBe(true)
  })

  it('are taken by bulk provisioning too, and a bad one refuses the whole batch', async () => {
    const [zone] = DEMO_AREAS
    const good = DEMO_GATEWAYS[0]!.position
    await provisionGateways(testDb.db, [
      { id: 'bulk-pos-1', zone: zone!.code, sensors: [], position: { type: 'Point', coordinates: good } },
      { id: 'bulk-pos-2', zone: zone!.code, sensors: [] },
    ])
    const byId = new Map((await listGateways(testDb.db)).map((g) => [g.id, g]))
    expect(byId.get('bulk-pos-1')?.position).toEqual({ type: 'Point', coordinates: good })
    expect(byId.get('bulk-pos-2')?.position).toBeNull()
    const swapped = provisionGateways(testDb.db, [
      { id: 'bulk-pos-3', zone: zone!.code, sensors: [] },
      {
        id: 'bulk-pos-4',
        zone: zone!.code,
        sensors: [],
        position: { type: 'Point', coordinates: [9.9, 106] },
      },
    ])
    await expect(swapped).rejects.toBeInstanceOf(RegistryError)
    expect((await listGateways(testDb.db)).some((g) => g.id === 'bulk-pos-3')).toBe(false)
  })
})
