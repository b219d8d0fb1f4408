// The API harness with two cooperatives, each with a growing area under a preset and a gateway with
// sensors, tokens for every role, and a way to seed alerts as the rule engine would write them: a row in
// alerts plus its 'opened' event through recordAlertEvents.
import {
  type Actor,
  type Database,
  provisionGateway,
  recordAlertEvents,
  registerArea,
  upsertCooperative,
} from '@zonetrace/db'
import { type ApiHarness, startHarness } from '../api/harness.ts'
import { sharedFixture } from '../helpers/fixture.ts'

/** Shrimp pond of HTX Tôm (preset shrimp_pond) with sensor gw-pond-s1: DO, salinity, pH, water level. */
export const POND = 'VN-TEST-POND-01'
/** Pomelo orchard of HTX Bưởi (preset pomelo) with sensor gw-orchard-s1: salinity. */
export const ORCHARD = 'VN-TEST-ORCHARD-01'
export const POND_SENSOR = 'gw-pond-s1'
export const ORCHARD_SENSOR = 'gw-orchard-s1'

const OFFICER: Actor = { cooperativeId: null, subject: 'seed-officer' }

type Headers = { authorization: string }

export interface AlertsHarness extends ApiHarness {
  db: Database
  officer: Headers
  admin: Headers
  /** HTX Tôm, owner of POND. */
  tom: Headers
  /** HTX Bưởi, owner of ORCHARD. */
  buoi: Headers
}

export async function startAlertsHarness(): Promise<AlertsHarness> {
  const harness = await startHarness()
  const db = harness.test.db
  await seedPondAndOrchard(db)
  await provisionGateway(db, {
    id: 'gw-pond',
    zone: POND,
    sensors: ['dissolved_oxygen', 'salinity', 'ph', 'water_level'],
  })
  await provisionGateway(db, { id: 'gw-orchard', zone: ORCHARD, sensors: ['salinity'] })
  return {
    ...harness,
    db,
    officer: await harness.auth({ role: 'officer', subject: 'officer-lan' }),
    admin: await harness.auth({ role: 'admin' }),
    tom: await harness.auth({ role: 'cooperative', cooperativeId: 'htx-tom', subject: 'tom-user' }),
    buoi: await harness.auth({ role: 'cooperative', cooperativeId: 'htx-buoi', subject: 'buoi-user' }),
  }
}

/** The two test cooperatives and their areas: HTX Tôm's shrimp POND and HTX Bưởi's pomelo ORCHARD, each under its preset. */
export async function seedPondAndOrchard(db: Database): Promise<void> {
  await upsertCooperative(db, { id: 'htx-tom', name: 'HTX Tôm Hiệp Mỹ', communeCode: '29335' })
  await upsertCooperative(db, { id: 'htx-buoi', name: 'HTX Bưởi Ninh Thới', communeCode: '29320' })
  await registerArea(db, OFFICER, {
    code: POND,
    name: 'Ao tôm thử nghiệm',
    cooperativeId: 'htx-tom',
    crop: 'shrimp',
    kind: 'shrimp_pond',
    communeCode: '29335',
    preset: 'shrimp_pond',
  })
  await registerArea(db, OFFICER, {
    code: ORCHARD,
    name: 'Vườn bưởi thử nghiệm',
    cooperativeId: 'htx-buoi',
    crop: 'pomelo',
    kind: 'orchard_canal',
    communeCode: '29320',
    preset: 'pomelo',
  })
}

/** One alerts harness for the calling test file, started before its tests and closed after them. */
export const alertsApi = (): AlertsHarness => sharedFixture(startAlertsHarness)

export interface SeededAlert {
  ruleId: number
  sensorId: string
  /** The engine's channel (the sensor id); only one live alert may be open per rule and channel. */
  channel?: string
  gatewayId: string
  zone: string
  metric: string
  severity: string
  openedAt: Date
  value: number
  threshold: number
  state?: 'active' | 'cleared'
  historical?: boolean
  peakValue?: number
  triggerCount?: number
}

/** Writes an alert as the rule engine does (row + 'opened' event); returns its id. */
export async function seedAlert(db: Database, a: SeededAlert): Promise<number> {
  const state = a.state ?? 'active'
  const [row] = await db.query<{ id: number }>(
    `insert into alerts (rule_id, channel, sensor_id, gateway_id, zone_code, metric, kind, severity, state,
       historical, opened_at, cleared_at, threshold, value, last_value, peak_value, trigger_count, last_triggered_at)
     values ($1, $15, $2, $3, $4, $5, 'threshold', $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $9)
     returning id`,
    [
      a.ruleId,
      a.sensorId,
      a.gatewayId,
      a.zone,
      a.metric,
      a.severity,
      state,
      a.historical ?? false,
      a.openedAt,
      state === 'cleared' ? new Date(a.openedAt.getTime() + 600_000) : null,
      a.threshold,
      a.value,
      a.peakValue ?? a.value,
      a.triggerCount ?? 1,
      a.channel ?? a.sensorId,
    ],
  )
  await recordAlertEvents(db, [{ alertId: row!.id, type: 'opened', dataTime: a.openedAt, value: a.value }])
  return row!.id
}

/** The id of the zone's preset rule for one limit. */
export async function presetRuleId(
  db: Database,
  zone: string,
  metric: string,
  severity: string,
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `select id from alert_rules
      where zone_code = $1 and metric = $2 and severity = $3 and origin = 'preset' and deleted_at is null`,
    [zone, metric, severity],
  )
  if (!row) throw new Error(`no preset rule for ${zone} ${metric} ${severity}`)
  return row.id
}
