// Webhooks: register where alert events are POSTed, list and remove them. A cooperative manages only its
// own; someone else's webhook answers 404, like a missing one.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { CreatedWebhook, SIGNED_IN_ROLES, Webhook, WebhookBody, WebhookParams } from '@zonetrace/contracts'
import { createWebhook, deleteWebhook, listWebhooks } from '@zonetrace/db'
import { bearerAuth, refusals, writeErrors } from '../../schemas/common.ts'
import deliveries from './deliveries.ts'

const webhooks: FastifyPluginAsyncTypebox = async (fastify) => {
  const guard = fastify.requireRole(...SIGNED_IN_ROLES)

  fastify.post(
    '/webhooks',
    {
      preHandler: guard,
      schema: {
        tags: ['alerts'],
        summary: 'Register a webhook; its signing secret is in this answer only',
        description:
          'The url must reach a public address: localhost, loopback, private (RFC 1918, 100.64/10), ' +
          'link-local, unique-local, multicast, reserved and documentation addresses are refused with a 400, ' +
          'in any spelling, unless the operator sets WEBHOOK_ALLOW_PRIVATE. Names are checked again at ' +
          'every connection, against each address they resolve to.',
        security: bearerAuth,
        body: WebhookBody,
        response: { 201: CreatedWebhook, ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await createWebhook(fastify.db, request.actor, request.body, {
        allowPrivate: fastify.config.alerts.webhookAllowPrivate,
      })
      return reply.code(201).send(created)
    },
  )

  fastify.get(
    '/webhooks',
    {
      preHandler: guard,
      schema: {
        tags: ['alerts'],
        summary: "Webhooks without their secrets: a cooperative's own, or all for officers and admins",
        security: bearerAuth,
        response: {
          200: Type.Object({ webhooks: Type.Array(Webhook) }),
          ...refusals(401, 403, 500),
        },
      },
    },
    async (request) => ({ webhooks: await listWebhooks(fastify.db, request.actor) }),
  )

  fastify.delete(
    '/webhooks/:id',
    {
      preHandler: guard,
      schema: {
        tags: ['alerts'],
        summary: 'Remove a webhook with its deliveries; pending ones are never sent',
        security: bearerAuth,
        params: WebhookParams,
        response: { 204: Type.Null({ description: 'Removed' }), ...writeErrors },
      },
    },
    async (request, reply) => {
      await deleteWebhook(fastify.db, request.actor, request.params.id)
      return reply.code(204).send(null)
    },
  )

  await fastify.register(deliveries)
}

export default webhooks
