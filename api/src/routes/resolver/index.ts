// The QR target, /01/{gtin}/10/{lot}/21/{serial}?s=…&k=…: one resolution, three renderings (HTML page,
// JSON, RFC 9264 linkset), plus GS1 link-type redirects and the page's feedback form.
import { LANGS } from '@zonetrace/contracts'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { scanClient } from '../../resolver/client-info.ts'
import { signatureQuery } from '../../resolver/links.ts'
import { labelLinks, linkset, linkTypeName } from '../../resolver/linkset.ts'
import { type Lang, renderConsumerPage } from '../../resolver/page/index.ts'
import { type Rendering, refuse, sendPage } from '../../resolver/reply.ts'
import { type ResolveDeps, resolveScan } from '../../resolver/resolve.ts'
import { ScanWriter } from '../../resolver/scan-writer.ts'
import feedback from './feedback.ts'

/** Two scans closer than this are within the coarse cells' rounding and never count as travel. */
const CLONE_MIN_KM = 30

const resolver: FastifyPluginAsync = async (fastify) => {
  const deps: ResolveDeps = {
    db: fastify.db,
    lots: fastify.lotFacts,
    scans: new ScanWriter(
      fastify.db,
      {
        maxScans: fastify.config.resolver.cloneMaxScans,
        maxKmh: fastify.config.resolver.cloneMaxKmh,
        minKm: CLONE_MIN_KM,
      },
      fastify.log,
    ),
    jwks: () => fastify.labelKeys.jwks(),
    publicBaseUrl: fastify.config.publicBaseUrl,
  }
  const rateLimit = { max: fastify.config.resolver.rateLimitPerMinute, timeWindow: 60_000 }

  // GS1 resolvers answer any origin (traceability-standards.md): the data here is public by design.
  fastify.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*')
    reply.header('vary', 'Accept')
  })

  fastify.options('/01/*', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS, POST')
      .header('access-control-allow-headers', 'Accept, Content-Type')
      .send(),
  )

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const {
      linkType,
      lang,
      feedback: sent,
    } = request.query as {
      linkType?: string
      lang?: Lang
      feedback?: 'sent'
    }
    const rendering = renderingOf(request, linkType)
    const path = request.url
    const wantsRedirect = linkType !== undefined && rendering !== 'linkset'
    // Only a person opening the page counts as a scan; HEAD, linksets, redirects and the page a feedback
    // post comes back to (the same person, a moment later) do not.
    const counts = request.method === 'GET' && rendering !== 'linkset' && !wantsRedirect && !sent
    const client = counts ? scanClient(request, fastify.config.resolver.geoHeaders) : null
    const result = await resolveScan(deps, path, client)
    if (result.status !== 200) return refuse(reply, rendering, result, lang ?? 'vi')
    const { view } = result
    const item = { gtin: view.gtin, lot: view.lot, serial: view.serial }
    const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : ''
    if (rendering === 'linkset') {
      return reply
        .type('application/linkset+json')
        .send(linkset(deps.publicBaseUrl, item, signatureQuery(query)))
    }
    if (wantsRedirect) {
      const name = linkTypeName(linkType)
      if (name === null)
        return reply.code(404).send({ error: 'Not Found', message: `no link of type ${linkType}` })
      const links = labelLinks(deps.publicBaseUrl, item, signatureQuery(query))
      return reply.code(307).header('location', links[name]!.href).send()
    }
    if (rendering === 'json') {
      const { authentic, reason, gtin, lot, serial, scans, links } = view
      const head = JSON.stringify({ authentic, reason, gtin, lot, serial, scans, links })
      return reply
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(`${head.slice(0, -1)},${result.facts.json.slice(1)}`)
    }
    return sendPage(
      reply,
      renderConsumerPage(view, {
        lang: lang ?? 'vi',
        feedbackSent: sent === 'sent',
        mapTiles: fastify.config.resolver.mapTiles,
      }),
    )
  }

  const schema = {
    tags: ['resolver'],
    summary: 'Resolve a signed label: HTML, JSON (Accept: application/json) or linkset (?linkType=linkset)',
    params: {
      type: 'object',
      properties: {
        gtin: { type: 'string', description: 'GTIN-14' },
        lot: { type: 'string', description: 'Lot (GS1 AI 10), percent-encoded' },
        serial: { type: 'string', description: 'Serial (GS1 AI 21), percent-encoded' },
      },
    },
    querystring: {
      type: 'object',
      properties: {
        s: { type: 'string', description: 'Ed25519 signature, base64url (docs/label-signature.md)' },
        k: { type: 'string', description: 'Key id: first 8 bytes of the JWK thumbprint, base64url' },
        lang: { type: 'string', enum: [...LANGS] },
        feedback: {
          type: 'string',
          enum: ['sent'],
          description: 'The page a feedback form comes back to (303): shows the thanks, counts no scan',
        },
        linkType: {
          type: 'string',
          maxLength: 200,
          description: 'linkset, or a GS1 link type to redirect to (307)',
        },
      },
    },
  }
  fastify.get('/01/:gtin/10/:lot/21/:serial', { config: { rateLimit }, schema }, handler)
  // Every other shape under /01/ gets the same parser, so it answers 400 with the reason, not a bare 404.
  fastify.get('/01/*', { config: { rateLimit }, schema: { hide: true } }, handler)

  await fastify.register(feedback, { deps, rateLimit })
}

function renderingOf(request: FastifyRequest, linkType: string | undefined): Rendering {
  if (linkType === 'linkset' || linkType === 'all') return 'linkset'
  const accept = request.headers.accept ?? ''
  if (accept.includes('application/linkset+json')) return 'linkset'
  if (/application\/(?:[\w.+-]*\+)?json/.test(accept) && !accept.includes('text/html')) return 'json'
  return 'html'
}

/** Only the signature travels from one link to the next; lang and linkType are per request. */
export default resolver
