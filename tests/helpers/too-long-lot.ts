// A lot whose label links cannot fit QR version 10 at ECC M under a long PUBLIC_BASE_URL: lower-case
// letters between escapes keep the lot in byte mode. API and CLI must refuse it with this very message.
import { createLot, type Database } from '@zonetrace/db'
import { HARVEST_FROM, HARVEST_TO, VICOSAP } from './trace-fixtures.ts'

export const LONG_BASE = 'https://truyxuat.vinhlong.gov.vn/trace'
export const LONG_LOT = 'a%b%c%d%e%f%g%h%j%k%'
export const TOO_LONG_MESSAGE =
  'lot a%b%c%d%e%f%g%h%j%k% is too long for a label under https://truyxuat.vinhlong.gov.vn/trace: its links need QR version 11 (219 bytes); the limit is 10 at ECC M'

/** Creates LONG_LOT for VICOSAP in the registry seedTraceRegistry lays down. */
export async function createLongLot(db: Database): Promise<void> {
  await createLot(db, VICOSAP, {
    id: LONG_LOT,
    productId: 'dua-sap-soi',
    areaCodes: ['VN-TEST-NGOCHO'],
    harvestedFrom: HARVEST_FROM,
    harvestedTo: HARVEST_TO,
    quantity: 10,
    unit: 'KGM',
  })
}
