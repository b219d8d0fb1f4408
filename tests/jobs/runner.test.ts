// The job runner and scheduler: one run at a time across instances (a Postgres session advisory lock), every
// run recorded, failures recorded instead of thrown, and the schedule running only where JOBS is on.
import { buildApp, JobScheduler, retentionJob } from '@zonetrace/api'
import { type JobRun, loadConfig } from '@zonetrace/contracts'
import pg from 'pg'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { startHarness } from '../api/harness.ts'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { sleep, until } from '../helpers/wait.ts'

const silent = pino({ level: 'silent' })
const INSTANCE = /^.+:\d+$/

const api = sharedFixture(() => startHarness({ JOBS: 'off' }))

const runsOf = (job: string) =>
  api.test.db.query<{ status: string; instance: string; error: string | null }>(
    'select status, instance, error from job_runs where job = $1 order by id',
    [job],
  )

/**
 * Holds the job's lock the way another instance would: from another connection on the server. The
 * embedded engine has one session, so there the lock is taken through the same Database around the call.
 */
async function whileLockHeld<T>(key: number, fn: () => Promise<T>): Promise<T> {
  if (!api.test.url) {
    const held = await api.test.db.withAdvisoryLock(key, fn, { wait: false })
    if (!held.acquired) throw new Error('could not take the lock for the test')
    return held.value
  }
  const other = new pg.Client({ connectionString: api.test.url })
  await other.connect()
  try {
    await other.query('select pg_advisory_lock($1)', [key])
    return await fn()
  } finally {
    await other.end()
  }
}

describe(`job runs on the ${backendName} backend`, () => {
  it('records a run with its instance, duration and detail', async () => {
    const run = await api.app.jobs.run('retention')
    expect(run).toMatchObject({ job: 'retention', status: 'ok', error: null })
    expect(run.instance).toMatch(INSTANCE)
    expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt))
    expect(run.durationMs).toBeGreaterThanOrEqual(0)
    expect(run.detail).toMatchObject({ deadLetters: 0, jobRuns: 0, webhookDeliveries: 0 })
    expect(await runsOf('retention')).toEqual([{ status: 'ok', instance: run.instance, error: null }])
  })

  it('records a skipped run, and does no work, while another holder has the lock', async () => {
    await api.test.db.query(
      `insert into dead_letters (received_at, gateway_id, topic, reason, detail, payload, payload_size, truncated)
       values (now() - interval '400 days', 'gw-x', 't', 'malformed_senml', 'old', '\\x00', 1, false)`,
    )
    const skipped = await whileLockHeld(retentionJob.lockKey, () => api.app.jobs.run('retention'))
    expect(skipped).toMatchObject({ status: 'skipped', detail: { reason: 'lock held elsewhere' } })
    expect(await api.test.db.query('select 1 from dead_letters')).toHaveLength(1)
    const after = await api.app.jobs.run('retention')
    expect(after).toMatchObject({ status: 'ok', detail: { deadLetters: 1 } })
  })

  it('lets only one of two simultaneous runs in one process work', async () => {
    const runs = await Promise.all([api.app.jobs.run('compression'), api.app.jobs.run('compression')])
    expect(runs.map((r) => r.status).sort()).toEqual(['ok', 'skipped'])
    expect(runs.find((r) => r.status === 'skipped')!.detail).toEqual({
      reason: 'already running in this process',
    })
  })

  it('records a failing run as failed with its error, and the next run works again', async () => {
    // Fault: a table the retention job trims is gone. The run must fail on record, not throw.
    await api.test.db.query('alter table dead_letters rename to dead_letters_away')
    let failed: JobRun
    try {
      failed = await api.app.jobs.run('retention')
    } finally {
      await api.test.db.query('alter table dead_letters_away rename to dead_letters')
    }
    expect(failed).toMatchObject({ status: 'failed', detail: null })
    expect(failed.error).toMatch(/dead_letters/)
    expect((await api.app.jobs.run('retention')).status).toBe('ok')
  })

  it('marks runs left "running" by a dead process as interrupted on the next run', async () => {
    await api.test.db.query(
      `insert into job_runs (job, instance, status, started_at) values ('rollups', 'gone:1', 'running', now() - interval '1 hour')`,
    )
    expect((await api.app.jobs.run('rollups')).status).toBe('ok')
    const rows = await api.test.db.query<{ status: string; error: string | null }>(
      `select status, error from job_runs where job = 'rollups' and instance = 'gone:1'`,
    )
    expect(rows).toEqual([{ status: 'failed', error: expect.stringMatching(/^interrupted/) }])
  })

  it('refuses an unknown job name', () => {
    expect(() => api.app.jobs.run('vacuum')).toThrow(/unknown job "vacuum"; jobs are retention, compression/)
  })
})

describe('the schedule', () => {
  const never = '0 0 1 1 *'

  it('fires jobs on their cron schedule, records failures without stopping, and stops', async () => {
    const scheduler = new JobScheduler({
      db: api.test.db,
      capabilities: api.test.capabilities,
      settings: api.config.jobs,
      log: silent,
      schedules: { retention: '* * * * * *', compression: never, rollups: never, compliance: never },
    })
    const count = async () =>
      (
        await api.test.db.query<{ n: number }>(
          `select count(*)::int as n from job_runs where job = 'retention'`,
        )
      )[0]!.n
    const start = await count()
    scheduler.start()
    try {
      await until('two scheduled runs', async () => (await count()) >= start + 2)
      // Fault: the table goes away while the schedule runs; runs fail on record and the schedule goes on.
      await api.test.db.query('alter table dead_letters rename to dead_letters_away')
      try {
        await until('a failed run on record', async () =>
          (await runsOf('retention')).some((r) => r.status === 'failed' && r.error?.includes('dead_letters')),
        )
      } finally {
        await api.test.db.query('alter table dead_letters_away rename to dead_letters')
      }
      // Every run that started once the table was back succeeds. The newest row may still be `running` (a
      // run is on record from its start), and on a slow server a tick may be `skipped` while the previous
      // run holds the lock: neither is a failure.
      const recovered = await count()
      const since = async () => (await runsOf('retention')).slice(recovered)
      await until(
        'two good runs after the recovery',
        async () => (await since()).filter((r) => r.status === 'ok').length >= 2,
      )
      expect((await since()).filter((r) => r.status === 'failed')).toEqual([])
    } finally {
      await scheduler.stop()
    }
    const stopped = await count()
    await sleep(2200)
    expect(await count()).toBe(stopped)
    expect(scheduler.running).toBe(false)
  })

  it('starts with the server only where JOBS is on, and stops when it closes', async () => {
    expect(api.app.jobs.running).toBe(false)
    const app = await buildApp({
      db: api.test.db,
      capabilities: api.test.capabilities,
      config: loadConfig({ DATA_DIR: api.dataDir, JOBS: 'on' }),
      keys: api.keys,
    })
    expect(app.jobs.running).toBe(true)
    const [overview] = await app.jobs.overview(1)
    expect(Date.parse(overview!.nextRunAt!)).not.toBeNaN()
    await app.close()
    expect(app.jobs.running).toBe(false)
  })
})
