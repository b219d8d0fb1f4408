// The public map's world: the API with its pages (the map lives in the console's plugin), the demo's areas
// (outlines, certifications, communes renamed in the 2025 reform) and their gateways, thirty days of hourly
// readings turned into the daily report, one open critical alert so a state other than `ok` shows, and one
// area made private, which must appear nowhere on the page. Shared by the page tests and the browser walk.
import { ensureDemoGateways, seedDemoRegistry, seedDemoTrace } from '@zonetrace/cli'
import { consolePages } from '@zonetrace/dashboards'
import { computeCompliance, vietnamDate } from '@zonetrace/db'
import pino from 'pino'
import { type ApiHarness, startHarness } from '../api/harness.ts'

export const PRIVATE_AREA = 'DEMO-WAXCOCONUT-HOATAN'
export const CRITICAL_AREA = 'DEMO-SHRIMP-HIEPMY'
export const DAYS = 30

export interface PublicMapWorld extends ApiHarness {
  /** Codes of the public areas, as the page must list them. */
  publicAreas: string[]
}

export async function startPublicMapWorld(env: Record<string, string> = {}): Promise<PublicMapWorld> {
  const api = await startHarness({ OPEN_RATE_LIMIT: '100000', ...env }, { pages: [consolePages] })
  const db = api.test.db
  await seedDemoRegistry(db)
  // The areas' threshold presets and certifications (and the demo's lots, which the map does not show).
  await seedDemoTrace(db)
  await ensureDemoGateways(db, api.dataDir, pino({ level: 'silent' }))
  // Hourly readings over the last DAYS Vietnamese days, a daily swing around each metric's usual level;
  // a slower swing over days, so the chart has a shape; dissolved oxygen dips under the shrimp pond's 3.5 mg/L
  // floor on some nights, so the limit line means something.
  await db.query(
    `insert into readings (time, sensor_id, metric, value, quality)
     select t, s.id, s.metric,
            case s.metric when 'salinity' then 3 + sin(extract(epoch from t) / 43200.0)
                                                  + 1.5 * sin(extract(epoch from t) / 500000.0)
                          when 'ph' then 7.6 + 0.3 * cos(extract(epoch from t) / 43200.0)
                          when 'dissolved_oxygen' then 5 + 1.2 * sin(extract(epoch from t) / 13750.0)
                                                  + 0.9 * sin(extract(epoch from t) / 400000.0)
                          when 'temperature' then 29 + 1.5 * sin(extract(epoch from t) / 13750.0)
                          else 10 + sin(extract(epoch from t) / 43200.0) end, 0
       from sensors s,
            generate_series(date_trunc('hour', now()) - interval '${DAYS + 1} days',
                            date_trunc('hour', now()) - interval '1 hour', interval '1 hour') t
     on conflict do nothing`,
  )
  const now = Date.now()
  const days = Array.from({ length: DAYS + 1 }, (_, i) => vietnamDate(now - (DAYS + 1 - i) * 86_400_000))
  const codes = (await db.query<{ code: string }>('select code from growing_areas order by code')).map(
    (r) => r.code,
  )
  for (const code of codes) await computeCompliance(db, code, days)
  const [rule] = await db.query<{ id: number }>(
    `insert into alert_rules (zone_code, metric, kind, min, severity)
     values ($1, 'dissolved_oxygen', 'threshold', 3.5, 'critical') returning id`,
    [CRITICAL_AREA],
  )
  await db.query(
    `insert into alerts (rule_id, channel, zone_code, metric, kind, severity, opened_at, last_triggered_at)
     values ($1, 'public-map-test', $2, 'dissolved_oxygen', 'threshold', 'critical', now(), now())`,
    [rule!.id, CRITICAL_AREA],
  )
  await db.query('update growing_areas set public = false where code = $1', [PRIVATE_AREA])
  api.app.openData.clear()
  const publicAreas = codes.filter((c) => c !== PRIVATE_AREA)
  return { ...api, publicAreas }
}
