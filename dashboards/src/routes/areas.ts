// GET /console: the officer's home, every growing area with its worst open alert and latest readings.
import { Type } from '@fastify/type-provider-typebox'
import { areaStatuses } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { langOf, personWith } from '../guard.ts'
import { textFor } from '../i18n.ts'
import { renderPage, sendConsolePage } from '../layout.ts'
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
      const lang = langOf(request)
      const statuses = await areaStatuses(fastify.db, request.actor)
      const page = renderPage({
        lang,
        title: textFor(lang).areas,
        section: 'areas',
        user: request.user,
        csrfToken: reply.csrfToken(),
        main: areasMain(lang, statuses, q, sort),
      })
      return sendConsolePage(reply, page)
    },
  )
}

export default areas
