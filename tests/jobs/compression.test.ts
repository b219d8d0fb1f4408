// The compression job: on the embedded engine (timescale licence, no background workers to run the policy)
// it compresses the readings chunks older than COMPRESS_AFTER_DAYS, and readings stay readable and
// writable; on the Apache server it records that compression is unavailable, which is not a failure.
import { emptyBatch, insertReadings, querySeries } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../api/harness.ts'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'

const DAY = 86_400_000
const now = Date.now()
// At least a day apart where it matters, so the three old readings lie in three one-day chunks whatever
// the time of day the test runs (9 and 8.5 days would share a chunk in the first half of a UTC day).
const AGES = [12, 10, 8.5, 2, 0.5]

const api = sharedFixture(() => startHarness({ JOBS: 'off', COMPRESS_AFTER_DAYS: '7' }))
beforeAll(async () => {
  await insertReadings(api.test.db, batch(AGES.map((a) => now - a * DAY)))
})

function batch(times: number[]) {
  const b = emptyBatch()
  for (const t of times) {
    b.time.push(t)
    b.sensorId.push('s-cmp')
    b.metric.push('ph')
    b.value.push(7 + (t % 1000) / 1000)
    b.quality.push(0)
  }
  return b
}

const compressedChunks = async () =>
  (
    await api.test.db.query<{ n: number }>(
      `select count(*)::int as n from timescaledb_information.chunks
        where hypertable_name = 'readings' and is_compressed`,
    )
  )[0]!.n

const whole = () =>
  querySeries(api.test.db, {
    sensorId: 's-cmp',
    metric: 'ph',
    from: new Date(now - 30 * DAY),
    to: new Date(now + DAY),
    bucketSeconds: 3600,
  })

describe(`compression on the ${backendName} backend`, () => {
  it.runIf(backendName === 'embedded')('compresses the chunks older than the setting, once', async () => {
    const before = await whole()
    const run = await api.app.jobs.run('compression', new Date(now))
    expect(run.status).toBe('ok')
    const detail = run.detail as { available: boolean; compressed: string[]; alreadyCompressed: number }
    // The 12-, 10- and 8.5-day-old readings lie in one-day chunks that ended more than 7 days ago.
    expect(detail).toMatchObject({ available: true, alreadyCompressed: 0 })
    expect(detail.compressed).toHaveLength(3)
    expect(await compressedChunks()).toBe(3)
    expect(await whole()).toEqual(before)
    const again = await api.app.jobs.run('compression', new Date(now))
    expect(again.detail).toEqual({ available: true, compressed: [], alreadyCompressed: 3 })
  })

  it.runIf(backendName === 'embedded')('still stores a late reading into a compressed day', async () => {
    const late = now - 9 * DAY + 60_000
    expect(await insertReadings(api.test.db, batch([late]))).toBe(1)
    expect(await insertReadings(api.test.db, batch([late]))).toBe(0) // redelivery stays a no-op
    expect((await whole()).reduce((n, p) => n + p.count, 0)).toBe(AGES.length + 1)
  })

  it.runIf(backendName === 'server')(
    'records compression as unavailable under the Apache licence',
    async () => {
      const run = await api.app.jobs.run('compression', new Date(now))
      expect(run).toMatchObject({
        status: 'ok',
        error: null,
        detail: {
          available: false,
          reason: `compression needs the timescale licence; this TimescaleDB is "${api.test.capabilities.licence}"`,
        },
      })
      expect(await compressedChunks()).toBe(0)
    },
  )
})
