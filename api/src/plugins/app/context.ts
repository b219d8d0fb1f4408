import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { AppOptions } from '../../types.ts'

// The database, its capabilities and the config, decorated once so routes reach them as fastify.db etc.
const context: FastifyPluginAsync<Omit<AppOptions, 'keys'>> = async (fastify, opts) => {
  fastify.decorate('config', opts.config)
  fastify.decorate('db', opts.db)
  fastify.decorate('capabilities', opts.capabilities)
}

export default fp(context, { name: 'context' })
