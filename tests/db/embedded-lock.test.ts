import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseInUseError, openDatabase } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'

describe('embedded database on disk', () => {
  it('persists across reopen, refuses a second holder, and takes over a stale lock', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'zt-lock-'))
    try {
      const first = await openDatabase({ dataDir })
      await first.db.query(`insert into cooperatives (id, name) values ('htx-persist', 'HTX Bền vững')`)
      await expect(openDatabase({ dataDir, migrate: false })).rejects.toBeInstanceOf(DatabaseInUseError)
      await first.db.close()

      // A lock left by a process that died (pid that cannot exist) must not lock the user out.
      await writeFile(join(dataDir, 'db', 'embedded-db.lock'), '999999999')
      const second = await openDatabase({ dataDir })
      expect(await second.db.query(`select name from cooperatives where id = 'htx-persist'`)).toEqual([
        { name: 'HTX Bền vững' },
      ])
      await second.db.close()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
