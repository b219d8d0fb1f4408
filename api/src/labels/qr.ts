// QR symbols for signed labels. Error correction M (about 15% of the symbol may be lost to scratches or
// a fold) and never larger than version 10 (57×57 modules), so a code printed 2 cm wide still scans on
// an ordinary phone. A link that would need a larger symbol is refused, not printed too dense to read.
import QRCode from 'qrcode'

export const LABEL_QR_ECC = 'M'
export const LABEL_QR_MAX_VERSION = 10

export class LabelTooLongError extends Error {}

/** The QR version this link needs at ECC M; throws LabelTooLongError beyond version 10. */
export function labelQrVersion(url: string): number {
  const { version } = QRCode.create(url, { errorCorrectionLevel: LABEL_QR_ECC })
  if (version > LABEL_QR_MAX_VERSION) {
    throw new LabelTooLongError(
      `label link of ${Buffer.byteLength(url)} bytes needs QR version ${version}; the limit is ${LABEL_QR_MAX_VERSION} at ECC ${LABEL_QR_ECC}`,
    )
  }
  return version
}

/** SVG with a 4-module quiet zone, as ISO/IEC 18004 requires around the symbol. */
export async function labelQrSvg(url: string): Promise<string> {
  labelQrVersion(url)
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: LABEL_QR_ECC, margin: 4 })
}

/** PNG at `scale` pixels per module (8 → about 520 px for version 10, sharp at 2–3 cm when printed). */
export async function labelQrPng(url: string, scale = 8): Promise<Buffer> {
  labelQrVersion(url)
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: LABEL_QR_ECC, margin: 4, scale })
}
