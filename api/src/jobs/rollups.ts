import { maintainRollupTables, refreshReadingsRollup } from '@zonetrace/db'
import type { JobDefinition } from './job.ts'

// Continuous aggregates are refreshed here as well as by their policies: the embedded engine has no
// background workers to run the policies. Without them (Apache licence) the job keeps the rollup tables.
export const rollupsJob: JobDefinition = {
  name: 'rollups',
  schedule: '*/15 * * * *',
  lockKey: 7_262_103,
  description: {
    vi: 'Cập nhật số liệu tổng hợp theo giờ và theo ngày',
    en: 'Brings the hourly and daily rollups up to date',
  },
  async run({ db, now }) {
    if (await refreshReadingsRollup(db, now)) {
      // Continuous aggregates track late readings themselves; notes written for the tables are moot here.
      const cleared = await db.query('delete from rollup_invalidations returning id')
      return { mode: 'continuous_aggregate', refreshedAt: now.toISOString(), notesCleared: cleared.length }
    }
    return { mode: 'table', ...(await maintainRollupTables(db, { now })) }
  },
}
