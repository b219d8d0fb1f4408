// Local alarm reports from gateways (zt/v1/gw/{id}/alarms), through the real broker over MQTT: each report is
// stored once however often the spool resends it, a bad one is dead-lettered with its reason and still
// acknowledged on a connection that stays up, and a report is never stored when the database refuses it.
import type { GatewayCredentials } from '@zonetrace/contracts'
import { topics } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { backendName } from '../helpers/db.ts'
import { fixtureGateway, sharedBrokerFixture } from './broker-fixture.ts'
import { sensorOf } from './harness.ts'
import { publishWhileTableParked } from './parked-table.ts'

const fixture = sharedBrokerFixture({
  gateways: 3,
  broker: { ingest: { maxFutureSeconds: 600, maxAgeDays: 30 }, deadLetters: { flushMs: 50 } },
})
const gw = fixtureGateway(fixture, 0)
const other = fixtureGateway(fixture, 1)

const HOUR_MS = 3_600_000

/** A report as the edge agent encodes it (edge-agent/src/alarms/upstream.ts), for a DO probe of `g`. */
function report(g: GatewayCredentials, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'raised',
    ruleId: 'do-below-3',
    sensorId: sensorOf(g, 'dissolved_oxygen'),
    metric: 'dissolved_oxygen',
    value: 1.6,
    threshold: 3,
    severity: 'critical',
    time: new Date(Date.now() - 6 * HOUR_MS).toISOString(),
    label: { vi: 'Oxy hòa tan dưới 3 mg/L', en: 'Dissolved oxygen below 3 mg/L' },
    ...fields,
  }
}

interface StoredAlarm {
  ruleId: string
  kind: string
  value: number
  threshold: number
  severity: string
  time: Date
  receivedAt: Date
  label: { vi: string; en: string }
  reason: string | null
}

function storedAlarms(gatewayId: string): Promise<StoredAlarm[]> {
  return fixture.db.query<StoredAlarm & Record<string, unknown>>(
    `select rule_id as "ruleId", kind, value, threshold, severity, time, received_at as "receivedAt", label,
            reason
       from gateway_alarms where gateway_id = $1 order by time, kind desc`,
    [gatewayId],
  )
}

async function lastDeadLetterId(): Promise<number> {
  const [row] = await fixture.db.query<{ id: number | null }>('select max(id)::int8 as id from dead_letters')
  return row?.id ?? 0
}

/** The alarm dead letters of a gateway after id `after`, oldest first, once `count` are written. */
async function deadLetters(gatewayId: string, count: number, after: number) {
  const read = () =>
    fixture.db.query<{ reason: string; detail: string; topic: string; payload: Uint8Array }>(
      `select reason, detail, topic, payload from dead_letters where gateway_id = $1 and id > $2 order by id`,
      [gatewayId, after],
    )
  await expect.poll(async () => (await read()).length, { timeout: 5000 }).toBe(count)
  return read()
}

describe(`alarm reports (${backendName})`, () => {
  it('stores a raised and a cleared report once each, hours late and however often resent', async () => {
    const raised = report(gw)
    const cleared = report(gw, {
      kind: 'cleared',
      value: 3.4,
      time: new Date(Date.now() - 5 * HOUR_MS).toISOString(),
      reason: 'recovered',
    })
    const client = await fixture.connect(gw)
    for (const r of [raised, raised, cleared, raised]) {
      await client.publishAsync(topics.alarms(gw.gatewayId), JSON.stringify(r), { qos: 1 })
    }
    await client.endAsync()
    // A spool replays after reconnecting: the resend of both is acknowledged and adds nothing.
    const again = await fixture.connect(gw)
    await again.publishAsync(topics.alarms(gw.gatewayId), JSON.stringify(cleared), { qos: 1 })
    await again.publishAsync(topics.alarms(gw.gatewayId), JSON.stringify(raised), { qos: 1 })
    await again.endAsync()

    const rows = await storedAlarms(gw.gatewayId)
    expect(rows.map(({ receivedAt, ...r }) => r)).toEqual([
      {
        ruleId: 'do-below-3',
        kind: 'raised',
        value: 1.6,
        threshold: 3,
        severity: 'critical',
        time: new Date(raised.time as string),
        label: raised.label,
        reason: null,
      },
      {
        ruleId: 'do-below-3',
        kind: 'cleared',
        value: 3.4,
        threshold: 3,
        severity: 'critical',
        time: new Date(cleared.time as string),
        label: cleared.label,
        reason: 'recovered',
      },
    ])
    // Received now, taken hours earlier.
    expect(rows[0]!.receivedAt.getTime()).toBeGreaterThan(Date.now() - 60_000)
    const logged = fixture.logs.filter((l) => l.msg === 'alarm report' && l.gatewayId === gw.gatewayId)
    expect(logged.map((l) => l.stored)).toEqual([true, false, true, false, false, false])
  })

  it('dead-letters a bad report with its reason, acknowledges it and keeps the connection', async () => {
    const g = fixture.gateways[2]!
    const now = Date.now()
    const cases: [payload: string, reason: string, detail: string][] = [
      ['{"kind": "raised"', 'malformed_alarm', 'payload is not valid JSON'],
      [JSON.stringify([report(g)]), 'malformed_alarm', 'alarm report must be a JSON object'],
      [
        JSON.stringify(report(g, { metric: 'unobtainium', severity: 'fatal', ruleId: undefined })),
        'malformed_alarm',
        'ruleId must be a string of 1 to 128 characters; unknown metric "unobtainium"; ' +
          'severity must be one of warning, minor, major, critical',
      ],
      [
        JSON.stringify(report(g, { time: String(now), label: 'low oxygen', value: '1.6' })),
        'malformed_alarm',
        `value must be a number; time "${now}" is not an ISO 8601 date-time; ` +
          'label must be {"vi","en"} strings of at most 500 characters',
      ],
      [
        JSON.stringify(report(g, { reason: 'recovered' })),
        'malformed_alarm',
        'reason is for cleared reports only',
      ],
      [
        JSON.stringify(report(g, { value: 'HUGE' })).replace('"HUGE"', '1e999'),
        'non_finite_value',
        'value is not a finite number',
      ],
      [
        JSON.stringify(report(g, { time: new Date(now + 15 * 60_000).toISOString() })),
        'time_out_of_bounds',
        'is more than 600 s ahead of the broker clock',
      ],
      [
        JSON.stringify(report(g, { time: new Date(now - 31 * 24 * HOUR_MS).toISOString() })),
        'time_out_of_bounds',
        'is more than 30 days old',
      ],
      [
        JSON.stringify(report(g, { sensorId: 'nosuch-s1' })),
        'unknown_sensor',
        'channel nosuch-s1:dissolved_oxygen is not provisioned on this gateway',
      ],
      [
        JSON.stringify(report(g, { metric: 'turbidity' })),
        'unknown_sensor',
        `channel ${sensorOf(g, 'dissolved_oxygen')}:turbidity is not provisioned on this gateway`,
      ],
    ]
    const after = await lastDeadLetterId()
    const client = await fixture.connect(g)
    let closed = false
    client.once('close', () => {
      closed = true
    })
    // publishAsync at QoS 1 resolves on the PUBACK.
    for (const [payload] of cases) await client.publishAsync(topics.alarms(g.gatewayId), payload, { qos: 1 })
    expect(client.connected).toBe(true)
    expect(closed).toBe(false)

    const letters = await deadLetters(g.gatewayId, cases.length, after)
    expect(letters.map((d) => d.reason)).toEqual(cases.map((c) => c[1]))
    letters.forEach((d, i) => {
      expect(d.detail).toContain(cases[i]![2])
      expect(d.topic).toBe(topics.alarms(g.gatewayId))
      expect(Buffer.from(d.payload).toString('utf8')).toBe(cases[i]![0])
    })
    expect(await storedAlarms(g.gatewayId)).toEqual([])

    // Still the same session: a good report right after is stored.
    await client.publishAsync(topics.alarms(g.gatewayId), JSON.stringify(report(g)), { qos: 1 })
    expect(await storedAlarms(g.gatewayId)).toHaveLength(1)
    await client.endAsync()
  })

  it('refuses a report naming a sensor of another gateway and stores it under neither', async () => {
    const after = await lastDeadLetterId()
    const foreignSensor = sensorOf(other, 'dissolved_oxygen')
    const client = await fixture.connect(gw)
    const payload = JSON.stringify(report(gw, { sensorId: foreignSensor, ruleId: 'foreign' }))
    await client.publishAsync(topics.alarms(gw.gatewayId), payload, { qos: 1 })
    expect(client.connected).toBe(true)
    await client.endAsync()

    const [letter] = await deadLetters(gw.gatewayId, 1, after)
    expect(letter).toMatchObject({
      reason: 'foreign_sensor',
      detail: `sensor "${foreignSensor}" is provisioned on gateway "${other.gatewayId}", not on this one`,
    })
    expect((await storedAlarms(gw.gatewayId)).some((a) => a.ruleId === 'foreign')).toBe(false)
    expect(await storedAlarms(other.gatewayId)).toEqual([])
  })

  // Fault injected: the gateway_alarms table is renamed away, so the insert fails with a statement error.
  // Must survive: no PUBACK (the connection is closed instead), and the gateway's own resend after
  // reconnecting is stored once the table is back.
  it('withholds the PUBACK when the database refuses the report, and stores the resend', async () => {
    const client = await fixture.connect(other, { reconnectPeriod: 300 })
    const body = JSON.stringify(report(other, { ruleId: 'during-failure' }))
    const { resend } = await publishWhileTableParked(fixture.db, client, {
      table: 'gateway_alarms',
      topic: topics.alarms(other.gatewayId),
      body,
    })
    expect(
      fixture.logs.some(
        (l) => l.msg === 'alarm report not stored: withholding the PUBACK' && l.gatewayId === other.gatewayId,
      ),
    ).toBe(true)

    await resend
    expect((await storedAlarms(other.gatewayId)).map((a) => a.ruleId)).toEqual(['during-failure'])
    await client.endAsync()
  })
})
