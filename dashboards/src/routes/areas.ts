// GET /console: the officer's home, a map of every growing area coloured by its worst open alert over the
// list of them with their latest readings. One search filters both: the map shows the areas the list shows.
import { Type } from '@fastify/type-provider-typebox'
import { areaMapExtras, areaStatuses } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { answerPage } from '../answer.ts'
import { personWith } from '../guard.ts'
import { textFor } from '../i18n.ts'
import { areaMap, zoneMapData } from '../pages/area-map.ts'
import { AREA_SORTS, type AreaSort, areasMain, shownAreas } from '../pages/areas.ts'

const AreasQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(Type.Enum(AREA_SORTS)),
})

const areas: FastifyPluginAsync = async (fastify) => {
  // The basemap the operator chose for the consumer page (MAP_TILES_URL) serves the officers' map too.
  const tiles = fastify.config.resolver.mapTiles
  fastify.get(
    '/console',
    { schema: { hide: true, querystring: AreasQuery }, preHandler: personWith('officer', 'admin') },
    async (request, reply) => {
      const { q = '', sort = 'worst' } = request.query as { q?: string; sort?: AreaSort }
      const shown = shownAreas(await areaStatuses(fastify.db, request.actor), q, sort)
      const extras = await areaMapExtras(
        fastify.db,
        shown.map((a) => a.zone.code),
      )
      return answerPage(request, reply, (lang) => {
        const map = areaMap(lang, zoneMapData(lang, shown, extras, tiles))
        const drawn = map.html !== ''
        return {
          title: textFor(lang).areas,
          section: 'areas',
          main: areasMain(lang, shown, q, sort, map),
          // No area with an outline (a search that found none): no map, so no script or tiles either.
          islands: drawn ? ['zone-map'] : [],
          imgOrigins: drawn && tiles ? [tiles.origin] : [],
        }
      })
    },
  )
}

export default areas
