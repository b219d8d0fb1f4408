// GET /open/catalog.jsonld: the DCAT-AP 3 catalogue open-data portals harvest (open-data/catalog/dcat.ts).
// Its coverage comes from the data: the box over every public area and station, the first and last day of
// the daily water, and the download files' sizes and dates.
import { type Box, boxOf, extendBox, unionBox } from '@zonetrace/contracts'
import { listOpenDownloads } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { buildCatalog } from '../../open-data/catalog/dcat.ts'
import { OPEN_CACHE_CONTROL } from './public-page.ts'

const catalog: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/open/catalog.jsonld',
    {
      config: { rateLimit: { max: fastify.config.open.rateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['open-data'],
        summary: 'DCAT-AP 3 catalogue of the open data (JSON-LD), for open-data portals to harvest',
        response: {
          200: {
            description: 'A dcat:Catalog with one dcat:Dataset per collection and their distributions',
            content: { 'application/ld+json': { schema: { type: 'object', additionalProperties: true } } },
          },
        },
      },
    },
    async (_request, reply) => {
      const [areas, stations, days, files] = await Promise.all([
        fastify.openData.areas(),
        fastify.openData.stations(),
        fastify.openData.dailyWaterDays(),
        listOpenDownloads(fastify.dbFor('open data')),
      ])
      let box: Box | null = null
      for (const area of areas) box = unionBox(box, area.geometry && boxOf(area.geometry))
      for (const station of stations) if (station.geometry) box = extendBox(box, station.geometry.coordinates)
      const body = buildCatalog({
        baseUrl: fastify.config.publicBaseUrl,
        open: fastify.config.open,
        box,
        days,
        files,
      })
      return reply
        .type('application/ld+json')
        .header('cache-control', OPEN_CACHE_CONTROL)
        .send(JSON.stringify(body))
    },
  )
}

export default catalog
