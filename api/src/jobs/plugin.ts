// The job scheduler as a fastify plugin: `fastify.jobs` runs a job on demand everywhere, and the schedule
// starts when the server is ready only where JOBS is on. Closing the server stops it and waits for runs.
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { JobScheduler } from './scheduler.ts'

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobScheduler
  }
}

const jobs: FastifyPluginAsync = async (fastify) => {
  const scheduler = new JobScheduler({
    db: fastify.db,
    capabilities: fastify.capabilities,
    settings: fastify.config.jobs,
    log: fastify.log.child({ component: 'jobs' }),
  })
  fastify.decorate('jobs', scheduler)
  fastify.addHook('onReady', async () => {
    if (fastify.config.jobs.enabled) scheduler.start()
  })
  fastify.addHook('onClose', () => scheduler.stop())
}

export default fp(jobs, { name: 'jobs', dependencies: ['context'] })
