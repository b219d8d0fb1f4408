// Issuing signed labels, and what the cooperative learns back: scans, likely copies, and feedback.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { LotParams, SIGNED_IN_ROLES } from '@zonetrace/contracts'
import { found, listFeedback, lotScanReport } from '@zonetrace/db'
import { issueLabels, MAX_LABELS_PER_REQUEST } from '../../labels/issue.ts'
import { LAYOUT_PATTERN } from '../../labels/layout.ts'
import { authedErrors, bearerAuth, DateTime } from '../../schemas/common.ts'
import { Downloads, downloadsOf } from '../../schemas/labels.ts'
import labelBatches from './label-batches.ts'
import labelDownloads from './label-downloads.ts'

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
  const guard = fastify.requireRole(...SIGNED_IN_ROLES)

  await fastify.register(labelDownloads)
  await fastify.register(labelBatches)

  fastify.post(
    '/lots/:lotId/labels',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary:
          'Issue N signed labels as one batch: random serials, each a GS1 Digital Link with signature and key id, and where to download them',
        description:
          'The batch can be downloaded again at any time, as PDF, SVG, ZIP or CSV (downloads); the links are signed again with the same key and come out identical. layout (optional, e.g. a4-3x5, a4-2x4, a4-4x7, a4-4x8, roll-40, roll-50, roll-62; GET /api/v1/labels/layouts) is the default layout of those downloads; one that cannot be printed readably is refused before any serial is issued.',
        security: bearerAuth,
        params: LotParams,
        body: Type.Object({
          count: Type.Integer({ minimum: 1, maximum: MAX_LABELS_PER_REQUEST }),
          layout: Type.Optional(Type.String({ pattern: LAYOUT_PATTERN, maxLength: 12 })),
        }),
        response: {
          201: Type.Object({
            batchId: Type.String({ format: 'uuid' }),
            lotId: Type.String(),
            gtin: Type.String(),
            kid: Type.String({ description: 'The label key that signed every link of the batch' }),
            labels: Type.Array(Type.Object({ serial: Type.String(), url: Type.String() }), {
              description: 'Sorted by serial, the order of every download',
            }),
            downloads: Downloads,
          }),
          ...authedErrors,
        },
      },
    },
    async (request, reply) => {
      const batch = await issueLabels(fastify.db, fastify.labelKeys, request.actor, {
        lotId: request.params.lotId,
        count: request.body.count,
        baseUrl: fastify.config.publicBaseUrl,
        ...(request.body.layout ? { layout: request.body.layout } : {}),
      })
      request.log.info(
        { lot: batch.lotId, batch: batch.batchId, count: batch.labels.length, by: request.principal.subject },
        'labels issued',
      )
      return reply.code(201).send({
        batchId: batch.batchId,
        lotId: batch.lotId,
        gtin: batch.gtin,
        kid: batch.kid,
        labels: batch.labels,
        downloads: downloadsOf(batch.lotId, batch.batchId),
      })
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
          ...authedErrors,
        },
      },
    },
    async (request) => {
      const report = found(
        await lotScanReport(fastify.db, request.actor, request.params.lotId),
        `lot ${request.params.lotId} not found`,
      )
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
        response: { 200: Type.Object({ feedback: Type.Array(Feedback) }), ...authedErrors },
      },
    },
    async (request) => ({
      feedback: await listFeedback(fastify.db, request.actor, request.query),
    }),
  )
}

export default labels
