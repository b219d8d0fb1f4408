// The cooperative answers its consumers' feedback and hides what should not stay public, and reads where
// its labels are scanned and which serials look copied, across all its lots.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import {
  Feedback,
  FeedbackParams,
  FeedbackPatch,
  FlaggedSerial,
  ScanRegions,
  SIGNED_IN_ROLES,
} from '@zonetrace/contracts'
import { flaggedSerials, scanRegions, updateFeedback } from '@zonetrace/db'
import { authedErrors, bearerAuth, writeErrors } from '../../schemas/common.ts'

const feedbackReplies: FastifyPluginAsyncTypebox = async (fastify) => {
  const guard = fastify.requireRole(...SIGNED_IN_ROLES)

  fastify.patch(
    '/feedback/:id',
    {
      // The reply is signed by the cooperative on the scan page: officers read feedback, they do not answer it.
      preHandler: fastify.requireRole('cooperative'),
      schema: {
        tags: ['traceability'],
        summary: 'Answer a feedback on one of the cooperative’s lots, or hide it from public view',
        description:
          'A `reply` of null or "" withdraws the answer. `hidden: true` keeps the feedback for the cooperative ' +
          'but out of anything public. Another cooperative’s feedback answers 404, like a missing one.',
        security: bearerAuth,
        params: FeedbackParams,
        body: FeedbackPatch,
        response: { 200: Feedback, ...writeErrors },
      },
    },
    async (request) => updateFeedback(fastify.db, request.actor, request.params.id, request.body),
  )

  fastify.get(
    '/scans/regions',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Where the cooperative’s labels were scanned: per region, and 0.1° cells for a map',
        description: 'All cooperatives’ for officers and admins. Positions are never finer than 0.1°.',
        security: bearerAuth,
        response: { 200: ScanRegions, ...authedErrors },
      },
    },
    async (request) => scanRegions(fastify.db, request.actor),
  )

  fastify.get(
    '/labels/flagged',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Every serial of the cooperative’s lots flagged as a likely copy, newest first',
        security: bearerAuth,
        response: { 200: Type.Object({ flagged: Type.Array(FlaggedSerial) }), ...authedErrors },
      },
    },
    async (request) => ({ flagged: await flaggedSerials(fastify.db, request.actor) }),
  )
}

export default feedbackReplies
