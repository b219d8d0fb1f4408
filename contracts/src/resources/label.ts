// A signed label, once: what issuing answers per label, and the request that issues a batch of them.
import { type Static, Type } from 'typebox'

/** One request prints at most this many; more is a batch job, not a request. */
export const MAX_LABELS_PER_REQUEST = 10_000

/** Print layout names: a4-CxR (C columns × R rows on A4) or roll-W (a W mm label roll). */
export const LAYOUT_PATTERN = '^(a4-[1-9]x[1-9][0-9]?|roll-[1-9][0-9]{1,2})$'

/** One issued label: its serial (GS1 AI 21) and the signed GS1 Digital Link its QR code carries. */
export const Label = Type.Object({ serial: Type.String(), url: Type.String() })
export type Label = Static<typeof Label>

/** POST /lots/{lotId}/labels: how many labels, and the layout their downloads default to. */
export const LabelsBody = Type.Object({
  count: Type.Integer({ minimum: 1, maximum: MAX_LABELS_PER_REQUEST }),
  layout: Type.Optional(Type.String({ pattern: LAYOUT_PATTERN, maxLength: 12 })),
})
export type LabelsBody = Static<typeof LabelsBody>
