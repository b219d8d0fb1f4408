// The label batches of a lot, and the print layouts offered by name.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox'
import { LotLabelBatch, LotParams, lotLabelBatch, SIGNED_IN_ROLES } from '@zonetrace/contracts'
import { listLabelBatches } from '@zonetrace/db'
import { DEFAULT_LAYOUT, LAYOUT_PRESETS, MAX_SYMBOL_MODULES, resolveLayout } from '../../labels/layout.ts'
import { authedErrors, bearerAuth } from '../../schemas/common.ts'
import { layoutDoc } from '../../schemas/labels.ts'

const labelBatches: FastifyPluginAsyncTypebox = async (fastify) => {
  const guard = fastify.requireRole(...SIGNED_IN_ROLES)

  fastify.get(
    '/lots/:lotId/labels/batches',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'The label batches of a lot, newest first, with the paths of their printable files',
        security: bearerAuth,
        params: LotParams,
        response: {
          200: Type.Object({ batches: Type.Array(LotLabelBatch) }),
          ...authedErrors,
        },
      },
    },
    async (request) => {
      const batches = await listLabelBatches(fastify.db, request.actor, request.params.lotId)
      return { batches: batches.map(lotLabelBatch) }
    },
  )

  fastify.get(
    '/labels/layouts',
    {
      preHandler: guard,
      schema: {
        tags: ['traceability'],
        summary: 'Print layouts offered by name for label downloads, with their label and QR code sizes (mm)',
        description: layoutDoc,
        security: bearerAuth,
        response: {
          200: Type.Object({
            default: Type.String(),
            layouts: Type.Array(
              Type.Object({
                id: Type.String(),
                description: Type.String(),
                kind: Type.Union([Type.Literal('a4'), Type.Literal('roll')]),
                labelsPerPage: Type.Integer(),
                labelWidthMm: Type.Number(),
                labelHeightMm: Type.Number(),
                qrSizeMm: Type.Number(),
                moduleMm: Type.Number({
                  description: 'QR module size for the largest symbol printed (version 10)',
                }),
              }),
            ),
          }),
          ...authedErrors,
        },
      },
    },
    async () => ({
      default: DEFAULT_LAYOUT,
      layouts: LAYOUT_PRESETS.map(({ id, description }) => {
        const l = resolveLayout(id)
        return {
          id,
          description,
          kind: l.kind,
          labelsPerPage: l.perPage,
          labelWidthMm: round(l.label.width),
          labelHeightMm: round(l.label.height),
          qrSizeMm: l.qr.size,
          moduleMm: round(l.qr.size / MAX_SYMBOL_MODULES, 3),
        }
      }),
    }),
  )
}

function round(n: number, digits = 2): number {
  return Math.round(n * 10 ** digits) / 10 ** digits
}

export default labelBatches
