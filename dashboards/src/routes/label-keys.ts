// The label signing keys (fastify.labelKeys, the keyring `zonetrace keys` also uses): list, rotate, and
// revoke in two steps. "Revoke…" posts to revoke-confirm, which changes nothing and shows what revocation
// does; only its button (confirm=yes, to /revoke) revokes. Two routes, so the audit log tells a look at the
// warning ('label-key revoke asked') from a revocation ('label-key revoke').
import { Type } from '@fastify/type-provider-typebox'
import { html, UnknownLabelKeyError } from '@zonetrace/api'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../answer.ts'
import { langOf, personWith } from '../guard.ts'
import { textFor } from '../i18n.ts'
import { type LabelKeysView, labelKeysMain, revokeConfirmMain } from '../pages/label-keys.ts'
import { labelKeysText } from '../pages/label-keys-text.ts'

const KidParams = Type.Object({ kid: Type.String({ maxLength: 64 }) })
const RevokeBody = Type.Object({
  confirm: Type.Optional(Type.String({ maxLength: 8 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})

const labelKeys: FastifyPluginAsync = async (fastify) => {
  const admin = personWith('admin')

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    view: Pick<LabelKeysView, 'notice' | 'problem'>,
    status = 200,
  ): Promise<FastifyReply> {
    const lang = langOf(request)
    const csrfToken = reply.csrfToken()
    const keys = await fastify.labelKeys.list()
    return answerPage(
      request,
      reply,
      () => ({
        title: labelKeysText(lang).title,
        section: 'label-keys',
        main: labelKeysMain(lang, { ...view, keys, csrfToken }),
      }),
      status,
    )
  }

  /** The warning page, or the list saying why there is nothing to revoke. */
  async function confirmation(
    request: FastifyRequest,
    reply: FastifyReply,
    kid: string,
    status = 200,
  ): Promise<FastifyReply> {
    const lang = langOf(request)
    const k = labelKeysText(lang)
    const key = (await fastify.labelKeys.list()).find((one) => one.kid === kid)
    if (!key) return answer(request, reply, { problem: k.unknown(kid) }, 404)
    if (key.revokedAt) return answer(request, reply, { problem: k.alreadyRevoked(kid) }, 409)
    return answerPage(
      request,
      reply,
      (_lang, csrfToken) => {
        const warning = revokeConfirmMain(lang, key, csrfToken)
        return {
          title: k.title,
          section: 'label-keys',
          main:
            status === 200
              ? warning
              : html`<div class="error" role="alert"><h2>${textFor(lang).problem}</h2><p>${k.notConfirmed}</p></div>${warning}`,
        }
      },
      status,
    )
  }

  fastify.get('/console/admin/label-keys', { schema: { hide: true }, preHandler: admin }, (request, reply) =>
    answer(request, reply, {}),
  )

  fastify.post(
    '/console/admin/label-keys/rotate',
    { schema: { hide: true }, preHandler: admin, config: { audit: 'label-key rotate' } },
    async (request, reply) => {
      const made = await fastify.labelKeys.rotate()
      return answer(request, reply, { notice: labelKeysText(langOf(request)).rotated(made.kid) })
    },
  )

  fastify.post(
    '/console/admin/label-keys/:kid/revoke-confirm',
    {
      schema: { hide: true, params: KidParams },
      preHandler: admin,
      config: { audit: 'label-key revoke asked' },
    },
    (request, reply) => confirmation(request, reply, (request.params as { kid: string }).kid),
  )

  fastify.post(
    '/console/admin/label-keys/:kid/revoke',
    {
      schema: { hide: true, params: KidParams, body: RevokeBody },
      preHandler: admin,
      config: { audit: 'label-key revoke' },
    },
    async (request, reply) => {
      const { kid } = request.params as { kid: string }
      const k = labelKeysText(langOf(request))
      // Without the confirmation nothing is revoked: the warning again, as a 400 (so not audited).
      if ((request.body as { confirm?: string } | undefined)?.confirm !== 'yes')
        return confirmation(request, reply, kid, 400)
      const before = (await fastify.labelKeys.list()).find((one) => one.kid === kid)
      if (before?.revokedAt) return answer(request, reply, { problem: k.alreadyRevoked(kid) }, 409)
      try {
        await fastify.labelKeys.revoke(kid)
      } catch (err) {
        if (!(err instanceof UnknownLabelKeyError)) throw err
        return answer(request, reply, { problem: k.unknown(kid) }, 404)
      }
      return answer(request, reply, { notice: k.revokedDone(kid) })
    },
  )
}

export default labelKeys
