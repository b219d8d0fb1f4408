// The download files the open-data job writes (api/src/open-data/downloads): the list, and each file with
// its validators, so a portal or a script polling hourly gets 304 until the data changes. Stored gzipped;
// sent as stored to a client that accepts gzip, decompressed on the way for one that does not.
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { LANGS } from '@zonetrace/contracts'
import { findOpenDownload, listOpenDownloads, readOpenDownloadBody } from '@zonetrace/db'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { HttpError } from '../../errors.ts'
import { acceptsGzip, entityTag, isNotModified } from '../../open-data/downloads/conditional.ts'
import { downloadListing } from '../../open-data/downloads/listing.ts'
import {
  attachmentName,
  COMMUNE_CODE,
  type DownloadRef,
  downloadName,
  isCollection,
  isFormat,
} from '../../open-data/downloads/names.ts'
import { renderDownloadsPage } from '../../open-data/downloads/page.ts'
import type { Lang } from '../../resolver/page/i18n.ts'
import { refusals } from '../../schemas/common.ts'
import { OPEN_CACHE_CONTROL, sendOpenPage } from './public-page.ts'

const FILE_NAME = /^([a-z0-9-]{1,40})\.([a-z0-9]{1,12})$/
const KNOWN_FILES = 'files are growing-areas, stations and daily-water, each as .csv or .geojson'

const fileParam = {
  type: 'string',
  maxLength: 60,
  description:
    '`{collection}.{format}`: collection growing-areas, stations or daily-water; format csv or geojson',
  examples: ['growing-areas.csv', 'daily-water.geojson'],
} as const

const fileBody = { schema: { type: 'string', format: 'binary' } }

// OpenAPI 3 gives the 200's media types under content; refusals are the API's usual JSON error body.
const fileResponses = {
  200: {
    description:
      'The file (CSV UTF-8 with a byte-order mark, or GeoJSON); gzip-encoded when the client accepts it',
    content: { 'text/csv': fileBody, 'application/geo+json': fileBody },
  },
  304: { description: 'Not modified since the If-None-Match / If-Modified-Since the client sent' },
  ...refusals(400, 404, 500),
}

const downloads: FastifyPluginAsync = async (fastify) => {
  const rateLimit = { max: fastify.config.open.rateLimitPerMinute, timeWindow: 60_000 }

  fastify.get(
    '/open/downloads',
    {
      config: { rateLimit },
      schema: {
        tags: ['open-data'],
        summary: 'The open-data download files: an HTML page (Vietnamese; lang=en), or JSON with f=json',
        querystring: {
          type: 'object',
          properties: {
            f: { type: 'string', enum: ['html', 'json'] },
            lang: { type: 'string', enum: [...LANGS] },
          },
        },
      },
    },
    async (request, reply) => {
      const { f = 'html', lang = 'vi' } = request.query as { f?: 'html' | 'json'; lang?: Lang }
      const names: Record<string, string> = {}
      for (const area of await fastify.openData.areas()) {
        const { communeCode, communeName } = area.properties
        if (communeCode && communeName) names[communeCode] = communeName
      }
      const listing = downloadListing({
        baseUrl: fastify.config.publicBaseUrl,
        open: fastify.config.open,
        files: await listOpenDownloads(fastify.dbFor('open data')),
        communeNames: names,
      })
      if (f === 'json') return reply.header('cache-control', OPEN_CACHE_CONTROL).send(listing)
      return sendOpenPage(reply, renderDownloadsPage(listing, lang))
    },
  )

  fastify.get(
    '/open/downloads/:file',
    {
      compress: false,
      config: { rateLimit },
      schema: {
        tags: ['open-data'],
        summary: 'A download file for the whole province, e.g. growing-areas.csv or daily-water.geojson',
        params: { type: 'object', required: ['file'], properties: { file: fileParam } },
        response: fileResponses,
      },
    },
    (request, reply) => sendFile(request, reply, null, (request.params as { file: string }).file),
  )

  fastify.get(
    '/open/downloads/communes/:commune/:file',
    {
      compress: false,
      config: { rateLimit },
      schema: {
        tags: ['open-data'],
        summary: "A download file for one commune, by today's commune code, e.g. communes/29335/stations.csv",
        params: {
          type: 'object',
          required: ['commune', 'file'],
          properties: {
            commune: { type: 'string', maxLength: 20, description: "Today's five-digit commune code" },
            file: fileParam,
          },
        },
        response: fileResponses,
      },
    },
    (request, reply) => {
      const { commune, file } = request.params as { commune: string; file: string }
      return sendFile(request, reply, commune, file)
    },
  )

  async function sendFile(
    request: FastifyRequest,
    reply: FastifyReply,
    commune: string | null,
    file: string,
  ) {
    const ref = parseRequest(commune, file)
    const info = await findOpenDownload(fastify.dbFor('open data'), downloadName(ref))
    if (!info) throw missing(ref)
    const gzip = acceptsGzip(request.headers['accept-encoding'])
    const etag = entityTag(info.etag, gzip)
    reply
      .header('etag', etag)
      .header('last-modified', info.generatedAt.toUTCString())
      .header('cache-control', OPEN_CACHE_CONTROL)
      .header('vary', 'accept-encoding')
      .header('link', `<${fastify.config.open.licence}>; rel="license"`)
    if (isNotModified(request.headers, etag, info.generatedAt)) return reply.code(304).send()
    const body = await readOpenDownloadBody(fastify.dbFor('open data'), info.name)
    if (!body) throw missing(ref)
    reply
      .type(info.mediaType)
      .header('content-disposition', `attachment; filename="${attachmentName(ref, info.generatedAt)}"`)
    if (gzip) return reply.header('content-encoding', 'gzip').header('content-length', body.length).send(body)
    return reply.header('content-length', info.bytes).send(Readable.from([body]).pipe(createGunzip()))
  }
}

/** 400 for what cannot be a file's name, 404 for a well-formed name of a file that is never written. */
function parseRequest(commune: string | null, file: string): DownloadRef {
  const m = FILE_NAME.exec(file)
  if (!m) throw new HttpError(400, `"${file}" is not a download's name: ${KNOWN_FILES}`)
  if (commune !== null && !COMMUNE_CODE.test(commune)) {
    throw new HttpError(400, `"${commune}" is not a commune code: today's codes have five digits, e.g. 29335`)
  }
  const [, collection, format] = m
  if (!isCollection(collection!) || !isFormat(format!)) {
    throw new HttpError(404, `no download "${file}": ${KNOWN_FILES}`)
  }
  return { collection, format, commune }
}

function missing(ref: DownloadRef): HttpError {
  return new HttpError(
    404,
    ref.commune === null
      ? 'the download files are not written yet; try again in a few minutes'
      : `no downloads for commune ${ref.commune}: it has no public growing area today, or it is not a code in force today`,
  )
}

export default downloads
