import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { listZones, registerArea } from '@zonetrace/db'
import { actorOf } from '../../auth/actor.ts'
import { bearerAuth, errors, readErrors } from '../../schemas/common.ts'
import { AreaBody, Certification } from '../../schemas/trace.ts'

const Zone = Type.Object({
  code: Type.String({ description: 'Growing area code, opaque and unique' }),
  name: Type.String(),
  cooperativeId: Type.Union([Type.String(), Type.Null()]),
  crop: Type.String(),
  kind: Type.String({ description: 'Zone profile: shrimp_pond, coconut_canal, rice_field, …' }),
  areaHa: Type.Union([Type.Number(), Type.Null()]),
  polygon: Type.Unknown({ description: 'GeoJSON Polygon or MultiPolygon (WGS 84), or null' }),
  commune: Type.Object({
    registeredCode: Type.String({ description: 'Commune code the area was registered under' }),
    code: Type.Union([Type.String(), Type.Null()], { description: 'The commune in force today' }),
    name: Type.Union([Type.String(), Type.Null()]),
    formerName: Type.Union([Type.String(), Type.Null()]),
  }),
})

const zones: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/zones',
    {
      schema: {
        tags: ['registry'],
        summary: 'Growing areas',
        response: { 200: Type.Object({ zones: Type.Array(Zone) }), ...readErrors },
      },
    },
    async () => ({ zones: await listZones(fastify.db) }),
  )

  fastify.post(
    '/zones',
    {
      preHandler: fastify.requireRole('cooperative', 'officer', 'admin'),
      schema: {
        tags: ['registry'],
        summary: 'Register or update a growing area with its threshold preset and certifications',
        security: bearerAuth,
        body: AreaBody,
        response: {
          200: Type.Object({
            code: Type.String(),
            name: Type.String(),
            crop: Type.String(),
            areaHa: Type.Union([Type.Number(), Type.Null()]),
            polygon: Type.Unknown(),
            preset: Type.Union([Type.String(), Type.Null()]),
            commune: Zone.properties.commune,
            certifications: Type.Array(Certification),
          }),
          400: errors[400],
          401: errors[401],
          403: errors[403],
          404: errors[404],
          500: errors[500],
        },
      },
    },
    async (request) => {
      const area = await registerArea(fastify.db, actorOf(request.principal), request.body)
      fastify.lotFacts.clear()
      return area
    },
  )
}

export default zones
