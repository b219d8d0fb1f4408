// GET /api/v1/jobs (officer, admin) and POST /api/v1/jobs/{name}/run (admin): schedules and latest runs,
// a run on demand, and a 409 (recorded as a skipped run) while the job runs elsewhere.
import { compressionJob } from '@zonetrace/api'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../api/harness.ts'
import { backendName } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'

const api = sharedFixture(() => startHarness({ JOBS: 'off' }))
let officer: { authorization: string }
let admin: { authorization: string }
beforeAll(async () => {
  officer = await api.auth({ role: 'officer' })
  admin = await api.auth({ role: 'admin' })
})

const list = (headers?: Record<string, string>, query = '') =>
  api.app.inject({ url: `/api/v1/jobs${query}`, headers })
const run = (name: string, headers?: Record<string, string>) =>
  api.app.inject({ method: 'POST', url: `/api/v1/jobs/${name}/run`, headers })

describe(`job routes on the ${backendName} backend`, () => {
  it('lists every job with its schedule to officers and admins only', async () => {
    expect((await list()).statusCode).toBe(401)
    expect((await list(await api.auth({ role: 'cooperative', cooperativeId: 'htx-test' }))).statusCode).toBe(
      403,
    )
    const res = await list(officer)
    expect(res.statusCode).toBe(200)
    expect(res.json().jobs).toEqual([
      expect.objectContaining({ name: 'retention', schedule: '17 * * * *', scheduledHere: false, runs: [] }),
      expect.objectContaining({ name: 'compression', schedule: '37 * * * *', nextRunAt: null }),
      expect.objectContaining({ name: 'rollups', schedule: '*/15 * * * *' }),
      expect.objectContaining({ name: 'compliance', schedule: '30 0,6,12,18 * * *' }),
      expect.objectContaining({ name: 'open-data', schedule: '45 * * * *' }),
    ])
    expect(res.json().jobs[0].description).toEqual({ vi: expect.any(String), en: expect.any(String) })
  })

  it('runs a job for an admin and answers with the recorded run, which the list then shows', async () => {
    expect((await run('rollups', officer)).statusCode).toBe(403)
    const res = await run('rollups', admin)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ job: 'rollups', status: 'ok', error: null, finishedAt: expect.any(String) })
    expect(body.detail.mode).toBe(
      api.test.capabilities.continuousAggregates ? 'continuous_aggregate' : 'table',
    )
    const listed = (await list(officer, '?runs=5'))
      .json()
      .jobs.find((j: { name: string }) => j.name === 'rollups')
    expect(listed.runs).toEqual([body])
  })

  it('404 for an unknown job, 400 for a name that cannot be one', async () => {
    const unknown = await run('vacuum', admin)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().message).toBe(
      'unknown job "vacuum"; jobs are retention, compression, rollups, compliance, open-data',
    )
    expect((await run('Drop%20table', admin)).statusCode).toBe(400)
    expect((await list(officer, '?runs=0')).statusCode).toBe(400)
  })

  it('409 while the job runs elsewhere, recorded as a skipped run', async () => {
    const key = compressionJob.lockKey
    let res: Awaited<ReturnType<typeof run>>
    if (api.test.url) {
      const other = new pg.Client({ connectionString: api.test.url })
      await other.connect()
      await other.query('select pg_advisory_lock($1)', [key])
      res = await run('compression', admin).finally(() => other.end())
    } else {
      const held = await api.test.db.withAdvisoryLock(key, () => run('compression', admin), { wait: false })
      if (!held.acquired) throw new Error('could not take the lock for the test')
      res = held.value
    }
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/job "compression" is running already \(its lock is held\); run \d+/)
    const listed = (await list(officer)).json().jobs.find((j: { name: string }) => j.name === 'compression')
    expect(listed.runs[0]).toMatchObject({ status: 'skipped', detail: { reason: 'lock held elsewhere' } })
  })

  it('documents the routes in the OpenAPI document under the jobs tag', async () => {
    const doc = (await api.app.inject({ url: '/openapi.json' })).json()
    expect(doc.paths['/api/v1/jobs'].get.tags).toEqual(['jobs'])
    expect(doc.paths['/api/v1/jobs/{name}/run'].post.summary).toMatch(/Run a job now/)
    expect(doc.paths['/api/v1/zones/{code}/compliance'].get.summary).toMatch(/compliance/i)
  })
})
