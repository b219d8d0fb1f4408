// A small published world for the open-data tests: two public areas with outlines, certifications, gateways
// (one with a surveyed position, one without) and ten days of hourly readings turned into the daily report;
// and one private area with its own gateway and readings, whose code and gateway secret must never appear
// in any public answer. Shared by the OGC, GDAL and privacy tests.

import type { AppOptions } from '@zonetrace/api'
import { computeCompliance, vietnamDate } from '@zonetrace/db'
import { type ApiHarness, startHarness } from '../api/harness.ts'

export const PUBLIC_AREAS = ['OPEN-COCONUT-1', 'OPEN-SHRIMP-1'] as const
export const PRIVATE_AREA = 'PRIV-HIDDEN-7731'
export const DAYS = 10

export interface OpenWorld extends ApiHarness {
  /** Every secret the world holds: gateway secrets, the admin token. */
  secrets: string[]
  /** The Vietnamese days with a daily report, oldest first. */
  days: string[]
  admin: { authorization: string }
}

const square = (lon: number, lat: number, half = 0.004) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon - half, lat - half],
      [lon + half, lat - half],
      [lon + half, lat + half],
      [lon - half, lat + half],
      [lon - half, lat - half],
    ],
  ],
})

const AREAS = [
  { code: PUBLIC_AREAS[0], crop: 'coconut', kind: 'coconut_canal', preset: 'coconut', at: [106.3, 9.9] },
  { code: PUBLIC_AREAS[1], crop: 'shrimp', kind: 'shrimp_pond', preset: 'shrimp_pond', at: [106.5, 9.6] },
  { code: PRIVATE_AREA, crop: 'pomelo', kind: 'field', preset: 'pomelo', at: [106.4, 9.8] },
] as const

const GATEWAYS = [
  { id: 'gw-open-coconut', zone: PUBLIC_AREAS[0], sensors: ['salinity', 'ph'], position: [106.301, 9.901] },
  { id: 'gw-open-shrimp', zone: PUBLIC_AREAS[1], sensors: ['dissolved_oxygen', 'salinity'], position: null },
  { id: 'gw-priv-pomelo', zone: PRIVATE_AREA, sensors: ['salinity'], position: [106.401, 9.801] },
] as const

/** `services.pages`: the console's page plugins, for tests that need the public map at `/` too. */
export async function startOpenWorld(
  env: Record<string, string> = {},
  services: Pick<AppOptions, 'pages'> = {},
): Promise<OpenWorld> {
  const api = await startHarness({ OPEN_RATE_LIMIT: '100000', ...env }, services)
  const admin = await api.auth({ role: 'admin' })
  const secrets: string[] = [admin.authorization.slice('Bearer '.length)]
  const db = api.test.db
  for (const a of AREAS) {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/zones',
      headers: admin,
      payload: {
        code: a.code,
        name: `Vùng ${a.crop} mở`,
        cooperativeId: 'htx-test',
        crop: a.crop,
        kind: a.kind,
        areaHa: 64,
        polygon: square(a.at[0], a.at[1]),
        communeCode: '29338',
        preset: a.preset,
        certifications: [
          {
            scheme: 'vietgap',
            certificateNo: `VG-${a.code}`,
            issuer: null,
            validFrom: null,
            validTo: '2027-06-30',
          },
        ],
      },
    })
    if (res.statusCode >= 300) throw new Error(`area ${a.code}: ${res.statusCode} ${res.body}`)
  }
  await db.query('update growing_areas set public = false where code = $1', [PRIVATE_AREA])
  for (const g of GATEWAYS) {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/gateways',
      headers: admin,
      payload: { id: g.id, zone: g.zone, sensors: [...g.sensors] },
    })
    if (res.statusCode !== 201) throw new Error(`gateway ${g.id}: ${res.statusCode} ${res.body}`)
    secrets.push(res.json().password ?? res.json().secret)
    if (g.position) {
      await db.query('update gateways set position = $2::jsonb where id = $1', [
        g.id,
        JSON.stringify({ type: 'Point', coordinates: g.position }),
      ])
    }
  }
  // Hourly readings over the last DAYS Vietnamese days, a gentle daily swing per metric.
  await db.query(
    `insert into readings (time, sensor_id, metric, value, quality)
     select t, s.id, s.metric,
            case s.metric when 'salinity' then 2 + sin(extract(epoch from t) / 43200.0)
                          when 'ph' then 7.5 + 0.3 * cos(extract(epoch from t) / 43200.0)
                          else 5 + sin(extract(epoch from t) / 43200.0) end, 0
       from sensors s,
            generate_series(date_trunc('hour', now()) - interval '${DAYS} days', date_trunc('hour', now()) - interval '1 hour',
                            interval '1 hour') t
     on conflict do nothing`,
  )
  const today = Date.now()
  const days = Array.from({ length: DAYS }, (_, i) => vietnamDate(today - (DAYS - i) * 86_400_000))
  for (const a of AREAS) await computeCompliance(db, a.code, days)
  api.app.openData.clear()
  return { ...api, secrets: secrets.filter(Boolean), days, admin }
}
