// QR symbols for signed labels. Error correction M (about 15% of the symbol may be lost to scratches or
// a fold) and never larger than version 10 (57×57 modules), so a code printed 2 cm wide still scans on
// an ordinary phone. A link that would need a larger symbol is refused, not printed too dense to read.
//
// The qrcode package encodes; two of its steps are replaced because they were 90 % of the time per label
// (bench/labels.ts): the search for the shortest segmentation (qr-segments.ts) and the choice of data
// mask (qr-mask.ts). Both reproduce qrcode's own result, so the symbols are the ones it would draw.
import { buildDigitalLink } from '@zonetrace/contracts'
import { SERIAL_LENGTH } from '@zonetrace/db'
import QRCode, { type QRCodeSegment } from 'qrcode'
import { bestMasked } from './qr-mask.ts'
import { planQrSegments } from './qr-segments.ts'

const LABEL_QR_ECC = 'M'
export const LABEL_QR_MAX_VERSION = 10
const QUIET_ZONE = 4 // modules of white around the symbol, as ISO/IEC 18004 requires

export class LabelTooLongError extends Error {}

interface LabelQrSymbol {
  version: number
  mask: number
  /** Modules across, without the quiet zone. */
  size: number
  /** Row-major, 1 = dark. */
  modules: Uint8Array
  /** What qrcode needs to draw the same symbol again (the PNG). */
  segments: QRCodeSegment[] | string
}

/** The QR version this link needs at ECC M; throws LabelTooLongError beyond version 10. */
export function labelQrVersion(url: string): number {
  return planQrSegments(url)?.version ?? qrcodeSymbol(url).version
}

/**
 * The one rule for "too long to print", checked by issueLabels before any serial is issued, so
 * POST /api/v1/lots/{lotId}/labels (400) and `zonetrace labels` refuse a lot alike and with this message.
 * It sizes the longest link the lot can get under this base URL: a serial of SERIAL_LENGTH letters, and s
 * and k in lower-case letters, which no QR mode but byte mode holds. Every character of a real serial,
 * signature and key id fits each mode its stand-in fits, so a real link never needs a larger symbol.
 * Null when that link fits version 10 at ECC M, else the refusal.
 */
export function labelLinkTooLong(baseUrl: string, item: { gtin: string; lot: string }): string | null {
  const longest = `${buildDigitalLink(baseUrl, { ...item, serial: 'Z'.repeat(SERIAL_LENGTH) })}?s=${'z'.repeat(86)}&k=${'z'.repeat(11)}`
  const version = planQrSegments(longest)?.version ?? qrVersionAtM(longest)
  if (version <= LABEL_QR_MAX_VERSION) return null
  return `lot ${item.lot} is too long for a label under ${baseUrl}: its links need QR version ${version} (${Buffer.byteLength(longest)} bytes); the limit is ${LABEL_QR_MAX_VERSION} at ECC ${LABEL_QR_ECC}`
}

function qrVersionAtM(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: LABEL_QR_ECC }).version
}

/** The symbol's modules (row-major, 1 = dark, `size` across, quiet zone not included), for drawing it. */
export function labelQrMatrix(url: string): { size: number; quietZone: number; modules: Uint8Array } {
  const { size, modules } = labelQrSymbol(url)
  return { size, quietZone: QUIET_ZONE, modules }
}

function labelQrSymbol(url: string): LabelQrSymbol {
  const plan = planQrSegments(url)
  if (!plan) return qrcodeSymbol(url)
  const { segments, version } = plan
  const maskZero = QRCode.create(segments, { version, errorCorrectionLevel: LABEL_QR_ECC, maskPattern: 0 })
  const { mask, modules } = bestMasked(version, maskZero.modules)
  return { version, mask, size: maskZero.modules.size, modules, segments }
}

/** qrcode on its own: for whatever planQrSegments declines (too long for version 10, or empty). */
function qrcodeSymbol(url: string): LabelQrSymbol {
  const symbol = QRCode.create(url, { errorCorrectionLevel: LABEL_QR_ECC })
  if (symbol.version > LABEL_QR_MAX_VERSION) {
    throw new LabelTooLongError(
      `label link of ${Buffer.byteLength(url)} bytes needs QR version ${symbol.version}; the limit is ${LABEL_QR_MAX_VERSION} at ECC ${LABEL_QR_ECC}`,
    )
  }
  const { size, data } = symbol.modules
  return { version: symbol.version, mask: symbol.maskPattern ?? 0, size, modules: data, segments: url }
}

/**
 * SVG with a 4-module quiet zone, as ISO/IEC 18004 requires around the symbol. The markup is exactly what
 * qrcode's SVG renderer writes (lib/renderer/svg-tag.js), so consumers of that format keep working.
 */
export async function labelQrSvg(url: string): Promise<string> {
  const { size, modules } = labelQrSymbol(url)
  const full = size + 2 * QUIET_ZONE
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges">` +
    `<path fill="#ffffff" d="M0 0h${full}v${full}H0z"/><path stroke="#000000" d="${darkPath(modules, size)}"/></svg>\n`
  )
}

/** PNG at `scale` pixels per module (8 → about 520 px for version 10, sharp at 2–3 cm when printed). */
export async function labelQrPng(url: string, scale = 8): Promise<Buffer> {
  const { version, mask, segments } = labelQrSymbol(url)
  const options = {
    type: 'png',
    errorCorrectionLevel: LABEL_QR_ECC,
    version,
    maskPattern: mask as 0,
    margin: QUIET_ZONE,
    scale,
  } as const
  return typeof segments === 'string'
    ? QRCode.toBuffer(segments, options)
    : QRCode.toBuffer(segments, options)
}

/**
 * Each horizontal run of dark modules as a stroke through the middle of its row: the same string qrcode's
 * qrToPath writes (absolute `M` for a row's first run, relative `m` over the light gap after that).
 */
function darkPath(modules: Uint8Array, size: number): string {
  let path = ''
  for (let r = 0; r < size; r++) {
    const row = r * size
    let pen = -1
    for (let c = 0; c < size; c++) {
      if (!modules[row + c]) continue
      let end = c + 1
      while (end < size && modules[row + end]) end++
      path += pen < 0 ? `M${c + QUIET_ZONE} ${r + 0.5 + QUIET_ZONE}h${end - c}` : `m${c - pen} 0h${end - c}`
      pen = end
      c = end
    }
  }
  return path
}
