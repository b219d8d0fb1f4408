import { listZones, resolveCommune } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'

const testDb = sharedFixture(getTestDB)

describe(`admin units across the July 2025 reform (${backendName})`, () => {
  it('loads the 124 communes in force in the new Vĩnh Long province', async () => {
    const rows = await testDb.db.query<{ n: number }>(
      `select count(*)::int as n from admin_units where valid_to is null`,
    )
    expect(rows[0]?.n).toBe(124)
  })

  it('resolves an absorbed commune code to the commune that took it over', async () => {
    expect(await resolveCommune(testDb.db, '29338')).toEqual([
      { code: '29335', name: 'Xã Tam Ngãi', formerCode: '29338', formerName: 'Xã Thạnh Phú' },
    ])
  })

  it('lists every successor of a commune that was split', async () => {
    const [split] = await testDb.db.query<{ old_code: string; n: number }>(
      `select old_code, count(*)::int as n from admin_unit_successions group by old_code having count(*) > 1 limit 1`,
    )
    expect(split).toBeDefined()
    const resolved = await resolveCommune(testDb.db, split!.old_code)
    expect(resolved.length).toBe(split!.n)
  })

  it('returns nothing for a code that never existed', async () => {
    expect(await resolveCommune(testDb.db, '99999')).toEqual([])
  })

  it("shows a growing area's commune by today's name and its former name", async () => {
    const code = await seedZone(testDb.db)
    const zone = (await listZones(testDb.db)).find((z) => z.code === code)
    expect(zone?.commune).toEqual({
      registeredCode: '29338',
      code: '29335',
      name: 'Xã Tam Ngãi',
      formerName: 'Xã Thạnh Phú',
    })
  })
})
