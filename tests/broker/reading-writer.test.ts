import { createReadingWriter } from '@zonetrace/broker'
import { type Database, emptyBatch, type ReadingBatch } from '@zonetrace/db'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB, type TestDB } from '../helpers/db.ts'
import { stallCommits } from './stall-commits.ts'

let testDb: TestDB
beforeAll(async () => {
  testDb = await getTestDB()
})
afterAll(() => testDb?.close())

const log = pino({ level: 'silent' })
let clock = Date.UTC(2026, 0, 1)

/** `n` readings of one probe at distinct times. */
function rows(sensorId: string, n: number): ReadingBatch {
  const batch = emptyBatch()
  for (let i = 0; i < n; i++) {
    clock += 1000
    batch.time.push(clock)
    batch.sensorId.push(sensorId)
    batch.metric.push('salinity')
    batch.value.push(4 + i / 10)
    batch.quality.push(0)
  }
  return batch
}

async function count(sensorId: string): Promise<number> {
  const [r] = await testDb.db.query<{ n: number }>(
    `select count(*)::int as n from readings where sensor_id = $1`,
    [sensorId],
  )
  return r?.n ?? 0
}

describe(`reading writer group commit (${backendName})`, () => {
  it('commits fifty concurrent packs with one insert', async () => {
    const writer = createReadingWriter(testDb.db, log, { maxDelayMs: 20 })
    await Promise.all(Array.from({ length: 50 }, () => writer.write(rows('w-group', 2))))
    expect(writer.stats()).toMatchObject({ batches: 1, rowsInserted: 100, pendingRows: 0 })
    expect(await count('w-group')).toBe(100)
    await writer.close()
  })

  it('never puts more than maxRows in one insert and never splits a pack', async () => {
    const writer = createReadingWriter(testDb.db, log, { maxRows: 10, maxDelayMs: 5 })
    // 3+3+3 | 3+3+3 | 3, then a pack bigger than maxRows on its own.
    await Promise.all(Array.from({ length: 7 }, () => writer.write(rows('w-cap', 3))))
    expect(writer.stats()).toMatchObject({ batches: 3, rowsInserted: 21 })
    await writer.write(rows('w-cap', 25))
    expect(writer.stats()).toMatchObject({ batches: 4, rowsInserted: 46 })
    await writer.close()
  })

  it('resolves a write only once its rows are committed', async () => {
    const writer = createReadingWriter(testDb.db, log, { maxDelayMs: 100 })
    await writer.write(rows('w-commit', 3))
    expect(await count('w-commit')).toBe(3)
    await writer.close()
  })

  it('flushes as soon as maxRows is reached, without waiting for the delay', async () => {
    const writer = createReadingWriter(testDb.db, log, { maxRows: 10, maxDelayMs: 60_000 })
    const started = Date.now()
    await writer.write(rows('w-full', 10))
    expect(Date.now() - started).toBeLessThan(5_000)
    await writer.close()
  })

  it('makes writers wait beyond the pending bound, then commits them all', async () => {
    const writer = createReadingWriter(testDb.db, log, { maxRows: 5, maxDelayMs: 5, maxPendingRows: 10 })
    const writes = Array.from({ length: 20 }, () => writer.write(rows('w-bound', 5)))
    expect(writer.stats().blockedWrites).toBeGreaterThan(0)
    expect(writer.stats().pendingRows).toBeLessThanOrEqual(10)
    let roomGiven = false
    const room = writer.room().then(() => {
      roomGiven = true
    })
    expect(roomGiven).toBe(false)
    await Promise.all(writes)
    await room
    expect(await count('w-bound')).toBe(100)
    expect(writer.stats().blockedWrites).toBe(0)
    await writer.close()
  })

  it('commits what is pending on close and refuses writes afterwards', async () => {
    const writer = createReadingWriter(testDb.db, log, { maxDelayMs: 60_000 })
    const pending = writer.write(rows('w-close', 4))
    await writer.close()
    await pending
    expect(await count('w-close')).toBe(4)
    await expect(writer.write(rows('w-close', 1))).rejects.toThrow(/closed/)
  })

  // Fault injected: the readings table disappears (renamed) while a batch is written.
  // Must survive: every write of that batch is rejected (never reported committed), and the writer keeps
  // working once the table is back.
  it('rejects every write of a failed batch and keeps writing afterwards', async () => {
    const writer = createReadingWriter(testDb.db, log, { maxDelayMs: 20 })
    await testDb.db.query('alter table readings rename to readings_parked')
    try {
      const results = await Promise.allSettled([
        writer.write(rows('w-fail', 2)),
        writer.write(rows('w-fail', 2)),
      ])
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
      expect(writer.stats().commitFailures).toBe(1)
    } finally {
      await testDb.db.query('alter table readings_parked rename to readings')
    }
    await writer.write(rows('w-fail', 2))
    expect(await count('w-fail')).toBe(2)
    await writer.close()
  })
})

describe(`reading writer bounds and observers (${backendName})`, () => {
  // Fault injected: commits stall (another transaction holds a lock on readings) while gateways keep
  // publishing. Must survive: memory stays bounded, since publishes beyond maxWaitingWrites are refused
  // rather than queued (their gateways resend), and everything accepted is committed once the stall ends.
  it('refuses writes beyond maxWaitingWrites while commits stall, then commits the accepted ones', async () => {
    const writer = createReadingWriter(testDb.db, log, {
      maxRows: 5,
      maxDelayMs: 5,
      maxPendingRows: 10,
      maxWaitingWrites: 4,
    })
    const stall = await stallCommits(testDb.db)
    let accepted: Promise<void>[] = []
    try {
      // One pack in flight (stalled) and one queued fill maxPendingRows; four more wait; the next is refused.
      accepted = Array.from({ length: 2 }, () => writer.write(rows('w-waiting', 5)))
      await expect.poll(() => writer.stats().pendingRows).toBe(10)
      accepted.push(...Array.from({ length: 4 }, () => writer.write(rows('w-waiting', 5))))
      expect(writer.stats().blockedWrites).toBe(4)
      await expect(writer.write(rows('w-waiting', 5))).rejects.toThrow(/backlog full/)
      await expect(writer.room()).rejects.toThrow(/backlog full/)
      expect(writer.stats().blockedWrites).toBe(4)
    } finally {
      await stall.release()
    }
    await Promise.all(accepted)
    expect(await count('w-waiting')).toBe(30)
    await writer.write(rows('w-waiting', 5))
    expect(await count('w-waiting')).toBe(35)
    await writer.close()
  })

  it('tells its observers the size and duration of each commit and each failed attempt', async () => {
    const commits: [number, number][] = []
    let dbErrors = 0
    const writer = createReadingWriter(testDb.db, log, {
      maxDelayMs: 20,
      onCommit: (n, ms) => commits.push([n, ms]),
      onDbError: () => dbErrors++,
    })
    await Promise.all([writer.write(rows('w-observe', 3)), writer.write(rows('w-observe', 4))])
    expect(commits).toHaveLength(1)
    expect(commits[0]![0]).toBe(7)
    expect(commits[0]![1]).toBeGreaterThan(0)

    await testDb.db.query('alter table readings rename to readings_parked')
    try {
      await expect(writer.write(rows('w-observe', 1))).rejects.toThrow(/commit failed/)
    } finally {
      await testDb.db.query('alter table readings_parked rename to readings')
    }
    // A statement error is not an outage: counted once, not retried.
    expect(dbErrors).toBe(1)
    expect(writer.stats()).toMatchObject({ dbErrors: 1, commitFailures: 1, retrying: false })
    await writer.close()
  })

  // Fault injected (server backend): the connection of an insert in progress is terminated by the server,
  // as an operator, a failover or a restarting pooler would. Must survive: the write is neither rejected
  // nor acknowledged early; the batch is retried on a new connection and committed once.
  it.skipIf(backendName !== 'server')(
    'retries a batch whose connection the server cut and resolves it once committed',
    async () => {
      const writer = createReadingWriter(testDb.db, log, { maxDelayMs: 5, retryBaseMs: 50, retryMaxMs: 200 })
      const stall = await stallCommits(testDb.db)
      let settled = false
      const write = writer.write(rows('w-retry', 3)).finally(() => {
        settled = true
      })
      try {
        await expect
          .poll(async () => {
            const [r] = await testDb.db.query<{ n: number }>(
              `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'`,
            )
            return r?.n
          })
          .toBeGreaterThan(0)
        await expect.poll(() => writer.stats().retrying).toBe(true)
        expect(settled).toBe(false)
      } finally {
        await stall.release()
      }
      await write
      expect(writer.stats()).toMatchObject({ retrying: false, commitFailures: 0, batches: 1 })
      expect(writer.stats().dbErrors).toBeGreaterThanOrEqual(1)
      expect(await count('w-retry')).toBe(3)
      await writer.close()
    },
  )

  // Fault injected: the first of two concurrent inserts is held back, so the second commits first.
  // Must survive: the second batch is committed meanwhile, yet no write resolves (no PUBACK leaves) until
  // the first one's has, so a gateway still gets its acknowledgements in the order it published.
  it('runs two inserts at once and still acknowledges in arrival order', async () => {
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    // A batch is written by a bare COPY or, when it has good readings for channel_latest, in a transaction:
    // whichever way the first batch goes in, it is the one held.
    let inserts = 0
    const holdFirst = async () => {
      if (inserts++ === 0) await held
    }
    const firstHeld: Database = {
      ...testDb.db,
      copyFrom: async (statement, data) => {
        await holdFirst()
        return testDb.db.copyFrom(statement, data)
      },
      transaction: async (fn) => {
        await holdFirst()
        return testDb.db.transaction(fn)
      },
    }
    const writer = createReadingWriter(firstHeld, log, { maxRows: 4, maxDelayMs: 1, maxInFlight: 2 })
    const order: string[] = []
    const first = writer.write(rows('w-order-a', 4)).then(() => order.push('a'))
    const second = writer.write(rows('w-order-b', 4)).then(() => order.push('b'))
    await expect.poll(() => count('w-order-b')).toBe(4)
    expect(order).toEqual([])
    release()
    await Promise.all([first, second])
    expect(order).toEqual(['a', 'b'])
    expect(writer.stats()).toMatchObject({ batches: 2, rowsInserted: 8 })
    await writer.close()
  })

  it('keeps working when an observer throws', async () => {
    const writer = createReadingWriter(testDb.db, log, {
      onCommit: () => {
        throw new Error('metrics broke')
      },
    })
    await writer.write(rows('w-observer-throws', 2))
    expect(await count('w-observer-throws')).toBe(2)
    await writer.close()
  })
})
