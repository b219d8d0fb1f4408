// GET and POST /console/admin/gateways: the list, and provisioning through the same repository call as
// POST /api/v1/gateways. The answer to a provisioning is a page (not a 303) because it is the only place the
// secret can be shown; a refusal keeps what was typed in the form and says why.
import { Type } from '@fastify/type-provider-typebox'
import { readLatLon } from '@zonetrace/contracts'
import { listGateways, listSensors, listZones, provisionGateway, RegistryError } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../answer.ts'
import { langOf, personWith } from '../guard.ts'
import { brokerUrlFor } from '../pages/agent-config.ts'
import { type GatewaysView, gatewaysMain } from '../pages/gateways.ts'
import { gatewaysText } from '../pages/gateways-text.ts'

// Loose on purpose: the repository says what is wrong with an id or a metric, in a message the form shows,
// where a schema refusal would answer with a bare 400.
const ProvisionBody = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 200 })),
  zone: Type.Optional(Type.String({ maxLength: 200 })),
  metric: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 64 }),
      Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64 }),
    ]),
  ),
  position: Type.Optional(Type.String({ maxLength: 200 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})
interface ProvisionForm {
  id?: string
  zone?: string
  metric?: string | string[]
  position?: string
}

type Outcome = Pick<GatewaysView, 'form' | 'problem' | 'provisioned'>

const gateways: FastifyPluginAsync = async (fastify) => {
  const admin = personWith('admin')

  async function answer(request: FastifyRequest, reply: FastifyReply, outcome: Outcome, status = 200) {
    const lang = langOf(request)
    const [list, sensors, zones] = await Promise.all([
      listGateways(fastify.db),
      listSensors(fastify.db),
      listZones(fastify.db),
    ])
    const csrfToken = reply.csrfToken()
    const view: GatewaysView = {
      ...outcome,
      gateways: list,
      sensors,
      areas: zones.map((z) => ({ code: z.code, name: z.name })),
      csrfToken,
      now: new Date(),
    }
    return answerPage(
      request,
      reply,
      () => ({ title: gatewaysText(lang).title, section: 'gateways', main: gatewaysMain(lang, view) }),
      status,
    )
  }

  fastify.get('/console/admin/gateways', { schema: { hide: true }, preHandler: admin }, (request, reply) =>
    answer(request, reply, {}),
  )

  fastify.post(
    '/console/admin/gateways',
    { schema: { hide: true, body: ProvisionBody }, preHandler: admin, config: { audit: 'gateway add' } },
    async (request, reply) => {
      const body = request.body as ProvisionForm
      const form = {
        id: (body.id ?? '').trim(),
        zone: body.zone ?? '',
        metrics: body.metric === undefined ? [] : [body.metric].flat(),
        position: (body.position ?? '').trim(),
      }
      const lang = langOf(request)
      const t = gatewaysText(lang)
      if (!form.id) return answer(request, reply, { form, problem: t.needId }, 400)
      if (!form.zone) return answer(request, reply, { form, problem: t.needArea }, 400)
      // "lat,lon" as typed; the registry checks the point again, this only says what is wrong in the page's words.
      const where = form.position === '' ? null : readLatLon(form.position)
      if (where && !where.ok) return answer(request, reply, { form, problem: where.problem[lang] }, 400)
      try {
        const credentials = await provisionGateway(fastify.db, {
          id: form.id,
          zone: form.zone,
          sensors: form.metrics,
          position: where?.point,
        })
        fastify.openData.clear()
        request.log.info(
          { gatewayId: form.id, zone: form.zone, by: request.user?.email },
          'gateway provisioned',
        )
        const brokerUrl = brokerUrlFor(request.hostname, fastify.config.mqttPort)
        return await answer(request, reply, { provisioned: { credentials, brokerUrl } })
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err
        const status = { invalid: 400, not_found: 404, conflict: 409 }[err.code]
        return answer(request, reply, { form, problem: err.message }, status)
      }
    },
  )
}

export default gateways
