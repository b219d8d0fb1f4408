// One run of one job: under the job's session advisory lock, so across every instance sharing the database
// it never runs twice at once, and always recorded in job_runs, skipped runs included. A failure is
// recorded and logged, never thrown at the scheduler.
import { hostname } from 'node:os'
import type { JobRun } from '@zonetrace/contracts'
import {
  closeInterruptedRuns,
  type Database,
  finishJobRun,
  recordSkippedRun,
  startJobRun,
} from '@zonetrace/db'
import type { FastifyBaseLogger } from 'fastify'
import type { JobContext, JobDefinition } from './job.ts'

interface RunnerDeps {
  log: FastifyBaseLogger
  /** Which process this is, recorded with each run; host:pid by default. */
  instance?: string
}

export const defaultInstance = () => `${hostname()}:${process.pid}`

// Lock keys held by runs in this process, per database. A session advisory lock is re-entrant for its own
// session, and every caller of the embedded engine shares its one session, so the lock alone cannot keep
// two runs in one process apart.
const runningHere = new WeakMap<Database, Set<number>>()

export async function runJob(deps: RunnerDeps, job: JobDefinition, ctx: JobContext): Promise<JobRun> {
  const { db } = ctx
  const instance = deps.instance ?? defaultInstance()
  const held = runningHere.get(db) ?? new Set<number>()
  runningHere.set(db, held)
  if (held.has(job.lockKey)) return skipped(deps, job, ctx, instance, 'already running in this process')
  held.add(job.lockKey)
  try {
    // For the same re-entrancy: on the embedded engine another holder in this process would not stop
    // pg_try_advisory_lock, so ask pg_locks first. On a server the try below decides on its own.
    if (await lockTaken(db, job.lockKey)) return skipped(deps, job, ctx, instance, 'lock held elsewhere')
    const locked = await db.withAdvisoryLock(job.lockKey, () => runHeld(deps, job, ctx, instance), {
      wait: false,
    })
    return locked.acquired ? locked.value : skipped(deps, job, ctx, instance, 'lock held elsewhere')
  } finally {
    held.delete(job.lockKey)
  }
}

async function runHeld(
  deps: RunnerDeps,
  job: JobDefinition,
  ctx: JobContext,
  instance: string,
): Promise<JobRun> {
  const { db } = ctx
  const interrupted = await closeInterruptedRuns(db, job.name)
  if (interrupted > 0)
    deps.log.warn({ job: job.name, interrupted }, 'job runs left running by a dead process')
  const id = await startJobRun(db, job.name, instance)
  try {
    const detail = await job.run(ctx)
    const run = await finishJobRun(db, id, { status: 'ok', detail })
    deps.log.info({ job: job.name, runId: id, durationMs: run.durationMs }, 'job finished')
    return run
  } catch (err) {
    deps.log.error({ err, job: job.name, runId: id }, 'job failed')
    return finishJobRun(db, id, { status: 'failed', error: messageOf(err) })
  }
}

async function skipped(
  deps: RunnerDeps,
  job: JobDefinition,
  ctx: JobContext,
  instance: string,
  reason: string,
): Promise<JobRun> {
  deps.log.info({ job: job.name, reason }, 'job skipped')
  return recordSkippedRun(ctx.db, job.name, instance, { reason })
}

/** Whether any session of this database holds the advisory lock `key` (a bigint split in two oids). */
async function lockTaken(db: Database, key: number): Promise<boolean> {
  const [row] = await db.query<{ taken: boolean }>(
    `select exists (
       select from pg_locks
        where locktype = 'advisory' and granted and objsubid = 1
          and database = (select oid from pg_database where datname = current_database())
          and classid::int8 = ($1::int8 >> 32) and objid::int8 = ($1::int8 & 4294967295)) as taken`,
    [key],
  )
  return row?.taken === true
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name
  return String(err)
}
