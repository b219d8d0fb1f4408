// Lots, events and sensor evidence for the EPCIS export tests, and the validator: the official EPCIS 2.0
// JSON schema (draft-07), copied into tests/fixtures so a fresh clone can run it. The schema compiles
// under ajv's default strict settings; only `strict: true` (strictRequired) objects to the schema itself.
import { readFileSync } from 'node:fs'
import type { EpcisDocument, EpcisEvent, EpcisInput, EpcisObjectEvent } from '@zonetrace/api'
import type { AreaView, Lot, LotEvent, PublicProduct, SensorEvidence } from '@zonetrace/contracts'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/epcis-2.0-json-schema.json', import.meta.url), 'utf8'),
)
// ajv and ajv-formats are CommonJS: under NodeNext the default import is module.exports, whose
// `default` is the class and the plugin.
const ajv = new Ajv.default({ allErrors: true })
addFormats.default(ajv)
export const validate = ajv.compile(schema)

export function expectValid(doc: EpcisDocument): void {
  const ok = validate(JSON.parse(JSON.stringify(doc)))
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([])
  expect(ok).toBe(true)
}

export const BASE = 'https://trace.example.vn'
export const GTIN = '8935049500018'
export const GTIN14 = '08935049500018'

const product: PublicProduct = {
  id: 'p-wax-coconut',
  gtin: GTIN,
  name: 'Dừa sáp Cầu Kè',
  nameEn: 'Cau Ke wax coconut',
  group: 'food',
  stars: 4,
  ocop: true,
  certificateNo: 'OCOP-TV-2023-001',
  certifiedOn: '2023-06-01',
  certificateExpiresOn: '2026-06-01',
}

export const area: AreaView = {
  code: 'VN-TV-TEST-01',
  name: 'Vườn dừa thử nghiệm',
  crop: 'wax coconut',
  areaHa: 12.5,
  polygon: null,
  preset: null,
  public: true,
  commune: { registeredCode: '29101', code: '29101', name: 'Tam Ngãi', formerName: 'Thạnh Phú' },
  certifications: [
    {
      scheme: 'vietgap',
      certificateNo: 'VG/2025-17',
      issuer: 'Trung tâm Chứng nhận',
      validFrom: '2025-01-01',
      validTo: '2027-12-31',
    },
    // Lapsed before the harvest: must not be claimed.
    { scheme: 'organic', certificateNo: 'ORG-9', issuer: null, validFrom: null, validTo: '2024-12-31' },
  ],
}

export function lotView(over: Partial<Lot> = {}): Lot {
  return {
    id: 'CK2026-01',
    productId: product.id,
    cooperativeId: 'coop-1',
    areaCodes: [area.code],
    grownFrom: '2025-12-01T00:00:00.000Z',
    harvestedFrom: '2026-03-01T00:00:00.000Z',
    harvestedTo: '2026-03-03T10:00:00.000Z',
    quantity: 1200,
    unit: 'KGM',
    disposition: 'active',
    recalledAt: null,
    recallReason: null,
    note: null,
    parents: [],
    children: [],
    createdAt: '2026-03-03T11:00:00.000Z',
    ...over,
  }
}

let seq = 0
export function event(over: Partial<LotEvent>): LotEvent {
  seq += 1
  return {
    id: `0190a3b2-7c4d-7e8f-9a0b-${String(seq).padStart(12, '0')}`,
    type: 'ObjectEvent',
    bizStep: 'inspecting',
    time: '2026-03-03T10:00:00.000Z',
    timeZoneOffset: '+07:00',
    place: null,
    disposition: null,
    inputLots: [],
    outputLots: [],
    note: null,
    ...over,
  }
}

export const evidence: SensorEvidence = {
  from: '2025-12-01T00:00:00.000Z',
  to: '2026-03-03T10:00:00.000Z',
  areaCodes: [area.code],
  alerts: 3,
  coverage: 0.93,
  source: 'rollup',
  metrics: [
    metric('salinity', 'ppt', 0.4, 3.1, 1.2, { min: null, max: 4, standard: 'crop salinity limit' }, 0.97),
    metric('ph', 'pH', 6.8, 8.1, 7.4, { min: 6.5, max: 8.5, standard: 'QCVN 08:2023' }, 1),
    metric('dissolved_oxygen', 'mg/L', 3.2, 7.9, 5.6, { min: 4, max: null, standard: 'QCVN 08:2023' }, 0.88),
    metric('temperature', 'Cel', 25.1, 33.4, 29, null, null),
    metric('conductivity', 'uS/cm', 300, 5200, 1400, null, null),
    { ...metric('turbidity', 'NTU', null, null, null, null, null), count: 0, coverage: 0 },
  ],
}

function metric(
  name: SensorEvidence['metrics'][number]['metric'],
  unit: string,
  min: number | null,
  max: number | null,
  mean: number | null,
  limits: SensorEvidence['metrics'][number]['limits'],
  withinShare: number | null,
): SensorEvidence['metrics'][number] {
  return { metric: name, unit, count: 2200, min, max, mean, limits, withinShare, coverage: 0.93, series: [] }
}

export function input(over: Partial<EpcisInput> = {}): EpcisInput {
  return {
    baseUrl: BASE,
    now: new Date('2026-04-01T00:00:00.000Z'),
    lot: lotView(),
    product,
    areas: [area],
    events: [],
    lotGtins: {},
    evidence: null,
    ...over,
  }
}

export const lifecycle = [
  event({
    bizStep: 'commissioning',
    time: '2026-03-03T10:00:00.000Z',
    place: area.code,
    disposition: 'active',
  }),
  event({
    bizStep: 'inspecting',
    time: '2026-03-04T02:00:00.000Z',
    place: 'Kho Cầu Kè',
    disposition: 'conformant',
  }),
  event({ bizStep: 'packing', time: '2026-03-04T05:00:00.000Z', place: 'urn:epc:id:sgln:8935049.50001.0' }),
  event({ bizStep: 'shipping', time: '2026-03-05T01:00:00.000Z', place: 'urn:epc:id:sgln:8935049.50001.0' }),
  event({
    bizStep: 'receiving',
    time: '2026-03-06T08:00:00.000Z',
    place: 'https://example.vn/shops/1',
    note: 'OK',
  }),
]

export function objectEvents(doc: EpcisDocument): EpcisObjectEvent[] {
  return doc.epcisBody.eventList.filter((e): e is EpcisObjectEvent => e.type === 'ObjectEvent')
}

export function byStep(doc: EpcisDocument, step: string): EpcisEvent {
  const found = doc.epcisBody.eventList.find((e) => e.bizStep === step)
  if (found === undefined) throw new Error(`no ${step} event`)
  return found
}

export const LOT_CLASS = `https://id.gs1.org/01/${GTIN14}/10/CK2026-01`
