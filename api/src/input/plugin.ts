// The HTTP edge of the platform's input rules (docs/security.md#input-rules), in one place:
// - every request schema gets the text rule and default bounds (request-schemas.ts), so routes validate
//   strings, dates and integers the same way whatever they forget to say;
// - the URL may not carry control or bidirectional characters, even on routes that read it raw (the
//   resolver's GS1 paths);
// - a body may not carry a NUL or an unpaired surrogate anywhere, even in fields a schema leaves open
//   (a GeoJSON polygon, a rule's free-form parts), since Postgres refuses both in text and jsonb.
import { checkText, findUnstorable } from '@zonetrace/contracts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpError } from '../errors.ts'
import { withInputRules } from './request-schemas.ts'

const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'] as const

async function inputRules(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRoute', (route) => {
    const schema = route.schema as Record<string, unknown> | undefined
    if (!schema) return
    const ruled = { ...schema }
    for (const part of REQUEST_PARTS) if (schema[part]) ruled[part] = withInputRules(schema[part])
    route.schema = ruled
  })
  fastify.addHook('onRequest', checkUrl)
  fastify.addHook('preValidation', checkBody)
}

async function checkUrl(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const url = request.raw.url ?? ''
  let decoded: string
  try {
    decoded = decodeURIComponent(url)
  } catch {
    throw new HttpError(400, 'the URL has malformed percent-encoding')
  }
  const verdict = checkText(decoded, 'line')
  if (!verdict.ok) throw new HttpError(400, `the URL ${verdict.reason}`)
}

async function checkBody(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const found = findUnstorable(request.body, 'body')
  if (found) throw new HttpError(400, found)
}

export default fp(inputRules, { name: 'input-rules' })
