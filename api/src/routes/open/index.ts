// `/open`: the open-data downloads and the DCAT catalogue (docs/open-data.md). The OGC API is under /ogc.
import type { FastifyPluginAsync } from 'fastify'
import catalog from './catalog.ts'
import downloads from './downloads.ts'

const open: FastifyPluginAsync = async (fastify) => {
  await fastify.register(downloads)
  await fastify.register(catalog)
}

export default open
