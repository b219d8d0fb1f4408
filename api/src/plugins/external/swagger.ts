import swagger from '@fastify/swagger'
import fp from 'fastify-plugin'
import pkg from '../../../package.json' with { type: 'json' }

// Registered before any route: it collects route schemas as they are added.
export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'zonetrace',
          description: 'Open IoT monitoring and traceability for Mekong Delta growing areas',
          version: pkg.version,
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
    })
  },
  { name: 'swagger' },
)
