// An alert engine on a test database with one pond: gateway gw-pond, probe gw-pond-s1 (DO and pH), a
// clock the test moves, and helpers to feed committed readings as the broker would.
import { type AlertEngine, startAlertEngine } from '@zonetrace/broker'
import { type Database, emptyBatch, insertReadings, provisionGateway, type ReadingBatch } from '@zonetrace/db'
import pino from 'pino'
import { getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone, TEST_ZONE } from '../helpers/fixtures.ts'

export const GATEWAY = 'gw-pond'
export const SENSOR = 'gw-pond-s1'
export const MIN = 60_000
export const T0 = Date.parse('2026-11-20T20:00:00Z') // 03:00 on the Vietnamese clock

export interface EngineHarness {
  db: Database
  test: TestDB
  clock: { now: number }
  engine: AlertEngine
  /** Stops the engine and starts a new one on the same database, as a broker restart would. */
  restart(): Promise<void>
  /** Commits readings and hands them to the engine, as one pack arriving at `arrival`, or one pack per reading arriving at its own time. */
  feed(
    readings: [time: number, value: number, quality?: number][],
    opts?: { metric?: string; arrival?: number; store?: boolean },
  ): Promise<void>
  close(): Promise<void>
}

export async function addRule(db: Database, rule: Record<string, unknown>): Promise<number> {
  const cols = Object.keys(rule)
  const [row] = await db.query<{ id: number }>(
    `insert into alert_rules (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
    Object.values(rule),
  )
  return row!.id
}

export async function startEngineHarness(): Promise<EngineHarness> {
  const test = await getTestDB()
  const { db } = test
  await seedZone(db)
  await provisionGateway(db, { id: GATEWAY, zone: TEST_ZONE, sensors: ['dissolved_oxygen', 'ph'] })
  const clock = { now: T0 }
  const log = pino({ level: 'silent' })
  const start = () =>
    startAlertEngine(db, log, {
      lateAfterSeconds: 300,
      now: () => clock.now,
      sweepMs: 3_600_000,
      reloadMs: 3_600_000,
    })
  const h: EngineHarness = {
    db,
    test,
    clock,
    engine: await start(),
    async restart() {
      await h.engine.close()
      h.engine = await start()
    },
    async feed(readings, opts = {}) {
      const batch: ReadingBatch = emptyBatch()
      for (const [time, value, quality = 0] of readings) {
        batch.time.push(time)
        batch.sensorId.push(SENSOR)
        batch.metric.push(opts.metric ?? 'dissolved_oxygen')
        batch.value.push(value)
        batch.quality.push(quality)
      }
      if (opts.store !== false) await insertReadings(db, batch)
      if (opts.arrival !== undefined) {
        clock.now = Math.max(clock.now, opts.arrival)
        h.engine.arrived(GATEWAY, batch, opts.arrival)
        h.engine.committed(GATEWAY, batch, opts.arrival)
      } else {
        // Live: each reading arrives as it is measured, in packs of one.
        for (let i = 0; i < batch.time.length; i++) {
          const one: ReadingBatch = {
            time: [batch.time[i]!],
            sensorId: [SENSOR],
            metric: [batch.metric[i]!],
            value: [batch.value[i]!],
            quality: [batch.quality[i]!],
          }
          clock.now = Math.max(clock.now, one.time[0]!)
          h.engine.arrived(GATEWAY, one, one.time[0]!)
          h.engine.committed(GATEWAY, one, one.time[0]!)
        }
      }
      await h.engine.flush()
    },
    async close() {
      await h.engine.close()
      await test.close()
    },
  }
  return h
}

export const minutes = (from: number, count: number, value: number): [number, number][] =>
  Array.from({ length: count }, (_, i) => [from + i * MIN, value])

export async function alertRows(db: Database) {
  return db.query<{
    id: number
    state: string
    historical: boolean
    openedAt: Date
    clearedAt: Date | null
    triggerCount: number
    value: number | null
    peakValue: number | null
    kind: string
  }>(
    `select id, state, historical, opened_at as "openedAt", cleared_at as "clearedAt",
            trigger_count as "triggerCount", value, peak_value as "peakValue", kind
       from alerts order by id`,
  )
}

export async function eventTypes(db: Database): Promise<string[]> {
  const rows = await db.query<{ type: string }>(`select type from alert_events order by id`)
  return rows.map((r) => r.type)
}
