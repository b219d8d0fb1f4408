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
export { serialFileStem, uniqueFileStems } from './labels/file-name.ts'
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
export { labelLines } from './labels/label-text.ts'
export {
  DEFAULT_LAYOUT,
  LAYOUT_PRESETS,
  type LabelLayout,
  LayoutError,
  MIN_MODULE_MM,
  MIN_QR_MM,
  resolveLayout,
} from './labels/layout.ts'
export { LabelTooLongError, labelLinkTooLong, labelQrPng, labelQrSvg, labelQrVersion } from './labels/qr.ts'
export { qrSymbolParts } from './labels/qr-embed.ts'
export { planQrSegments } from './labels/qr-segments.ts'
export {
  LABELS_PER_PAGE,
  QR_SIZE,
  renderLabelSheets,
  type SheetLabel,
  type SheetLang,
} from './labels/sheet.ts'
export { renderLabelPdf } from './labels/sheet-pdf.ts'
export { buildApp, type LoggerOption, type RunningApi, startApi } from './server.ts'
export { buildEpcisDocument, EPCIS_CONTEXT_URL } from './trace/epcis/index.ts'
export type { AppOptions } from './types.ts'
