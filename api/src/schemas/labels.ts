// Schemas of label batches and their downloads (routes/lots/labels.ts, label-downloads.ts, label-batches.ts).
import { Type } from '@fastify/type-provider-typebox'
import { LotParams } from '@zonetrace/contracts'
import type { Static } from 'typebox'
import { DEFAULT_LAYOUT, LAYOUT_PATTERN, LAYOUT_PRESETS } from '../labels/layout.ts'
import { ErrorBody } from './common.ts'

export const gone = ErrorBody(
  "The batch's signing key was revoked or removed: its labels cannot be printed again",
)

export const BatchParams = Type.Object({
  lotId: LotParams.properties.lotId,
  batchId: Type.String({ format: 'uuid', description: 'The batchId POST /lots/{lotId}/labels answered' }),
})

export const layoutDoc = `Print layout: a4-CxR (C columns × R rows on A4) or roll-W (a W mm label roll, one label a page). Offered: ${LAYOUT_PRESETS.map((p) => p.id).join(', ')} (GET /api/v1/labels/layouts). A layout whose QR codes would get modules under 0.33 mm is refused (400). Default: the layout asked for at issue, else ${DEFAULT_LAYOUT}.`
const Layout = Type.String({ pattern: LAYOUT_PATTERN, maxLength: 12, description: layoutDoc })
const Lang = Type.Union([Type.Literal('vi'), Type.Literal('en')], {
  description: 'Language of the words on the labels; default vi',
})
export const PrintQuery = Type.Object({ layout: Type.Optional(Layout), lang: Type.Optional(Lang) })

/** Where a batch's files are: paths under this API. */
export const Downloads = Type.Object(
  {
    pdf: Type.String({ description: 'A4 or roll PDF, fonts embedded, QR codes as vectors' }),
    svg: Type.String({ description: 'One SVG page; ?page=2… for the others' }),
    zip: Type.String({
      description: 'Every file: {serial}.svg, {serial}.png, sheet-NNN.svg, labels.pdf, labels.csv',
    }),
    csv: Type.String({ description: 'serial,url per label' }),
  },
  { description: 'Paths of the batch’s printable files; each takes ?layout= and ?lang=' },
)

export function downloadsOf(lotId: string, batchId: string): Static<typeof Downloads> {
  const base = `/api/v1/lots/${encodeURIComponent(lotId)}/labels/batches/${batchId}`
  return {
    pdf: `${base}/labels.pdf`,
    svg: `${base}/sheet.svg`,
    zip: `${base}/labels.zip`,
    csv: `${base}/labels.csv`,
  }
}
