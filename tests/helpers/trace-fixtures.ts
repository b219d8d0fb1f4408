// Two cooperatives with an area, a product and a lot each, so ownership tests have a foreign record to
// reach for. Products and places follow /work/shared/domain/ocop-and-zones-demo.md; codes are test codes.
import {
  type Actor,
  createLot,
  type Database,
  registerArea,
  upsertCooperative,
  upsertProduct,
} from '@zonetrace/db'

export const VICOSAP: Actor = { cooperativeId: 'vicosap', subject: 'vicosap-user' }
export const HOA_TAN: Actor = { cooperativeId: 'htx-hoa-tan', subject: 'hoa-tan-user' }
export const OFFICER: Actor = { cooperativeId: null, subject: 'officer' }

/** GTIN-13 with a valid check digit (893 = GS1 Vietnam prefix); a test number, not a real product. */
export const WAX_COCONUT_GTIN = '8930000000019'
export const CANDY_GTIN = '8930000000026'

export const HARVEST_FROM = new Date('2026-10-01T00:00:00Z')
export const HARVEST_TO = new Date('2026-10-03T00:00:00Z')

export async function seedTraceRegistry(db: Database): Promise<void> {
  await upsertCooperative(db, {
    id: 'vicosap',
    name: 'Cty TNHH Chế biến Dừa sáp Cầu Kè (VICOSAP)',
    communeCode: '29338',
  })
  await upsertCooperative(db, { id: 'htx-hoa-tan', name: 'HTX Dừa sáp Hòa Tân', communeCode: '29320' })
  await registerArea(db, OFFICER, {
    code: 'VN-TEST-NGOCHO',
    name: 'Vùng dừa Ngọc Hồ',
    cooperativeId: 'vicosap',
    crop: 'wax_coconut',
    areaHa: 111,
    communeCode: '29332',
    preset: 'coconut',
    polygon: {
      type: 'Polygon',
      coordinates: [
        [
          [106.06, 9.92],
          [106.08, 9.92],
          [106.08, 9.94],
          [106.06, 9.92],
        ],
      ],
    },
    certifications: [
      {
        scheme: 'vietgap',
        certificateNo: 'VG-TEST-01',
        issuer: null,
        validFrom: '2025-01-01',
        validTo: '2027-12-31',
      },
    ],
  })
  await registerArea(db, OFFICER, {
    code: 'VN-TEST-HOATAN',
    name: 'Vùng dừa sáp Hòa Tân',
    cooperativeId: 'htx-hoa-tan',
    crop: 'wax_coconut',
    communeCode: '29320',
    preset: 'coconut',
  })
  await upsertProduct(db, OFFICER, {
    id: 'dua-sap-soi',
    cooperativeId: 'vicosap',
    gtin: WAX_COCONUT_GTIN,
    name: 'Dừa sáp sợi',
    nameEn: 'Shredded wax coconut',
    group: 'food',
    stars: 5,
    certificateNo: 'OCOP-TEST-5',
    certifiedOn: '2024-06-01',
  })
  await upsertProduct(db, OFFICER, {
    id: 'dua-sap-hoa-tan',
    cooperativeId: 'htx-hoa-tan',
    gtin: CANDY_GTIN,
    name: 'Dừa sáp Hòa Tân',
    group: 'food',
    stars: 4,
  })
  await createLot(db, VICOSAP, {
    id: 'DS2610A',
    productId: 'dua-sap-soi',
    areaCodes: ['VN-TEST-NGOCHO'],
    grownFrom: new Date('2026-07-01T00:00:00Z'),
    harvestedFrom: HARVEST_FROM,
    harvestedTo: HARVEST_TO,
    quantity: 1200,
    unit: 'KGM',
  })
  await createLot(db, HOA_TAN, {
    id: 'HT2610A',
    productId: 'dua-sap-hoa-tan',
    areaCodes: ['VN-TEST-HOATAN'],
    harvestedFrom: HARVEST_FROM,
    harvestedTo: HARVEST_TO,
    quantity: 300,
    unit: 'KGM',
  })
}
