import { readFileSync } from 'node:fs'
import { applyStoragePolicies, detectCapabilities, migrate } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'

const testDb = sharedFixture(getTestDB)

describe(`migrations on the ${backendName} backend`, () => {
  it('creates every table and makes readings a hypertable', async () => {
    const tables = await testDb.db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    )
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'admin_unit_successions',
        'admin_units',
        'cooperatives',
        'dead_letters',
        'gateways',
        'growing_areas',
        'readings',
        'sensors',
      ]),
    )
    const hyper = await testDb.db.query(
      `select 1 from timescaledb_information.hypertables where hypertable_name = 'readings'`,
    )
    expect(hyper).toHaveLength(1)
  })

  it('is idempotent: running again changes nothing and keeps data', async () => {
    await testDb.db.query(`insert into cooperatives (id, name) values ('htx-idem', 'HTX Idempotent')`)
    const before = await testDb.db.query(`select count(*)::int as n from admin_units`)
    await migrate(testDb.db)
    await migrate(testDb.db)
    const after = await testDb.db.query(`select count(*)::int as n from admin_units`)
    expect(after).toEqual(before)
    expect(await testDb.db.query(`select name from cooperatives where id = 'htx-idem'`)).toEqual([
      { name: 'HTX Idempotent' },
    ])
  })

  it('records each migration exactly once', async () => {
    const rows = await testDb.db.query<{ n: number }>(
      `select count(*)::int as n from drizzle.__drizzle_migrations`,
    )
    const journal = JSON.parse(
      readFileSync(new URL('../../db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
    ) as { entries: unknown[] }
    expect(rows[0]?.n).toBe(journal.entries.length)
  })
})

describe(`TimescaleDB licence on the ${backendName} backend`, () => {
  it('detects the licence the server reports', async () => {
    const caps = await detectCapabilities(testDb.db)
    // The embedded engine ships the TSL edition; Debian's server package is the Apache edition.
    expect(caps.licence).toBe(backendName === 'embedded' ? 'timescale' : 'apache')
    expect(caps.compression).toBe(caps.licence === 'timescale')
    expect(caps.continuousAggregates).toBe(caps.licence === 'timescale')
  })

  it('enables compression only when the licence allows it', async () => {
    const rows = await testDb.db.query<{ compression_enabled: boolean }>(
      `select compression_enabled from timescaledb_information.hypertables where hypertable_name = 'readings'`,
    )
    expect(rows[0]?.compression_enabled).toBe(testDb.capabilities.compression)
  })

  it('falls back without throwing when told the licence is apache', async () => {
    const messages: string[] = []
    const applied = await applyStoragePolicies(
      testDb.db,
      { timescaleVersion: 'x', licence: 'apache', compression: false, continuousAggregates: false },
      (m) => messages.push(m),
    )
    expect(applied).toEqual([])
    expect(messages.join('\n')).toMatch(/licence is "apache".*compression is off/)
  })
})
