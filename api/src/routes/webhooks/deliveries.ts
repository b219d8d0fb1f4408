// A webhook's deliveries, the dead-letter list among them, and replaying a dead one.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import {
  DeliveryStateName,
  RowId,
  SIGNED_IN_ROLES,
  WebhookDelivery,
  WebhookParams,
} from '@zonetrace/contracts'
import { listDeliveries, requeueDeadDelivery, requireWebhook } from '@zonetrace/db'
import { bearerAuth, writeErrors } from '../../schemas/common.ts'

const DeliveriesQuery = Type.Object({
  state: Type.Optional(DeliveryStateName),
  before: Type.Optional({ ...RowId, description: 'Only deliveries with a lower id (paging)' }),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
})

const deliveries: FastifyPluginAsyncTypebox = async (fastify) => {
  const guard = fastify.requireRole(...SIGNED_IN_ROLES)

  fastify.get(
    '/webhooks/:id/deliveries',
    {
      preHandler: guard,
      schema: {
        tags: ['alerts'],
        summary: 'Deliveries of one webhook, newest first; state=dead is its dead-letter list',
        security: bearerAuth,
        params: WebhookParams,
        querystring: DeliveriesQuery,
        response: { 200: Type.Object({ deliveries: Type.Array(WebhookDelivery) }), ...writeErrors },
      },
    },
    async (request) => {
      const hook = await requireWebhook(fastify.db, request.actor, request.params.id)
      return { deliveries: await listDeliveries(fastify.db, hook.id, request.query) }
    },
  )

  fastify.post(
    '/webhooks/:id/deliveries/:deliveryId/retry',
    {
      preHandler: guard,
      schema: {
        tags: ['alerts'],
        summary: 'Queue a dead delivery again, with a fresh set of attempts',
        security: bearerAuth,
        params: Type.Object({ ...WebhookParams.properties, deliveryId: RowId }),
        response: { 200: WebhookDelivery, ...writeErrors },
      },
    },
    async (request) => {
      const hook = await requireWebhook(fastify.db, request.actor, request.params.id)
      const requeued = await requeueDeadDelivery(fastify.db, hook.id, request.params.deliveryId, new Date())
      fastify.webhookDispatcher.nudge()
      return requeued
    },
  )
}

export default deliveries
