// GET /api/v1/gateways/{gatewayId}/readings/count: every stored reading of the gateway's channels in
// [from, to), flagged ones included and counted apart, per channel and in total; officers and admins only;
// an unknown gateway is a 404 and a bad window a 400 that says why, never a 500.
import { Quality } from '@zonetrace/contracts'
import { emptyBatch, insertReadings, provisionGateway } from '@zonetrace/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { type ApiHarness, startHarness } from './harness.ts'

let harness: ApiHarness
let officer: { authorization: string }

const T0 = Date.UTC(2025, 5, 1, 0, 0)
const MIN = 60_000
const iso = (ms: number) => new Date(ms).toISOString()
/** The window every count below uses: one hour from T0. */
const WINDOW = `from=${iso(T0)}&to=${iso(T0 + 60 * MIN)}`

beforeAll(async () => {
  harness = await startHarness()
  const db = harness.test.db
  await provisionGateway(db, {
    id: 'gw-count',
    zone: harness.zone,
    sensors: [
      { sensorId: 'gw-count-s1', metric: 'salinity' },
      { sensorId: 'gw-count-s1', metric: 'ph' },
      { sensorId: 'gw-count-s2', metric: 'dissolved_oxygen' },
    ],
  })
  await provisionGateway(db, { id: 'gw-count-other', zone: harness.zone, sensors: ['salinity'] })
  await provisionGateway(db, { id: 'gw-count-bare', zone: harness.zone, sensors: [] })

  const b = emptyBatch()
  const add = (sensorId: string, metric: string, time: number, quality: number = Quality.good) => {
    b.time.push(time)
    b.sensorId.push(sensorId)
    b.metric.push(metric)
    b.value.push(5)
    b.quality.push(quality)
  }
  // Inside the window: salinity 10 (2 flagged), ph 3 (1 flagged); dissolved oxygen has none.
  for (let i = 0; i < 10; i++)
    add('gw-count-s1', 'salinity', T0 + i * MIN, i < 2 ? Quality.outOfPhysicalRange : 0)
  for (let i = 0; i < 3; i++) add('gw-count-s1', 'ph', T0 + i * MIN, i === 0 ? Quality.clockSuspect : 0)
  // The window's edges: from is inclusive (counted above at T0), to exclusive.
  add('gw-count-s1', 'salinity', T0 + 60 * MIN)
  add('gw-count-s1', 'salinity', T0 - 1)
  // Another gateway's readings in the same window are not this gateway's.
  for (let i = 0; i < 4; i++) add('gw-count-other-s1', 'salinity', T0 + i * MIN)
  await insertReadings(db, b)
  officer = await harness.auth({ role: 'officer' })
})
afterAll(async () => {
  await harness?.close()
})

function count(gatewayId: string, query: string, headers: Record<string, string> = officer) {
  return harness.app.inject({ url: `/api/v1/gateways/${gatewayId}/readings/count?${query}`, headers })
}

describe(`GET /api/v1/gateways/{gatewayId}/readings/count (${backendName})`, () => {
  it("counts the gateway's stored readings in [from, to), flagged ones apart, per channel", async () => {
    const res = await count('gw-count', WINDOW)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({
      gatewayId: 'gw-count',
      from: iso(T0),
      to: iso(T0 + 60 * MIN),
      readings: 13,
      flagged: 3,
      bySensor: [
        { sensorId: 'gw-count-s1', metric: 'ph', readings: 3, flagged: 1 },
        { sensorId: 'gw-count-s1', metric: 'salinity', readings: 10, flagged: 2 },
        { sensorId: 'gw-count-s2', metric: 'dissolved_oxygen', readings: 0, flagged: 0 },
      ],
    })
  })

  it('takes any offset and answers in UTC; a wider window takes in the edge readings', async () => {
    const from = '2025-06-01T06:59:59.999+07:00' // T0 - 1 ms
    const to = '2025-06-01T08:00:00.001+07:00' // just past T0 + 60 min
    const res = await count('gw-count', `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ from: iso(T0 - 1), to: iso(T0 + 60 * MIN + 1), readings: 15 })
  })

  it('answers zeros for a gateway without readings or without channels', async () => {
    const quiet = await count('gw-count-other', `from=${iso(T0 - 120 * MIN)}&to=${iso(T0 - 60 * MIN)}`)
    expect(quiet.json()).toMatchObject({ readings: 0, flagged: 0, bySensor: [{ readings: 0, flagged: 0 }] })
    const bare = await count('gw-count-bare', WINDOW)
    expect(bare.statusCode, bare.body).toBe(200)
    expect(bare.json()).toMatchObject({ gatewayId: 'gw-count-bare', readings: 0, flagged: 0, bySensor: [] })
  })

  it('is for officers and admins: 401 without a token, 403 for a cooperative', async () => {
    expect((await count('gw-count', WINDOW, await harness.auth({ role: 'admin' }))).statusCode).toBe(200)
    expect((await count('gw-count', WINDOW, {})).statusCode).toBe(401)
    const coop = await harness.auth({ role: 'cooperative', cooperativeId: 'htx-test' })
    expect((await count('gw-count', WINDOW, coop)).statusCode).toBe(403)
  })

  it('answers 404 for a gateway that does not exist and 400 for an id that cannot be one', async () => {
    const missing = await count('gw-nobody', WINDOW)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().message).toContain('gw-nobody')
    expect((await count('bad%20id!', WINDOW)).statusCode).toBe(400)
    expect((await count('x'.repeat(65), WINDOW)).statusCode).toBe(400)
  })

  it.each([
    ['no window at all', '', /from|to/],
    ['no to', `from=${iso(T0)}`, /to/],
    ['a from that is not a date-time', `from=yesterday&to=${iso(T0)}`, /from/],
    ['a day without a time', `from=2025-06-01&to=${iso(T0)}`, /from/],
    [
      'a leap second',
      `from=2025-06-30T23:59:60Z&to=2025-07-01T01:00:00Z`,
      /from .*cannot represent|represent/,
    ],
    ['from after to', `from=${iso(T0 + MIN)}&to=${iso(T0)}`, /must be before/],
    ['from equal to to', `from=${iso(T0)}&to=${iso(T0)}`, /must be before/],
    ['a year before 2000', `from=1999-12-31T00:00:00Z&to=${iso(T0)}`, /2000/],
    ['a window over 366 days', `from=2024-01-01T00:00:00Z&to=2025-01-02T00:00:00Z`, /366 days/],
    ['a repeated from', `from=${iso(T0)}&from=${iso(T0)}&to=${iso(T0 + MIN)}`, /from/],
  ])('answers 400 for %s, with a message that says why', async (_what, query, message) => {
    const res = await count('gw-count', query)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().message).toMatch(message)
  })
})
