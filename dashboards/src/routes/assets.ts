// The console's static files. The stylesheet's name carries its hash, so browsers keep it for a year.
import type { FastifyPluginAsync } from 'fastify'
import { CONSOLE_CSS, CONSOLE_CSS_PATH } from '../styles.ts'

const assets: FastifyPluginAsync = async (fastify) => {
  fastify.get(CONSOLE_CSS_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(CONSOLE_CSS),
  )
}

export default assets
