// The OpenAPI 3.0 document of /ogc (/ogc/api): written here rather than taken from the platform's own
// document, because OGC clients read it to learn each collection's filters and the standard's parameters.
import { COLLECTIONS } from './collections.ts'
import { DEFAULT_LIMIT, MAX_LIMIT } from './params.ts'

const ogcException = {
  description: 'A refusal, with a message',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['code'],
        properties: { code: { type: 'string' }, description: { type: 'string' } },
      },
    },
  },
}

const f = {
  name: 'f',
  in: 'query',
  description: 'Output format; without it, a browser gets HTML and any other client JSON',
  schema: { type: 'string', enum: ['json', 'html'] },
}
const lang = {
  name: 'lang',
  in: 'query',
  description: 'Language of HTML answers',
  schema: { type: 'string', enum: ['vi', 'en'] },
}

const jsonAnswer = (description: string, media = 'application/json') => ({
  description,
  content: { [media]: { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } },
})

export function ogcOpenApi(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/': {
      get: op(
        'getLandingPage',
        'Landing page',
        [f, lang],
        jsonAnswer('Links to the API, conformance and collections'),
      ),
    },
    '/conformance': {
      get: op('getConformanceDeclaration', 'Conformance classes', [f, lang], jsonAnswer('conformsTo')),
    },
    '/api': {
      get: op(
        'getAPIDefinition',
        'This document',
        [f],
        jsonAnswer('OpenAPI 3.0', 'application/vnd.oai.openapi+json;version=3.0'),
      ),
    },
    '/collections': {
      get: op('getCollections', 'The collections and their extents', [f, lang], jsonAnswer('Collections')),
    },
  }
  for (const c of COLLECTIONS) {
    const filters = Object.entries(c.filters).map(([name, filter]) => ({
      name,
      in: 'query',
      description: filter.description,
      schema: filter.values ? { type: 'string', enum: [...filter.values] } : { type: 'string' },
    }))
    const base = `/collections/${c.id}`
    paths[base] = { get: op(`describe-${c.id}`, c.title.en, [f, lang], jsonAnswer(c.description.en)) }
    paths[`${base}/items`] = {
      get: op(
        `get-${c.id}-items`,
        `${c.title.en}: a page of features`,
        [
          {
            name: 'limit',
            in: 'query',
            description: `Features per page; a larger value is lowered to ${MAX_LIMIT}`,
            schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
          },
          {
            name: 'bbox',
            in: 'query',
            description: 'west,south,east,north (or 6 numbers with heights), CRS84',
            style: 'form',
            explode: false,
            schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
          },
          {
            name: 'datetime',
            in: 'query',
            description: 'An RFC 3339 instant or interval a/b with open ends (..)',
            schema: { type: 'string' },
          },
          {
            name: 'cursor',
            in: 'query',
            description: 'Opaque; from the next link',
            schema: { type: 'string' },
          },
          ...filters,
          f,
          lang,
        ],
        jsonAnswer('GeoJSON FeatureCollection', 'application/geo+json'),
      ),
    }
    paths[`${base}/items/{featureId}`] = {
      get: op(
        `get-${c.id}-item`,
        `One ${c.title.en.toLowerCase()} feature`,
        [{ name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }, f, lang],
        jsonAnswer('GeoJSON Feature', 'application/geo+json'),
      ),
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'zonetrace open data (OGC API – Features)',
      version: '1.0.0',
      description: 'Public growing areas, monitoring stations and daily water quality of the Mekong Delta.',
    },
    servers: [{ url: serverUrl }],
    paths,
  }
}

function op(operationId: string, summary: string, parameters: unknown[], ok: unknown) {
  return {
    operationId,
    summary,
    tags: ['OGC API – Features'],
    parameters,
    responses: { '200': ok, '400': ogcException, '404': ogcException, '429': ogcException },
  }
}
