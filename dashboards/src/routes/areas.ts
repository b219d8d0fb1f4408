// GET /console: the officer's home, every growing area with its worst open alert and latest readings.
import { Type } from '@fastify/type-provider-typebox'
import { areaStatuses } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { answerPage } from '../answer.ts'
import { personWith } from '../guard.ts'
import { textFor } from '../i18n.ts'
import { AREA_SORTS, type AreaSort, areasMain } from '../pages/areas.ts'

const AreasQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(Type.Enum(AREA_SORTS)),
})

const areas: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/console',
    { schema: { hide: true, querystring: AreasQuery }, preHandler: personWith('officer', 'admin') },
    async (request, reply) => {
      const { q = '', sort = 'worst' } = request.query as { q?: string; sort?: AreaSort }
      const statuses = await areaStatuses(fastify.db, request.actor)
      return answerPage(request, reply, (lang) => ({
        title: textFor(lang).areas,
        section: 'areas',
        main: areasMain(lang, statuses, q, sort),
      }))
    },
  )
}

export default areas
