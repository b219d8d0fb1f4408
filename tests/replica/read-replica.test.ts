// Reads from a streaming replica (DATABASE_READ_URL, api/src/plugins/app/read-db.ts), against the real
// replica that .ci/run starts. Replication lag is made on purpose by pausing replay on the replica
// (pg_wal_replay_pause): what the primary then writes is on the primary only, so an answer tells which
// server gave it. Replay pauses for the whole replica, so every case lives in this one file, in order, and
// replay is resumed whatever happens.
import { emptyBatch, insertReadings, provisionGateway } from '@zonetrace/db'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { metricValue } from '../broker/metrics-text.ts'
import { freePort } from '../helpers/net.ts'
import { until } from '../helpers/wait.ts'
import { lotBody, pathOf } from '../trace/trace-harness.ts'
import { type ReplicaHarness, replicaSkipReason, startReplicaHarness } from './replica-harness.ts'

const skip = replicaSkipReason()
if (skip) console.warn(`skipping the read-replica tests: ${skip}`)

const SENSOR = 'sal-replica'
const FROM = '2026-11-10T00:00:00Z'
const SERIES = `/api/v1/sensors/${SENSOR}/series?from=${FROM}&to=2026-11-10T01:00:00Z&bucket=5m`

describe.skipIf(skip)('reads from a streaming replica', () => {
  let api: ReplicaHarness
  const get = (url: string) => api.app.inject({ url, headers: api.officer })
  const pause = () => api.onReplica('select pg_wal_replay_pause()')
  const resume = () => api.onReplica('select pg_wal_replay_resume()')

  beforeAll(async () => {
    api = await startReplicaHarness()
    await provisionGateway(api.test.db, {
      id: 'gw-replica',
      zone: api.zone,
      sensors: [{ sensorId: SENSOR, metric: 'salinity' }],
    })
    await api.caughtUp()
  })
  // Never leave the replica paused: the next run, and anyone else's, needs it replaying.
  afterEach(async () => {
    await resume()
  })
  afterAll(async () => {
    await api?.close()
  })

  it('answers a staleness-tolerant read from the replica and a read-your-write read from the primary', async () => {
    await pause()
    const lot = await api.post('/api/v1/lots', api.vicosap, lotBody({ id: 'RPL-A1', quantity: 100 }))
    expect(lot.statusCode).toBe(201)

    // The lot page reads the primary: the lot just created is there.
    const page = await api.app.inject({ url: '/api/v1/lots/RPL-A1', headers: api.vicosap })
    expect(page.statusCode).toBe(200)
    expect(page.json()).toMatchObject({ id: 'RPL-A1', quantity: 100 })
    // The lots list reads the replica, which has not replayed the insert yet.
    const listed = async () =>
      (await api.app.inject({ url: '/api/v1/lots', headers: api.vicosap }))
        .json()
        .lots.map((l: { id: string }) => l.id)
    expect(await listed()).not.toContain('RPL-A1')

    // Readings committed on the primary (as a broker would) are not in the series yet either.
    const b = emptyBatch()
    for (const [minute, value] of [
      [1, 4],
      [2, 6],
    ] as const) {
      b.time.push(Date.parse(FROM) + minute * 60_000)
      b.sensorId.push(SENSOR)
      b.metric.push('salinity')
      b.value.push(value)
      b.quality.push(0)
    }
    expect(await insertReadings(api.test.db, b)).toBe(2)
    const series = async () => (await get(SERIES)).json().points as { avg: number }[]
    expect(await series()).toEqual([])

    // Replay resumed, the replica catches up and the same reads see both.
    await resume()
    await until('the lots list to show the new lot', async () => (await listed()).includes('RPL-A1'))
    await until('the series to show the readings', async () => (await series()).length > 0)
    expect((await series())[0]).toMatchObject({ avg: 5 })
  })

  it("names the API's sessions: its reads are on the replica, its writes on the primary", async () => {
    expect((await get('/api/v1/zones')).statusCode).toBe(200)
    const sessions = async (where: 'replica' | 'primary') => {
      const sql = `select application_name as name, count(*)::int as n from pg_stat_activity
                   where datname = $1 and application_name like 'zonetrace-api%' group by 1 order by 1`
      const rows =
        where === 'replica'
          ? await api.onReplica<{ name: string; n: number }>(sql, [api.name])
          : await api.test.db.query<{ name: string; n: number }>(sql, [api.name])
      return rows.map((r) => r.name)
    }
    // The pool keeps its connections open for a while after a read, so they are there to be seen.
    expect(await sessions('replica')).toEqual(['zonetrace-api-read'])
    expect(await sessions('primary')).toEqual(['zonetrace-api'])
  })

  it('issues labels under replication lag, and the label verifies and its lot page shows it', async () => {
    await pause()
    const lot = await api.post('/api/v1/lots', api.vicosap, lotBody({ id: 'RPL-B2', quantity: 50 }))
    expect(lot.statusCode).toBe(201)
    const issued = await api.post('/api/v1/lots/RPL-B2/labels', api.vicosap, { count: 2 })
    expect(issued.statusCode).toBe(201)
    const [label] = issued.json().labels as { serial: string; url: string }[]

    // The resolver checks the signature and the serial on the primary: the label is authentic at once.
    const scanned = await api.app.inject({ url: pathOf(label!.url), headers: { accept: 'application/json' } })
    expect(scanned.statusCode).toBe(200)
    expect(scanned.json()).toMatchObject({ authentic: true, reason: 'authentic', serial: label!.serial })
    // Typing the code finds it too.
    const typed = await api.app.inject({ url: `/check?code=${label!.serial}&lang=en` })
    expect(typed.statusCode).toBe(303)
    // The lot, read back, is the one just labelled.
    const page = await api.app.inject({ url: '/api/v1/lots/RPL-B2', headers: api.vicosap })
    expect(page.json()).toMatchObject({ id: 'RPL-B2', quantity: 50 })
    // And the replica really was behind the whole time.
    expect(await replicaHas(api, 'RPL-B2')).toBe(false)
  })

  it('/health says the replica answers, and how far behind it is', async () => {
    const health = async () => (await api.app.inject({ url: '/health' })).json()
    expect(await health()).toMatchObject({ status: 'ok', db: 'server', readReplica: 'ok' })
    await until('the replica to be caught up', async () => (await health()).readReplicaLag?.bytes === 0)
    expect((await health()).readReplicaLag).toEqual({ bytes: 0, seconds: 0, replayPaused: false })

    await pause()
    await api.test.db.query(`insert into cooperatives (id, name) values ('htx-lag', 'HTX Trễ')`)
    await new Promise((r) => setTimeout(r, 1100))
    const behind = (await health()).readReplicaLag
    expect(behind.replayPaused).toBe(true)
    expect(behind.bytes).toBeGreaterThan(0)
    expect(behind.seconds).toBeGreaterThanOrEqual(1)
    // A scraper reads the same figures from /metrics.
    const scraped = await scrape(api)
    expect(metricValue(scraped, 'zonetrace_read_replica_up')).toBe(1)
    expect(metricValue(scraped, 'zonetrace_read_replica_replay_paused')).toBe(1)
    expect(metricValue(scraped, 'zonetrace_read_replica_lag_bytes')).toBeGreaterThan(0)
    expect(metricValue(scraped, 'zonetrace_read_replica_lag_seconds')).toBeGreaterThanOrEqual(1)

    await resume()
    await until('the lag to clear', async () => (await health()).readReplicaLag?.bytes === 0)
    expect((await health()).readReplicaLag).toMatchObject({ seconds: 0, replayPaused: false })
    // Other files write to this server meanwhile, so the replica may be a few milliseconds behind again.
    const caughtUp = await scrape(api)
    expect(metricValue(caughtUp, 'zonetrace_read_replica_replay_paused')).toBe(0)
    expect(metricValue(caughtUp, 'zonetrace_read_replica_lag_seconds')).toBeLessThan(1)
  })

  it('answers from the primary when the replica cuts its connections mid-run', async () => {
    expect((await get('/api/v1/zones')).statusCode).toBe(200)
    await api.onReplica(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'zonetrace-api-read'`,
    )
    for (const url of ['/api/v1/zones', '/api/v1/gateways', SERIES]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(200)
    }
  })
})

describe.skipIf(skip)('when the replica is down', () => {
  let api: ReplicaHarness

  beforeAll(async () => {
    // Nothing listens on this port: every connection to "the replica" is refused.
    api = await startReplicaHarness(`postgres://postgres@127.0.0.1:${await freePort()}/zonetrace`)
    await provisionGateway(api.test.db, {
      id: 'gw-down',
      zone: api.zone,
      sensors: [{ sensorId: SENSOR, metric: 'salinity' }],
    })
  })
  afterAll(async () => {
    await api?.close()
  })

  it('answers every read route from the primary, never a 500', async () => {
    const lot = await api.post('/api/v1/lots', api.vicosap, lotBody({ id: 'RPL-C3', quantity: 10 }))
    expect(lot.statusCode).toBe(201)
    const routes = [
      '/api/v1/zones',
      '/api/v1/sensors',
      '/api/v1/gateways',
      '/api/v1/alerts',
      `/api/v1/zones/${api.zone}/compliance`,
      `/api/v1/gateways/gw-down/readings/count?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z`,
      SERIES,
      '/open/catalog.jsonld',
      '/open/downloads',
      '/ogc/collections?f=json',
      '/ogc/collections/growing-areas/items?f=json',
      '/ogc/collections/daily-water/items?f=json',
    ]
    for (const url of routes) {
      const res = await api.app.inject({ url, headers: api.officer })
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200)
    }
    // The list shows what the primary has: the lot just created.
    const lots = await api.app.inject({ url: '/api/v1/lots', headers: api.vicosap })
    expect(lots.json().lots.map((l: { id: string }) => l.id)).toContain('RPL-C3')
  })

  it('/health stays 200 and says the replica is down', async () => {
    const res = await api.app.inject({ url: '/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      status: 'ok',
      db: 'server',
      readReplica: 'down',
      readReplicaLag: null,
    })
    expect(api.reads.state()).toBe('down')
    // Unknown lag is NaN, not 0: an alert rule must not read an unreachable replica as caught up.
    const scraped = await scrape(api)
    expect(metricValue(scraped, 'zonetrace_read_replica_up')).toBe(0)
    expect(metricValue(scraped, 'zonetrace_read_replica_lag_bytes')).toBeNaN()
    expect(metricValue(scraped, 'zonetrace_read_replica_lag_seconds')).toBeNaN()
  })
})

async function scrape(api: ReplicaHarness): Promise<string> {
  const res = await api.app.inject({ url: '/metrics' })
  expect(res.statusCode).toBe(200)
  return res.body
}

/** Whether the replica has replayed the lot's row (read straight from the replica, not through the API). */
async function replicaHas(api: ReplicaHarness, lotId: string): Promise<boolean> {
  const { default: pg } = await import('pg')
  const url = new URL(process.env.TEST_REPLICA_URL!)
  url.pathname = `/${api.name}`
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    return (await client.query('select 1 from lots where id = $1', [lotId])).rowCount === 1
  } finally {
    await client.end()
  }
}
