// `zonetrace labels --layout`: the chosen layout shapes the SVG sheets and labels.pdf, the batch is recorded
// with it (so the API's downloads default to it), and a layout too small to scan is refused before any serial.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openDatabase } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedTraceRegistry } from '../helpers/trace-fixtures.ts'
import { createSandbox, runCli } from './cli-harness.ts'

const sandbox = sharedFixture(() => createSandbox({ PUBLIC_BASE_URL: 'https://trace.example.vn' }))

async function inDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const { db } = await openDatabase({ databaseUrl: sandbox.env.DATABASE_URL, dataDir: sandbox.dataDir })
  try {
    return await fn(db)
  } finally {
    await db.close()
  }
}

beforeAll(async () => {
  await inDb(seedTraceRegistry)
}, 120_000)

describe('zonetrace labels --layout', () => {
  it('writes a roll layout, one label a page, and the PDF, and records the batch with it', {
    timeout: 120_000,
  }, async () => {
    const out = join(sandbox.dataDir, 'roll')
    const r = await runCli(
      ['labels', '--lot', 'DS2610A', '--count', '3', '--out', out, '--layout', 'roll-62'],
      sandbox.env,
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const summary = JSON.parse(r.stdout)
    expect(summary).toMatchObject({ lot: 'DS2610A', count: 3, layout: 'roll-62', files: 3 * 2 + 3 })
    expect(summary.batchId).toMatch(/^[0-9a-f-]{36}$/)
    const files = await readdir(out)
    expect(files.filter((f) => f.startsWith('sheet-'))).toEqual([
      'sheet-001.svg',
      'sheet-002.svg',
      'sheet-003.svg',
    ])
    expect(files).toEqual(expect.arrayContaining(['labels.pdf', 'labels.csv']))
    expect(await readFile(join(out, 'sheet-001.svg'), 'utf8')).toContain('width="62mm"')
    const pdf = await readFile(join(out, 'labels.pdf'))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3)
    const rows = await inDb((db) =>
      db.query<{ layout: string; count: number; n: number }>(
        `select b.layout, b.count, (select count(*)::int from label_serials s where s.batch_id = b.id) as n
           from label_batches b where b.id = $1`,
        [summary.batchId],
      ),
    )
    expect(rows).toEqual([{ layout: 'roll-62', count: 3, n: 3 }])
  })

  it('refuses a layout too small to scan, or unknown, before issuing anything', {
    timeout: 60_000,
  }, async () => {
    const before = await inDb((db) => db.query<{ n: number }>('select count(*)::int as n from label_serials'))
    const small = await runCli(
      [
        'labels',
        '--lot',
        'DS2610A',
        '--count',
        '1',
        '--out',
        join(sandbox.dataDir, 'x'),
        '--layout',
        'a4-6x12',
      ],
      sandbox.env,
    )
    expect(small.code).toBe(2)
    expect(small.stderr).toMatch(/a4-6x12" is refused.*0\.33 mm/)
    const unknown = await runCli(
      ['labels', '--lot', 'DS2610A', '--count', '1', '--out', join(sandbox.dataDir, 'x'), '--layout', 'a5'],
      sandbox.env,
    )
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown label layout "a5"')
    const after = await inDb((db) => db.query<{ n: number }>('select count(*)::int as n from label_serials'))
    expect(after).toEqual(before)
  })
})
