// What printing a label batch takes and may refuse (routes/lots/label-downloads.ts, label-batches.ts). The
// batch, its downloads and its params are resources in contracts; the layouts are the API's own.
import { Type } from '@fastify/type-provider-typebox'
import { LANGS, LAYOUT_PATTERN } from '@zonetrace/contracts'
import { DEFAULT_LAYOUT, LAYOUT_PRESETS } from '../labels/layout.ts'
import { ErrorBody } from './common.ts'

export const gone = ErrorBody(
  "The batch's signing key was revoked or removed: its labels cannot be printed again",
)

export const layoutDoc = `Print layout: a4-CxR (C columns × R rows on A4) or roll-W (a W mm label roll, one label a page). Offered: ${LAYOUT_PRESETS.map((p) => p.id).join(', ')} (GET /api/v1/labels/layouts). A layout whose QR codes would get modules under 0.33 mm is refused (400). Default: the layout asked for at issue, else ${DEFAULT_LAYOUT}.`
const Layout = Type.String({ pattern: LAYOUT_PATTERN, maxLength: 12, description: layoutDoc })
const LabelLang = Type.Union(
  LANGS.map((lang) => Type.Literal(lang)),
  { description: 'Language of the words on the labels; default vi' },
)
export const PrintQuery = Type.Object({ layout: Type.Optional(Layout), lang: Type.Optional(LabelLang) })
