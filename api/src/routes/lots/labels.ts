// Issuing signed labels, and what the cooperative learns back: scans, likely copies, and feedback.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { listFeedback, lotScanReport } from '@zonetrace/db'
import { actorOf } from '../../auth/actor.ts'
import { HttpError } from '../../errors.ts'
import { issueLabels, MAX_LABELS_PER_REQUEST } from '../../labels/issue.ts'
import { bearerAuth, DateTime, errors } from '../../schemas/common.ts'
import { LotParams } from '../../schemas/trace.ts'

const refusals = { 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 500: errors[500] }

const Feedback = Type.Object({
  id: Type.Integer(),
  lotId: Type.String(),
  serial: Type.String(),
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Union([Type.String(), Type.Null()], { description: 'As typed: escape before showing' }),
  lang: Type.String(),
  createdAt: DateTime,
})

const labels: FastifyPluginAsyncTypebox = async (fastify) => {
  const guard = fastify.requireRole('cooperative', 'officer', 'admin')

  fastify.post(
    '/lots/:lotId/labels',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Issue N signed labels: random serials, each a GS1 Digital Link with signature and key id',
        security: bearerAuth,
        params: LotParams,
        body: Type.Object({ count: Type.Integer({ minimum: 1, maximum: MAX_LABELS_PER_REQUEST }) }),
        response: {
          201: Type.Object({
            lotId: Type.String(),
            gtin: Type.String(),
            labels: Type.Array(Type.Object({ serial: Type.String(), url: Type.String() })),
          }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const batch = await issueLabels(fastify.db, fastify.labelKeys, actorOf(request.principal), {
        lotId: request.params.lotId,
        count: request.body.count,
        baseUrl: fastify.config.publicBaseUrl,
      })
      request.log.info(
        { lot: batch.lotId, count: batch.labels.length, by: request.principal.subject },
        'labels issued',
      )
      // A lot's first labels publish it (routes/lots/exports.ts).
      fastify.lotFacts.clear()
      return reply.code(201).send(batch)
    },
  )

  fastify.get(
    '/lots/:lotId/scans',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Scan tally of a lot’s labels and the serials flagged as likely copies',
        security: bearerAuth,
        params: LotParams,
        response: {
          200: Type.Object({
            issued: Type.Integer(),
            scanned: Type.Integer(),
            scans: Type.Integer(),
            flagged: Type.Array(
              Type.Object({
                serial: Type.String(),
                flag: Type.String({ description: 'too_many_scans or impossible_travel' }),
                flaggedAt: DateTime,
                scans: Type.Integer(),
              }),
            ),
          }),
          ...refusals,
        },
      },
    },
    async (request) => {
      const report = await lotScanReport(fastify.db, actorOf(request.principal), request.params.lotId)
      if (!report) throw new HttpError(404, `lot ${request.params.lotId} not found`)
      return report
    },
  )

  fastify.get(
    '/feedback',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Consumer feedback on a cooperative’s lots, newest first',
        security: bearerAuth,
        querystring: Type.Object({
          lotId: Type.Optional(Type.String({ maxLength: 20 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: { 200: Type.Object({ feedback: Type.Array(Feedback) }), ...refusals },
      },
    },
    async (request) => ({
      feedback: await listFeedback(fastify.db, actorOf(request.principal), request.query),
    }),
  )
}

export default labels
