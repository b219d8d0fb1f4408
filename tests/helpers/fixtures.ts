// Small registry fixtures shared by tests: one cooperative and one growing area in a real commune, and a
// test database with them in it.
import type { Database } from '@zonetrace/db'
import { upsertCooperative, upsertGrowingArea } from '@zonetrace/db'
import { getTestDB, type TestDB } from './db.ts'

export const TEST_ZONE = 'VN-TEST-TAMNGAI-01'

export async function seedZone(db: Database, code = TEST_ZONE): Promise<string> {
  await upsertCooperative(db, { id: 'htx-test', name: 'HTX Thử nghiệm', communeCode: '29335' })
  // 29338 (Thạnh Phú) was merged into Tam Ngãi 29335 in July 2025.
  await upsertGrowingArea(db, {
    code,
    name: 'Vùng thử nghiệm',
    cooperativeId: 'htx-test',
    crop: 'coconut',
    kind: 'coconut_canal',
    areaHa: 12.5,
    communeCode: '29338',
  })
  return code
}

/** A test database (getTestDB) with the test zone seeded in it. */
export interface ZonedTestDB extends TestDB {
  zone: string
}

export async function getZonedTestDB(): Promise<ZonedTestDB> {
  const testDb = await getTestDB()
  try {
    return { ...testDb, zone: await seedZone(testDb.db) }
  } catch (err) {
    await testDb.close()
    throw err
  }
}
