// GET /metrics (README § HTTP API): Prometheus text. With a broker in the same process (the demo) it is
// the broker's registry; an API alone serves the Node process metrics.
import { rm } from 'node:fs/promises'
import { type AuthKeys, buildApp, loadOrCreateAuthKeys } from '@zonetrace/api'
import { type GatewayCredentials, loadConfig } from '@zonetrace/contracts'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  connectGateway,
  provisionTestGateway,
  readingsTopic,
  sensorOf,
  startTestBroker,
  type TestBroker,
} from '../broker/harness.ts'
import { metricValue } from '../broker/metrics-text.ts'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'
import { makeDataDir } from './harness.ts'

const testDb = sharedFixture(getTestDB)
let dataDir: string
let keys: AuthKeys
let b: TestBroker
let gw: GatewayCredentials
let withBroker: FastifyInstance
let alone: FastifyInstance

beforeAll(async () => {
  dataDir = await makeDataDir()
  keys = await loadOrCreateAuthKeys(dataDir)
  gw = await provisionTestGateway(testDb.db, await seedZone(testDb.db))
  b = await startTestBroker(testDb.db)
  const base = {
    db: testDb.db,
    capabilities: testDb.capabilities,
    config: loadConfig({ DATA_DIR: dataDir }),
    keys,
  }
  withBroker = await buildApp({ ...base, metrics: b.broker.metrics })
  alone = await buildApp(base)
})
afterAll(async () => {
  await withBroker?.close()
  await alone?.close()
  await b?.broker.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function scrape(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ url: '/metrics' })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8')
  return res.body
}

describe(`GET /metrics (${backendName})`, () => {
  it("serves the broker's metrics and the process metrics, without a token", async () => {
    const text = await scrape(withBroker)
    for (const name of [
      'zonetrace_connected_gateways',
      'zonetrace_mqtt_messages_in_total',
      'zonetrace_readings_committed_total',
      'zonetrace_commit_batch_rows',
      'zonetrace_commit_duration_seconds',
      'zonetrace_dead_letters_total',
      'zonetrace_db_errors_total',
      'zonetrace_acl_refusals_total',
      'zonetrace_connects_refused_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `)
    }
    expect(text).toContain('# TYPE process_resident_memory_bytes gauge')
  })

  it('shows a published pack in the readings-committed counter', async () => {
    const before = metricValue(await scrape(withBroker), 'zonetrace_readings_committed_total')
    const client = await connectGateway(`mqtt://127.0.0.1:${b.broker.port}`, gw)
    const at = Math.floor(Date.now() / 1000) - 10
    const pack = JSON.stringify([
      { bn: `${sensorOf(gw)}:`, bt: at },
      { n: 'salinity', v: 1.5 },
    ])
    await client.publishAsync(readingsTopic(gw), pack, { qos: 1 })
    await client.endAsync()
    const after = metricValue(await scrape(withBroker), 'zonetrace_readings_committed_total')
    expect(after - before).toBe(1)
  })

  it('serves the process metrics and its own writers alone when no broker shares the process', async () => {
    const text = await scrape(alone)
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter')
    // The resolver's scan writer counts rows it had to isolate (db/src/isolate-rows.ts); nothing of the broker.
    expect(text).toContain('# TYPE zonetrace_writer_rows_isolated_total counter')
    expect(text).not.toMatch(/zonetrace_(?!writer_rows_(isolated|dropped)_total)/)
  })

  it('stays out of the OpenAPI document', async () => {
    const doc = (await withBroker.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths)).not.toContain('/metrics')
  })
})
