// The drizzle schema (db/src/schema) and the migrations' snapshots must describe the same database: when they
// drift, the next `npm run db:generate` writes a migration that re-creates what an earlier one already made.
// drizzle-kit itself is asked, on a copy of the migrations folder, whether the schema has changes to migrate.
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const run = promisify(execFile)

it('the schema and the migrations agree: drizzle-kit finds nothing to migrate', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'zt-migrations-'))
  try {
    cpSync('db/migrations', copy, { recursive: true })
    const before = readdirSync(copy).sort()
    // drizzle-kit reads --out relative to the working directory, so it is given as one.
    const { stdout } = await run(
      'npx',
      [
        'drizzle-kit',
        'generate',
        '--dialect',
        'postgresql',
        '--schema',
        './db/src/schema/index.ts',
        '--out',
        relative(process.cwd(), copy),
      ],
      { timeout: 60_000 },
    )
    expect(readdirSync(copy).sort(), stdout).toEqual(before)
    expect(stdout).toContain('No schema changes')
  } finally {
    rmSync(copy, { recursive: true, force: true })
  }
}, 90_000)
