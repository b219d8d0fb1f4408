// GET and POST /console/admin/gateways/:id/rotate: a new secret for a gateway whose secret leaked or was
// lost, through the same repository call the demo and the CLI use (rotateGatewaySecret: a fresh secret,
// only its scrypt hash stored). The GET only asks; the POST rotates and answers with the page that shows the
// secret (not a 303: it is the only place the secret can be seen). The audit hook records the action and
// the gateway; the secret is in the answer alone, never in the request the log is written from.
import { Type } from '@fastify/type-provider-typebox'
import type { Metric } from '@zonetrace/contracts'
import { listGateways, listSensors, rotateGatewaySecret } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../answer.ts'
import { personWith } from '../guard.ts'
import { brokerUrlFor } from '../pages/agent-config.ts'
import { rotateConfirmMain, rotatedMain, unknownGatewayMain } from '../pages/gateway-rotation.ts'
import { gatewaysText } from '../pages/gateways-text.ts'

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) })
const RotateBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) })

const gatewayRotation: FastifyPluginAsync = async (fastify) => {
  const admin = personWith('admin')

  function unknown(request: FastifyRequest, reply: FastifyReply, id: string) {
    return answerPage(
      request,
      reply,
      (lang) => ({
        title: gatewaysText(lang).rotate,
        section: 'gateways',
        main: unknownGatewayMain(lang, id),
      }),
      404,
    )
  }

  fastify.get(
    '/console/admin/gateways/:id/rotate',
    { schema: { hide: true, params: Params }, preHandler: admin },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const gateway = (await listGateways(fastify.db)).find((g) => g.id === id)
      if (!gateway) return unknown(request, reply, id)
      return answerPage(request, reply, (lang, csrfToken) => ({
        title: gatewaysText(lang).rotateTitle(id),
        section: 'gateways',
        main: rotateConfirmMain(lang, id, gateway.zone, csrfToken),
      }))
    },
  )

  fastify.post(
    '/console/admin/gateways/:id/rotate',
    {
      schema: { hide: true, params: Params, body: RotateBody },
      preHandler: admin,
      config: { audit: 'gateway rotate secret' },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const password = await rotateGatewaySecret(fastify.db, id)
      if (password === null) return unknown(request, reply, id)
      request.log.info({ gatewayId: id, by: request.user?.email }, 'gateway secret rotated')
      const sensors = (await listSensors(fastify.db, { gatewayId: id })).map((s) => ({
        sensorId: s.sensorId,
        // The registry only stores metrics the contracts know (provisionGateway refuses others).
        metric: s.metric as Metric,
      }))
      const credentials = { gatewayId: id, username: id, password, sensors }
      const brokerUrl = brokerUrlFor(request.hostname, fastify.config.mqttPort)
      return answerPage(request, reply, (lang) => ({
        title: gatewaysText(lang).rotateTitle(id),
        section: 'gateways',
        main: rotatedMain(lang, { credentials, brokerUrl }),
      }))
    },
  )
}

export default gatewayRotation
