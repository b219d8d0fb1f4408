// `zonetrace labels` as a user runs it: issued codes verify, files land in the folder, mistakes are refused
// with a message and no stack trace.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { verifyLabelUrl } from '@zonetrace/contracts'
import { openDatabase } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { createLongLot, LONG_BASE, LONG_LOT, TOO_LONG_MESSAGE } from '../helpers/too-long-lot.ts'
import { seedTraceRegistry } from '../helpers/trace-fixtures.ts'
import { createSandbox, runCli } from './cli-harness.ts'

const sandbox = sharedFixture(() => createSandbox({ PUBLIC_BASE_URL: 'https://trace.example.vn' }))

beforeAll(async () => {
  // Seed through the same database the CLI will open, then let go of it (the embedded one is single-owner).
  const { db } = await openDatabase({ databaseUrl: sandbox.env.DATABASE_URL, dataDir: sandbox.dataDir })
  await seedTraceRegistry(db)
  await createLongLot(db)
  await db.close()
}, 120_000)

describe('zonetrace labels', () => {
  it('writes an SVG and a PNG per code and A4 sheets, and every code verifies with the JWKS', {
    timeout: 120_000,
  }, async () => {
    const out = join(sandbox.dataDir, 'labels-out')
    const r = await runCli(['labels', '--lot', 'DS2610A', '--count', '17', '--out', out], sandbox.env)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const summary = JSON.parse(r.stdout)
    expect(summary).toMatchObject({ lot: 'DS2610A', gtin: '08930000000019', count: 17, files: 17 * 2 + 2 })
    const files = await readdir(out)
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(17)
    expect(files.filter((f) => f.startsWith('sheet-'))).toEqual(['sheet-001.svg', 'sheet-002.svg'])
    const sheet = await readFile(join(out, 'sheet-001.svg'), 'utf8')
    expect(sheet).toContain('Dừa sáp sợi')
    expect(sheet).toContain('★★★★★')
    expect(sheet).toContain('VN-TEST-NGOCHO')

    const { openLabelKeyring } = await import('@zonetrace/api')
    const jwks = await openLabelKeyring(sandbox.dataDir).jwks()
    const rows = (await readFile(join(out, 'labels.csv'), 'utf8')).trim().split('\n').slice(1)
    expect(rows).toHaveLength(17)
    for (const row of rows) {
      const [serial, url] = row.split(',') as [string, string]
      expect(files).toContain(`${serial}.svg`)
      expect(url.startsWith('https://trace.example.vn/01/08930000000019/10/DS2610A/21/')).toBe(true)
      expect(verifyLabelUrl(url, jwks).authentic).toBe(true)
    }
  })

  it('refuses an unknown lot, a bad count and a file in place of the folder', {
    timeout: 60_000,
  }, async () => {
    const unknown = await runCli(
      ['labels', '--lot', 'NOPE', '--count', '1', '--out', join(sandbox.dataDir, 'x')],
      sandbox.env,
    )
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('lot NOPE not found')
    expect(unknown.stderr).not.toContain('    at ')
    const zero = await runCli(['labels', '--lot', 'DS2610A', '--count', '0', '--out', 'x'], sandbox.env)
    expect(zero.code).toBe(2)
    const many = await runCli(['labels', '--lot', 'DS2610A', '--count', '10001', '--out', 'x'], sandbox.env)
    expect(many.code).toBe(2)
    expect(many.stderr).toContain('--count must be at most 10000')
    const file = join(sandbox.dataDir, 'demo.json')
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{}'))
    const notDir = await runCli(['labels', '--lot', 'DS2610A', '--count', '1', '--out', file], sandbox.env)
    expect(notDir.code).toBe(1)
    expect(notDir.stderr).toContain('not a directory')
    expect(notDir.stderr).not.toContain('    at ')
  })
  it('refuses a lot whose links would need QR version 11, as the API does, and issues nothing', {
    timeout: 60_000,
  }, async () => {
    const out = join(sandbox.dataDir, 'too-long')
    const r = await runCli(['labels', '--lot', LONG_LOT, '--count', '3', '--out', out], {
      ...sandbox.env,
      PUBLIC_BASE_URL: LONG_BASE,
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`zonetrace labels: ${TOO_LONG_MESSAGE}\n`)
    expect(await readdir(out)).toEqual([])
    const { db } = await openDatabase({ databaseUrl: sandbox.env.DATABASE_URL, dataDir: sandbox.dataDir })
    try {
      const [row] = await db.query<{ n: number }>(
        `select count(*)::int as n from label_serials where lot_id = $1`,
        [LONG_LOT],
      )
      expect(row?.n).toBe(0)
    } finally {
      await db.close()
    }
  })
})
