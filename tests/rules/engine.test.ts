// The alert engine against a real database: alerts as rows, restarts, backfill and offline detection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TEST_ZONE } from '../helpers/fixtures.ts'
import {
  addRule,
  alertRows,
  type EngineHarness,
  eventTypes,
  GATEWAY,
  MIN,
  minutes,
  SENSOR,
  startEngineHarness,
  T0,
} from './engine-harness.ts'

let harness: EngineHarness
beforeEach(async () => {
  harness = await startEngineHarness()
})
afterEach(async () => {
  await harness.close()
})

const doDuration = {
  zone_code: TEST_ZONE,
  metric: 'dissolved_oxygen',
  kind: 'threshold',
  min: 3,
  for_seconds: 600,
  severity: 'critical',
}

describe('streaming evaluation', () => {
  it('opens one alert at the exact data time the duration is reached, and clears it', async () => {
    await addRule(harness.db, doDuration)
    await harness.engine.reload(true)
    await harness.feed(minutes(T0, 5, 4.5))
    await harness.feed(minutes(T0 + 5 * MIN, 8, 2.6))
    expect(await alertRows(harness.db)).toEqual([])
    await harness.feed(minutes(T0 + 13 * MIN, 5, 2.4))
    const [alert] = await alertRows(harness.db)
    expect(alert).toMatchObject({ state: 'active', historical: false, value: 2.4, triggerCount: 1 })
    expect(alert!.openedAt.getTime()).toBe(T0 + 15 * MIN)
    await harness.feed(minutes(T0 + 18 * MIN, 2, 2.1))
    expect((await alertRows(harness.db))[0]!.peakValue).toBe(2.1)
    await harness.feed(minutes(T0 + 20 * MIN, 2, 4.8))
    const [cleared] = await alertRows(harness.db)
    expect(cleared!.state).toBe('cleared')
    expect(cleared!.clearedAt!.getTime()).toBe(T0 + 20 * MIN)
    expect(await eventTypes(harness.db)).toEqual(['opened', 'cleared'])
  })

  it('never lets quality-flagged readings trigger', async () => {
    await addRule(harness.db, { ...doDuration, for_seconds: 0 })
    await harness.engine.reload(true)
    await harness.feed(minutes(T0, 10, 0.5).map(([t, v]) => [t, v, 3]))
    expect(await alertRows(harness.db)).toEqual([])
  })

  it('keeps one open alert per rule and sensor, even when the state was lost', async () => {
    await addRule(harness.db, { ...doDuration, for_seconds: 0 })
    await harness.engine.reload(true)
    await harness.feed(minutes(T0, 2, 2))
    await harness.db.query('delete from rule_states')
    await harness.restart()
    await harness.feed(minutes(T0 + 5 * MIN, 2, 2))
    const rows = await alertRows(harness.db)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.triggerCount).toBe(2)
    expect(await eventTypes(harness.db)).toEqual(['opened', 'retriggered'])
  })
})

describe('restarts', () => {
  it('a restart in the middle of a duration neither loses nor double-counts it', async () => {
    await addRule(harness.db, doDuration)
    await harness.engine.reload(true)
    await harness.feed(minutes(T0, 6, 2.5)) // pending since T0
    await harness.restart()
    await harness.feed(minutes(T0, 6, 2.5)) // the gateway resends what it had not seen acknowledged
    await harness.feed(minutes(T0 + 6 * MIN, 3, 2.5))
    expect(await alertRows(harness.db)).toEqual([])
    await harness.feed(minutes(T0 + 9 * MIN, 2, 2.5))
    const rows = await alertRows(harness.db)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.openedAt.getTime()).toBe(T0 + 10 * MIN)
  })

  it('replays readings committed but not evaluated before the process stopped', async () => {
    await addRule(harness.db, doDuration)
    await harness.engine.reload(true)
    await harness.feed(minutes(T0, 4, 2.5))
    // Minutes 4–11 reach the database, but the process dies before evaluating them.
    const { insertReadings, emptyBatch } = await import('@zonetrace/db')
    const batch = emptyBatch()
    for (const [t, v] of minutes(T0 + 4 * MIN, 8, 2.5)) {
      batch.time.push(t)
      batch.sensorId.push(SENSOR)
      batch.metric.push('dissolved_oxygen')
      batch.value.push(v)
      batch.quality.push(0)
    }
    await insertReadings(harness.db, batch)
    await harness.restart()
    await harness.engine.flush()
    const rows = await alertRows(harness.db)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.openedAt.getTime()).toBe(T0 + 10 * MIN)
  })
})

describe('backfill', () => {
  it('readings arriving hours late give historical alerts only, and page nobody', async () => {
    await addRule(harness.db, doDuration)
    await harness.db.query(`insert into webhooks (url, secret) values ('http://127.0.0.1:9/hook', 'k')`)
    await harness.engine.reload(true)
    const arrival = T0 + 6 * 60 * MIN
    await harness.feed(minutes(T0, 30, 2.5), { arrival })
    await harness.feed(minutes(T0 + 30 * MIN, 10, 5), { arrival })
    const rows = await alertRows(harness.db)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ historical: true, state: 'cleared' })
    expect(rows[0]!.openedAt.getTime()).toBe(T0 + 10 * MIN)
    const [deliveries] = await harness.db.query<{ n: number }>(
      'select count(*)::int as n from webhook_deliveries',
    )
    expect(deliveries!.n).toBe(0)
    // The live track was not disturbed: a live excursion now opens its own, paging alert.
    await harness.feed(minutes(arrival, 11, 2.5))
    const live = (await alertRows(harness.db)).filter((a) => !a.historical)
    expect(live).toHaveLength(1)
    const [paged] = await harness.db.query<{ n: number }>('select count(*)::int as n from webhook_deliveries')
    expect(paged!.n).toBe(1)
  })
})

describe('offline detection', () => {
  /** A rule declaring the gateway offline after 10 silent minutes, loaded, and the gateway heard at T0. */
  async function watchGatewayFromT0(): Promise<void> {
    await addRule(harness.db, {
      gateway_id: GATEWAY,
      kind: 'offline',
      silent_seconds: 600,
      severity: 'major',
    })
    await harness.engine.reload(true)
    await harness.feed(minutes(T0, 1, 5))
  }

  /** Moves the clock to `at` and runs the offline sweep there. */
  async function sweepAt(at: number): Promise<void> {
    harness.clock.now = at
    await harness.engine.sweep()
  }

  /** Another broker heard the gateway at `at`: its presence wrote the gateway's last_seen_at. */
  async function heardByAnotherBrokerAt(at: number): Promise<void> {
    await harness.db.query('update gateways set last_seen_at = $1 where id = $2', [new Date(at), GATEWAY])
  }

  it('fires when a gateway stays silent longer than configured and clears on the next data', async () => {
    await watchGatewayFromT0()
    await sweepAt(T0 + 599_000)
    expect(await alertRows(harness.db)).toEqual([])
    await sweepAt(T0 + 601_000)
    await harness.engine.sweep()
    const [opened] = await alertRows(harness.db)
    expect(opened).toMatchObject({ kind: 'offline', state: 'active', value: null })
    expect(opened!.openedAt.getTime()).toBe(T0 + 600_000)
    await harness.feed([[T0 + 20 * MIN, 5]])
    const [cleared] = await alertRows(harness.db)
    expect(cleared!.state).toBe('cleared')
    expect(cleared!.clearedAt!.getTime()).toBe(T0 + 20 * MIN)
    expect(await eventTypes(harness.db)).toEqual(['opened', 'cleared'])
  })

  it('data arriving while a sweep is due is never overtaken by it', async () => {
    await watchGatewayFromT0()
    harness.clock.now = T0 + 700_000
    // A pack arrives (noted at admission) while its commit is still under way, and the sweep runs.
    const sweep = harness.engine.sweep()
    await harness.feed([[T0 + 700_000, 5]])
    await sweep
    await harness.engine.flush()
    const rows = await alertRows(harness.db)
    // Either the silence was real and is already over, or it was never declared: nothing stays open.
    expect(rows.filter((a) => a.state === 'active')).toEqual([])
  })

  it('a gateway heard by another broker is alive here too, and its offline alert clears', async () => {
    await watchGatewayFromT0()
    await sweepAt(T0 + 15 * MIN)
    expect((await alertRows(harness.db)).map((a) => a.state)).toEqual(['active'])
    // The gateway reconnected to another broker, whose presence wrote its last_seen_at.
    await heardByAnotherBrokerAt(T0 + 14 * MIN)
    await harness.engine.sweep()
    const [cleared] = await alertRows(harness.db)
    expect(cleared!.state).toBe('cleared')
    expect(cleared!.clearedAt!.getTime()).toBe(T0 + 14 * MIN)
    // ...and it is not declared offline again while that broker keeps hearing it.
    harness.clock.now = T0 + 22 * MIN
    await heardByAnotherBrokerAt(T0 + 21 * MIN)
    await harness.engine.sweep()
    expect(await alertRows(harness.db)).toHaveLength(1)
  })

  it('a gateway online on any broker node is alive, however silent; once offline, silent since last seen', async () => {
    await watchGatewayFromT0()
    // Connected to another node (its presence claimed the gateway) and sending nothing for an hour.
    await harness.db.query(`update gateways set online = true, last_seen_at = $1 where id = $2`, [
      new Date(T0 + MIN),
      GATEWAY,
    ])
    await sweepAt(T0 + 60 * MIN)
    expect(await alertRows(harness.db)).toEqual([])
    // Its node was lost: presence took it offline, last seen at the node's last heartbeat.
    await harness.db.query(`update gateways set online = false, last_seen_at = $1 where id = $2`, [
      new Date(T0 + 59 * MIN),
      GATEWAY,
    ])
    await sweepAt(T0 + 69 * MIN)
    expect(await alertRows(harness.db)).toEqual([])
    // Silent from the last moment it was known online (the sweep at T0 + 60 min), not from the start.
    await sweepAt(T0 + 70 * MIN)
    const [opened] = await alertRows(harness.db)
    expect(opened).toMatchObject({ kind: 'offline', state: 'active' })
    expect(opened!.openedAt.getTime()).toBe(T0 + 70 * MIN)
    await harness.db.query(`update gateways set online = true where id = $1`, [GATEWAY])
    await sweepAt(T0 + 71 * MIN)
    expect((await alertRows(harness.db)).map((a) => a.state)).toEqual(['cleared'])
  })

  it('any contact from a gateway (a connect or a status message) is a sign of life for gateway rules', async () => {
    await watchGatewayFromT0()
    await sweepAt(T0 + 15 * MIN)
    harness.engine.seen(GATEWAY, T0 + 16 * MIN)
    await harness.engine.flush()
    const [alert] = await alertRows(harness.db)
    expect(alert!.state).toBe('cleared')
    expect(alert!.clearedAt!.getTime()).toBe(T0 + 16 * MIN)
  })

  it('an offline alert open across a restart still clears on the next data', async () => {
    await watchGatewayFromT0()
    await sweepAt(T0 + 30 * MIN)
    await harness.restart()
    await harness.engine.sweep()
    expect((await alertRows(harness.db)).map((a) => a.state)).toEqual(['active'])
    await harness.feed([[T0 + 31 * MIN, 5]])
    expect((await alertRows(harness.db)).map((a) => a.state)).toEqual(['cleared'])
  })
})
