// Demo OCOP products and harvest lots. Products, producers and star ratings are public facts copied from
// /work/shared/domain/ocop-and-zones-demo.md (OCOP table); which demo area a product comes from, the lots,
// their quantities, times, places and notes are invented for the demo. Certificate numbers and dates are
// left empty: the source gives only the rating year, and a certificate from 2023 would have run out by
// now (36 months, Decision 148/QĐ-TTg) unless renewed, which the source does not say.
//
// Not registered: Tôm thẻ tẩm bột dừa (Cty CP Thủy sản Cửu Long) is only a 5-star *candidate*, and the
// registry holds rated products (1–5★), so the shrimp ponds have sensors but no product or lot.
import { gtinCheckDigit, type LotBizStep, type LotDisposition, type OcopGroup } from '@zonetrace/contracts'
import type { Actor } from '@zonetrace/db'

/** Writes on behalf of the demo cooperatives, as an officer registering records in the field would. */
export const DEMO_ACTOR: Actor = { cooperativeId: null, subject: 'demo' }

/**
 * GTIN-13 under GS1 prefix 952, which GS1 reserves for demonstrations and examples: it can never name
 * a real product, unlike an 893 (GS1 Vietnam) number. The check digit is computed, so it validates.
 */
function demoGtin(item: number): string {
  const body = `952${String(item).padStart(9, '0')}`
  return `${body}${gtinCheckDigit(body)}`
}

interface DemoProduct {
  id: string
  cooperativeId: string
  gtin: string
  name: string
  nameEn: string
  group: OcopGroup
  stars: number
  /** The demo growing area its lots come from; null: listed in the registry without a lot. */
  areaCode: string | null
}

// Every product here is in OCOP group 1, food (Decision 148/QĐ-TTg).
export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    id: 'vicosap-dua-sap-soi',
    cooperativeId: 'vicosap',
    gtin: demoGtin(1),
    name: 'Dừa sáp sợi',
    nameEn: 'Shredded wax coconut flesh',
    group: 'food',
    stars: 5,
    areaCode: 'DEMO-COCONUT-NGOCHO',
  },
  {
    id: 'vicosap-keo-dua-sap',
    cooperativeId: 'vicosap',
    gtin: demoGtin(2),
    name: 'Kẹo dừa sáp',
    nameEn: 'Wax coconut candy',
    group: 'food',
    stars: 4,
    areaCode: null,
  },
  {
    id: 'travinh-farm-mat-hoa-dua',
    cooperativeId: 'travinh-farm',
    gtin: demoGtin(3),
    name: 'Mật hoa dừa',
    nameEn: 'Coconut blossom nectar',
    group: 'food',
    stars: 5,
    areaCode: null,
  },
  {
    id: 'hoa-tan-dua-sap',
    cooperativeId: 'htx-dua-sap-hoa-tan',
    gtin: demoGtin(4),
    name: 'Dừa sáp Hòa Tân',
    nameEn: 'Hòa Tân wax coconut',
    group: 'food',
    stars: 4,
    areaCode: 'DEMO-WAXCOCONUT-HOATAN',
  },
  {
    id: 'tien-thanh-gao-huu-co',
    cooperativeId: 'htx-tien-thanh',
    gtin: demoGtin(5),
    name: 'Gạo hữu cơ Long Hòa - Hòa Minh',
    nameEn: 'Long Hòa - Hòa Minh organic rice',
    group: 'food',
    stars: 4,
    areaCode: 'DEMO-RICE-LONGHOA',
  },
  {
    // The source says only "OCOP": 3★ is the lowest rating that is OCOP at all, so it claims no more.
    id: 'ninh-thoi-buoi-da-xanh',
    cooperativeId: 'htx-nn-ninh-thoi',
    gtin: demoGtin(6),
    name: 'Bưởi da xanh',
    nameEn: 'Green-skin pomelo',
    group: 'food',
    stars: 3,
    areaCode: 'DEMO-POMELO-NINHTHOI',
  },
]

/** When, as whole days before the seeding day and an hour of Vietnam's local day (UTC+7). */
interface DemoWhen {
  daysAgo: number
  hour: number
}

interface DemoEvent extends DemoWhen {
  bizStep: Exclude<LotBizStep, 'commissioning'>
  place: string
  disposition?: LotDisposition
  note?: string
}

export interface DemoLot {
  /** Fixed, so a restart finds the lot it made before. At most 20 characters (GS1 AI 10). */
  id: string
  productId: string
  quantity: number
  /** UN/ECE Rec 20 */
  unit: string
  harvest: [DemoWhen, DemoWhen]
  events: DemoEvent[]
  split?: DemoWhen & { place: string; parts: { id: string; quantity: number }[] }
}

/** The lot whose labels the demo prints: the 5★ wax coconut, with the whole harvest-to-shop timeline. */
export const FLAGSHIP_LOT = 'DEMO-DSS-01'

const VICOSAP_WORKSHOP = 'Xưởng chế biến VICOSAP, Cầu Kè (demo)'
const TIEN_THANH_STORE = 'Kho HTX Tiến Thành (demo)'

/** Picked from 06:00 `daysAgo` until `endHour` o'clock the next day. */
const harvest = (daysAgo: number, endHour = 11): DemoLot['harvest'] => [
  { daysAgo, hour: 6 },
  { daysAgo: daysAgo - 1, hour: endHour },
]

const inspected = (place: string, daysAgo: number): DemoEvent => ({
  bizStep: 'inspecting',
  daysAgo,
  hour: 8,
  place,
  disposition: 'conformant',
  note: 'Kiểm tra cảm quan và tạp chất: đạt (demo)',
})

const packed = (place: string, daysAgo: number, hour: number, note?: string): DemoEvent => ({
  bizStep: 'packing',
  daysAgo,
  hour,
  place,
  ...(note === undefined ? {} : { note }),
})

/** Every demo lot is weighed in kilograms. */
function kgLot(
  id: string,
  productId: string,
  kg: number,
  harvested: DemoLot['harvest'],
  events: DemoEvent[],
  split?: DemoLot['split'],
): DemoLot {
  return { id, productId, quantity: kg, unit: 'KGM', harvest: harvested, events, ...(split ? { split } : {}) }
}

export const DEMO_LOTS: DemoLot[] = [
  kgLot(FLAGSHIP_LOT, 'vicosap-dua-sap-soi', 850, harvest(5), [
    inspected('DEMO-COCONUT-NGOCHO', 3),
    packed(VICOSAP_WORKSHOP, 3, 15, 'Túi 500 g, hút chân không'),
    { bizStep: 'shipping', daysAgo: 2, hour: 7, place: VICOSAP_WORKSHOP },
    { bizStep: 'receiving', daysAgo: 1, hour: 10, place: 'Cửa hàng đặc sản, TP. Hồ Chí Minh (demo)' },
  ]),
  kgLot('DEMO-DSHT-01', 'hoa-tan-dua-sap', 1200, harvest(4), [
    inspected('DEMO-WAXCOCONUT-HOATAN', 2),
    packed('Nhà sơ chế HTX Dừa sáp Hòa Tân (demo)', 2, 14),
  ]),
  kgLot(
    'DEMO-GHC-01',
    'tien-thanh-gao-huu-co',
    2000,
    harvest(6, 16),
    [inspected('DEMO-RICE-LONGHOA', 4), packed(TIEN_THANH_STORE, 3, 9, 'Túi 5 kg')],
    // Two buyers, so the lot splits and the two parts keep their lineage back to the harvest.
    {
      daysAgo: 2,
      hour: 9,
      place: TIEN_THANH_STORE,
      parts: [
        { id: 'DEMO-GHC-01A', quantity: 1200 },
        { id: 'DEMO-GHC-01B', quantity: 800 },
      ],
    },
  ),
  kgLot('DEMO-BDX-01', 'ninh-thoi-buoi-da-xanh', 1500, harvest(3), [
    inspected('DEMO-POMELO-NINHTHOI', 1),
    packed('Nhà sơ chế HTX NN Ninh Thới (demo)', 1, 14),
  ]),
]

const VN_OFFSET_MS = 7 * 3_600_000

/** `hour` o'clock in Vietnam, `daysAgo` calendar days before `now`'s local date. Past for daysAgo ≥ 1. */
export function atLocal(now: Date, { daysAgo, hour }: DemoWhen): Date {
  const local = new Date(now.getTime() + VN_OFFSET_MS)
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysAgo)
  return new Date(midnight + hour * 3_600_000 - VN_OFFSET_MS)
}
