// How /ogc answers: JSON with the standard's media types, HTML views without script, and refusals in the
// OGC exception shape ({ code, description }). Every answer may be cached by anyone for a short while;
// the data behind it is a snapshot or a daily report anyway. Successful answers are also kept in the
// answer cache (answer-cache.ts).
import type { FastifyReply } from 'fastify'
import { SCRIPTLESS_PAGE_CSP } from '../open-data/page-csp.ts'
import { keepAnswer } from './answer-cache.ts'

function send(reply: FastifyReply, headers: Record<string, string>, body: Buffer | string) {
  keepAnswer(reply.request, headers, body)
  return reply.headers(headers).send(body)
}

export function sendJson(reply: FastifyReply, media: string, body: unknown, maxAgeSeconds: number) {
  // Set as a header and sent as bytes, so fastify neither rewrites the media type's parameters nor adds a
  // charset (JSON is UTF-8 by definition; the OpenAPI type must read exactly `…;version=3.0`).
  const headers = {
    'content-type': media,
    'cache-control': `public, max-age=${maxAgeSeconds}`,
    vary: 'Accept',
    'access-control-allow-origin': '*',
  }
  return send(reply, headers, Buffer.from(JSON.stringify(body)))
}

export function sendHtml(reply: FastifyReply, page: string, maxAgeSeconds: number) {
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': `public, max-age=${maxAgeSeconds}`,
    vary: 'Accept',
    'referrer-policy': 'no-referrer',
    'content-security-policy': SCRIPTLESS_PAGE_CSP,
  }
  return send(reply, headers, page)
}

export function refuse(reply: FastifyReply, status: 400 | 404, description: string) {
  const code = status === 400 ? 'InvalidParameterValue' : 'NotFound'
  return reply
    .code(status)
    .type('application/json')
    .header('cache-control', 'no-store')
    .header('access-control-allow-origin', '*')
    .send({ code, description })
}
