// Demo registry. Producers, products and places are real public facts copied from
// /work/shared/domain/ocop-and-zones-demo.md (OCOP table; "Coconut areas approved for export to China");
// commune codes come from db/data/vinh-long-2025-commune-merges.csv. Invented on purpose, and marked so:
// the growing-area codes (prefix DEMO-, never an official VN-… or PUC code), the cooperative ids (slugs),
// the polygons (see `rectangle`), the gateways' positions (see `spotIn`), and which producer works an area
// where the source does not say.
import type { Certification, Metric, PresetId } from '@zonetrace/contracts'

interface DemoCooperative {
  id: string
  name: string
  communeCode: string | null
}

interface DemoArea {
  code: string
  name: string
  cooperativeId: string
  crop: string
  kind: string
  areaHa: number | null
  communeCode: string
  polygon: { type: 'Polygon'; coordinates: number[][][] }
  /** The threshold preset (contracts/src/thresholds.ts) that the area's crop or species calls for. */
  preset: PresetId
  /** Only where the source backs the claim; every certificate here is a demo record, and says so. */
  certifications?: Certification[]
}

interface DemoGateway {
  id: string
  zone: string
  probes: number
  /** Where it stands, [lon, lat]: invented, inside its area's demo rectangle (see `spotIn`). */
  position: [number, number]
}

export const DEMO_COOPERATIVES: DemoCooperative[] = [
  // OCOP 5★ 2023, Dừa sáp sợi; 4★ Kẹo dừa sáp. Thạnh Phú (29338) → Tam Ngãi (29335) in July 2025.
  { id: 'vicosap', name: 'Cty TNHH Chế biến Dừa sáp Cầu Kè (VICOSAP)', communeCode: '29338' },
  // OCOP 5★ 2023, Mật hoa dừa; Đường hoa dừa. Phú Cần (29347) → Tiểu Cần (29341).
  { id: 'travinh-farm', name: 'Cty TNHH Trà Vinh FARM', communeCode: '29347' },
  // OCOP 4★ 2022 (renewed 2023), Dừa sáp Hòa Tân. Hòa Tân (29320) → An Phú Tân (29317).
  { id: 'htx-dua-sap-hoa-tan', name: 'HTX Dừa sáp Hòa Tân', communeCode: '29320' },
  // OCOP 4★ 2022, Gạo hữu cơ Long Hòa - Hòa Minh; the source gives only "Châu Thành area", no commune.
  { id: 'htx-tien-thanh', name: 'HTX Tiến Thành', communeCode: null },
  // OCOP Bưởi da xanh. Ninh Thới (29323) → Phong Thạnh (29329).
  { id: 'htx-nn-ninh-thoi', name: 'HTX NN Ninh Thới', communeCode: '29323' },
  // 5★ candidate, Tôm thẻ tẩm bột dừa; the source gives no commune.
  { id: 'cuu-long-seafood', name: 'Cty CP Thủy sản Cửu Long', communeCode: null },
]

/**
 * Rough demo rectangles around an approximate point in the commune, sized from the area where one is
 * known. They are not surveyed boundaries and must never be read as the real extent of a growing area.
 */
function rectangle(lat: number, lon: number, areaHa: number | null): DemoArea['polygon'] {
  const sideKm = Math.sqrt((areaHa ?? 25) / 100)
  const dLat = sideKm / 2 / 111
  const dLon = dLat / Math.cos((lat * Math.PI) / 180)
  const ring = [
    [lon - dLon, lat - dLat],
    [lon + dLon, lat - dLat],
    [lon + dLon, lat + dLat],
    [lon - dLon, lat + dLat],
    [lon - dLon, lat - dLat],
  ].map(([x, y]) => [round6(x!), round6(y!)])
  return { type: 'Polygon', coordinates: [ring] }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

export const DEMO_AREAS: DemoArea[] = [
  {
    // Export-approved coconut area "Ngọc Hồ, Tam Ngãi, ~111 ha". Registered under the pre-2025 code of
    // Xã Tam Ngãi (29332), which now resolves to Xã Tam Ngãi 29335. VICOSAP as its operator is a demo link.
    code: 'DEMO-COCONUT-NGOCHO',
    name: 'Vùng dừa Ngọc Hồ (demo)',
    cooperativeId: 'vicosap',
    crop: 'coconut',
    kind: 'coconut_canal',
    areaHa: 111,
    communeCode: '29332',
    polygon: rectangle(9.93, 106.07, 111),
    preset: 'coconut',
  },
  {
    // Wax coconut of HTX Dừa sáp Hòa Tân, in Hòa Tân (29320, pre-2025) → An Phú Tân (29317). Area unknown.
    code: 'DEMO-WAXCOCONUT-HOATAN',
    name: 'Vùng dừa sáp Hòa Tân (demo)',
    cooperativeId: 'htx-dua-sap-hoa-tan',
    crop: 'wax_coconut',
    kind: 'coconut_canal',
    areaHa: null,
    communeCode: '29320',
    polygon: rectangle(9.89, 106.03, null),
    preset: 'coconut',
  },
  {
    // Green-skin pomelo of HTX NN Ninh Thới, in Ninh Thới (29323, pre-2025) → Phong Thạnh (29329).
    code: 'DEMO-POMELO-NINHTHOI',
    name: 'Vùng bưởi da xanh Ninh Thới (demo)',
    cooperativeId: 'htx-nn-ninh-thoi',
    crop: 'pomelo',
    kind: 'orchard_canal',
    areaHa: null,
    communeCode: '29323',
    polygon: rectangle(9.82, 106.05, null),
    preset: 'pomelo',
  },
  {
    // Organic rice "Long Hòa - Hòa Minh" of HTX Tiến Thành; placed in Xã Long Hòa (29413), named by the product.
    code: 'DEMO-RICE-LONGHOA',
    name: 'Vùng lúa hữu cơ Long Hòa (demo)',
    cooperativeId: 'htx-tien-thanh',
    crop: 'rice',
    kind: 'rice_field',
    areaHa: null,
    communeCode: '29413',
    polygon: rectangle(9.86, 106.52, null),
    preset: 'rice',
    // The product is sold as organic rice ("Gạo hữu cơ"), so the area carries an organic certification;
    // its number, issuer and dates are made up for the demo (the source gives none) and marked so.
    certifications: [
      {
        scheme: 'organic',
        certificateNo: 'DEMO-HUUCO-0001',
        issuer: 'Demo: không phải chứng nhận thật (not a real certificate)',
        validFrom: '2025-01-01',
        validTo: '2027-12-31',
      },
    ],
  },
  {
    // Shrimp ponds at Hiệp Mỹ, a Trà Vinh fisheries-bulletin point (14–20 ppt, water-dynamics.md). Code
    // 29455 was Xã Hiệp Mỹ Tây and is Xã Hiệp Mỹ since July 2025. Cửu Long Seafood as operator is a demo link.
    code: 'DEMO-SHRIMP-HIEPMY',
    name: 'Ao nuôi tôm Hiệp Mỹ (demo)',
    cooperativeId: 'cuu-long-seafood',
    crop: 'shrimp',
    kind: 'shrimp_pond',
    areaHa: null,
    communeCode: '29455',
    polygon: rectangle(9.75, 106.5, null),
    preset: 'shrimp_pond',
  },
]

/**
 * A point inside an area's demo rectangle, `east` and `north` of the way across it (0…1), so the demo's
 * stations map shows each gateway in its area and off its centre. Invented like the rectangles: no real
 * gateway stands there.
 */
function spotIn(zone: string, east: number, north: number): [number, number] {
  const ring = DEMO_AREAS.find((a) => a.code === zone)?.polygon.coordinates[0]
  if (!ring) throw new Error(`demo gateway in unknown demo area ${zone}`)
  // The ring runs south-west, south-east, north-east, …: its first and third corners bound it.
  const [west, south] = ring[0] as [number, number]
  const [eastEdge, northEdge] = ring[2] as [number, number]
  return [round6(west + (eastEdge - west) * east), round6(south + (northEdge - south) * north)]
}

/** One gateway per area; probes are `{id}-s1…sN`, each measuring the four PROBE_METRICS. */
export const DEMO_GATEWAYS: DemoGateway[] = [
  {
    id: 'demo-ngocho',
    zone: 'DEMO-COCONUT-NGOCHO',
    probes: 1,
    position: spotIn('DEMO-COCONUT-NGOCHO', 0.3, 0.6),
  },
  {
    id: 'demo-hoatan',
    zone: 'DEMO-WAXCOCONUT-HOATAN',
    probes: 1,
    position: spotIn('DEMO-WAXCOCONUT-HOATAN', 0.7, 0.4),
  },
  {
    id: 'demo-ninhthoi',
    zone: 'DEMO-POMELO-NINHTHOI',
    probes: 1,
    position: spotIn('DEMO-POMELO-NINHTHOI', 0.4, 0.3),
  },
  {
    id: 'demo-longhoa',
    zone: 'DEMO-RICE-LONGHOA',
    probes: 1,
    position: spotIn('DEMO-RICE-LONGHOA', 0.6, 0.7),
  },
  {
    id: 'demo-hiepmy',
    zone: 'DEMO-SHRIMP-HIEPMY',
    probes: 2,
    position: spotIn('DEMO-SHRIMP-HIEPMY', 0.2, 0.5),
  },
]

/** The sensor the printed `curl` shows: pond oxygen has the clearest daily cycle. */
export const DEMO_SERIES = { sensorId: 'demo-hiepmy-s1', metric: 'dissolved_oxygen' as Metric }

/** Each demo gateway's zone kind, which picks the simulated water (firmware-sim profiles). */
export function demoZoneKinds(): Record<string, string> {
  const kindOf = new Map(DEMO_AREAS.map((a) => [a.code, a.kind]))
  return Object.fromEntries(DEMO_GATEWAYS.map((g) => [g.id, kindOf.get(g.zone) ?? 'coconut_canal']))
}
