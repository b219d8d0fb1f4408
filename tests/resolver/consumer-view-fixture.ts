// A realistic ConsumerView for the page tests: a 5★ OCOP Cầu Kè wax-coconut product from a growing area in
// Tam Ngãi, which absorbed Thạnh Phú in the July 2025 commune merger (facts from the project's domain notes,
// ocop-and-zones-demo and admin-units-tra-vinh; certificate and area codes are marked DEMO because the real
// ones are not public), and the renderers bound to its clock.
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { renderConsumerPage } from '@zonetrace/api'
import { type ConsumerView, type EvidencePoint, labelKeyId, signedLabelUrl } from '@zonetrace/contracts'
import { expect } from 'vitest'

export const { privateKey } = generateKeyPairSync('ed25519')
export const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' })
export const jwks = { keys: [{ ...publicJwk, kid: labelKeyId(publicJwk) }] }
export const BASE = 'https://truyxuat.example.vn'
export const ITEM = { gtin: '08935049500018', lot: 'CK2026-11', serial: 'Q7F3KX9A2M' }
export const SELF = signedLabelUrl(BASE, ITEM, privateKey)
export const NOW = new Date('2026-03-15T03:00:00Z')

// Daily buckets over the growing window; salinity creeps up as the dry season brings the sea inland.
export function salinitySeries(): EvidencePoint[] {
  return Array.from({ length: 60 }, (_, i) => {
    const mean = 0.8 + i * 0.06
    return { t: new Date(Date.UTC(2025, 11, 1 + i)).toISOString(), mean, min: mean - 0.3, max: mean + 0.5 }
  })
}

export function coconutView(): ConsumerView {
  return {
    authentic: true,
    reason: 'authentic',
    gtin: ITEM.gtin,
    lot: ITEM.lot,
    serial: ITEM.serial,
    product: {
      id: 'p-dua-sap-soi',
      gtin: ITEM.gtin,
      name: 'Dừa sáp sợi',
      nameEn: 'Shredded wax coconut',
      group: 'food',
      stars: 5,
      ocop: true,
      certificateNo: 'DEMO-OCOP-2023-001',
      certifiedOn: '2023-12-28',
      certificateExpiresOn: '2026-12-28',
    },
    cooperative: { id: 'coop-vicosap', name: 'Cty TNHH Chế biến Dừa sáp Cầu Kè (VICOSAP)' },
    lotInfo: {
      id: 'lot-ck2026-11',
      productId: 'p-dua-sap-soi',
      cooperativeId: 'coop-vicosap',
      areaCodes: ['DEMO-VN-86-29335-01'],
      grownFrom: '2025-12-01T00:00:00Z',
      harvestedFrom: '2026-02-09T23:00:00Z',
      harvestedTo: '2026-02-10T09:00:00Z',
      quantity: 1200,
      unit: 'H87',
      disposition: 'active',
      recalledAt: null,
      recallReason: null,
      parents: [],
      children: [],
      createdAt: '2026-02-10T10:00:00Z',
    },
    areas: [
      {
        code: 'DEMO-VN-86-29335-01',
        name: 'Vườn dừa sáp Tam Ngãi',
        crop: 'Dừa sáp',
        areaHa: 12.5,
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [106.041, 9.872],
              [106.049, 9.873],
              [106.051, 9.866],
              [106.043, 9.864],
              [106.041, 9.872],
            ],
          ],
        },
        preset: 'coconut',
        public: true,
        commune: { registeredCode: '29338', code: '29335', name: 'Tam Ngãi', formerName: 'Thạnh Phú' },
        certifications: [
          {
            scheme: 'vietgap',
            certificateNo: 'DEMO-VG-001',
            issuer: null,
            validFrom: '2022-07-01',
            validTo: '2025-06-30',
          },
          {
            scheme: 'organic',
            certificateNo: 'DEMO-HC-002',
            issuer: null,
            validFrom: '2024-01-01',
            validTo: '2027-01-01',
          },
        ],
      },
    ],
    // Deliberately out of order: the page sorts by time.
    timeline: [
      event('e3', 'packing', '2026-02-11T02:00:00Z', 'Xưởng VICOSAP, Cầu Kè', 'Đóng túi 500 g'),
      event('e1', 'commissioning', '2026-02-10T01:00:00Z', 'DEMO-VN-86-29335-01', 'Hái dừa sáp chín'),
      event('e2', 'inspecting', '2026-02-10T08:00:00Z', 'Xưởng VICOSAP, Cầu Kè', null),
    ],
    evidence: {
      from: '2025-12-01T00:00:00Z',
      to: '2026-02-10T00:00:00Z',
      areaCodes: ['DEMO-VN-86-29335-01'],
      alerts: 2,
      coverage: 0.97,
      source: 'rollup',
      metrics: [
        {
          metric: 'salinity',
          unit: 'ppt',
          count: 1680,
          min: 0.5,
          max: 5.04,
          mean: 2.57,
          limits: { min: null, max: 5, standard: 'field practice (Ben Tre extension centre)' },
          withinShare: 0.985,
          coverage: 0.97,
          series: salinitySeries(),
        },
      ],
    },
    scans: { count: 3, firstAt: '2026-03-11T18:30:00Z', flag: null },
    links: {
      self: SELF,
      epcis: '/api/v1/lots/lot-ck2026-11/epcis',
      jwks: '/.well-known/jwks.json',
      feedback: `/01/${ITEM.gtin}/10/${ITEM.lot}/21/${ITEM.serial}/feedback`,
      linkset: `/01/${ITEM.gtin}/10/${ITEM.lot}/21/${ITEM.serial}?linkType=linkset`,
    },
  }
}

export function event(
  id: string,
  bizStep: ConsumerView['timeline'][number]['bizStep'],
  time: string,
  place: string | null,
  note: string | null,
): ConsumerView['timeline'][number] {
  return {
    id,
    type: 'ObjectEvent',
    bizStep,
    time,
    timeZoneOffset: '+07:00',
    place,
    disposition: 'active',
    inputLots: [],
    outputLots: [],
    note,
  }
}

export const vi = (view: ConsumerView, extra: object = {}) =>
  renderConsumerPage(view, { lang: 'vi', now: NOW, ...extra })
export const en = (view: ConsumerView, extra: object = {}) =>
  renderConsumerPage(view, { lang: 'en', now: NOW, ...extra })

export function between(page: string, start: string, end: string): string {
  const from = page.indexOf(start)
  expect(from, `"${start}" in page`).toBeGreaterThanOrEqual(0)
  return page.slice(from, page.indexOf(end, from))
}
