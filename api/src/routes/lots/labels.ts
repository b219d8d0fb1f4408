// Issuing signed labels, and what the cooperative learns back: scans, likely copies, and feedback.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import {
  Feedback,
  FeedbackQuery,
  IssuedLabelBatch,
  LabelsBody,
  LotParams,
  LotScanReport,
  labelDownloadsOf,
  SIGNED_IN_ROLES,
} from '@zonetrace/contracts'
import { found, listFeedback, lotScanReport } from '@zonetrace/db'
import { issueLabels } from '../../labels/issue.ts'
import { authedErrors, bearerAuth } from '../../schemas/common.ts'
import labelBatches from './label-batches.ts'
import labelDownloads from './label-downloads.ts'

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
        body: LabelsBody,
        response: {
          201: IssuedLabelBatch,
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
        downloads: labelDownloadsOf(batch.lotId, batch.batchId),
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
          200: LotScanReport,
          ...authedErrors,
        },
      },
    },
    async ({ actor, params: { lotId } }) =>
      found(await lotScanReport(fastify.db, actor, lotId), `lot ${lotId} not found`),
  )

  fastify.get(
    '/feedback',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Consumer feedback on a cooperative’s lots, newest first',
        security: bearerAuth,
        querystring: FeedbackQuery,
        response: { 200: Type.Object({ feedback: Type.Array(Feedback) }), ...authedErrors },
      },
    },
    async (request) => ({
      feedback: await listFeedback(fastify.db, request.actor, request.query),
    }),
  )
}

export default labels
