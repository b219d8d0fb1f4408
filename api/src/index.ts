export { actorOf } from './auth/actor.ts'
export { type AuthKeys, loadOrCreateAuthKeys } from './auth/keys.ts'
export { SESSION_COOKIE } from './auth/session-cookie.ts'
export { signInWithPassword, signOut } from './auth/sign-in.ts'
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
export { compressionJob } from './jobs/compression.ts'
export { retentionJob } from './jobs/retention.ts'
export { JobScheduler } from './jobs/scheduler.ts'
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
export { A4, type TextStyle, type VietnamesePdf, vietnamesePdf } from './labels/pdf-document.ts'
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
export { retryDelayMs } from './notify/backoff.ts'
export { type DispatcherOptions, WebhookDispatcher } from './notify/dispatcher.ts'
export { guardedLookup, type Resolver } from './notify/egress.ts'
export { AlertFeed } from './notify/feed.ts'
export { notifyMetrics } from './notify/metrics.ts'
export { READ_ROUTING, type ReadReplicaHealth, type ReadUse } from './plugins/app/read-db.ts'
// The consumer page's building blocks, each held to its own unit tests (tests/resolver/chart, map, page).
export { tickLabel, timeTicks, valueAxis } from './resolver/page/chart-axes.ts'
export { CHART_HEIGHT, CHART_WIDTH, chartSvg } from './resolver/page/chart-svg.ts'
export { cropName } from './resolver/page/crops.ts'
export { html, Markup, raw, safeHref } from './resolver/page/escape.ts'
// The workspace shows a lot's evidence exactly as its consumer page does.
export { evidenceSection } from './resolver/page/evidence.ts'
export { displayUnit, formatDateTime, formatNumber } from './resolver/page/format.ts'
export { type Lang, type PageContext, strings } from './resolver/page/i18n.ts'
export { renderConsumerPage, renderMessagePage } from './resolver/page/index.ts'
export { NEIGHBOURS_PATH, VIETNAM_PATH, VINH_LONG_PATH } from './resolver/page/locator-data.ts'
export { LOCATOR_HEIGHT, LOCATOR_WIDTH } from './resolver/page/locator-frame.ts'
export { fitFrame, mercator, scaleBar } from './resolver/page/map-geometry.ts'
export { tilesFor } from './resolver/page/map-tiles.ts'
export { midSentence, standardCode, withinSentence } from './resolver/page/metric-text.ts'
export { CHART_CSS } from './resolver/page/styles.ts'
export { whereFigure } from './resolver/page/where.ts'
export { ScanWriter } from './resolver/scan-writer.ts'
export { buildApp, type LoggerOption, type RunningApi, startApi } from './server.ts'
export {
  buildEpcisDocument,
  EPCIS_CONTEXT_URL,
  type EpcisDocument,
  type EpcisEvent,
  type EpcisInput,
  type EpcisObjectEvent,
} from './trace/epcis/index.ts'
export type { AppOptions } from './types.ts'
