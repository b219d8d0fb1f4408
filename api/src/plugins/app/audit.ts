// Every change a person makes through a session is written to the audit log before the answer leaves:
// who, which route, the record it named, and what they sent minus anything secret. One hook, so a new
// route cannot forget it. Machines (bearer tokens) are accountable through their own logs.
import { writeAudit } from '@zonetrace/db'
import type { FastifyInstance, FastifyRequest } from 'fastify'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
const SECRET_FIELD = /password|secret|token|csrf/i

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How the audit log names this route's action (default: `METHOD /route/{param}`). */
    audit?: string
  }
}

export function auditPeoplesChanges(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const user = request.user
    if (!user || SAFE.has(request.method) || reply.statusCode >= 400) return payload
    const params = (request.params ?? {}) as Record<string, string>
    await writeAudit(fastify.db, {
      userId: user.id,
      actor: user.email,
      action: request.routeOptions.config.audit ?? `${request.method} ${routeTemplate(request)}`,
      target: Object.values(params)[0] ?? namedIn(request.body),
      detail: { params, body: withoutSecrets(request.body) },
      address: request.ip,
    })
    return payload
  })
}

function routeTemplate(request: FastifyRequest): string {
  return (request.routeOptions.url ?? request.url.split('?')[0] ?? '').replace(/:(\w+)/g, '{$1}')
}

/** A record created by a POST has no id in its path yet; its body names it. */
function namedIn(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null
  const { id, code, email } = body as Record<string, unknown>
  const name = [id, code, email].find((v) => typeof v === 'string')
  return typeof name === 'string' ? name : null
}

function withoutSecrets(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body ?? null
  return Object.fromEntries(Object.entries(body).filter(([key]) => !SECRET_FIELD.test(key)))
}
