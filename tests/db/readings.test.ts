import { insertReadings, provisionGateway, querySeries, RegistryError } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'

const testDb = sharedFixture(getTestDB)
let zone: string
beforeAll(async () => {
  zone = await seedZone(testDb.db)
})

const T0 = Date.UTC(2026, 1, 10, 0, 0, 0)

describe(`readings on the ${backendName} backend`, () => {
  it('stores a batch once: a redelivered reading never becomes a second row', async () => {
    const batch = {
      time: [T0, T0 + 60_000, T0 + 120_000],
      sensorId: ['p1', 'p1', 'p1'],
      metric: ['salinity', 'salinity', 'salinity'],
      value: [4.1, 4.3, 4.5],
      quality: [0, 0, 0],
    }
    expect(await insertReadings(testDb.db, batch)).toBe(3)
    expect(await insertReadings(testDb.db, batch)).toBe(0)
    const rows = await testDb.db.query<{ n: number }>(
      `select count(*)::int as n from readings where sensor_id = 'p1'`,
    )
    expect(rows[0]?.n).toBe(3)
  })

  it('falls back from COPY to a duplicate-skipping insert when a batch repeats itself or stored rows', async () => {
    const batch = {
      time: [T0 + 5, T0 + 5, T0 + 6],
      sensorId: ['p4', 'p4', 'p4'],
      metric: ['ph', 'ph', 'ph'],
      value: [7.1, 7.1, 7.2],
      quality: [0, 0, 0],
    }
    expect(await insertReadings(testDb.db, batch)).toBe(2)
    const fresh = { time: [T0 + 7], sensorId: ['p4'], metric: ['ph'], value: [7.3], quality: [0] }
    expect(await insertReadings(testDb.db, fresh)).toBe(1)
    const rows = await testDb.db.query<{ value: number }>(
      `select value from readings where sensor_id = 'p4' order by time`,
    )
    expect(rows.map((r) => r.value)).toEqual([7.1, 7.2, 7.3])
  })

  it('round-trips times before and after 2000 and full float precision through binary COPY', async () => {
    const times = [Date.UTC(1999, 11, 31, 23, 59, 59, 999), Date.UTC(2038, 0, 19, 3, 14, 8, 1), T0 + 987]
    const values = [0.1 + 0.2, -1e-9, 1234567.891011]
    expect(
      await insertReadings(testDb.db, {
        time: times,
        sensorId: ['p5', 'p5', 'p5'],
        metric: ['salinity', 'salinity', 'salinity'],
        value: values,
        quality: [0, 1, 2],
      }),
    ).toBe(3)
    const rows = await testDb.db.query<{ time: Date; value: number; quality: number }>(
      `select time, value, quality from readings where sensor_id = 'p5' order by time`,
    )
    expect(rows.map((r) => [r.time.getTime(), r.value, r.quality])).toEqual([
      [times[0], values[0], 0],
      [times[2], values[2], 2],
      [times[1], values[1], 1],
    ])
  })

  it('keeps millisecond timestamps exact and returns them as Date on both backends', async () => {
    await insertReadings(testDb.db, {
      time: [T0 + 123],
      sensorId: ['p2'],
      metric: ['ph'],
      value: [7.9],
      quality: [0],
    })
    const [row] = await testDb.db.query<{ time: Date }>(`select time from readings where sensor_id = 'p2'`)
    expect(row?.time).toBeInstanceOf(Date)
    expect(row?.time.getTime()).toBe(T0 + 123)
  })

  it('aggregates a series into time buckets, leaving out flagged readings', async () => {
    await insertReadings(testDb.db, {
      time: [T0, T0 + 60_000, T0 + 3_600_000, T0 + 3_660_000],
      sensorId: ['p3', 'p3', 'p3', 'p3'],
      metric: ['ph', 'ph', 'ph', 'ph'],
      value: [7.0, 8.0, 7.5, 15],
      quality: [0, 0, 0, 1],
    })
    const points = await querySeries(testDb.db, {
      sensorId: 'p3',
      metric: 'ph',
      from: new Date(T0),
      to: new Date(T0 + 7_200_000),
      bucketSeconds: 3600,
    })
    expect(points).toEqual([
      { t: new Date(T0), avg: 7.5, min: 7, max: 8, count: 2 },
      { t: new Date(T0 + 3_600_000), avg: 7.5, min: 7.5, max: 7.5, count: 1 },
    ])
  })
})

describe(`gateway provisioning on the ${backendName} backend`, () => {
  it('refuses unknown zones, unknown metrics, bad ids and duplicates with a RegistryError', async () => {
    await expect(
      provisionGateway(testDb.db, { id: 'gw-a', zone: 'NOPE', sensors: ['ph'] }),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(
      provisionGateway(testDb.db, { id: 'gw-a', zone, sensors: ['acidity'] }),
    ).rejects.toMatchObject({
      code: 'invalid',
    })
    await expect(provisionGateway(testDb.db, { id: 'gw/#', zone, sensors: ['ph'] })).rejects.toBeInstanceOf(
      RegistryError,
    )
    const creds = await provisionGateway(testDb.db, { id: 'gw-a', zone, sensors: ['ph', 'salinity'] })
    expect(creds.sensors).toEqual([
      { sensorId: 'gw-a-s1', metric: 'ph' },
      { sensorId: 'gw-a-s1', metric: 'salinity' },
    ])
    await expect(provisionGateway(testDb.db, { id: 'gw-a', zone, sensors: [] })).rejects.toMatchObject({
      code: 'conflict',
    })
  })

  it('stores only a hash of the secret', async () => {
    const creds = await provisionGateway(testDb.db, { id: 'gw-b', zone, sensors: ['ph'] })
    const [row] = await testDb.db.query<{ secret_hash: string }>(
      `select secret_hash from gateways where id = 'gw-b'`,
    )
    expect(row?.secret_hash).toMatch(/^hmac-sha256\$/)
    expect(row?.secret_hash).not.toContain(creds.password)
  })
})
