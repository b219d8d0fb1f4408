// GET /workspace: the cooperative's overview.

import { html } from '@zonetrace/api'
import type { FastifyPluginAsync } from 'fastify'
import { answerPage } from '../../answer.ts'
import { personWith } from '../../guard.ts'

const home: FastifyPluginAsync = async (fastify) => {
  fastify.get(
    '/workspace',
    { schema: { hide: true }, preHandler: personWith('cooperative') },
    async (request, reply) =>
      answerPage(request, reply, (lang) => ({
        title: lang === 'vi' ? 'Tổng quan' : 'Overview',
        section: 'ws-home',
        main: html`<h1>${lang === 'vi' ? 'Tổng quan' : 'Overview'}</h1>`,
      })),
  )
}

export default home
