import csrf from '@fastify/csrf-protection'
import fp from 'fastify-plugin'
import type { AuthKeys } from '../../auth/keys.ts'
import { csrfBinding } from '../app/session-csrf.ts'

// Forms a person submits carry a token another site cannot read (ADR 0010). The token's secret lives in
// its own HttpOnly cookie and each token is bound to the session, so one from before sign-in, or from
// another person's session, does not pass.
export default fp<{ keys: AuthKeys }>(
  async (fastify, { keys }) => {
    await fastify.register(csrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: 'zt_csrf',
      cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: false },
      getUserInfo: csrfBinding,
      csrfOpts: { userInfo: true, hmacKey: await csrfKey(keys) },
    })
  },
  { dependencies: ['@fastify/cookie'] },
)

// Ed25519 signatures are deterministic, so signing a fixed label gives every API instance that shares the
// token-signing key (DATA_DIR) the same HMAC key, with no second secret to store or rotate.
async function csrfKey(keys: AuthKeys): Promise<Buffer> {
  const label = new TextEncoder().encode('zonetrace console CSRF HMAC key, v1')
  return Buffer.from(await crypto.subtle.sign('Ed25519', keys.privateKey, label))
}
