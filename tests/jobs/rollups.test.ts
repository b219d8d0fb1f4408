// Rollups answer the same on both TimescaleDB editions: continuous aggregates (embedded, `timescale`
// licence) and the job's tables (Apache server). On the embedded engine both forms are built side by side,
// the tables in a schema of their own, and held against each other and against a hand aggregation; on the
// server only the tables exist and are held against the hand aggregation.
import {
  createRollupTables,
  maintainRollupTables,
  noteLateReadings,
  queryRollup,
  type RollupStore,
  readSeries,
  refreshReadingsRollup,
  rollupStore,
} from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import {
  CHANNELS,
  expectedRollup,
  type FixtureReading,
  FLAGGED_HOUR,
  makeReadings,
  store,
} from './rollup-fixture.ts'

const FROM = Date.parse('2025-05-31T12:00:00Z') // 19:00 in Vietnam
const TO = Date.parse('2025-06-04T20:00:00Z') // 03:00 the next Vietnamese day
// The job's clock: mid-data, so hours after 10:00 and Vietnamese days after 2025-06-04 (17:00 UTC on the
// 3rd) are past the watermarks and answered from readings.
const NOW = new Date('2025-06-04T10:23:00Z')
const SPAN = { from: new Date(FROM - 86_400_000), to: new Date(TO + 86_400_000) }
const TABLES: RollupStore = { kind: 'table', schema: 'rollup_tables' }

const testDb = sharedFixture(getTestDB)
let readings: FixtureReading[]
const stores: { name: string; store: RollupStore }[] = []

async function bringUpToDate(now: Date): Promise<void> {
  await refreshReadingsRollup(testDb.db, now)
  for (const { store: s } of stores) {
    if (s.kind === 'table') await maintainRollupTables(testDb.db, { now, schema: s.schema })
  }
}

beforeAll(async () => {
  readings = makeReadings(FROM, TO)
  await store(testDb.db, readings)
  if (testDb.capabilities.continuousAggregates) {
    await testDb.db.query(`create schema ${TABLES.schema}`)
    await createRollupTables(testDb.db, TABLES.schema)
    stores.push({ name: 'continuous aggregate', store: { kind: 'continuous_aggregate' } })
    stores.push({ name: 'tables in another schema', store: TABLES })
  } else {
    stores.push({ name: 'tables', store: { kind: 'table' } })
  }
  await bringUpToDate(NOW)
})

describe(`rollups on the ${backendName} backend`, () => {
  it('keeps continuous aggregates under the timescale licence and job tables under Apache', async () => {
    expect(await rollupStore(testDb.db)).toEqual(
      testDb.capabilities.continuousAggregates ? { kind: 'continuous_aggregate' } : { kind: 'table' },
    )
  })

  it('answers every hour and every Vietnamese day exactly as a hand aggregation, from every store', async () => {
    for (const { name, store: s } of stores) {
      for (const channel of CHANNELS) {
        for (const bucket of ['hour', 'day'] as const) {
          const rows = await queryRollup(testDb.db, { ...channel, ...SPAN, bucket }, s)
          const expected = expectedRollup(readings, channel, bucket, SPAN.from.getTime(), SPAN.to.getTime())
          expect(rows, `${name} ${channel.sensorId}:${channel.metric} by ${bucket}`).toEqual(expected)
        }
      }
    }
  })

  it('starts days at Vietnamese midnight and keeps an hour of flagged readings with no statistics', async () => {
    const days = await queryRollup(testDb.db, { ...CHANNELS[0], ...SPAN, bucket: 'day' })
    expect(days.map((d) => d.bucket.toISOString())).toEqual([
      '2025-05-30T17:00:00.000Z',
      '2025-05-31T17:00:00.000Z',
      '2025-06-01T17:00:00.000Z',
      '2025-06-02T17:00:00.000Z',
      '2025-06-03T17:00:00.000Z',
      '2025-06-04T17:00:00.000Z',
    ])
    const [flagged] = await queryRollup(testDb.db, {
      ...CHANNELS[1],
      from: new Date(FLAGGED_HOUR),
      to: new Date(FLAGGED_HOUR + 1),
      bucket: 'hour',
    })
    const hour = readings.filter(
      (r) => r.metric === 'ph' && r.time >= FLAGGED_HOUR && r.time < FLAGGED_HOUR + 3_600_000,
    )
    expect(hour.length).toBeGreaterThan(7)
    expect(flagged).toEqual({
      bucket: new Date(FLAGGED_HOUR),
      count: hour.length,
      good: 0,
      sum: null,
      avg: null,
      min: null,
      max: null,
    })
  })

  it('aggregates late readings again once they are noted, and new readings past the watermark at once', async () => {
    // Behind both watermarks (a gateway backfilling its spool) and past them (live data).
    const late = makeReadings(Date.parse('2025-06-01T05:03:00Z'), Date.parse('2025-06-01T06:00:00Z'), 5).map(
      (r) => ({ ...r, time: r.time + 30_000, value: r.quality === 0 ? r.value + 100 : r.value }),
    )
    const live = makeReadings(Date.parse('2025-06-04T10:30:00Z'), Date.parse('2025-06-04T11:00:00Z'), 3).map(
      (r) => ({ ...r, time: r.time + 20_000 }),
    )
    await store(testDb.db, [...late, ...live])
    await noteLateReadings(testDb.db, new Date(late[0]!.time), new Date(late[late.length - 1]!.time))
    readings = [...readings, ...late, ...live]
    await bringUpToDate(NOW)
    for (const { name, store: s } of stores) {
      for (const bucket of ['hour', 'day'] as const) {
        const rows = await queryRollup(testDb.db, { ...CHANNELS[2], ...SPAN, bucket }, s)
        expect(rows, `${name} by ${bucket}`).toEqual(
          expectedRollup(readings, CHANNELS[2], bucket, SPAN.from.getTime(), SPAN.to.getTime()),
        )
      }
    }
    expect(await testDb.db.query('select * from rollup_invalidations')).toEqual([])
  })

  it('moves the table watermarks to the last bucket that ended ten minutes before the run', async () => {
    const s = stores.find((x) => x.store.kind === 'table')!.store
    const table = s.schema ? `${s.schema}.readings_rollup_watermarks` : 'readings_rollup_watermarks'
    const marks = await testDb.db.query(
      `select relation, materialized_until as until from ${table} order by 1`,
    )
    expect(marks).toEqual([
      { relation: 'readings_daily', until: new Date('2025-06-03T17:00:00Z') },
      { relation: 'readings_hourly', until: new Date('2025-06-04T10:00:00Z') },
    ])
    // A later run moves them on; an earlier clock never moves them back.
    await maintainRollupTables(testDb.db, { now: new Date('2025-06-04T09:00:00Z'), schema: s.schema })
    expect(
      await testDb.db.query(
        `select materialized_until as until from ${table} where relation = 'readings_hourly'`,
      ),
    ).toEqual([{ until: new Date('2025-06-04T10:00:00Z') }])
  })

  it('answers series from the rollups exactly as from the readings', async () => {
    const windows = [
      { from: '2025-05-31T12:20:00Z', to: '2025-06-04T19:40:00Z', buckets: [3600, 10_800, 86_400, 172_800] },
      { from: '2025-05-31T17:00:00Z', to: '2025-06-04T17:00:00Z', buckets: [86_400, 604_800, 3600] },
      { from: '2025-06-04T09:10:00Z', to: '2025-06-04T12:50:00Z', buckets: [3600, 1800, 420] },
    ]
    for (const { name, store: s } of stores) {
      for (const w of windows) {
        for (const bucketSeconds of w.buckets) {
          for (const channel of CHANNELS) {
            const q = { ...channel, from: new Date(w.from), to: new Date(w.to), bucketSeconds }
            const raw = await readSeries(testDb.db, q, { source: 'raw' })
            const rolled = await readSeries(testDb.db, q, { store: s })
            const label = `${name} ${w.from}…${w.to} by ${bucketSeconds}s`
            expect(raw.source).toBe('raw')
            expect(rolled.source, label).toBe(
              bucketSeconds % 86_400 === 0 ? 'daily' : bucketSeconds % 3600 === 0 ? 'hourly' : 'raw',
            )
            expect(rolled.points.length, label).toBeGreaterThan(0)
            expect(rolled.points, label).toEqual(raw.points)
          }
        }
      }
    }
  })
})
