// GET /api/v1/sensors/{sensorId}/series: time buckets over stored readings, read from the hourly or daily
// rollups when the bucket allows (with the same answer), and a 400 (never a 500) for every bad parameter.
import { Quality } from '@zonetrace/contracts'
import { emptyBatch, insertReadings, provisionGateway } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { CHANNELS, makeReadings, store } from '../jobs/rollup-fixture.ts'
import { startHarness } from './harness.ts'

const T0 = Date.parse('2025-06-01T00:00:00Z')
const at = (seconds: number) => T0 + seconds * 1000
const WINDOW = 'from=2025-06-01T00:00:00Z&to=2025-06-01T00:10:00Z'

const api = sharedFixture(() => startHarness({ JOBS: 'off' }))
beforeAll(async () => {
  // The schedule stays off: the rollups job runs when a test says so.
  await provisionGateway(api.test.db, {
    id: 'gw-series',
    zone: api.zone,
    sensors: [
      { sensorId: 'sal-1', metric: 'salinity' },
      { sensorId: 'multi-1', metric: 'ph' },
      { sensorId: 'multi-1', metric: 'temperature' },
    ],
  })
  const b = emptyBatch()
  const add = (
    sensorId: string,
    metric: string,
    seconds: number,
    value: number,
    quality: number = Quality.good,
  ) => {
    b.time.push(at(seconds))
    b.sensorId.push(sensorId)
    b.metric.push(metric)
    b.value.push(value)
    b.quality.push(quality)
  }
  // 00:00–00:05: 1, 2, 3 and a flagged 999 that must not be averaged in.
  add('sal-1', 'salinity', 0, 1)
  add('sal-1', 'salinity', 60, 2)
  add('sal-1', 'salinity', 120, 3)
  add('sal-1', 'salinity', 130, 999, Quality.outOfPhysicalRange)
  // 00:05–00:10: 10 and 20.
  add('sal-1', 'salinity', 300, 10)
  add('sal-1', 'salinity', 590, 20)
  // At `to` exactly and later: outside the window, which ends exclusively.
  add('sal-1', 'salinity', 600, 500)
  add('sal-1', 'salinity', 3600, 600)
  add('multi-1', 'ph', 30, 7.5)
  add('multi-1', 'temperature', 30, 29)
  expect(await insertReadings(api.test.db, b)).toBe(10)
})

const get = (url: string) => api.app.inject({ url })

describe('series', () => {
  it('returns avg, min, max and count per bucket for good-quality readings in [from, to)', async () => {
    const res = await get(`/api/v1/sensors/sal-1/series?${WINDOW}&bucket=5m`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      sensorId: 'sal-1',
      metric: 'salinity',
      unit: 'ppt',
      bucket: '5m',
      bucketSeconds: 300,
      from: '2025-06-01T00:00:00.000Z',
      to: '2025-06-01T00:10:00.000Z',
      source: 'raw',
      points: [
        { t: '2025-06-01T00:00:00.000Z', avg: 2, min: 1, max: 3, count: 3 },
        { t: '2025-06-01T00:05:00.000Z', avg: 15, min: 10, max: 20, count: 2 },
      ],
    })
  })

  it('reads a bucket given in whole seconds, and one bucket covering the window', async () => {
    const seconds = await get(`/api/v1/sensors/sal-1/series?${WINDOW}&bucket=300`)
    expect(seconds.json().bucket).toBe('5m')
    expect(seconds.json().points).toHaveLength(2)
    // A day bucket is the Vietnamese calendar day: 00:00 UTC is 07:00 in Vietnam, inside the day that
    // began at 17:00 UTC the evening before.
    const whole = await get(`/api/v1/sensors/sal-1/series?${WINDOW}&bucket=1d`)
    expect(whole.json().points).toEqual([
      { t: '2025-05-31T17:00:00.000Z', avg: 7.2, min: 1, max: 20, count: 5 },
    ])
  })

  it('accepts date-times with an offset', async () => {
    const res = await get(
      '/api/v1/sensors/sal-1/series?from=2025-06-01T07:00:00%2B07:00&to=2025-06-01T07:05:00%2B07:00&bucket=1h',
    )
    expect(res.json()).toMatchObject({ from: '2025-06-01T00:00:00.000Z', points: [{ count: 3 }] })
  })

  it('defaults to the last 24 hours in buckets that give about 300 points', async () => {
    const before = Date.now()
    const res = await get('/api/v1/sensors/sal-1/series')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.bucket).toBe('5m')
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(24 * 3600 * 1000)
    expect(Date.parse(body.to)).toBeGreaterThanOrEqual(before - 1000)
    expect(body.points).toEqual([])
  })

  it('picks the bucket from the span when only from and to are given', async () => {
    const week = await get('/api/v1/sensors/sal-1/series?from=2025-06-01T00:00:00Z&to=2025-06-08T00:00:00Z')
    expect(week.json().bucket).toBe('30m')
    const year = await get('/api/v1/sensors/sal-1/series?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')
    expect(year.json().bucket).toBe('1d')
  })

  it('needs ?metric= for a sensor with several metrics and serves each of them', async () => {
    const ambiguous = await get(`/api/v1/sensors/multi-1/series?${WINDOW}`)
    expect(ambiguous.statusCode).toBe(400)
    expect(ambiguous.json().message).toMatch(/several metrics \(ph, temperature\)/)
    const ph = await get(`/api/v1/sensors/multi-1/series?${WINDOW}&metric=ph&bucket=10m`)
    expect(ph.json()).toMatchObject({ metric: 'ph', unit: 'pH', points: [{ avg: 7.5, count: 1 }] })
  })

  it('404 for an unknown sensor and for a metric the sensor does not report', async () => {
    const unknown = await get(`/api/v1/sensors/nobody/series?${WINDOW}`)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual({ error: 'Not Found', message: 'unknown sensor "nobody"' })
    const missing = await get(`/api/v1/sensors/sal-1/series?${WINDOW}&metric=ph`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().message).toMatch(/has no metric "ph"; it reports salinity/)
  })

  it.each([
    ['metric=lux', /unknown metric "lux"/],
    ['metric=ph&metric=salinity', /querystring\/metric must be string/],
    ['from=yesterday', /querystring\/from must match format "date-time"/],
    ['to=2025-13-01T00:00:00Z', /querystring\/to must match format "date-time"/],
    ['from=2025-06-01', /querystring\/from must match format "date-time"/],
    ['from=2016-12-31T23:59:60Z&to=2017-01-01T00:00:00Z', /from "2016-12-31T23:59:60Z" is not an ISO 8601/],
    ['from=0001-01-01T00:00:00Z&to=2025-01-01T00:00:00Z', /from must lie between the years 2000 and 2099/],
    ['from=2025-06-01T00:00:00Z&to=9999-12-31T23:00:00-05:00', /to must lie between the years 2000 and 2099/],
    ['from=2025-06-02T00:00:00Z&to=2025-06-01T00:00:00Z', /must be before to/],
    ['from=2025-06-01T00:00:00Z&to=2025-06-01T00:00:00Z', /must be before to/],
    ['to=2025-06-01T00:00:00Z&from=2025-06-01T00:00:00.001Z', /must be before to/],
    ['bucket=0', /at least 1 second/],
    ['bucket=0s', /at least 1 second/],
    ['bucket=-5m', /bucket must be a duration/],
    ['bucket=1.5h', /bucket must be a duration/],
    ['bucket=5 minutes', /bucket must be a duration/],
    ['bucket=', /bucket must be a duration/],
    ['bucket=9999999999999', /bucket must be a duration/],
    ['bucket=999999999999d', /at most 10000d/],
    ['bucket=99999999999', /at most 10000d/],
    ['bucket=1s', /86400 buckets; at most 10000 are allowed, so use a bucket of at least 9s/],
    [`${WINDOW.replace('00:10:00', '00:00:00')}`, /must be before to/],
  ])('400 for %s', async (query, message) => {
    const res = await get(`/api/v1/sensors/sal-1/series?${query.replace(/ /g, '%20')}`)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: 'Bad Request', message: expect.stringMatching(message) })
  })

  it('400 for a sensor id that is too long to be one', async () => {
    const res = await get(`/api/v1/sensors/${'s'.repeat(65)}/series`)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/params\/sensorId/)
  })
})

describe('series from the rollups', () => {
  const FROM = Date.parse('2025-07-01T03:00:00Z')
  const TO = Date.parse('2025-07-09T11:00:00Z')
  // Cut windows (the ends come from readings), windows on whole hours and days, and buckets of several
  // hours and days that regroup rollup rows; the last two are not whole hours, so readings answer them.
  const QUERIES = [
    ['2025-07-01T03:20:00Z', '2025-07-09T10:50:00Z', '1h', 'hourly'],
    ['2025-07-01T03:20:00Z', '2025-07-09T10:50:00Z', '6h', 'hourly'],
    ['2025-07-01T03:20:00Z', '2025-07-09T10:50:00Z', '1d', 'daily'],
    ['2025-07-01T17:00:00Z', '2025-07-08T17:00:00Z', '1d', 'daily'],
    ['2025-06-30T17:00:00Z', '2025-07-14T17:00:00Z', '7d', 'daily'],
    ['2025-07-02T00:00:00Z', '2025-07-02T06:00:00Z', '1h', 'hourly'],
    ['2025-07-02T00:10:00Z', '2025-07-02T00:50:00Z', '1h', 'raw'],
    ['2025-07-02T00:00:00Z', '2025-07-03T00:00:00Z', '30m', 'raw'],
    ['2025-07-02T00:00:00Z', '2025-07-03T00:00:00Z', '5400', 'raw'],
  ] as const
  const url = (sensorId: string, metric: string, [from, to, bucket]: readonly string[]) =>
    `/api/v1/sensors/${sensorId}/series?metric=${metric}&from=${from}&to=${to}&bucket=${bucket}`

  beforeAll(async () => {
    await provisionGateway(api.test.db, { id: 'gw-roll', zone: api.zone, sensors: [...CHANNELS] })
    await store(api.test.db, makeReadings(FROM, TO))
  })

  it('answers from readings until the rollups job has run, then from the rollups with the same points', async () => {
    const before: unknown[] = []
    for (const c of CHANNELS) {
      for (const q of QUERIES) {
        const res = await get(url(c.sensorId, c.metric, q))
        expect(res.statusCode).toBe(200)
        expect(res.json().source).toBe('raw')
        expect(res.json().points.length).toBeGreaterThan(0)
        before.push(res.json().points)
      }
    }
    const admin = await api.auth({ role: 'admin' })
    const run = await api.app.inject({ method: 'POST', url: '/api/v1/jobs/rollups/run', headers: admin })
    expect(run.json()).toMatchObject({ job: 'rollups', status: 'ok' })
    let i = 0
    for (const c of CHANNELS) {
      for (const q of QUERIES) {
        const body = (await get(url(c.sensorId, c.metric, q))).json()
        expect(body.source, `${c.sensorId}:${c.metric} ${q.join(' ')}`).toBe(q[3])
        expect(body.points, `${c.sensorId}:${c.metric} ${q.join(' ')}`).toEqual(before[i++])
      }
    }
  })

  it('regroups rollup rows into buckets of several days: counts summed, min of minima, max of maxima', async () => {
    const body = (await get(url('gw-roll-s1', 'salinity', QUERIES[4]))).json()
    expect(body.points.map((p: { t: string }) => p.t)).toEqual([
      '2025-06-29T17:00:00.000Z', // weeks start on Monday, Vietnamese midnight
      '2025-07-06T17:00:00.000Z',
    ])
    const days = (
      await get(url('gw-roll-s1', 'salinity', ['2025-06-29T17:00:00Z', '2025-07-13T17:00:00Z', '1d']))
    )
      .json()
      .points.filter((p: { t: string }) => p.t < '2025-07-06T17:00:00.000Z')
    const week = body.points[0]
    const count = days.reduce((n: number, d: { count: number }) => n + d.count, 0)
    expect(week.count).toBe(count)
    expect(week.min).toBe(Math.min(...days.map((d: { min: number }) => d.min)))
    expect(week.max).toBe(Math.max(...days.map((d: { max: number }) => d.max)))
    const sum = days.reduce((s: number, d: { avg: number; count: number }) => s + d.avg * d.count, 0)
    // Means are served to the metric's precision (2 decimals here), so the week's mean and the one made
    // from the rounded daily means differ by at most a rounding on each side.
    expect(Math.abs(week.avg - sum / count)).toBeLessThanOrEqual(0.01)
    for (const p of [week, ...days]) expect(Math.round(p.avg * 100) / 100).toBe(p.avg)
  })
})
