// GET `/` and `/ban-do`: the public map, for anyone, without a session. Public and the same for everyone, so
// it may be cached a minute (the area states behind it are a 15 s snapshot anyway) and is rate-limited per
// client like every open-data route. Its own stylesheet comes from here, its island from the console's
// bundle (routes/assets.ts). The island fetches `/ogc`, so connect-src allows this origin and nothing else.
import { LANGS, type Lang } from '@zonetrace/contracts'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { renderPublicMapPage } from './page.ts'
import { PUBLIC_MAP_CSS, PUBLIC_MAP_CSS_PATH } from './styles.ts'

export const PUBLIC_MAP_PATHS = ['/', '/ban-do'] as const

const YEAR = 'public, max-age=31536000, immutable'

function sendPublicPage(reply: FastifyReply, page: string, tilesOrigin: string | null): FastifyReply {
  const img = ["'self'", 'data:', ...(tilesOrigin ? [tilesOrigin] : [])].join(' ')
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'public, max-age=60')
    .header('vary', 'accept-encoding')
    .header('referrer-policy', 'same-origin')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'self'; img-src ${img}; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    )
    .send(page)
}

const publicMap: FastifyPluginAsync = async (fastify) => {
  const { open, resolver, publicBaseUrl } = fastify.config
  const tiles = resolver.mapTiles
  fastify.get(PUBLIC_MAP_CSS_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', YEAR).send(PUBLIC_MAP_CSS),
  )
  for (const path of PUBLIC_MAP_PATHS) {
    fastify.get(
      path,
      {
        config: { rateLimit: { max: open.rateLimitPerMinute, timeWindow: 60_000 } },
        schema: {
          tags: ['open-data'],
          summary: 'The public map of growing areas (HTML): every public area by its state today',
          querystring: {
            type: 'object',
            properties: { lang: { type: 'string', enum: [...LANGS] } },
          },
        },
      },
      async (request, reply) => {
        const { lang = 'vi' } = request.query as { lang?: Lang }
        const page = renderPublicMapPage({
          lang,
          path,
          areas: await fastify.openData.areas(),
          tiles,
          baseUrl: publicBaseUrl,
          licence: open.licence,
          publisher: open.publisher,
        })
        return sendPublicPage(reply, page, tiles?.origin ?? null)
      },
    )
  }
}

export default publicMap
