// GET /console/admin/audit: what people changed, newest first.
import { Type } from '@fastify/type-provider-typebox'
import { listAudit } from '@zonetrace/db'
import type { FastifyPluginAsync } from 'fastify'
import { answerPage } from '../answer.ts'
import { personWith } from '../guard.ts'
import { textFor } from '../i18n.ts'
import { AUDIT_PAGE, auditMain } from '../pages/audit.ts'

const audit: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/console/admin/audit',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
      preHandler: personWith('admin'),
    },
    async (request, reply) => {
      const { before } = request.query as { before?: number }
      const entries = await listAudit(fastify.db, { limit: AUDIT_PAGE, ...(before ? { before } : {}) })
      return answerPage(request, reply, (lang) => ({
        title: textFor(lang).audit,
        section: 'audit',
        main: auditMain(lang, entries),
      }))
    },
  )
}

export default audit
