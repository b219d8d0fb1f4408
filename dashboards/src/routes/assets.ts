// The console's static files. The stylesheet's name carries its hash, and so does every file of the island
// bundle (dashboards/dist), so browsers keep them for a year; the bundle is sent precompressed (brotli or
// gzip, whichever the browser accepts).
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'
import { DIST_DIR } from '../bundle.ts'
import { ISLANDS_PATH, loadIslands } from '../islands.ts'
import { CONSOLE_CSS, CONSOLE_CSS_PATH } from '../styles.ts'

const YEAR = 'public, max-age=31536000, immutable'

const assets: FastifyPluginAsync = async (fastify) => {
  fastify.get(CONSOLE_CSS_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', YEAR).send(CONSOLE_CSS),
  )
  await loadIslands()
  await fastify.register(fastifyStatic, {
    root: join(DIST_DIR),
    prefix: ISLANDS_PATH,
    decorateReply: false,
    preCompressed: true,
    cacheControl: false,
    etag: false,
    lastModified: false,
    index: false,
    list: false,
    allowedPath: (path) => !path.includes('/.'),
    setHeaders: (res) => {
      res.header('cache-control', YEAR)
      res.header('x-content-type-options', 'nosniff')
    },
    schemaHide: true,
  })
}

export default assets
