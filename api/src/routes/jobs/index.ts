import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { Job, JobRun, STAFF_ROLES } from '@zonetrace/contracts'
import { HttpError } from '../../errors.ts'
import { bearerAuth, refusals, writeErrors } from '../../schemas/common.ts'

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
    async (request) => ({ jobs: await fastify.jobs.overview(request.query.runs) }),
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
      // An unknown name is a NotFoundError from the scheduler, which lists the jobs there are.
      const run = await fastify.jobs.run(name)
      if (run.status === 'skipped') {
        throw new HttpError(
          409,
          `job "${name}" is running already (its lock is held); run ${run.id} records this`,
        )
      }
      return run
    },
  )
}

export default jobs
