import { compressOldChunks, DAY_MS } from '@zonetrace/db'
import type { JobDefinition } from './job.ts'

// Not a failure where the licence has no compression: the run is recorded with the reason in its detail.
export const compressionJob: JobDefinition = {
  name: 'compression',
  schedule: '37 * * * *',
  lockKey: 7_262_102,
  description: {
    vi: 'Nén các ngày số đo cũ (khi giấy phép TimescaleDB cho phép)',
    en: 'Compresses old days of readings (where the TimescaleDB licence allows)',
  },
  run: ({ db, capabilities, settings, now }) =>
    compressOldChunks(db, capabilities, new Date(now.getTime() - settings.compressAfterDays * DAY_MS)),
}
