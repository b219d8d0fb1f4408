// GET /console/admin/jobs and POST /console/admin/jobs/:name/run: the API's own scheduler (fastify.jobs),
// so a run from here is recorded, locked and reported exactly as POST /api/v1/jobs/{name}/run does it.
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../answer.ts'
import { langOf, personWith } from '../guard.ts'
import { type JobsView, jobsMain, RUNS_SHOWN } from '../pages/jobs.ts'
import { jobsText } from '../pages/jobs-text.ts'

const NameParams = Type.Object({ name: Type.String({ maxLength: 64 }) })

const jobs: FastifyPluginAsync = async (fastify) => {
  const admin = personWith('admin')

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    view: Pick<JobsView, 'notice' | 'problem'>,
    status = 200,
  ): Promise<FastifyReply> {
    const jobs = await fastify.jobs.overview(RUNS_SHOWN)
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => ({
        title: jobsText(lang).title,
        section: 'jobs',
        main: jobsMain(lang, { ...view, jobs, csrfToken }),
      }),
      status,
    )
  }

  fastify.get('/console/admin/jobs', { schema: { hide: true }, preHandler: admin }, (request, reply) =>
    answer(request, reply, {}),
  )

  fastify.post(
    '/console/admin/jobs/:name/run',
    { schema: { hide: true, params: NameParams }, preHandler: admin, config: { audit: 'job run' } },
    async (request, reply) => {
      const { name } = request.params as { name: string }
      const j = jobsText(langOf(request))
      // Checked before running, so an unknown name is a page saying so rather than the scheduler's error.
      if (!fastify.jobs.find(name)) return answer(request, reply, { problem: j.unknown(name) }, 404)
      const run = await fastify.jobs.run(name)
      // Skipped: nothing ran, so 409 (and no audit entry); a failed run did run, and is shown as such.
      if (run.status === 'skipped') return answer(request, reply, { problem: j.skipped(name) }, 409)
      if (run.status === 'failed') return answer(request, reply, { problem: j.failed(name, run.error ?? '') })
      return answer(request, reply, { notice: j.ran(name, run.durationMs ?? 0) })
    },
  )
}

export default jobs
