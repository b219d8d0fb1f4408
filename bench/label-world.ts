// The registry a label bench issues from: a cooperative, its growing area, a product with a demonstration
// GTIN and one lot, in the bench's throwaway database, plus a label signing keyring under `dataDir`.
import { openLabelKeyring } from '@zonetrace/api'
import { createLot, type Database, registerArea, upsertCooperative, upsertProduct } from '@zonetrace/db'

export const benchOfficer = { cooperativeId: null, subject: 'bench' }

export async function labelWorld(db: Database, dataDir: string, lotId: string) {
  await upsertCooperative(db, { id: 'bench-coop', name: 'HTX Benchmark', communeCode: '29335' })
  await registerArea(db, benchOfficer, {
    code: 'BENCH-SCAN',
    name: 'Benchmark area',
    cooperativeId: 'bench-coop',
    crop: 'coconut',
    communeCode: '29335',
    preset: 'coconut',
  })
  // GS1 prefix 952 is reserved for demonstrations and examples.
  await upsertProduct(db, benchOfficer, {
    id: 'bench',
    cooperativeId: 'bench-coop',
    gtin: '9520000000011',
    name: 'Dừa sáp Cầu Kè',
    group: 'food',
    stars: 4,
  })
  const harvest = new Date(Date.now() - 86_400_000)
  await createLot(db, benchOfficer, {
    id: lotId,
    productId: 'bench',
    areaCodes: ['BENCH-SCAN'],
    harvestedFrom: harvest,
    harvestedTo: harvest,
    quantity: 1000,
    unit: 'KGM',
  })
  return { keyring: openLabelKeyring(dataDir) }
}
