// GET /workspace/products, GET/POST /workspace/products/new and /workspace/products/:id/edit: the
// cooperative's OCOP products, saved through upsertProduct, the call behind POST /api/v1/products, with the
// signed-in person's Actor. Another cooperative's product answers 404 like a missing one (ADR 0007).
import { Type } from '@fastify/type-provider-typebox'
import { html } from '@zonetrace/api'
import { getProductRow, listProducts, RegistryError, upsertProduct, vietnamDate } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerPage } from '../../answer.ts'
import { langOf, personWith } from '../../guard.ts'
import { productEditMain } from '../pages/product-edit.ts'
import { productsMain } from '../pages/products.ts'
import { productsText } from '../pages/products-text.ts'
import {
  BLANK_PRODUCT,
  checkProductForm,
  newProductId,
  PRODUCT_FIELDS,
  type ProductErrors,
  type ProductForm,
  productFormFrom,
  productFormOf,
} from '../product-form.ts'

// Loose on purpose: whatever is typed reaches the handler and comes back as a page with reasons.
const Body = Type.Object({
  ...Object.fromEntries(PRODUCT_FIELDS.map((f) => [f, Type.Optional(Type.String({ maxLength: 1000 }))])),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
})
const Params = Type.Object({ id: Type.String({ maxLength: 1000 }) })
const ListQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 200 })) })

const products: FastifyPluginAsync = async (fastify) => {
  const cooperative = personWith('cooperative')

  /** The product if the actor may edit it; another cooperative's is as missing as an unknown id. */
  async function ownProduct(request: FastifyRequest, id: string) {
    if (id.length > 64) return null
    const row = await getProductRow(fastify.db, id)
    const mine = request.actor.cooperativeId === null || row?.cooperativeId === request.actor.cooperativeId
    return row && mine ? row : null
  }

  function notFound(request: FastifyRequest, reply: FastifyReply) {
    return answerPage(
      request,
      reply,
      (lang) => {
        const t = productsText(lang)
        return {
          title: t.notFound,
          section: 'ws-products',
          main: html`<h1>${t.notFound}</h1><p><a href="/workspace/products">${t.backToList}</a></p>`,
        }
      },
      404,
    )
  }

  function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    editing: string | null,
    form: ProductForm,
    errors: ProductErrors = {},
    status = 200,
  ) {
    return answerPage(
      request,
      reply,
      (lang, csrfToken) => {
        const t = productsText(lang)
        return {
          title: editing ? t.editTitle(form.name) : t.newTitle,
          section: 'ws-products',
          main: productEditMain(lang, { editing, form, errors, csrfToken }),
          islands: ['gtin-check'],
        }
      },
      status,
    )
  }

  async function save(request: FastifyRequest, reply: FastifyReply, editing: string | null) {
    const lang = langOf(request)
    if (editing && !(await ownProduct(request, editing))) return notFound(request, reply)
    const form = productFormOf(request.body as Record<string, unknown>)
    const checked = checkProductForm(lang, form)
    if (!checked.ok) return formPage(request, reply, editing, form, checked.errors, 400)
    const id = editing ?? newProductId(form.name)
    try {
      await upsertProduct(fastify.db, request.actor, { id, ...checked.input })
      return reply
        .code(303)
        .header('location', `/workspace/products?saved=${encodeURIComponent(id)}`)
        .send()
    } catch (err) {
      if (!(err instanceof RegistryError)) throw err
      const t = productsText(lang).err
      const errors: ProductErrors =
        err.code === 'conflict' ? { gtin: t.gtinTaken } : { form: t.other(err.message) }
      return formPage(request, reply, editing, form, errors, 400)
    }
  }

  fastify.get(
    '/workspace/products',
    { schema: { hide: true, querystring: ListQuery }, preHandler: cooperative },
    async (request, reply) => {
      const own = await listProducts(fastify.db, request.actor)
      const { saved } = request.query as { saved?: string }
      const named = own.find((p) => p.id === saved)
      const today = vietnamDate(Date.now())
      return answerPage(request, reply, (lang) => ({
        title: productsText(lang).title,
        section: 'ws-products',
        main: productsMain(lang, own, today, named && productsText(lang).saved(named.name)),
      }))
    },
  )

  fastify.get(
    '/workspace/products/new',
    { schema: { hide: true }, preHandler: cooperative },
    async (request, reply) => formPage(request, reply, null, BLANK_PRODUCT),
  )

  fastify.post(
    '/workspace/products/new',
    { schema: { hide: true, body: Body }, preHandler: cooperative, config: { audit: 'product register' } },
    async (request, reply) => save(request, reply, null),
  )

  fastify.get(
    '/workspace/products/:id/edit',
    { schema: { hide: true, params: Params }, preHandler: cooperative },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const row = await ownProduct(request, id)
      if (!row) return notFound(request, reply)
      return formPage(request, reply, row.id, productFormFrom(row))
    },
  )

  fastify.post(
    '/workspace/products/:id/edit',
    {
      schema: { hide: true, params: Params, body: Body },
      preHandler: cooperative,
      config: { audit: 'product edit' },
    },
    async (request, reply) => save(request, reply, (request.params as { id: string }).id),
  )
}

export default products
