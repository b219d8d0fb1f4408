import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { openLabelKeyring } from '../../labels/keyring.ts'
import { OpenDataSource } from '../../open-data/source.ts'
import { LotFactsCache } from '../../trace/lot-facts.ts'
import type { AppOptions } from '../../types.ts'

// The database (read-db.ts chooses primary or replica per use), its capabilities, the config, the label keys and the lot cache, decorated once so routes reach them as fastify.db etc.
const context: FastifyPluginAsync<Omit<AppOptions, 'keys'>> = async (fastify, opts) => {
  fastify.decorate('config', opts.config)
  fastify.decorate('db', opts.db)
  fastify.decorate('capabilities', opts.capabilities)
  fastify.decorate('labelKeys', opts.labelKeys ?? openLabelKeyring(opts.config.dataDir))
  fastify.decorate('lotFacts', new LotFactsCache(fastify.dbFor('lot'), fastify.dbFor('evidence')))
  fastify.decorate('openData', new OpenDataSource(fastify.dbFor('open data')))
}

export default fp(context, { name: 'context' })
