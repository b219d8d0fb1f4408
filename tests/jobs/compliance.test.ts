// The daily compliance report: per growing area, Vietnamese day and metric, good readings, readings within
// the area's limits (preset with overrides, tiers judged by the least severe), their range and the alerts
// opened, checked against values worked out by hand; and the open route that serves it.
import {
  computeCompliance,
  emptyBatch,
  insertReadings,
  provisionGateway,
  vietnamDate,
  vietnamDayStartOf,
  withinBand,
  zoneLimits,
} from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../api/harness.ts'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = new Date()
const TODAY = vietnamDate(NOW.getTime())
const D0 = vietnamDayStartOf(TODAY)! - DAY // yesterday in Vietnam, the day the report is due for
const D = vietnamDate(D0)
const day = (offset: number) => vietnamDate(D0 + offset * DAY)
const [A, B, C] = ['VN-CMP-A', 'VN-CMP-B', 'VN-CMP-C']

const api = sharedFixture(() => startHarness({ JOBS: 'off' }))
beforeAll(async () => {
  const db = api.test.db
  for (const [zone, preset] of [
    [A, 'shrimp_pond'],
    [B, 'pond_tiered_hue'],
    [C, null],
  ] as const) {
    await seedZone(db, zone)
    await db.query('update growing_areas set threshold_preset = $2 where code = $1', [zone, preset])
  }
  // The area raised its salinity ceiling from 35 to 30 ppt; the floor stays the preset's 5.
  await db.query(
    `insert into area_threshold_overrides (zone_code, metric, severity, max) values ($1, 'salinity', 'major', 30)`,
    [A],
  )
  await provisionGateway(db, { id: 'gw-cmp-a', zone: A, sensors: ['salinity', 'ph'] })
  await provisionGateway(db, { id: 'gw-cmp-b', zone: B, sensors: ['dissolved_oxygen', 'ph'] })
  await provisionGateway(db, { id: 'gw-cmp-c', zone: C, sensors: ['turbidity'] })
  await db.query(`update sensors set created_at = now() - interval '30 days' where id like 'gw-cmp-%'`)

  const b = emptyBatch()
  const add = (sensorId: string, metric: string, at: number, value: number, quality = 0) => {
    b.time.push(at)
    b.sensorId.push(sensorId)
    b.metric.push(metric)
    b.value.push(value)
    b.quality.push(quality)
  }
  const series = (sensorId: string, metric: string, values: number[]) => {
    values.forEach((v, i) => {
      add(sensorId, metric, D0 + (i + 1) * HOUR, v)
    })
  }
  series('gw-cmp-a-s1', 'salinity', [4, 5, 20, 30, 31, 36])
  add('gw-cmp-a-s1', 'salinity', D0 + 7 * HOUR, 99, 1) // flagged: counts nowhere
  add('gw-cmp-a-s1', 'salinity', D0 - 1, 10) // 23:59:59.999 the day before
  add('gw-cmp-a-s1', 'salinity', D0 + DAY, 11) // midnight: today, not yet reported
  series('gw-cmp-a-s1', 'ph', [6.5, 7, 8, 9, 9.5])
  series('gw-cmp-b-s1', 'dissolved_oxygen', [1.5, 2.5, 3, 4])
  series('gw-cmp-b-s1', 'ph', [5.8, 6, 9, 9.2])
  series('gw-cmp-c-s1', 'turbidity', [1, 2, 3])
  await insertReadings(db, b)

  const [rule] = await db.query<{ id: number }>(
    `insert into alert_rules (zone_code, metric, kind, max, severity) values ($1, 'salinity', 'threshold', 30, 'major')
     returning id`,
    [A],
  )
  for (const [zone, sensor, metric, at] of [
    [A, 'gw-cmp-a-s1', 'salinity', D0 + 2 * HOUR],
    [A, 'gw-cmp-a-s1', 'salinity', D0 + 20 * HOUR],
    [A, 'gw-cmp-a-s1', 'salinity', D0 - HOUR],
    [A, 'gw-cmp-a-s1', 'ph', D0 + 3 * HOUR],
    [null, 'gw-cmp-a-s1', 'ph', D0 + 4 * HOUR], // no zone on the alert: its sensor's area counts
    [B, 'gw-cmp-b-s1', 'salinity', D0 + 5 * HOUR], // a metric the area does not report on
  ] as const) {
    await db.query(
      `insert into alerts (rule_id, channel, sensor_id, zone_code, metric, kind, severity, state, opened_at,
                           cleared_at, last_triggered_at)
       values ($1, $2, $2, $3, $4, 'threshold', 'major', 'cleared', $5, $5, $5)`,
      [rule!.id, sensor, zone, metric, new Date(at).toISOString()],
    )
  }
})

const stored = (zone: string, d: string) =>
  api.test.db.query(
    `select metric, readings, within, min, max, limit_min as "limitMin", limit_max as "limitMax", alerts
       from compliance_daily where zone_code = $1 and day = $2::date order by metric`,
    [zone, d],
  )

describe(`zone limits on the ${backendName} backend`, () => {
  it("applies the area's override over its preset, and judges tiers by the least severe", async () => {
    const a = await zoneLimits(api.test.db, A)
    expect(a!.preset).toBe('shrimp_pond')
    expect(a!.limits.find((l) => l.metric === 'salinity')).toMatchObject({
      min: 5,
      max: 30,
      minSource: 'preset',
      maxSource: 'override',
    })
    expect(withinBand(a!.limits, 'salinity')).toEqual({ min: 5, max: 30 })
    const b = await zoneLimits(api.test.db, B)
    expect(withinBand(b!.limits, 'dissolved_oxygen')).toEqual({ min: 3, max: null })
    expect(withinBand(b!.limits, 'ph')).toEqual({ min: 6, max: 9 })
    expect(withinBand(b!.limits, 'salinity')).toBeNull()
    expect(await zoneLimits(api.test.db, C)).toEqual({ zone: C, preset: null, limits: [] })
    expect(await zoneLimits(api.test.db, 'VN-NO-SUCH')).toBeNull()
  })
})

describe(`the compliance job on the ${backendName} backend`, () => {
  it('reports yesterday and the missing days of the week before, per area and metric', async () => {
    const run = await api.app.jobs.run('compliance', NOW)
    expect(run.status).toBe('ok')
    const week = [-6, -5, -4, -3, -2, -1, 0].map(day)
    expect(run.detail).toEqual({
      today: TODAY,
      zones: { [A]: { days: week, rows: 14 }, [B]: { days: week, rows: 14 }, [C]: { days: week, rows: 7 } },
    })
    expect(await stored(A, D)).toEqual([
      { metric: 'ph', readings: 5, within: 3, min: 6.5, max: 9.5, limitMin: 7, limitMax: 9, alerts: 2 },
      { metric: 'salinity', readings: 6, within: 3, min: 4, max: 36, limitMin: 5, limitMax: 30, alerts: 2 },
    ])
    expect(await stored(A, day(-1))).toEqual([
      { metric: 'ph', readings: 0, within: 0, min: null, max: null, limitMin: 7, limitMax: 9, alerts: 0 },
      { metric: 'salinity', readings: 1, within: 1, min: 10, max: 10, limitMin: 5, limitMax: 30, alerts: 1 },
    ])
    expect(await stored(B, D)).toEqual([
      {
        metric: 'dissolved_oxygen',
        readings: 4,
        within: 2,
        min: 1.5,
        max: 4,
        limitMin: 3,
        limitMax: null,
        alerts: 0,
      },
      { metric: 'ph', readings: 4, within: 2, min: 5.8, max: 9.2, limitMin: 6, limitMax: 9, alerts: 0 },
    ])
    expect(await stored(C, D)).toEqual([
      {
        metric: 'turbidity',
        readings: 3,
        within: 3,
        min: 1,
        max: 3,
        limitMin: null,
        limitMax: null,
        alerts: 0,
      },
    ])
    expect(await stored(A, TODAY)).toEqual([])
  })

  it('afterwards recomputes only yesterday, taking in readings that arrived late', async () => {
    await insertReadings(api.test.db, {
      time: [D0 + 10 * HOUR],
      sensorId: ['gw-cmp-a-s1'],
      metric: ['salinity'],
      value: [25],
      quality: [0],
    })
    const run = await api.app.jobs.run('compliance', NOW)
    expect(run.detail).toEqual({
      today: TODAY,
      zones: { [A]: { days: [D], rows: 2 }, [B]: { days: [D], rows: 2 }, [C]: { days: [D], rows: 1 } },
    })
    expect(await stored(A, D)).toContainEqual(
      expect.objectContaining({ metric: 'salinity', readings: 7, within: 4, min: 4, max: 36 }),
    )
  })
})

describe(`GET /api/v1/zones/{code}/compliance on the ${backendName} backend`, () => {
  const get = (url: string) => api.app.inject({ url })

  it('serves the stored days, each metric with its share within limits, without a token', async () => {
    const res = await get(`/api/v1/zones/${A}/compliance?from=${day(-6)}&to=${D}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ zone: A, from: day(-6), to: D })
    expect(body.days.map((d: { day: string }) => d.day)).toEqual([-6, -5, -4, -3, -2, -1, 0].map(day))
    expect(body.days[6]).toEqual({
      day: D,
      metrics: [
        {
          metric: 'ph',
          unit: 'pH',
          readings: 5,
          within: 3,
          share: 0.6,
          min: 6.5,
          max: 9.5,
          limits: { min: 7, max: 9 },
          alerts: 2,
        },
        {
          metric: 'salinity',
          unit: 'ppt',
          readings: 7,
          within: 4,
          share: 4 / 7,
          min: 4,
          max: 36,
          limits: { min: 5, max: 30 },
          alerts: 2,
        },
      ],
    })
    expect(body.days[0].metrics[0]).toMatchObject({ readings: 0, share: null })
    const c = (await get(`/api/v1/zones/${C}/compliance?from=${D}&to=${D}`)).json()
    expect(c.days[0].metrics).toEqual([
      {
        metric: 'turbidity',
        unit: 'NTU',
        readings: 3,
        within: 3,
        share: null,
        min: 1,
        max: 3,
        limits: null,
        alerts: 0,
      },
    ])
  })

  it('defaults to the 30 days up to yesterday', async () => {
    const body = (await get(`/api/v1/zones/${A}/compliance`)).json()
    expect(body.to).toBe(D)
    expect(body.from).toBe(day(-29))
    expect(body.days).toHaveLength(7)
  })

  it('404 for an unknown area', async () => {
    const res = await get('/api/v1/zones/VN-NO-SUCH/compliance')
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toMatch(/growing area VN-NO-SUCH not found/)
  })

  it.each([
    ['from=2025-02-30&to=2025-03-01', /from "2025-02-30" is not a calendar date/],
    ['from=yesterday', /from "yesterday" is not a calendar date/],
    ['to=2025-1-1', /to "2025-1-1" is not a calendar date/],
    ['from=2025-03-02&to=2025-03-01', /must not be after to/],
    ['from=2024-01-01&to=2025-01-01', /covers 367 days; at most 366/],
  ])('400 for %s', async (query, message) => {
    const res = await get(`/api/v1/zones/${A}/compliance?${query}`)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: 'Bad Request', message: expect.stringMatching(message) })
  })

  it('accepts a range of 366 days', async () => {
    const res = await get(`/api/v1/zones/${A}/compliance?from=2024-01-01&to=2024-12-31`)
    expect(res.statusCode).toBe(200)
    expect(res.json().days).toEqual([])
  })
})

describe('reports written at once', () => {
  it('keep the mean of the good readings, and two reports of one area at once neither deadlock nor differ', async () => {
    const db = api.test.db
    const days = [-3, -2, -1, 0].map(day)
    // Overlapping day lists in opposite orders, on rows neither has yet: each inserts rows the other inserts.
    for (let i = 0; i < 20; i++) {
      await db.query('delete from compliance_daily where zone_code = $1 and day = any($2::date[])', [A, days])
      await Promise.all([computeCompliance(db, A, days), computeCompliance(db, A, [...days].reverse())])
    }
    const [row] = await db.query<{ mean: number }>(
      `select mean from compliance_daily where zone_code = $1 and day = $2 and metric = 'salinity'`,
      [A, D],
    )
    // The good readings of that Vietnamese day only (earlier tests add to the hand-made ones).
    const [raw] = await db.query<{ mean: number }>(
      `select avg(value) as mean from readings
        where sensor_id = 'gw-cmp-a-s1' and metric = 'salinity' and quality = 0 and time >= $1 and time < $2`,
      [new Date(D0).toISOString(), new Date(D0 + DAY).toISOString()],
    )
    expect(row?.mean).toBeCloseTo(raw!.mean, 10)
    expect(row?.mean).toBeGreaterThan(20)
  })
})
