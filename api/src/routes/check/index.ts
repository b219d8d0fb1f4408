// `/check`, which turns the code printed under a QR symbol into that label's signed link, so a shopper whose
// phone cannot scan still gets the verdict. A typed code is judged like a scan of that label: the resolver
// counts it and checks for copies. Its form is on the public map at `/` (dashboards/src/public-map/); a code
// that finds no label gets a small page with the problem and the form again (resolver/page/check.ts).
import { LANGS, signedLabelUrl } from '@zonetrace/contracts'
import { findLabel } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { type CheckProblem, renderCheckPage } from '../../resolver/page/check.ts'
import type { Lang } from '../../resolver/page/index.ts'
import { sendPage } from '../../resolver/reply.ts'

/** Serials are 12 characters of Crockford base32; people type them with spaces, dashes and in any case. */
const SERIAL = /^[0-9A-HJKMNP-TV-Z]{12}$/

const lang = { type: 'string', enum: [...LANGS] } as const

const check: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/check',
    {
      config: { rateLimit: { max: fastify.config.resolver.rateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['resolver'],
        summary: "Check a label by the code printed under its QR symbol: 303 to the label's signed link",
        querystring: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string', maxLength: 40 }, lang },
        },
      },
    },
    async (request, reply) => {
      const { code, lang: chosen = 'vi' } = request.query as { code: string; lang?: Lang }
      const serial = normaliseSerial(code)
      const refuse = (problem: CheckProblem, status: number) =>
        sendPage(reply.code(status), renderCheckPage({ lang: chosen, code, problem }))
      if (!SERIAL.test(serial)) return refuse('malformed', 400)
      const label = await findLabel(fastify.db, serial)
      const facts = label && (await fastify.lotFacts.get(label.lotId))
      if (!label || !facts) return refuse('notFound', 404)
      const { privateKey } = await fastify.labelKeys.signingKey()
      const url = new URL(
        signedLabelUrl(
          fastify.config.publicBaseUrl,
          { gtin: facts.product.gtin, lot: label.lotId, serial },
          privateKey,
        ),
      )
      url.searchParams.set('lang', chosen)
      return reply.code(303).header('location', `${url.pathname}${url.search}`).send()
    },
  )
}

/** Upper case, without spaces or dashes, and the letters Crockford base32 reads as digits (O, I, L). */
function normaliseSerial(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

export default check
