import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { STAFF_ROLES } from '@zonetrace/contracts'
import type { JobRunView } from '@zonetrace/db'
import { HttpError } from '../../errors.ts'
import { bearerAuth, DateTime, NullableDateTime, refusals, writeErrors } from '../../schemas/common.ts'

const JobRun = Type.Object({
  id: Type.Integer(),
  job: Type.String(),
  instance: Type.String({ description: 'host:pid of the process that ran (or skipped) it' }),
  status: Type.Union(
    [Type.Literal('running'), Type.Literal('ok'), Type.Literal('failed'), Type.Literal('skipped')],
    { description: 'skipped: another run held the job lock, on another instance or in this one' },
  ),
  startedAt: DateTime,
  finishedAt: NullableDateTime,
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
  detail: Type.Unknown({ description: 'What the run did (per job), or why it was skipped' }),
  error: Type.Union([Type.String(), Type.Null()]),
})

const Job = Type.Object({
  name: Type.String(),
  schedule: Type.String({ description: 'cron expression on the Vietnamese clock (Asia/Ho_Chi_Minh)' }),
  description: Type.Object({ vi: Type.String(), en: Type.String() }),
  scheduledHere: Type.Boolean({ description: 'This instance runs the schedule (JOBS on)' }),
  nextRunAt: NullableDateTime,
  runs: Type.Array(JobRun, { description: 'The newest runs, newest first' }),
})

const JobName = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_-]+$', description: 'Job name' }),
})

const jobs: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/jobs',
    {
      preHandler: fastify.requireRole(...STAFF_ROLES),
      schema: {
        tags: ['jobs'],
        summary: 'Scheduled jobs with their schedules and latest runs (officer or admin)',
        security: bearerAuth,
        querystring: Type.Object({
          runs: Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Runs listed per job' }),
        }),
        response: {
          200: Type.Object({ jobs: Type.Array(Job) }),
          ...refusals(400, 401, 403, 500),
        },
      },
    },
    async (request) => {
      const overview = await fastify.jobs.overview(request.query.runs)
      return {
        jobs: overview.map((j) => ({
          ...j,
          scheduledHere: fastify.jobs.running,
          nextRunAt: j.nextRunAt?.toISOString() ?? null,
          runs: j.runs.map(runView),
        })),
      }
    },
  )

  fastify.post(
    '/jobs/:name/run',
    {
      preHandler: fastify.requireRole('admin'),
      schema: {
        tags: ['jobs'],
        summary: 'Run a job now and wait for it (admin)',
        description:
          'Answers with the recorded run: 200 whether it succeeded (status ok) or failed (status failed, ' +
          'with the error). 409 when the job is running already, here or on another instance; that ' +
          'attempt is recorded as a skipped run.',
        security: bearerAuth,
        params: JobName,
        response: {
          200: JobRun,
          ...writeErrors,
        },
      },
    },
    async (request) => {
      const { name } = request.params
      if (!fastify.jobs.find(name)) {
        const known = fastify.jobs.jobs.map((j) => j.name).join(', ')
        throw new HttpError(404, `unknown job "${name}"; jobs are ${known}`)
      }
      const run = await fastify.jobs.run(name)
      if (run.status === 'skipped') {
        throw new HttpError(
          409,
          `job "${name}" is running already (its lock is held); run ${run.id} records this`,
        )
      }
      return runView(run)
    },
  )
}

function runView(r: JobRunView) {
  return {
    ...r,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    detail: r.detail ?? null,
  }
}

export default jobs
