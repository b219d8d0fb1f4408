// A realistic consumer view for the metric charts: a brackish shrimp lot from a Bạc Liêu-style pond
// under the QCVN 02-19:2014 preset, with six metrics of 60 daily points each across the turn of the year
// (noisy, as probes are, so the page weighs what a real one does) and a four-day gap where the
// dissolved-oxygen probe was out of the water. Pure data: no database, no server.
import type { ConsumerView, EvidenceMetric, EvidencePoint, Metric } from '@zonetrace/contracts'

const QCVN = 'QCVN 02-19:2014/BNNPTNT'
export const FROM = '2025-11-20T00:00:00Z'
export const TO = '2026-01-19T00:00:00Z'

/** Deterministic noise in [-1, 1], so the page is the same on every run. */
function noise(seed: number): () => number {
  let x = seed
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648
    return (x / 2_147_483_648) * 2 - 1
  }
}

export function dailySeries(
  base: number,
  swing: number,
  spread: number,
  decimals: number,
  seed: number,
  skip: (day: number) => boolean = () => false,
): EvidencePoint[] {
  const r = noise(seed)
  const round = (v: number) => Number(v.toFixed(decimals))
  const out: EvidencePoint[] = []
  for (let day = 0; day < 60; day++) {
    if (skip(day)) continue
    const mean = base + swing * Math.sin(day / 9) + swing * 0.4 * r()
    out.push({
      t: new Date(Date.parse(FROM) + day * 86_400_000).toISOString(),
      mean: round(mean),
      min: round(Math.max(0, mean - spread * (0.6 + 0.4 * Math.abs(r())))),
      max: round(mean + spread * (0.6 + 0.4 * Math.abs(r()))),
    })
  }
  return out
}

export function metric(
  name: Metric,
  unit: string,
  limits: EvidenceMetric['limits'],
  withinShare: number | null,
  series: EvidencePoint[],
): EvidenceMetric {
  const mins = series.map((p) => p.min)
  const maxs = series.map((p) => p.max)
  const mean = series.reduce((a, p) => a + p.mean, 0) / Math.max(1, series.length)
  return {
    metric: name,
    unit,
    count: series.length * 96,
    min: series.length ? Math.min(...mins) : null,
    max: series.length ? Math.max(...maxs) : null,
    mean: series.length ? Number(mean.toFixed(2)) : null,
    limits,
    withinShare,
    coverage: series.length / 60,
    series,
  }
}

export function shrimpMetrics(): EvidenceMetric[] {
  return [
    metric(
      'dissolved_oxygen',
      'mg/L',
      { min: 3.5, max: null, standard: QCVN },
      0.92,
      dailySeries(5.2, 0.9, 1.6, 2, 1, (d) => d >= 30 && d < 34),
    ),
    metric('ph', 'pH', { min: 7, max: 9, standard: QCVN }, 0.995, dailySeries(7.9, 0.3, 0.35, 2, 2)),
    metric('salinity', 'ppt', { min: 5, max: 35, standard: QCVN }, 1, dailySeries(18, 4, 1.5, 2, 3)),
    metric(
      'temperature',
      'Cel',
      { min: 18, max: 33, standard: `${QCVN} (brackish shrimp grow-out pond water)` },
      0.97,
      dailySeries(28.5, 1.5, 2, 1, 4),
    ),
    metric('alkalinity', 'mg/L', { min: 60, max: 180, standard: QCVN }, 0.88, dailySeries(120, 25, 15, 1, 5)),
    metric('nh3', 'mg/L', { min: null, max: 0.3, standard: QCVN }, 0.9, dailySeries(0.12, 0.06, 0.05, 3, 6)),
  ]
}

export function shrimpView(metrics: EvidenceMetric[] = shrimpMetrics()): ConsumerView {
  const gtin = '08935049500025'
  const lot = 'BL2026-01'
  const serial = 'T4K8ZP2Q7W'
  const area = 'DEMO-VN-95-31000-01'
  return {
    authentic: true,
    reason: 'authentic',
    gtin,
    lot,
    serial,
    product: {
      id: 'p-tom-su',
      gtin,
      name: 'Tôm sú nguyên con đông lạnh',
      nameEn: 'Frozen whole black tiger shrimp',
      group: 'food',
      stars: 4,
      ocop: true,
      certificateNo: 'DEMO-OCOP-2024-017',
      certifiedOn: '2024-09-10',
      certificateExpiresOn: '2027-09-10',
    },
    cooperative: { id: 'coop-tom', name: 'HTX Nuôi tôm Vĩnh Trạch Đông (DEMO)' },
    lotInfo: {
      id: 'lot-bl2026-01',
      productId: 'p-tom-su',
      cooperativeId: 'coop-tom',
      areaCodes: [area],
      grownFrom: FROM,
      harvestedFrom: '2026-01-19T22:00:00Z',
      harvestedTo: '2026-01-20T06:00:00Z',
      quantity: 850,
      unit: 'KGM',
      disposition: 'active',
      recalledAt: null,
      recallReason: null,
      parents: [],
      children: [],
      createdAt: '2026-01-20T08:00:00Z',
    },
    areas: [
      {
        code: area,
        name: 'Ao nuôi tôm Vĩnh Trạch Đông số 1',
        crop: 'Tôm sú',
        areaHa: 2.4,
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [105.78, 9.25],
              [105.786, 9.251],
              [105.787, 9.246],
              [105.781, 9.245],
              [105.78, 9.25],
            ],
          ],
        },
        preset: 'shrimp_pond',
        public: true,
        commune: { registeredCode: '31000', code: '31000', name: 'Vĩnh Trạch', formerName: null },
        certifications: [
          {
            scheme: 'vietgap',
            certificateNo: 'DEMO-VG-014',
            issuer: null,
            validFrom: '2024-03-01',
            validTo: '2027-03-01',
          },
        ],
      },
    ],
    timeline: [
      {
        id: 'e1',
        type: 'ObjectEvent',
        bizStep: 'commissioning',
        time: '2026-01-20T00:00:00Z',
        timeZoneOffset: '+07:00',
        place: area,
        disposition: 'active',
        inputLots: [],
        outputLots: [],
        note: 'Thu hoạch toàn ao',
      },
      {
        id: 'e2',
        type: 'ObjectEvent',
        bizStep: 'packing',
        time: '2026-01-20T07:00:00Z',
        timeZoneOffset: '+07:00',
        place: 'Nhà máy chế biến, Bạc Liêu',
        disposition: 'active',
        inputLots: [],
        outputLots: [],
        note: 'Cấp đông IQF, hộp 1 kg',
      },
    ],
    evidence: {
      from: FROM,
      to: TO,
      areaCodes: [area],
      alerts: 3,
      coverage: 0.94,
      source: 'rollup',
      metrics,
    },
    scans: { count: 1, firstAt: '2026-02-02T11:00:00Z', flag: null },
    links: {
      self: `https://truyxuat.example.vn/01/${gtin}/10/${lot}/21/${serial}`,
      epcis: '/api/v1/lots/lot-bl2026-01/epcis',
      jwks: '/.well-known/jwks.json',
      feedback: `/01/${gtin}/10/${lot}/21/${serial}/feedback`,
      linkset: `/01/${gtin}/10/${lot}/21/${serial}?linkType=linkset`,
    },
  }
}
