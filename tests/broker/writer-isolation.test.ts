// Fault injected: one row the database refuses for its data (a NUL in a text, a \u0000 escape jsonb cannot
// hold, a constraint) in a batch of good rows, handed straight to each group writer of the broker, past the
// SenML parser and the other screens that would stop most of them at the edge.
// Must survive: the good rows of the batch and of every later batch are written; the bad row is stored in
// a safe form (texts escaped), dead-lettered (a reading) or dropped alone; nothing is put back to block
// the queue; and zonetrace_writer_rows_isolated_total / _dropped_total count it per writer.
import { createReadingWriter } from '@zonetrace/broker'
import {
  type Database,
  emptyBatch,
  isolateRows,
  isolationCounts,
  provisionGateway,
  type ReadingBatch,
} from '@zonetrace/db'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeadLetterWriter, type DeadLetter } from '../../broker/src/ingest/dead-letters.ts'
import { admittedPackOrigin, setPackOrigin } from '../../broker/src/ingest/pack-origin.ts'
import { createPresence } from '../../broker/src/presence.ts'
import { type Effects, writeEffects } from '../../broker/src/rules/alert-store.ts'
import { initialState } from '../../broker/src/rules/channel-state.ts'
import { Evaluator, type PendingOutcome, stateKey } from '../../broker/src/rules/evaluator.ts'
import { loadRuleIndex } from '../../broker/src/rules/load.ts'
import { readingKey } from '../../broker/src/rules/rule-index.ts'
import { backendName, getTestDB, type TestDB } from '../helpers/db.ts'
import { seedZone, TEST_ZONE } from '../helpers/fixtures.ts'
import { addRule } from '../rules/engine-harness.ts'

let testDb: TestDB
let db: Database
beforeAll(async () => {
  testDb = await getTestDB()
  db = testDb.db
  await seedZone(db)
})
afterAll(() => testDb?.close())

const NUL = '\u0000'
const silent = pino({ level: 'silent' })

/** A logger that keeps its lines, to check what an isolation logs (and that no value is in it). */
function recordingLog(): { log: pino.Logger; lines: Record<string, unknown>[]; raw: string[] } {
  const lines: Record<string, unknown>[] = []
  const raw: string[] = []
  const log = pino(
    { level: 'debug' },
    {
      write(line: string) {
        raw.push(line)
        lines.push(JSON.parse(line))
      },
    },
  )
  return { log, lines, raw }
}

/** Change of the isolation counters of one writer since `before`. */
function counted(writer: string, before: { isolated: number; dropped: number }) {
  const now = isolationCounts().get(writer) ?? { isolated: 0, dropped: 0 }
  return { isolated: now.isolated - before.isolated, dropped: now.dropped - before.dropped }
}
const snapshot = (writer: string) => ({ ...(isolationCounts().get(writer) ?? { isolated: 0, dropped: 0 }) })

describe(`isolateRows (${backendName})`, () => {
  // A fake statement that refuses any group holding a row marked bad, as PostgreSQL refuses a batch.
  const refusing = (written: string[][]) => async (rows: string[]) => {
    if (rows.some((r) => r.startsWith('bad'))) throw Object.assign(new Error('refused'), { code: '22021' })
    written.push(rows)
  }

  it('writes every good row in order, in few statements, and names the refused ones', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => (i === 137 || i === 804 ? `bad${i}` : `ok${i}`))
    const written: string[][] = []
    const iso = await isolateRows(rows, { cause: { code: '22021' }, write: refusing(written) })
    expect(iso.refused).toEqual(['bad137', 'bad804'])
    expect(iso.refusedCodes).toEqual(['22021', '22021'])
    expect(iso.written).toEqual(rows.filter((r) => r.startsWith('ok')))
    expect(written.flat()).toEqual(iso.written)
    expect(written.length).toBeLessThan(40)
    expect(iso).toMatchObject({ left: [], error: null, codes: ['22021'] })
  })

  it('writes a refused row in its safe form, and drops it alone when that is refused too', async () => {
    const written: string[][] = []
    const iso = await isolateRows(['ok1', 'bad-fixable', 'bad-hopeless', 'ok2'], {
      cause: { code: '22P05' },
      write: refusing(written),
      safeForm: (r) => (r === 'bad-fixable' ? 'ok-fixed' : 'bad-still'),
    })
    expect(iso.safe).toEqual(['bad-fixable'])
    expect(iso.refused).toEqual(['bad-hopeless'])
    expect(written.flat()).toEqual(['ok1', 'ok-fixed', 'ok2'])
  })

  it('stops at an outage and leaves the rows it did not write to the caller', async () => {
    let calls = 0
    const iso = await isolateRows(['ok1', 'bad', 'ok2', 'ok3'], {
      cause: { code: '22021' },
      async write(rows) {
        if (++calls === 3) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
        if (rows.includes('bad')) throw Object.assign(new Error('refused'), { code: '22021' })
      },
    })
    expect(iso.error).toMatchObject({ code: 'ECONNREFUSED' })
    expect([...iso.written, ...iso.refused, ...iso.left].sort()).toEqual(['bad', 'ok1', 'ok2', 'ok3'])
    expect(iso.left.length).toBeGreaterThan(0)
  })
})

describe(`readings writer with a reading the database refuses (${backendName})`, () => {
  let clock = Date.UTC(2026, 2, 1)
  function pack(...sensors: string[]): ReadingBatch {
    const batch = emptyBatch()
    for (const sensorId of sensors) {
      clock += 1000
      batch.time.push(clock)
      batch.sensorId.push(sensorId)
      batch.metric.push('salinity')
      batch.value.push(4.2)
      batch.quality.push(0)
    }
    return batch
  }
  const count = async (sensorId: string) =>
    (
      await db.query<{ n: number }>('select count(*)::int as n from readings where sensor_id = $1', [
        sensorId,
      ])
    )[0]!.n

  it('commits and acknowledges every other pack and reading of the batch, and dead-letters the bad one', async () => {
    const before = snapshot('readings')
    const { log, lines, raw } = recordingLog()
    const writer = createReadingWriter(db, log, { maxDelayMs: 30 })
    const a = pack('ri-a', 'ri-a')
    const b = pack('ri-b', `ri-${NUL}secret`, 'ri-b')
    const c = pack('ri-c')
    const refused: { rows: readonly number[]; sqlstate: string }[] = []
    setPackOrigin(b, { refuse: (rows, sqlstate) => refused.push({ rows: [...rows], sqlstate }) })
    const results = await Promise.allSettled([writer.write(a), writer.write(b), writer.write(c)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled'])
    expect(writer.stats()).toMatchObject({ batches: 1, commitFailures: 0, rowsInserted: 5 })
    expect([await count('ri-a'), await count('ri-b'), await count('ri-c')]).toEqual([2, 2, 1])
    expect(refused).toEqual([{ rows: [1], sqlstate: '22021' }])
    // What follows the commit (alert rules, rollup notes) sees only what was stored.
    expect(b.sensorId).toEqual(['ri-b', 'ri-b'])
    expect(counted('readings', before)).toEqual({ isolated: 1, dropped: 0 })
    const warn = lines.find((l) => l.writer === 'readings')
    expect(warn).toMatchObject({ level: 40, isolated: 1, kept: 1, dropped: 0, sqlstates: ['22021'] })
    expect(raw.join('\n')).not.toContain('secret')

    // Later batches are not held behind it.
    await writer.write(pack('ri-a'))
    expect(await count('ri-a')).toBe(3)
    await writer.close()
  })

  it('drops (and counts) a refused reading whose pack has no origin, and still acknowledges the pack', async () => {
    const before = snapshot('readings')
    const writer = createReadingWriter(db, silent, { maxDelayMs: 5 })
    await writer.write(pack('ri-d', `ri-${NUL}`))
    expect(await count('ri-d')).toBe(1)
    expect(counted('readings', before)).toEqual({ isolated: 1, dropped: 1 })
    await writer.close()
  })

  it('stores the dead letter of a refused reading with its pack, record index and SQLSTATE', async () => {
    const deadLetters = createDeadLetterWriter(db, silent, { flushMs: 60_000 })
    const writer = createReadingWriter(db, silent, { maxDelayMs: 5 })
    const b = pack('ri-e', `ri-e${NUL}`)
    const payload = Buffer.from(
      JSON.stringify([
        { bn: 'ri-e:', bt: b.time[0]! / 1000, n: 'salinity', v: 4.2 },
        { bn: `ri-e${NUL}:`, bt: b.time[1]! / 1000, n: 'salinity', v: 4.2 },
      ]),
    )
    setPackOrigin(b, admittedPackOrigin({ deadLetters }, 'gw-ri-e', payload, [], []))
    await writer.write(b)
    await deadLetters.flush()
    const rows = await db.query<{ reason: string; detail: string; recordIndex: number; payload: Uint8Array }>(
      `select reason, detail, record_index as "recordIndex", payload from dead_letters where gateway_id = $1`,
      ['gw-ri-e'],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ reason: 'invalid_record', recordIndex: 1 })
    expect(rows[0]!.detail).toMatch(/refused by the database \(SQLSTATE 22021\)/)
    expect(Buffer.from(rows[0]!.payload).equals(payload)).toBe(true)
    expect(await count('ri-e')).toBe(1)
    await writer.close()
    await deadLetters.close()
  })
})

describe(`dead-letter writer with a dead letter the database refuses (${backendName})`, () => {
  const letter = (gatewayId: string, fields: Partial<DeadLetter> = {}): DeadLetter => ({
    gatewayId,
    topic: `zt/v1/gw/${gatewayId}/readings`,
    reason: 'invalid_record',
    detail: 'record 0: value is not a finite number',
    recordIndex: 0,
    payload: Buffer.from('[{"n":"x:ph","v":"NaN"}]'),
    ...fields,
  })
  const stored = (gatewayId: string) =>
    db.query<{ topic: string; detail: string; payload: Uint8Array; payloadSize: number }>(
      `select topic, detail, payload, payload_size as "payloadSize" from dead_letters
        where gateway_id = $1 order by id`,
      [gatewayId],
    )

  it('writes the others and the bad one with its texts escaped and its payload bytes intact', async () => {
    const before = snapshot('dead_letters')
    const { log, raw } = recordingLog()
    const writer = createDeadLetterWriter(db, log, { flushMs: 60_000 })
    const rawPayload = Buffer.from([0x5b, 0x00, 0xff, 0xfe, 0x00, 0x5d])
    writer.add(letter('dl-iso'))
    writer.add(
      letter('dl-iso', {
        topic: `zt/v1/gw/dl-iso/readings${NUL}`,
        detail: `record 3: sensor "a${NUL}secret" is not valid`,
        payload: rawPayload,
      }),
    )
    writer.add(letter('dl-iso'))
    await writer.flush()
    const rows = await stored('dl-iso')
    expect(rows).toHaveLength(3)
    expect(rows[1]).toMatchObject({
      topic: 'zt/v1/gw/dl-iso/readings\\u0000',
      detail: 'record 3: sensor "a\\u0000secret" is not valid',
      payloadSize: rawPayload.length,
    })
    expect(Buffer.from(rows[1]!.payload).equals(rawPayload)).toBe(true)
    expect(writer.stats()).toMatchObject({ written: 3, dropped: 0, buffered: 0 })
    expect(counted('dead_letters', before)).toEqual({ isolated: 1, dropped: 0 })
    expect(raw.join('\n')).not.toContain('secret')

    writer.add(letter('dl-iso'))
    await writer.flush()
    expect(await stored('dl-iso')).toHaveLength(4)
    await writer.close()
  })

  it('drops only a dead letter refused in its safe form too, and writes the ones behind it', async () => {
    // An integrity rule the safe form cannot meet: the poisoned row fails whatever its texts.
    await db.query(
      `alter table dead_letters add constraint dl_poison_check check (gateway_id <> 'dl-poison')`,
    )
    try {
      const before = snapshot('dead_letters')
      const writer = createDeadLetterWriter(db, silent, { flushMs: 60_000, maxBatch: 2 })
      writer.add(letter('dl-behind'))
      writer.add(letter('dl-poison'))
      for (let i = 0; i < 4; i++) writer.add(letter('dl-behind'))
      await writer.flush()
      expect(await stored('dl-behind')).toHaveLength(5)
      expect(writer.stats()).toMatchObject({ written: 5, dropped: 1, buffered: 0 })
      expect(counted('dead_letters', before)).toEqual({ isolated: 1, dropped: 1 })
      await writer.close()
    } finally {
      await db.query('alter table dead_letters drop constraint dl_poison_check')
    }
  })
})

describe(`presence with a status the database refuses (${backendName})`, () => {
  const presenceOf = async (id: string) =>
    (
      await db.query<{ online: boolean; lastSeenAt: Date | null; status: Record<string, unknown> | null }>(
        'select online, last_seen_at as "lastSeenAt", status from gateways where id = $1',
        [id],
      )
    )[0]

  it('writes every other gateway, stores the bad status escaped, and keeps writing later updates', async () => {
    for (const id of ['pr-a', 'pr-b', 'pr-c', 'pr-d'])
      await provisionGateway(db, { id, zone: TEST_ZONE, sensors: [] })
    const before = snapshot('presence')
    const { log, raw } = recordingLog()
    const presence = createPresence(db, log, 60_000)
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
    await provisionGateway(db, { id: 'al-gw', zone: TEST_ZONE, sensors: ['dissolved_oxygen'] })
    const ruleId = await addRule(db, {
      zone_code: TEST_ZONE,
      metric: 'dissolved_oxygen',
      kind: 'threshold',
      min: 3,
      for_seconds: 0,
      severity: 'critical',
    })
    const evaluator = new Evaluator(await loadRuleIndex(db), 300)
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
        zone: TEST_ZONE,
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
    const written = await writeEffects(db, evaluator, effects, log)
    expect([...written.opened.keys()]).toEqual([good.key])
    expect(written.events.map((e) => e.type)).toEqual(['opened'])
    const alerts = await db.query<{ channel: string }>('select channel from alerts where rule_id = $1', [
      ruleId,
    ])
    expect(alerts).toEqual([{ channel: 'al-gw-s1' }])
    const states = await db.query<{ channel: string }>('select channel from rule_states where rule_id = $1', [
      ruleId,
    ])
    expect(states).toEqual([{ channel: 'al-gw-s1' }])
    expect(counted('alerts', before)).toEqual({ isolated: 1, dropped: 1 })
    expect(raw.join('\n')).toContain('"writer":"alerts"')
  })
})
