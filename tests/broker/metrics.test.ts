// Prometheus metrics of a broker running alone (issue 3 item 10): /metrics and /health on its own port,
// and counters that move with what the broker actually did.
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { closeOf, readingsTopic, refusalCode, sensorOf } from './harness.ts'
import { BROKER_METRIC_NAMES, metricValue } from './metrics-text.ts'

const fixture = sharedBrokerFixture({ gateways: 1, broker: { metricsPort: 0 } })
const gw = fixtureGateway(fixture, 0)
/** The broker's HTTP listener (metrics and health). */
const metricsBase = () => `http://127.0.0.1:${fixture.broker.metricsPort}`

async function scrape(): Promise<string> {
  const res = await fetch(`${metricsBase()}/metrics`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
  return res.text()
}

function pack(sensorId: string, at: number): string {
  return JSON.stringify([
    { bn: `${sensorId}:`, bt: at },
    { n: 'salinity', u: 'ppt', v: 2.2 },
    { n: 'ph', v: 7.1 },
  ])
}

describe(`broker metrics port (${backendName})`, () => {
  it('serves every zonetrace metric and the Node process metrics', async () => {
    const text = await scrape()
    for (const name of BROKER_METRIC_NAMES) expect(text).toContain(`# TYPE ${name} `)
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter')
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge')
  })

  it('counts a committed pack: messages in, readings, batch size and commit latency', async () => {
    const before = await scrape()
    const client = await fixture.connect(gw)
    expect(metricValue(await scrape(), 'zonetrace_connected_gateways')).toBe(1)
    await client.publishAsync(readingsTopic(gw), pack(sensorOf(gw), Math.floor(Date.now() / 1000) - 30), {
      qos: 1,
    })
    const after = await scrape()
    const delta = (name: string, labels?: Record<string, string>) =>
      metricValue(after, name, labels) - metricValue(before, name, labels)
    expect(delta('zonetrace_readings_committed_total')).toBe(2)
    expect(delta('zonetrace_readings_inserted_total')).toBe(2)
    expect(delta('zonetrace_mqtt_messages_in_total', { kind: 'readings' })).toBe(1)
    expect(delta('zonetrace_commit_batch_rows_count')).toBe(1)
    expect(delta('zonetrace_commit_batch_rows_sum')).toBe(2)
    expect(delta('zonetrace_commit_duration_seconds_count')).toBe(1)
    expect(metricValue(after, 'zonetrace_commit_duration_seconds_sum')).toBeGreaterThan(0)
    await client.endAsync()
  })

  it('counts refused connects and ACL refusals', async () => {
    const before = await scrape()
    expect(await refusalCode(fixture.url, null)).toBe(5)
    const client = await fixture.connect(gw)
    const closed = closeOf(client)
    client.publish('zt/v1/gw/not-mine/readings', '[]', { qos: 1 })
    await closed
    client.end(true)
    const after = await scrape()
    for (const name of ['zonetrace_connects_refused_total', 'zonetrace_acl_refusals_total']) {
      expect(metricValue(after, name) - metricValue(before, name), name).toBe(1)
    }
  })

  it('counts dead letters by reason', async () => {
    const before = await scrape()
    const client = await fixture.connect(gw)
    await client.publishAsync(readingsTopic(gw), 'this is not SenML', { qos: 1 })
    await client.endAsync()
    const after = await scrape()
    const reason = { reason: 'malformed_senml' }
    expect(
      metricValue(after, 'zonetrace_dead_letters_total', reason) -
        metricValue(before, 'zonetrace_dead_letters_total', reason),
    ).toBe(1)
  })

  it('answers /health with the broker state, and 404 elsewhere', async () => {
    const res = await fetch(`${metricsBase()}/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', pendingRows: 0 })
    // The previous tests' gateways have said goodbye; the broker lets go of them a moment later.
    await expect
      .poll(async () => (await fetch(`${metricsBase()}/health`)).json())
      .toEqual({ status: 'ok', database: 'ok', connectedGateways: 0, pendingRows: 0 })
    expect((await fetch(`${metricsBase()}/nothing`)).status).toBe(404)
    expect((await fetch(`${metricsBase()}/metrics`, { method: 'POST' })).status).toBe(405)
  })

  it('serves no metrics port unless asked for one, and frees it on close', async () => {
    const plain = await fixture.startBroker()
    expect(plain.broker.metricsPort).toBeUndefined()
    expect(await plain.broker.metrics.metrics()).toContain('zonetrace_readings_committed_total')
    await plain.broker.close()

    const own = await fixture.startBroker({ metricsPort: 0 })
    const url = `http://127.0.0.1:${own.broker.metricsPort}/metrics`
    expect((await fetch(url)).status).toBe(200)
    await own.broker.close()
    await expect(fetch(url)).rejects.toThrow()
  })
})
