// GET /workspace/areas, GET/POST /workspace/areas/new and /workspace/areas/:code/edit: the cooperative's
// growing areas, registered and edited through registerArea, the call behind POST /api/v1/zones, with the
// signed-in person's Actor, so the form refuses what the API refuses. Another cooperative's code answers 404
// like a missing one (ADR 0007).
import { Type } from '@fastify/type-provider-typebox'
import { html } from '@zonetrace/api'
import {
  findOwnArea,
  listCommunesToday,
  listOwnAreas,
  NotFoundError,
  RegistryError,
  registerArea,
  vietnamDate,
} from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../../answer.ts'
import { langOf, personWith } from '../../guard.ts'
import {
  type AreaErrors,
  type AreaForm,
  areaFormFrom,
  areaFormOf,
  BLANK_AREA,
  CERT_KEYS,
  certName,
  checkAreaForm,
  MAX_CERT_ROWS,
  PUBLIC_OFFERED,
} from '../area-form.ts'
import { areaEditMain } from '../pages/area-edit.ts'
import { areasMain } from '../pages/areas.ts'
import { areasText } from '../pages/areas-text.ts'

// Loose on purpose: whatever a person types must reach the handler and come back as a page with reasons.
const short = Type.Optional(Type.String({ maxLength: 1000 }))
const Body = Type.Object({
  code: short,
  name: short,
  crop: short,
  areaHa: short,
  communeCode: short,
  preset: short,
  // A thousand corners of GeoJSON at full precision fit in well under 100 kB; "lat,lon" lines need line breaks.
  polygon: Type.Optional(Type.String({ maxLength: 100_000, 'x-text': 'free' })),
  ...Object.fromEntries(
    Array.from({ length: MAX_CERT_ROWS }, (_, i) => CERT_KEYS.map((k) => [certName(i, k), short])).flat(),
  ),
  // The "publish as open data" checkbox (absent when unticked) and the marker that the form offered it.
  public: short,
  [PUBLIC_OFFERED]: short,
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})
const Params = Type.Object({ code: Type.String({ maxLength: 1000 }) })
const ListQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 200 })) })

const MAX_CODE = 128

const areas: FastifyPluginAsync = async (fastify) => {
  const cooperative = personWith('cooperative')
  const tiles = fastify.config.resolver.mapTiles

  function notFound(request: FastifyRequest, reply: FastifyReply) {
    return answerPage(
      request,
      reply,
      (lang) => {
        const t = areasText(lang)
        const title = lang === 'vi' ? 'Không tìm thấy vùng trồng' : 'Growing area not found'
        return {
          title,
          section: 'ws-areas',
          main: html`<h1>${title}</h1><p><a href="/workspace/areas">${t.backToList}</a></p>`,
        }
      },
      404,
    )
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    editing: string | null,
    form: AreaForm,
    errors: AreaErrors = {},
    status = 200,
  ) {
    const communes = await listCommunesToday(fastify.db)
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => {
        const t = areasText(lang)
        return {
          title: editing ? t.editTitle(editing) : t.newTitle,
          section: 'ws-areas',
          main: areaEditMain(lang, { editing, form, errors, communes, tiles, csrfToken }),
          islands: ['area-draw'],
          imgOrigins: tiles ? [tiles.origin] : [],
        }
      },
      status,
    )
  }

  /** Checks and saves; a refusal comes back as the form with the reasons, a save as a 303 to the list. */
  async function save(request: FastifyRequest, reply: FastifyReply, editing: string | null) {
    const lang = langOf(request)
    const form = areaFormOf(request.body as Record<string, unknown>)
    let stored: { kind: string; form: AreaForm } | undefined
    if (editing) {
      const own = await findOwnArea(fastify.db, request.actor, editing)
      if (!own) return notFound(request, reply)
      form.code = own.code
      stored = { kind: own.kind, form: areaFormFrom(own) }
    } else if (form.code !== '' && form.code.length <= MAX_CODE) {
      // A new area must not quietly overwrite one of the cooperative's own, nor reach another's (404 below).
      if (await findOwnArea(fastify.db, request.actor, form.code)) {
        return formPage(request, reply, null, form, { code: areasText(lang).err.taken }, 400)
      }
    }
    const communes = new Set((await listCommunesToday(fastify.db)).map((c) => c.code))
    const checked = checkAreaForm(lang, form, communes, stored)
    if (!checked.ok) return formPage(request, reply, editing, form, checked.errors, 400)
    try {
      const area = await registerArea(fastify.db, request.actor, checked.input)
      // The public map and /ogc read a snapshot: an area made private must leave it now, not in 15 s.
      fastify.openData.clear()
      return reply
        .code(303)
        .header('location', `/workspace/areas?saved=${encodeURIComponent(area.code)}`)
        .send()
    } catch (err) {
      if (!(err instanceof RegistryError)) throw err
      const t = areasText(lang).err
      // Only a code of another cooperative's reaches here as "not found" on a new area: the code is taken.
      const errors: AreaErrors =
        err instanceof NotFoundError ? { code: t.taken } : { form: t.other(err.message) }
      return formPage(request, reply, editing, form, errors, 400)
    }
  }

  fastify.get(
    '/workspace/areas',
    { schema: { hide: true, querystring: ListQuery }, preHandler: cooperative },
    async (request, reply) => {
      const own = await listOwnAreas(fastify.db, request.actor)
      const { saved } = request.query as { saved?: string }
      // Only a code the cooperative owns is named back.
      const notice = own.some((a) => a.code === saved) ? saved : undefined
      const today = vietnamDate(Date.now())
      return answerPage(request, reply, (lang) => ({
        title: areasText(lang).title,
        section: 'ws-areas',
        main: areasMain(lang, own, today, notice && areasText(lang).registered(notice)),
      }))
    },
  )

  fastify.get(
    '/workspace/areas/new',
    { schema: { hide: true }, preHandler: cooperative },
    async (request, reply) => formPage(request, reply, null, BLANK_AREA),
  )

  fastify.post(
    '/workspace/areas/new',
    { schema: { hide: true, body: Body }, preHandler: cooperative, config: { audit: 'area register' } },
    async (request, reply) => save(request, reply, null),
  )

  fastify.get(
    '/workspace/areas/:code/edit',
    { schema: { hide: true, params: Params }, preHandler: cooperative },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      const own = code.length <= MAX_CODE ? await findOwnArea(fastify.db, request.actor, code) : null
      if (!own) return notFound(request, reply)
      return formPage(request, reply, own.code, areaFormFrom(own))
    },
  )

  fastify.post(
    '/workspace/areas/:code/edit',
    {
      schema: { hide: true, params: Params, body: Body },
      preHandler: cooperative,
      config: { audit: 'area edit' },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string }
      if (code.length > MAX_CODE) return notFound(request, reply)
      return save(request, reply, code)
    },
  )
}

export default areas
