// Every scheduled job, in the order the jobs route lists them.
import { complianceJob } from './compliance.ts'
import { compressionJob } from './compression.ts'
import type { JobDefinition } from './job.ts'
import { openDataJob } from './open-data.ts'
import { retentionJob } from './retention.ts'
import { rollupsJob } from './rollups.ts'

export const JOBS: readonly JobDefinition[] = [
  retentionJob,
  compressionJob,
  rollupsJob,
  complianceJob,
  openDataJob,
]
