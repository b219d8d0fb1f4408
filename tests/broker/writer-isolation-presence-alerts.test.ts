// Fault injected (as in writer-isolation.test.ts): one row the database refuses for its data, handed
// straight to the broker's presence and alert-store writers among good ones.
// Must survive: the other gateways' presence and the other alert keys are written; the bad status is stored
// escaped and the bad alert dropped alone; the writer's isolation counters count it and the log holds no value.
import { provisionGateway } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { createPresence } from '../../broker/src/presence.ts'
import { type Effects, writeEffects } from '../../broker/src/rules/alert-store.ts'
import { initialState } from '../../broker/src/rules/channel-state.ts'
import { Evaluator, type PendingOutcome, stateKey } from '../../broker/src/rules/evaluator.ts'
import { loadRuleIndex } from '../../broker/src/rules/load.ts'
import { readingKey } from '../../broker/src/rules/rule-index.ts'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { getZonedTestDB } from '../helpers/fixtures.ts'
import { addRule } from '../rules/engine-harness.ts'
import { counted, NUL, recordingLog, snapshot } from './row-isolation.ts'

const testDb = sharedFixture(getZonedTestDB)

describe(`presence with a status the database refuses (${backendName})`, () => {
  const presenceOf = async (id: string) =>
    (
      await testDb.db.query<{
        online: boolean
        lastSeenAt: Date | null
        status: Record<string, unknown> | null
      }>('select online, last_seen_at as "lastSeenAt", status from gateways where id = $1', [id])
    )[0]

  it('writes every other gateway, stores the bad status escaped, and keeps writing later updates', async () => {
    for (const id of ['pr-a', 'pr-b', 'pr-c', 'pr-d'])
      await provisionGateway(testDb.db, { id, zone: testDb.zone, sensors: [] })
    const before = snapshot('presence')
    const { log, raw } = recordingLog()
    const presence = createPresence(testDb.db, log, 60_000)
    const t0 = new Date(Date.UTC(2026, 2, 2, 1))
    for (const id of ['pr-a', 'pr-b', 'pr-c', 'pr-d']) presence.seen(id, t0)
    presence.status('pr-a', null, { state: 'online', note: `a${NUL}secret` })
    presence.status('pr-c', null, { state: 'online', 'x\ud800': 'lone \udc00 surrogate' })
    // Far deeper than PGlite's stack takes in jsonb: flattened before it reaches a statement.
    let deep: unknown = 1
    for (let i = 0; i < 2000; i++) deep = [deep]
    presence.status('pr-d', null, { state: 'online', deep })
    await presence.flush()

    expect(await presenceOf('pr-b')).toMatchObject({ lastSeenAt: t0 })
    expect(await presenceOf('pr-a')).toMatchObject({
      lastSeenAt: t0,
      status: { state: 'online', note: 'a\\u0000secret' },
    })
    expect(await presenceOf('pr-c')).toMatchObject({
      status: { state: 'online', 'x\\ud800': 'lone \\udc00 surrogate' },
    })
    expect(JSON.stringify((await presenceOf('pr-d'))?.status)).toContain('[too deep]')
    expect(counted('presence', before)).toEqual({ isolated: 2, dropped: 0 })
    expect(raw.join('\n')).not.toContain('secret')

    const t1 = new Date(t0.getTime() + 60_000)
    presence.seen('pr-b', t1)
    presence.status('pr-a', null, { state: 'online', note: `again${NUL}` })
    await presence.flush()
    expect(await presenceOf('pr-b')).toMatchObject({ lastSeenAt: t1 })
    await presence.close()
  })
})

describe(`alert store with an alert the database refuses (${backendName})`, () => {
  it('writes the other keys in one go and drops only the refused one', async () => {
    await provisionGateway(testDb.db, { id: 'al-gw', zone: testDb.zone, sensors: ['dissolved_oxygen'] })
    const ruleId = await addRule(testDb.db, {
      zone_code: testDb.zone,
      metric: 'dissolved_oxygen',
      kind: 'threshold',
      min: 3,
      for_seconds: 0,
      severity: 'critical',
    })
    const evaluator = new Evaluator(await loadRuleIndex(testDb.db), 300)
    const rule = evaluator.index.readings.get(readingKey('al-gw-s1', 'dissolved_oxygen'))!.rules[0]!
    const time = Date.UTC(2026, 2, 3)
    const outcome = (channel: string): PendingOutcome => ({
      key: stateKey('live', ruleId, channel),
      track: 'live',
      rule,
      place: {
        channel,
        sensorId: 'al-gw-s1',
        gatewayId: 'al-gw',
        zone: testDb.zone,
        metric: 'dissolved_oxygen',
      },
      outcome: { type: 'opened', time, value: 2, threshold: 3 },
      alertId: null,
    })
    const good = outcome('al-gw-s1')
    const bad = outcome(`al-gw-s1${NUL}`)
    for (const o of [good, bad]) evaluator.states.set(o.key, { ...initialState(), phase: 'active' })
    const effects: Effects = {
      outcomes: [bad, good],
      dirty: new Set([bad.key, good.key]),
      touched: new Map(),
    }

    const before = snapshot('alerts')
    const { log, raw } = recordingLog()
    const written = await writeEffects(testDb.db, evaluator, effects, log)
    expect([...written.opened.keys()]).toEqual([good.key])
    expect(written.events.map((e) => e.type)).toEqual(['opened'])
    const alerts = await testDb.db.query<{ channel: string }>(
      'select channel from alerts where rule_id = $1',
      [ruleId],
    )
    expect(alerts).toEqual([{ channel: 'al-gw-s1' }])
    const states = await testDb.db.query<{ channel: string }>(
      'select channel from rule_states where rule_id = $1',
      [ruleId],
    )
    expect(states).toEqual([{ channel: 'al-gw-s1' }])
    expect(counted('alerts', before)).toEqual({ isolated: 1, dropped: 1 })
    expect(raw.join('\n')).toContain('"writer":"alerts"')
  })
})
