// The jobs on their node-cron schedules. Every instance with JOBS on schedules every job; the advisory
// lock in runJob lets one of them do each run and the others record a skip.
import type { Job, JobRun, JobSettings } from '@zonetrace/contracts'
import { type Capabilities, type Database, listJobRuns, NotFoundError } from '@zonetrace/db'
import type { FastifyBaseLogger } from 'fastify'
import cron, { type ScheduledTask } from 'node-cron'
import { JOBS } from './catalog.ts'
import { type JobDefinition, SCHEDULE_TIME_ZONE } from './job.ts'
import { defaultInstance, runJob } from './runner.ts'

interface SchedulerOptions {
  db: Database
  capabilities: Capabilities
  settings: JobSettings
  log: FastifyBaseLogger
  instance?: string
  /** Replaces single schedules (tests fire a job every second). */
  schedules?: Partial<Record<string, string>>
}

export class JobScheduler {
  readonly jobs: readonly JobDefinition[]
  readonly #opts: SchedulerOptions
  readonly #instance: string
  #tasks = new Map<string, ScheduledTask>()
  readonly #inFlight = new Set<Promise<unknown>>()

  constructor(opts: SchedulerOptions) {
    this.#opts = opts
    this.#instance = opts.instance ?? defaultInstance()
    this.jobs = JOBS.map((job) => ({ ...job, schedule: opts.schedules?.[job.name] ?? job.schedule }))
  }

  get running(): boolean {
    return this.#tasks.size > 0
  }

  start(): void {
    if (this.running) return
    for (const job of this.jobs) {
      const task = cron.createTask(job.schedule, () => this.#tick(job), {
        name: `zonetrace-${job.name}`,
        timezone: SCHEDULE_TIME_ZONE,
        // The process's lifetime is the server's business, not a timer's.
        unref: true,
        logger: cronLogger(this.#opts.log),
      })
      void task.start()
      this.#tasks.set(job.name, task)
    }
    this.#opts.log.info({ jobs: this.jobs.map((j) => `${j.name} ${j.schedule}`) }, 'job scheduler started')
  }

  /** Stops scheduling and waits for runs in progress, so the database is not closed under them. */
  async stop(): Promise<void> {
    const tasks = [...this.#tasks.values()]
    this.#tasks.clear()
    await Promise.all(tasks.map((t) => t.destroy()))
    await Promise.allSettled([...this.#inFlight])
  }

  find(name: string): JobDefinition | undefined {
    return this.jobs.find((j) => j.name === name)
  }

  /** Runs one job now, whatever its schedule; resolves with its recorded run (ok, failed or skipped). */
  run(name: string, now: Date = new Date()): Promise<JobRun> {
    const job = this.find(name)
    if (!job)
      throw new NotFoundError(`unknown job "${name}"; jobs are ${this.jobs.map((j) => j.name).join(', ')}`)
    const { db, capabilities, settings, log } = this.#opts
    const run = runJob({ log, instance: this.#instance }, job, { db, capabilities, settings, now })
    this.#inFlight.add(run)
    void run.finally(() => this.#inFlight.delete(run)).catch(() => {})
    return run
  }

  /** Every job with its newest runs, as GET /jobs lists them. */
  async overview(runsPerJob: number): Promise<Job[]> {
    const runs = await listJobRuns(
      this.#opts.db,
      this.jobs.map((j) => j.name),
      runsPerJob,
    )
    return this.jobs.map((job) => ({
      name: job.name,
      schedule: job.schedule,
      description: job.description,
      scheduledHere: this.running,
      // Null when the scheduler is not running here.
      nextRunAt: this.#tasks.get(job.name)?.getNextRun()?.toISOString() ?? null,
      runs: runs.filter((r) => r.job === job.name),
    }))
  }

  // A scheduled run must never throw into node-cron: runJob records job failures itself, and anything left
  // (the database unreachable even for the record) is logged here.
  async #tick(job: JobDefinition): Promise<void> {
    try {
      await this.run(job.name)
    } catch (err) {
      this.#opts.log.error({ err, job: job.name }, 'job run could not be recorded')
    }
  }
}

function cronLogger(log: FastifyBaseLogger) {
  return {
    info: (message: string) => log.debug({ source: 'node-cron' }, message),
    warn: (message: string) => log.warn({ source: 'node-cron' }, message),
    error: (message: string | Error, err?: Error) => log.error({ source: 'node-cron', err: err ?? message }),
    debug: (message: string | Error) => log.debug({ source: 'node-cron' }, String(message)),
  }
}
