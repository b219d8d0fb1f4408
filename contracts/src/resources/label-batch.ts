// A label batch, once: each issue of labels as stored (so it can be printed again), the paths of its
// printable files, and what issuing one answers. The list route shows a batch without its lot (the path
// names it) and with its downloads.
import { type Static, Type } from 'typebox'
import { DateTime, Nullable } from './common.ts'
import { Label } from './label.ts'
import { LotParams } from './lot.ts'

export const LabelBatchParams = Type.Object({
  lotId: LotParams.properties.lotId,
  batchId: Type.String({ format: 'uuid', description: 'The batchId POST /lots/{lotId}/labels answered' }),
})
export type LabelBatchParams = Static<typeof LabelBatchParams>

export const LabelBatch = Type.Object({
  batchId: Type.String(),
  lotId: Type.String(),
  kid: Type.String(),
  count: Type.Integer(),
  issuedAt: DateTime,
  issuedBy: Nullable(Type.String()),
  layout: Nullable(Type.String()),
})
export type LabelBatch = Static<typeof LabelBatch>

/** Where a batch's files are: paths under the API. */
export const LabelDownloads = Type.Object(
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
export type LabelDownloads = Static<typeof LabelDownloads>

export function labelDownloadsOf(lotId: string, batchId: string): LabelDownloads {
  const base = `/api/v1/lots/${encodeURIComponent(lotId)}/labels/batches/${batchId}`
  return {
    pdf: `${base}/labels.pdf`,
    svg: `${base}/sheet.svg`,
    zip: `${base}/labels.zip`,
    csv: `${base}/labels.csv`,
  }
}

/** GET /lots/{lotId}/labels/batches: one batch of the lot, with its files. */
const { lotId: _lotId, ...lotBatchFields } = LabelBatch.properties
export const LotLabelBatch = Type.Object({ ...lotBatchFields, downloads: LabelDownloads })
export type LotLabelBatch = Static<typeof LotLabelBatch>

export function lotLabelBatch({ lotId, ...batch }: LabelBatch): LotLabelBatch {
  return { ...batch, downloads: labelDownloadsOf(lotId, batch.batchId) }
}

/** POST /lots/{lotId}/labels: the batch just issued, every label's link, and where to download them. */
export const IssuedLabelBatch = Type.Object({
  batchId: Type.String({ format: 'uuid' }),
  lotId: Type.String(),
  gtin: Type.String(),
  kid: Type.String({ description: 'The label key that signed every link of the batch' }),
  labels: Type.Array(Label, { description: 'Sorted by serial, the order of every download' }),
  downloads: LabelDownloads,
})
export type IssuedLabelBatch = Static<typeof IssuedLabelBatch>
