// Fault injected: one scan in a group that the database refuses for its data (a NUL in a region or a serial,
// a latitude float4 cannot hold), handed straight to the resolver's group writer.
// Must survive: every other scan of the group is recorded and answered with its tally, the bad one is
// recorded in its safe form (texts escaped, coordinates dropped), later groups are written, and
// zonetrace_writer_rows_isolated_total{writer="scans"} counts it.
import { ScanWriter } from '@zonetrace/api'
import { type Database, isolationCounts, type ScanInput } from '@zonetrace/db'
import { register } from 'prom-client'
import { beforeAll, describe, expect, it } from 'vitest'
import { metricValue } from '../broker/metrics-text.ts'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedTraceRegistry } from '../helpers/trace-fixtures.ts'

const testDb = sharedFixture(getTestDB)
let db: Database
beforeAll(async () => {
  db = testDb.db
  await seedTraceRegistry(db)
  for (const serial of ['SI-1', 'SI-2', 'SI-3', 'SI-4']) {
    await db.query(`insert into label_serials (serial, lot_id, kid) values ($1, 'HT2610A', 'test-kid')`, [
      serial,
    ])
  }
})

const scan = (serial: string, fields: Partial<ScanInput> = {}): ScanInput => ({
  serial,
  lotId: 'HT2610A',
  lat: 9.9,
  lon: 106.3,
  region: 'VN-TV',
  uaHash: '0123456789abcdef',
  verdict: 'verified',
  ...fields,
})

const scansOf = (serial: string) =>
  db.query<{ region: string | null; lat: number | null }>(
    'select region, lat from label_scans where serial = $1 order by id',
    [serial],
  )

describe(`scan group writer with a scan the database refuses (${backendName})`, () => {
  it('records and answers every other scan of the group, and the bad one in its safe form', async () => {
    const writer = new ScanWriter(db, { maxScans: 100, maxKmh: 1000, minKm: 30 })
    const before = isolationCounts().get('scans')?.isolated ?? 0
    // The first scan is written at once; the next ones form one group while it commits.
    const results = await Promise.allSettled([
      writer.record(scan('SI-1')),
      writer.record(scan('SI-1')),
      writer.record(scan('SI-2', { region: 'VN\u0000secret' })),
      writer.record(scan('SI-3', { lat: 1e39 })),
      writer.record(scan('SI-1')),
    ])
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ])
    const counts = results.map((r) => (r as PromiseFulfilledResult<{ count: number }>).value.count)
    expect(counts).toEqual([1, 2, 1, 1, 3])
    expect(await scansOf('SI-1')).toHaveLength(3)
    expect(await scansOf('SI-2')).toEqual([{ region: 'VN\\u0000secret', lat: expect.any(Number) }])
    expect(await scansOf('SI-3')).toEqual([{ region: 'VN-TV', lat: null }])
    expect((isolationCounts().get('scans')?.isolated ?? 0) - before).toBe(2)
    expect(
      metricValue(await register.metrics(), 'zonetrace_writer_rows_isolated_total', { writer: 'scans' }),
    ).toBe(isolationCounts().get('scans')?.isolated)

    // Later groups are written as usual.
    const later = await Promise.all([writer.record(scan('SI-4')), writer.record(scan('SI-4'))])
    expect(later.map((s) => s.count)).toEqual([1, 2])
  })
})
