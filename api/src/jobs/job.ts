// What a scheduled job is: a name, when it runs, the advisory lock that keeps it to one instance at a time,
// and the work, which returns the detail recorded with the run.
import type { JobSettings } from '@zonetrace/contracts'
import type { Capabilities, Database } from '@zonetrace/db'

export interface JobContext {
  db: Database
  capabilities: Capabilities
  settings: JobSettings
  /** The run's clock: the scheduler passes the wall clock, tests may pass another day. */
  now: Date
}

export interface JobDefinition {
  name: string
  /** node-cron expression, on the Vietnamese clock (Asia/Ho_Chi_Minh). */
  schedule: string
  /** Session advisory lock key; one constant per job, the same in every zonetrace process. */
  lockKey: number
  description: { vi: string; en: string }
  /** The detail to record with the run (JSON); throwing records the run as failed. */
  run(ctx: JobContext): Promise<unknown>
}

/** The time zone cron expressions are read in: officers think in Vietnamese hours. */
export const SCHEDULE_TIME_ZONE = 'Asia/Ho_Chi_Minh'
