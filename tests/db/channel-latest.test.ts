// channel_latest must always name the newest good reading stored for a channel, whatever order readings
// arrive in and whichever path stores them: the batch COPY, the duplicate-skipping fallback, or a plain
// INSERT caught by the row trigger.
import { areaChannels, insertReadings, provisionGateway, type ReadingBatch } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'

const testDb = sharedFixture(getTestDB)
let zone: string
beforeAll(async () => {
  zone = await seedZone(testDb.db)
})

const T0 = Date.UTC(2026, 2, 1, 0, 0, 0)
const MIN = 60_000

function batch(sensorId: string, rows: [minute: number, value: number, quality?: number][]): ReadingBatch {
  return {
    time: rows.map(([m]) => T0 + m * MIN),
    sensorId: rows.map(() => sensorId),
    metric: rows.map(() => 'salinity'),
    value: rows.map(([, v]) => v),
    quality: rows.map(([, , q]) => q ?? 0),
  }
}

async function kept(sensorId: string, metric = 'salinity') {
  const rows = await testDb.db.query<{ time: Date; value: number }>(
    'select time, value from channel_latest where sensor_id = $1 and metric = $2',
    [sensorId, metric],
  )
  return rows.map((r) => ({ minute: (r.time.getTime() - T0) / MIN, value: r.value }))[0] ?? null
}

/** The newest good reading as readings itself says: what channel_latest must agree with. */
async function newestStored(sensorId: string) {
  const rows = await testDb.db.query<{ time: Date; value: number }>(
    `select time, value from readings where sensor_id = $1 and metric = 'salinity' and quality = 0
      order by time desc limit 1`,
    [sensorId],
  )
  return rows.map((r) => ({ minute: (r.time.getTime() - T0) / MIN, value: r.value }))[0] ?? null
}

describe(`channel_latest on the ${backendName} backend`, () => {
  it('keeps the newest reading of a batch whatever order its rows come in', async () => {
    await insertReadings(
      testDb.db,
      batch('cl-a', [
        [5, 5.5],
        [9, 9.5],
        [1, 1.5],
      ]),
    )
    expect(await kept('cl-a')).toEqual({ minute: 9, value: 9.5 })
  })

  it('is not moved back by a late batch of older readings', async () => {
    await insertReadings(testDb.db, batch('cl-b', [[30, 30.5]]))
    await insertReadings(
      testDb.db,
      batch('cl-b', [
        [10, 10.5],
        [20, 20.5],
      ]),
    )
    expect(await kept('cl-b')).toEqual({ minute: 30, value: 30.5 })
    await insertReadings(testDb.db, batch('cl-b', [[31, 31.5]]))
    expect(await kept('cl-b')).toEqual({ minute: 31, value: 31.5 })
    expect(await kept('cl-b')).toEqual(await newestStored('cl-b'))
  })

  it('keeps the first of a resent reading, as readings does, through the duplicate-skipping path', async () => {
    await insertReadings(testDb.db, batch('cl-c', [[40, 4.0]]))
    // The same time with another value, beside an older and a newer reading: the batch conflicts, goes the
    // slow way, and only the newer reading moves the latest.
    await insertReadings(
      testDb.db,
      batch('cl-c', [
        [40, 99],
        [35, 3.5],
      ]),
    )
    expect(await kept('cl-c')).toEqual({ minute: 40, value: 4.0 })
    await insertReadings(
      testDb.db,
      batch('cl-c', [
        [40, 99],
        [45, 4.5],
        [45, 77],
      ]),
    )
    expect(await kept('cl-c')).toEqual({ minute: 45, value: 4.5 })
    expect(await kept('cl-c')).toEqual(await newestStored('cl-c'))
  })

  it('ignores flagged readings, even newer ones', async () => {
    await insertReadings(
      testDb.db,
      batch('cl-d', [
        [50, 5.0],
        [55, 999, 2],
      ]),
    )
    expect(await kept('cl-d')).toEqual({ minute: 50, value: 5.0 })
    await insertReadings(testDb.db, batch('cl-e', [[50, 999, 1]]))
    expect(await kept('cl-e')).toBeNull()
  })

  it('follows readings written by a plain INSERT, through the row trigger', async () => {
    const insert = (minute: number, value: number, quality = 0) =>
      testDb.db.query(
        `insert into readings (time, sensor_id, metric, value, quality) values ($1, 'cl-f', 'salinity', $2, $3)`,
        [new Date(T0 + minute * MIN).toISOString(), value, quality],
      )
    await insert(60, 6.0)
    await insert(58, 5.8)
    await insert(65, 6.5, 1)
    expect(await kept('cl-f')).toEqual({ minute: 60, value: 6.0 })
    await insert(61, 6.1)
    expect(await kept('cl-f')).toEqual({ minute: 61, value: 6.1 })
    // And a batch after them still compares with what the trigger kept.
    await insertReadings(testDb.db, batch('cl-f', [[59, 5.9]]))
    expect(await kept('cl-f')).toEqual({ minute: 61, value: 6.1 })
  })

  it('ends at the newest reading when batches of one channel commit at once', async () => {
    const minutes = Array.from({ length: 40 }, (_, i) => 100 + i)
    // Shuffled deterministically, in several batches sharing two channels, committed concurrently.
    const order = minutes.map((_, i) => minutes[(i * 17) % minutes.length]!)
    const batches = Array.from({ length: 8 }, (_, b) => {
      const part = order.slice(b * 5, b * 5 + 5)
      const one = batch(
        'cl-g',
        part.map((m) => [m, m / 10]),
      )
      const two = batch(
        'cl-h',
        part.map((m) => [m, -m / 10]),
      )
      return b % 2 === 0 ? concat(one, two) : concat(two, one)
    })
    await Promise.all(batches.map((b) => insertReadings(testDb.db, b)))
    expect(await kept('cl-g')).toEqual({ minute: 139, value: 13.9 })
    expect(await kept('cl-h')).toEqual({ minute: 139, value: -13.9 })
  })

  it('is what an area page shows as each channel’s latest value', async () => {
    const gw = await provisionGateway(testDb.db, { id: 'gw-cl', zone, sensors: ['salinity', 'ph'] })
    const sensorId = gw.sensors[0]!.sensorId
    await insertReadings(
      testDb.db,
      batch(sensorId, [
        [70, 7.0],
        [72, 7.2],
        [71, 7.1],
      ]),
    )
    const channels = await areaChannels(testDb.db, zone)
    const salinity = channels.find((c) => c.sensorId === sensorId && c.metric === 'salinity')
    const ph = channels.find((c) => c.sensorId === sensorId && c.metric === 'ph')
    expect(salinity).toMatchObject({ value: 7.2, time: new Date(T0 + 72 * MIN) })
    expect(ph).toMatchObject({ value: null, time: null })
  })
})

function concat(a: ReadingBatch, b: ReadingBatch): ReadingBatch {
  return {
    time: [...a.time, ...b.time],
    sensorId: [...a.sensorId, ...b.sensorId],
    metric: [...a.metric, ...b.metric],
    value: [...a.value, ...b.value],
    quality: [...a.quality, ...b.quality],
  }
}
