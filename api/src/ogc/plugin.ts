// OGC API – Features under /ogc (docs/open-data.md): landing page, conformance, the API document, the
// collections and their items, in GeoJSON for GIS tools and in Vietnamese HTML for browsers.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { AnswerCache } from './answer-cache.ts'
import { ask, COMMON, filtersOf, ITEMS_PARAMS, viewOf } from './asked.ts'
import { COLLECTIONS, type Collection, collectionById, type Extent } from './collections.ts'
import { CONFORMS_TO, CRS84, GREGORIAN } from './conformance.ts'
import * as views from './html.ts'
import { MEDIA, selfAndAlternate, urlOf } from './links.ts'
import { ogcOpenApi } from './openapi.ts'
import {
  decodeCursor,
  encodeCursor,
  type Format,
  ParameterError,
  parseBbox,
  parseDatetime,
  parseLimit,
} from './params.ts'
import { refuse, sendHtml, sendJson } from './reply.ts'

/** Seconds a public cache may keep an answer: items change with alerts, the rest hardly ever. */
const ITEMS_MAX_AGE = 30
const META_MAX_AGE = 300

function extentJson(extent: Extent) {
  return {
    spatial: { bbox: extent.spatial ? [extent.spatial] : [], crs: CRS84 },
    ...(extent.temporal ? { temporal: { interval: [extent.temporal], trs: GREGORIAN } } : {}),
  }
}

const ogc: FastifyPluginAsync = async (fastify) => {
  const rateLimit = { max: fastify.config.open.rateLimitPerMinute, timeWindow: 60_000 }
  const answers = new AnswerCache()
  const route = (
    path: string,
    summary: string,
    handler: (request: FastifyRequest, reply: FastifyReply) => unknown,
  ) =>
    fastify.get(
      path,
      { config: { rateLimit }, schema: { tags: ['open-data'], summary, hide: false } },
      async (request, reply) => {
        if (answers.tryAnswer(request, reply, fastify.openData.generation)) return reply
        try {
          return await handler(request, reply)
        } catch (err) {
          if (err instanceof ParameterError) return refuse(reply, 400, err.message)
          throw err
        }
      },
    )

  const collectionJson = async (request: FastifyRequest, c: Collection, format: Format) => {
    const base = `/ogc/collections/${c.id}`
    return {
      id: c.id,
      title: c.title.vi,
      description: c.description.vi,
      itemType: 'feature',
      crs: [CRS84],
      extent: extentJson(await c.extent(fastify.openData)),
      links: [
        ...selfAndAlternate(request, base, {}, MEDIA.json, format),
        {
          href: urlOf(request, `${base}/items`, { f: 'json' }),
          rel: 'items',
          type: MEDIA.geojson,
          title: c.title.en,
        },
        {
          href: urlOf(request, `${base}/items`, { f: 'html' }),
          rel: 'items',
          type: MEDIA.html,
          title: c.title.vi,
        },
        { href: fastify.config.open.licence, rel: 'license', title: 'Licence' },
      ],
    }
  }

  route('/ogc', 'OGC API – Features landing page', (request, reply) => {
    const asked = ask(request, COMMON)
    const links = {
      collections: urlOf(request, '/ogc/collections', { f: asked.format, lang: asked.query.lang }),
      conformance: urlOf(request, '/ogc/conformance', { f: asked.format, lang: asked.query.lang }),
      api: urlOf(request, '/ogc/api', { f: 'json' }),
    }
    if (asked.format === 'html')
      return sendHtml(reply, views.landingHtml(viewOf(request, '/ogc', asked), links), META_MAX_AGE)
    return sendJson(
      reply,
      MEDIA.json,
      {
        title: 'zonetrace open data',
        description: 'Public growing areas, monitoring stations and daily water quality (Mekong Delta).',
        links: [
          ...selfAndAlternate(request, '/ogc', {}, MEDIA.json, 'json'),
          {
            href: urlOf(request, '/ogc/api', { f: 'json' }),
            rel: 'service-desc',
            type: MEDIA.openapi,
            title: 'OpenAPI 3.0',
          },
          { href: urlOf(request, '/docs'), rel: 'service-doc', type: MEDIA.html, title: 'API documentation' },
          {
            href: urlOf(request, '/ogc/conformance', { f: 'json' }),
            rel: 'conformance',
            type: MEDIA.json,
            title: 'Conformance',
          },
          {
            href: urlOf(request, '/ogc/collections', { f: 'json' }),
            rel: 'data',
            type: MEDIA.json,
            title: 'Collections',
          },
        ],
      },
      META_MAX_AGE,
    )
  })

  // People type the root with a slash; send them to the one address the links use.
  fastify.get('/ogc/', { config: { rateLimit }, schema: { hide: true } }, (request, reply) => {
    const q = request.url.indexOf('?')
    return reply.redirect(`/ogc${q === -1 ? '' : request.url.slice(q)}`, 301)
  })

  route('/ogc/conformance', 'Conformance classes', (request, reply) => {
    const asked = ask(request, COMMON)
    if (asked.format === 'html') {
      return sendHtml(
        reply,
        views.conformanceHtml(viewOf(request, '/ogc/conformance', asked), CONFORMS_TO),
        META_MAX_AGE,
      )
    }
    return sendJson(reply, MEDIA.json, { conformsTo: CONFORMS_TO }, META_MAX_AGE)
  })

  route('/ogc/api', 'The OpenAPI 3.0 document of /ogc', (request, reply) => {
    const asked = ask(request, COMMON)
    // The HTML form of the definition is the platform's API documentation page.
    if (asked.format === 'html') return reply.redirect('/docs', 303)
    return sendJson(reply, MEDIA.openapi, ogcOpenApi(urlOf(request, '/ogc')), META_MAX_AGE)
  })

  route('/ogc/collections', 'The collections and their extents', async (request, reply) => {
    const asked = ask(request, COMMON)
    const described = await Promise.all(COLLECTIONS.map((c) => collectionJson(request, c, 'json')))
    if (asked.format === 'html') {
      const entries = await Promise.all(
        COLLECTIONS.map(async (collection) => ({
          collection,
          extent: await collection.extent(fastify.openData),
          href: urlOf(request, `/ogc/collections/${collection.id}`, { f: 'html', lang: asked.query.lang }),
        })),
      )
      return sendHtml(
        reply,
        views.collectionsHtml(viewOf(request, '/ogc/collections', asked), entries),
        ITEMS_MAX_AGE,
      )
    }
    return sendJson(
      reply,
      MEDIA.json,
      {
        links: selfAndAlternate(request, '/ogc/collections', {}, MEDIA.json, 'json'),
        collections: described,
      },
      ITEMS_MAX_AGE,
    )
  })

  route('/ogc/collections/:collectionId', 'One collection', async (request, reply) => {
    const asked = ask(request, COMMON)
    const c = collectionById((request.params as { collectionId: string }).collectionId)
    if (!c) return refuse(reply, 404, 'no such collection; see /ogc/collections')
    if (asked.format === 'html') {
      const path = `/ogc/collections/${c.id}`
      const items = urlOf(request, `${path}/items`, { f: 'html', lang: asked.query.lang })
      return sendHtml(
        reply,
        views.collectionHtml(viewOf(request, path, asked), c, await c.extent(fastify.openData), items),
        ITEMS_MAX_AGE,
      )
    }
    return sendJson(reply, MEDIA.json, await collectionJson(request, c, 'json'), ITEMS_MAX_AGE)
  })

  route('/ogc/collections/:collectionId/items', 'A page of features', async (request, reply) => {
    const c = collectionById((request.params as { collectionId: string }).collectionId)
    if (!c) return refuse(reply, 404, 'no such collection; see /ogc/collections')
    const asked = ask(request, [...ITEMS_PARAMS, ...Object.keys(c.filters)])
    const { query } = asked
    if (query['bbox-crs'] !== undefined && query['bbox-crs'] !== CRS84) {
      throw new ParameterError(`bbox-crs must be ${CRS84}`)
    }
    const filters = filtersOf(c, query)
    const page = await c.items(fastify.openData, {
      bbox: parseBbox(query.bbox),
      interval: parseDatetime(query.datetime),
      limit: parseLimit(query.limit),
      after: decodeCursor(query.cursor, c.keyParts),
      filters,
    })
    const path = `/ogc/collections/${c.id}/items`
    const kept = { ...query, f: undefined }
    const next = page.nextKey
      ? {
          href: urlOf(request, path, { ...kept, cursor: encodeCursor(page.nextKey), f: asked.format }),
          rel: 'next',
          type: asked.format === 'html' ? MEDIA.html : MEDIA.geojson,
          title: 'Next page',
        }
      : undefined
    if (asked.format === 'html') {
      const itemHref = (id: string) =>
        urlOf(request, `${path}/${encodeURIComponent(id)}`, { f: 'html', lang: query.lang })
      const counts = { returned: page.features.length, matched: page.numberMatched }
      return sendHtml(
        reply,
        views.itemsHtml(viewOf(request, path, asked), c, page.features, counts, itemHref, next),
        ITEMS_MAX_AGE,
      )
    }
    return sendJson(
      reply,
      MEDIA.geojson,
      {
        type: 'FeatureCollection',
        features: page.features,
        timeStamp: new Date().toISOString(),
        numberMatched: page.numberMatched,
        numberReturned: page.features.length,
        links: [
          ...selfAndAlternate(request, path, kept, MEDIA.geojson, 'json'),
          ...(next ? [next] : []),
          {
            href: urlOf(request, `/ogc/collections/${c.id}`, { f: 'json' }),
            rel: 'collection',
            type: MEDIA.json,
            title: c.title.en,
          },
        ],
      },
      ITEMS_MAX_AGE,
    )
  })

  route('/ogc/collections/:collectionId/items/:featureId', 'One feature', async (request, reply) => {
    const asked = ask(request, COMMON)
    const { collectionId, featureId } = request.params as { collectionId: string; featureId: string }
    const c = collectionById(collectionId)
    if (!c) return refuse(reply, 404, 'no such collection; see /ogc/collections')
    const feature = featureId.length <= 300 ? await c.item(fastify.openData, featureId) : undefined
    if (!feature) return refuse(reply, 404, `no feature "${featureId.slice(0, 80)}" in ${c.id}`)
    const path = `/ogc/collections/${c.id}/items/${encodeURIComponent(feature.id)}`
    if (asked.format === 'html')
      return sendHtml(reply, views.itemHtml(viewOf(request, path, asked), c, feature), ITEMS_MAX_AGE)
    return sendJson(
      reply,
      MEDIA.geojson,
      {
        ...feature,
        links: [
          ...selfAndAlternate(request, path, {}, MEDIA.geojson, 'json'),
          {
            href: urlOf(request, `/ogc/collections/${c.id}`, { f: 'json' }),
            rel: 'collection',
            type: MEDIA.json,
            title: c.title.en,
          },
        ],
      },
      ITEMS_MAX_AGE,
    )
  })
}

export default ogc
