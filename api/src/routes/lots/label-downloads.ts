// A label batch's printable files over HTTP, for whoever may issue labels for the lot (its cooperative,
// officers, admins): the A4 or roll PDF with the font embedded, an SVG page, a ZIP of every file the CLI
// writes, and labels.csv. Each download signs the batch's links again with the key that issued them: the
// same links as at issue, byte for byte (Ed25519 is deterministic).
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { LabelBatchParams, SIGNED_IN_ROLES } from '@zonetrace/contracts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { HttpError } from '../../errors.ts'
import { batchFaces, batchSheetSvg, batchZipStream, labelsCsv, pdfTitle } from '../../labels/batch-files.ts'
import { serialFileStem } from '../../labels/file-name.ts'
import type { LabelBatch } from '../../labels/issue.ts'
import { pageCount, type SheetLang } from '../../labels/label-text.ts'
import { DEFAULT_LAYOUT, type LabelLayout, LayoutError, resolveLayout } from '../../labels/layout.ts'
import { LabelKeyGoneError, loadLabelBatch } from '../../labels/reprint.ts'
import { labelPdfStream } from '../../labels/sheet-pdf.ts'
import { authedErrors, bearerAuth } from '../../schemas/common.ts'
import { gone, layoutDoc, PrintQuery } from '../../schemas/labels.ts'

const downloadRefusals = { ...authedErrors, 410: gone }

const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: Type.String({ format: 'binary' }) } },
})

const labelDownloads: FastifyPluginAsyncTypebox = async (fastify) => {
  const guard = fastify.requireRole(...SIGNED_IN_ROLES)

  /** The batch with its links signed again, and the layout to print it in; refusals as HTTP errors. */
  async function batchFor(request: {
    params: LabelBatchParams
    query: unknown
    actor: FastifyRequest['actor']
  }): Promise<{ batch: LabelBatch; layout: LabelLayout; lang: SheetLang }> {
    const query = request.query as Static<typeof PrintQuery>
    // A layout that cannot be printed is refused before the batch is signed again.
    const asked = query.layout === undefined ? undefined : layoutOrRefuse(query.layout)
    const batch = await loadLabelBatch(fastify.db, fastify.labelKeys, request.actor, {
      ...request.params,
      baseUrl: fastify.config.publicBaseUrl,
    }).catch((err: unknown) => {
      throw err instanceof LabelKeyGoneError ? new HttpError(410, err.message) : err
    })
    const layout = asked ?? layoutOrRefuse(batch.layout ?? DEFAULT_LAYOUT)
    return { batch, layout, lang: query.lang ?? 'vi' }
  }

  const attachment = (
    reply: FastifyReply,
    batch: LabelBatch,
    layout: LabelLayout,
    ext: string,
    type: string,
  ) =>
    reply
      .type(type)
      .header(
        'content-disposition',
        `attachment; filename="labels-${serialFileStem(batch.lotId)}-${batch.batchId.slice(0, 8)}-${layout.id}.${ext}"`,
      )

  // OpenAPI 3 gives the 200's media type under content (binary below); `produces` (Swagger 2) is left out,
  // since @fastify/swagger would then document the JSON error bodies under the file's type too.
  const route = (summary: string, description: string, ok: object, extra = {}) => ({
    preHandler: guard,
    schema: {
      tags: ['traceability'],
      summary,
      description,
      security: bearerAuth,
      params: LabelBatchParams,
      querystring: Type.Object({ ...PrintQuery.properties, ...extra }),
      response: { 200: ok, ...downloadRefusals },
    },
  })

  fastify.get(
    '/lots/:lotId/labels/batches/:batchId/labels.pdf',
    route(
      'A label batch as a PDF to print: every label, QR codes as vectors, Be Vietnam Pro embedded',
      `Each label: QR code, product name, OCOP stars, lot, growing-area code(s) and serial. ${layoutDoc}`,
      binary('application/pdf', 'The PDF, streamed as it is drawn'),
    ),
    async (request, reply) => {
      const { batch, layout, lang } = await batchFor(request)
      const pdf = labelPdfStream(batchFaces(batch), {
        layout,
        lang,
        title: pdfTitle(batch),
        createdAt: new Date(batch.issuedAt),
      })
      // Fastify streams a Readable as it is; the typed reply only knows the documented schema (a string).
      return attachment(reply, batch, layout, 'pdf', 'application/pdf').send(pdf as unknown as string)
    },
  )

  fastify.get(
    '/lots/:lotId/labels/batches/:batchId/sheet.svg',
    route(
      'One page of a label batch as SVG (1 user unit = 1 mm); X-Page-Count says how many pages there are',
      `?page=N (from 1) picks the page; the ZIP holds every page. ${layoutDoc}`,
      binary('image/svg+xml', 'The SVG page'),
      {
        page: Type.Optional(
          Type.Integer({ minimum: 1, maximum: 10_000, description: 'Page, from 1; default 1' }),
        ),
      },
    ),
    async (request, reply) => {
      const { batch, layout, lang } = await batchFor(request)
      const pages = pageCount(batch.labels.length, layout)
      const page = (request.query as { page?: number }).page ?? 1
      if (page > pages) {
        throw new HttpError(
          400,
          `page ${page} does not exist: batch ${batch.batchId} has ${pages} in layout ${layout.id}`,
        )
      }
      const svg = await batchSheetSvg(batchFaces(batch), layout, page - 1, lang)
      return attachment(reply, batch, layout, `p${page}.svg`, 'image/svg+xml; charset=utf-8')
        .header('x-page-count', String(pages))
        .send(svg)
    },
  )

  fastify.get(
    '/lots/:lotId/labels/batches/:batchId/labels.zip',
    route(
      'A label batch as a ZIP: {serial}.svg and {serial}.png per code, sheet-NNN.svg, labels.pdf, labels.csv',
      `The files \`zonetrace labels\` writes, streamed. Serials outside [A-Za-z0-9_-] are %XX-escaped in file names. ${layoutDoc}`,
      binary('application/zip', 'The ZIP, streamed'),
    ),
    async (request, reply) => {
      const { batch, layout, lang } = await batchFor(request)
      const zip = batchZipStream(batch, layout, lang)
      return attachment(reply, batch, layout, 'zip', 'application/zip').send(zip as unknown as string)
    },
  )

  fastify.get(
    '/lots/:lotId/labels/batches/:batchId/labels.csv',
    route(
      'A label batch as CSV, serial,url per label, for label printers that take variable data',
      'The labels.csv `zonetrace labels` writes: LF line ends, no BOM. ?layout only names the file.',
      {
        description: 'Header serial,url, then one row per label',
        content: { 'text/csv': { schema: Type.String() } },
      },
    ),
    async (request, reply) => {
      const { batch, layout } = await batchFor(request)
      const csv = labelsCsv(batch.labels)
      return attachment(reply, batch, layout, 'csv', 'text/csv; charset=utf-8; header=present').send(csv)
    },
  )
}

function layoutOrRefuse(id: string): LabelLayout {
  try {
    return resolveLayout(id)
  } catch (err) {
    throw err instanceof LayoutError ? new HttpError(400, err.message) : err
  }
}

export default labelDownloads
