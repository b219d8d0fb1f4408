// Fault injected: one row the database refuses for its data (a NUL in a text, a \u0000 escape jsonb cannot
// hold, a constraint) in a batch of good rows, handed straight to each group writer of the broker, past the
// SenML parser and the other screens that would stop most of them at the edge.
// Must survive: the good rows of the batch and of every later batch are written; the bad row is stored in
// a safe form (texts escaped), dead-lettered (a reading) or dropped alone; nothing is put back to block
// the queue; and zonetrace_writer_rows_isolated_total / _dropped_total count it per writer.
import { createReadingWriter } from '@zonetrace/broker'
import { emptyBatch, isolateRows, type ReadingBatch } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { createDeadLetterWriter, type DeadLetter } from '../../broker/src/ingest/dead-letters.ts'
import { admittedPackOrigin, setPackOrigin } from '../../broker/src/ingest/pack-origin.ts'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { getZonedTestDB } from '../helpers/fixtures.ts'
import { counted, NUL, recordingLog, silent, snapshot } from './row-isolation.ts'

const testDb = sharedFixture(getZonedTestDB)

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
      await testDb.db.query<{ n: number }>('select count(*)::int as n from readings where sensor_id = $1', [
        sensorId,
      ])
    )[0]!.n

  it('commits and acknowledges every other pack and reading of the batch, and dead-letters the bad one', async () => {
    const before = snapshot('readings')
    const { log, lines, raw } = recordingLog()
    const writer = createReadingWriter(testDb.db, log, { maxDelayMs: 30 })
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
    const writer = createReadingWriter(testDb.db, silent, { maxDelayMs: 5 })
    await writer.write(pack('ri-d', `ri-${NUL}`))
    expect(await count('ri-d')).toBe(1)
    expect(counted('readings', before)).toEqual({ isolated: 1, dropped: 1 })
    await writer.close()
  })

  it('stores the dead letter of a refused reading with its pack, record index and SQLSTATE', async () => {
    const deadLetters = createDeadLetterWriter(testDb.db, silent, { flushMs: 60_000 })
    const writer = createReadingWriter(testDb.db, silent, { maxDelayMs: 5 })
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
    const rows = await testDb.db.query<{
      reason: string
      detail: string
      recordIndex: number
      payload: Uint8Array
    }>(
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
    testDb.db.query<{ topic: string; detail: string; payload: Uint8Array; payloadSize: number }>(
      `select topic, detail, payload, payload_size as "payloadSize" from dead_letters
        where gateway_id = $1 order by id`,
      [gatewayId],
    )

  it('writes the others and the bad one with its texts escaped and its payload bytes intact', async () => {
    const before = snapshot('dead_letters')
    const { log, raw } = recordingLog()
    const writer = createDeadLetterWriter(testDb.db, log, { flushMs: 60_000 })
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
    await testDb.db.query(
      `alter table dead_letters add constraint dl_poison_check check (gateway_id <> 'dl-poison')`,
    )
    try {
      const before = snapshot('dead_letters')
      const writer = createDeadLetterWriter(testDb.db, silent, { flushMs: 60_000, maxBatch: 2 })
      writer.add(letter('dl-behind'))
      writer.add(letter('dl-poison'))
      for (let i = 0; i < 4; i++) writer.add(letter('dl-behind'))
      await writer.flush()
      expect(await stored('dl-behind')).toHaveLength(5)
      expect(writer.stats()).toMatchObject({ written: 5, dropped: 1, buffered: 0 })
      expect(counted('dead_letters', before)).toEqual({ isolated: 1, dropped: 1 })
      await writer.close()
    } finally {
      await testDb.db.query('alter table dead_letters drop constraint dl_poison_check')
    }
  })
})
