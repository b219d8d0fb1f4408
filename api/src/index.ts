export { actorOf } from './auth/actor.ts'
export { type AuthKeys, loadOrCreateAuthKeys } from './auth/keys.ts'
export {
  createToken,
  DEFAULT_TOKEN_LIFETIME,
  isTokenRole,
  type Principal,
  type Role,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TOKEN_ROLES,
  type TokenClaims,
  TokenError,
  type TokenRole,
  verifyToken,
} from './auth/tokens.ts'
export { catchUpCompliance } from './jobs/compliance.ts'
export { batchFaces, labelsCsv, pdfTitle } from './labels/batch-files.ts'
export { type IssuedLabel, issueLabels, type LabelBatch, MAX_LABELS_PER_REQUEST } from './labels/issue.ts'
export {
  type LabelKeyInfo,
  type LabelKeyring,
  openLabelKeyring,
  UnknownLabelKeyError,
} from './labels/keyring.ts'
export {
  ensureLabelFolder,
  type LabelFileInput,
  type LabelFilesResult,
  LabelOutputError,
  writeLabelFiles,
} from './labels/label-files.ts'
export {
  DEFAULT_LAYOUT,
  LAYOUT_PRESETS,
  type LabelLayout,
  LayoutError,
  resolveLayout,
} from './labels/layout.ts'
export { LabelTooLongError, labelQrPng, labelQrSvg, labelQrVersion } from './labels/qr.ts'
export { renderLabelSheets, type SheetLabel, type SheetLang } from './labels/sheet.ts'
export { renderLabelPdf } from './labels/sheet-pdf.ts'
export { buildApp, type LoggerOption, type RunningApi, startApi } from './server.ts'
export { buildEpcisDocument, EPCIS_CONTEXT_URL } from './trace/epcis/index.ts'
export type { AppOptions } from './types.ts'
