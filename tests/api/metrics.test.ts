// GET /metrics (README § HTTP API): Prometheus text. With a broker in the same process (the demo) it is
// the broker's registry; an API alone serves the Node process metrics.
import { rm } from 'node:fs/promises'
import { buildApp, loadOrCreateAuthKeys } from '@zonetrace/api'
import { loadConfig } from '@zonetrace/contracts'
import { detectCapabilities } from '@zonetrace/db'
import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { fixtureGateway, sharedBrokerFixture } from '../broker/broker-fixture.ts'
import { readingsTopic, sensorOf } from '../broker/harness.ts'
import { BROKER_METRIC_NAMES, metricValue } from '../broker/metrics-text.ts'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { makeDataDir } from './harness.ts'

const brokerFixture = sharedBrokerFixture({ gateways: 1 })
const gw = fixtureGateway(brokerFixture, 0)

/** Two APIs on the broker's database: one sharing the broker's metrics registry (the demo), one alone. */
const apps = sharedFixture(async () => {
  const dataDir = await makeDataDir()
  const base = {
    db: brokerFixture.db,
    capabilities: await detectCapabilities(brokerFixture.db),
    config: loadConfig({ DATA_DIR: dataDir }),
    keys: await loadOrCreateAuthKeys(dataDir),
  }
  const withBroker = await buildApp({ ...base, metrics: brokerFixture.broker.metrics })
  const alone = await buildApp(base)
  return {
    withBroker,
    alone,
    async close() {
      await withBroker.close()
      await alone.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
})

async function scrape(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ url: '/metrics' })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8')
  return res.body
}

describe(`GET /metrics (${backendName})`, () => {
  it("serves the broker's metrics and the process metrics, without a token", async () => {
    const text = await scrape(apps.withBroker)
    for (const name of BROKER_METRIC_NAMES) expect(text).toContain(`# TYPE ${name} `)
    expect(text).toContain('# TYPE process_resident_memory_bytes gauge')
  })

  it('shows a published pack in the readings-committed counter', async () => {
    const before = metricValue(await scrape(apps.withBroker), 'zonetrace_readings_committed_total')
    const client = await brokerFixture.connect(gw)
    const at = Math.floor(Date.now() / 1000) - 10
    const pack = JSON.stringify([
      { bn: `${sensorOf(gw)}:`, bt: at },
      { n: 'salinity', v: 1.5 },
    ])
    await client.publishAsync(readingsTopic(gw), pack, { qos: 1 })
    await client.endAsync()
    const after = metricValue(await scrape(apps.withBroker), 'zonetrace_readings_committed_total')
    expect(after - before).toBe(1)
  })

  it('serves the process metrics and its own writers alone when no broker shares the process', async () => {
    const text = await scrape(apps.alone)
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter')
    // The resolver's scan writer counts rows it had to isolate (db/src/isolate-rows.ts); nothing of the broker.
    expect(text).toContain('# TYPE zonetrace_writer_rows_isolated_total counter')
    expect(text).not.toMatch(/zonetrace_(?!writer_rows_(isolated|dropped)_total)/)
  })

  it('stays out of the OpenAPI document', async () => {
    const doc = (await apps.withBroker.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths)).not.toContain('/metrics')
  })
})
