import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { listZones } from '@zonetrace/db'
import { readErrors } from '../../schemas/common.ts'

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
}

export default zones
