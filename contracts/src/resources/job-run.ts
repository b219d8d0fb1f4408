// A scheduled job and its recorded runs, once: GET /jobs lists them, POST /jobs/{name}/run answers a run,
// the job_runs repository returns JobRun and the scheduler Job.
import { type Static, Type } from 'typebox'
import { DateTime, Nullable, NullableDateTime } from './common.ts'

export const JobRunStatus = Type.Union(
  [Type.Literal('running'), Type.Literal('ok'), Type.Literal('failed'), Type.Literal('skipped')],
  { description: 'skipped: another run held the job lock, on another instance or in this one' },
)
export type JobRunStatus = Static<typeof JobRunStatus>

export const JobRun = Type.Object({
  id: Type.Integer(),
  job: Type.String(),
  instance: Type.String({ description: 'host:pid of the process that ran (or skipped) it' }),
  status: JobRunStatus,
  startedAt: DateTime,
  finishedAt: NullableDateTime,
  durationMs: Nullable(Type.Integer()),
  detail: Type.Unknown({ description: 'What the run did (per job), or why it was skipped' }),
  error: Nullable(Type.String()),
})
export type JobRun = Static<typeof JobRun>

export const Job = Type.Object({
  name: Type.String(),
  schedule: Type.String({ description: 'cron expression on the Vietnamese clock (Asia/Ho_Chi_Minh)' }),
  description: Type.Object({ vi: Type.String(), en: Type.String() }),
  scheduledHere: Type.Boolean({ description: 'This instance runs the schedule (JOBS on)' }),
  nextRunAt: NullableDateTime,
  runs: Type.Array(JobRun, { description: 'The newest runs, newest first' }),
})
export type Job = Static<typeof Job>
