// Alerts from readings published over MQTT: the broker commits them, the engine evaluates them, and the
// alert is in the database within 5 s of the commit. Rules created while the broker runs are picked up.
import { describe, expect, it } from 'vitest'
import { sharedBrokerFixture } from '../broker/broker-fixture.ts'
import { readingsTopic, sensorOf } from '../broker/harness.ts'
import { until } from '../helpers/wait.ts'
import { addRule } from './engine-harness.ts'

const fixture = sharedBrokerFixture({ broker: { alerts: { lateAfterSeconds: 300, reloadMs: 200 } } })

describe('alerts on ingest', () => {
  it('an alert exists within 5 s of the violating reading being committed', async () => {
    const gw = await fixture.provisionGateway(['dissolved_oxygen'])
    const ruleId = await addRule(fixture.db, {
      zone_code: fixture.zone,
      metric: 'dissolved_oxygen',
      kind: 'threshold',
      min: 3.5,
      severity: 'critical',
    })
    // The rule was written behind the engine's back, as the API does: it reloads within reloadMs.
    await until('the engine to load the rule', () => fixture.broker.alerts!.stats().rules > 0, {
      timeoutMs: 5_000,
    })
    const client = await fixture.connect(gw)
    const now = Math.floor(Date.now() / 1000)
    const pack = [
      { bn: `${sensorOf(gw, 'dissolved_oxygen')}:`, bt: now },
      { n: 'dissolved_oxygen', u: 'mg/L', v: 2.1 },
    ]
    await client.publishAsync(readingsTopic(gw), JSON.stringify(pack), { qos: 1 })
    // The PUBACK came after the commit: the clock for the 5 s starts here.
    const committed = Date.now()
    const alert = await until(
      'an alert 5 s after the commit',
      async () => {
        const [row] = await fixture.db.query<{ id: number; value: number; historical: boolean }>(
          `select id, value, historical from alerts where rule_id = $1`,
          [ruleId],
        )
        return row
      },
      { timeoutMs: 5_000, intervalMs: 25 },
    )
    expect(Date.now() - committed).toBeLessThan(5_000)
    expect(alert).toMatchObject({ value: 2.1, historical: false })
    await client.endAsync()
  })
})
