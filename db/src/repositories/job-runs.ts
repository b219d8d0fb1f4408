// The record of scheduled job runs (job_runs): every run, skipped ones included, so an operator can see
// what ran where, for how long, and why it failed.
import type { JobRun } from '@zonetrace/contracts'
import type { Database } from '../database.ts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from './columns.ts'

/** Every field of a run (ADR 0009: one column list per resource). */
const runColumns: Columns<JobRun> = {
  id: 'id',
  job: 'job',
  instance: 'instance',
  status: 'status',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  durationMs: 'round(extract(epoch from finished_at - started_at) * 1000)::int8',
  detail: 'detail',
  error: 'error',
}
const RUN_INSTANTS = ['startedAt', 'finishedAt'] as const
type JobRunRow = WithInstants<JobRun, (typeof RUN_INSTANTS)[number]>
const COLUMNS = selectList(runColumns)

function toJobRun(row: JobRunRow): JobRun {
  return withIsoInstants(row, RUN_INSTANTS)
}

// An error message is for people; a pathological one (a whole SQL statement) must not bloat the table.
const MAX_ERROR_LENGTH = 2000

/**
 * Marks the job's `running` rows failed. Only call it while holding the job's lock: then no run of the job
 * is live anywhere, and such a row is one whose process died mid-run.
 */
export async function closeInterruptedRuns(db: Pick<Database, 'query'>, job: string): Promise<number> {
  const rows = await db.query(
    `update job_runs set status = 'failed', finished_at = now(),
            error = 'interrupted: the process running it stopped before it finished'
      where job = $1 and status = 'running'
     returning id`,
    [job],
  )
  return rows.length
}

export async function startJobRun(
  db: Pick<Database, 'query'>,
  job: string,
  instance: string,
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into job_runs (job, instance, status) values ($1, $2, 'running') returning id`,
    [job, instance],
  )
  return row!.id
}

export async function finishJobRun(
  db: Pick<Database, 'query'>,
  id: number,
  outcome: { status: 'ok' | 'failed'; detail?: unknown; error?: string | null },
): Promise<JobRun> {
  const [row] = await db.query<JobRunRow>(
    `update job_runs set status = $2, finished_at = now(), detail = $3::jsonb, error = $4
      where id = $1
     returning ${COLUMNS}`,
    [id, outcome.status, jsonOrNull(outcome.detail), clip(outcome.error)],
  )
  return toJobRun(row!)
}

/** A run that did not happen because another holder had the job's lock. */
export async function recordSkippedRun(
  db: Pick<Database, 'query'>,
  job: string,
  instance: string,
  detail: unknown,
): Promise<JobRun> {
  const [row] = await db.query<JobRunRow>(
    `insert into job_runs (job, instance, status, finished_at, detail)
     values ($1, $2, 'skipped', now(), $3::jsonb)
     returning ${COLUMNS}`,
    [job, instance, jsonOrNull(detail)],
  )
  return toJobRun(row!)
}

/** The newest `perJob` runs of each job, newest first. */
export async function listJobRuns(
  db: Pick<Database, 'query'>,
  jobs: readonly string[],
  perJob: number,
): Promise<JobRun[]> {
  const rows = await db.query<JobRunRow>(
    `select r.* from unnest($1::text[]) as j(name)
       cross join lateral (
         select ${COLUMNS} from job_runs where job = j.name order by started_at desc, id desc limit $2) r
      order by r.job, r."startedAt" desc, r.id desc`,
    [jobs, perJob],
  )
  return rows.map(toJobRun)
}

function jsonOrNull(detail: unknown): string | null {
  return detail === undefined ? null : JSON.stringify(detail)
}

function clip(error: string | null | undefined): string | null {
  if (error == null) return null
  return error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH)}…` : error
}
