import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'

// The UI assets ship inside the package, so /docs works without network access.
export default fp(
  async (fastify) => {
    await fastify.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } })
  },
  { name: 'swagger-ui', dependencies: ['swagger'] },
)
