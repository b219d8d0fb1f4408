// Accounts for admins: list, add, disable or enable, reset a password. Each action answers with the list
// and what it did; a password the platform makes is shown once, in that answer, and never again.
import { randomBytes } from 'node:crypto'
import { Type } from '@fastify/type-provider-typebox'
import { TOKEN_ROLES, type UserBody } from '@zonetrace/contracts'
import {
  cooperativeChoices,
  createCooperative,
  createUser,
  listUsers,
  RegistryError,
  setUserDisabled,
  setUserPassword,
} from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../answer.ts'
import { langOf, personWith } from '../guard.ts'
import { textFor } from '../i18n.ts'
import { type UsersView, usersMain } from '../pages/users.ts'

const AddBody = Type.Object({
  displayName: Type.String({ minLength: 1, maxLength: 120 }),
  email: Type.String({ minLength: 3, maxLength: 254 }),
  role: Type.Enum(TOKEN_ROLES),
  cooperativeId: Type.Optional(Type.String({ maxLength: 64 })),
  password: Type.Optional(Type.String({ maxLength: 200 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})
const CooperativeForm = Type.Object({
  id: Type.String({ maxLength: 64 }),
  name: Type.String({ maxLength: 200 }),
  communeCode: Type.Optional(Type.String({ maxLength: 16 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})
const EmailParams = Type.Object({ email: Type.String({ maxLength: 254 }) })

/** 96 random bits, readable aloud over the phone if it must be. */
const newPassword = () => randomBytes(12).toString('base64url')

const users: FastifyPluginAsync = async (fastify) => {
  const admin = personWith('admin')

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<UsersView, 'users' | 'cooperatives' | 'csrfToken'>,
    status = 200,
  ): Promise<FastifyReply> {
    const lang = langOf(request)
    const [list, cooperatives] = await Promise.all([listUsers(fastify.db), cooperativeChoices(fastify.db)])
    const full = { ...view, users: list, cooperatives, csrfToken: reply.csrfToken() }
    return answerPage(
      request,
      reply,
      () => ({
        title: textFor(lang).users,
        section: 'users',
        main: usersMain(lang, full, request.user?.id ?? ''),
      }),
      status,
    )
  }

  /** A refusal the registry gives (taken email, short password…) is shown on the page, with its status. */
  async function attempt(
    request: FastifyRequest,
    reply: FastifyReply,
    action: () => Promise<Omit<UsersView, 'users' | 'cooperatives' | 'csrfToken'>>,
  ): Promise<FastifyReply> {
    try {
      return await answer(request, reply, await action())
    } catch (err) {
      if (!(err instanceof RegistryError)) throw err
      const status = { invalid: 400, not_found: 404, conflict: 409 }[err.code]
      return answer(request, reply, { problem: err.message }, status)
    }
  }

  fastify.get('/console/admin/users', { schema: { hide: true }, preHandler: admin }, (request, reply) =>
    answer(request, reply, {}),
  )

  fastify.post(
    '/console/admin/users',
    { schema: { hide: true, body: AddBody }, preHandler: admin, config: { audit: 'user add' } },
    (request, reply) =>
      attempt(request, reply, async () => {
        const body = request.body as UserBody
        const made = body.password ? undefined : newPassword()
        const password = body.password || (made as string)
        const cooperativeId = body.role === 'cooperative' ? body.cooperativeId || undefined : undefined
        const user = await createUser(fastify.db, { ...body, cooperativeId, password })
        const t = textFor(langOf(request))
        return {
          notice: t.created(user.email),
          ...(made ? { secret: { email: user.email, password: made } } : {}),
        }
      }),
  )

  fastify.post(
    '/console/admin/cooperatives',
    {
      schema: { hide: true, body: CooperativeForm },
      preHandler: admin,
      config: { audit: 'cooperative add' },
    },
    (request, reply) =>
      attempt(request, reply, async () => {
        const body = request.body as { id: string; name: string; communeCode?: string }
        const made = await createCooperative(fastify.db, body)
        return { notice: textFor(langOf(request)).cooperativeCreated(made.name) }
      }),
  )

  const change = (verb: 'disable' | 'enable' | 'reset-password') =>
    fastify.post(
      `/console/admin/users/:email/${verb}`,
      { schema: { hide: true, params: EmailParams }, preHandler: admin, config: { audit: `user ${verb}` } },
      (request, reply) =>
        attempt(request, reply, async () => {
          const { email } = request.params as { email: string }
          const t = textFor(langOf(request))
          if (verb === 'reset-password') {
            const password = newPassword()
            const user = await setUserPassword(fastify.db, email, password)
            return { secret: { email: user.email, password } }
          }
          const user = await setUserDisabled(fastify.db, email, verb === 'disable')
          return { notice: verb === 'disable' ? t.disabledDone(user.email) : t.enabledDone(user.email) }
        }),
    )
  change('disable')
  change('enable')
  change('reset-password')
}

export default users
