import { generateKeyPairSync } from 'node:crypto'
import { LabelTooLongError, labelQrPng, labelQrSvg, labelQrVersion } from '@zonetrace/api'
import { signedLabelUrl } from '@zonetrace/contracts'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'

const { privateKey } = generateKeyPairSync('ed25519')

describe('label QR symbols', () => {
  it('fits the longest signed label (20-character lot and serial) in version 10 or smaller at ECC M', () => {
    const url = signedLabelUrl(
      'https://truyxuat.vinhlong.gov.vn',
      { gtin: '8935049500018', lot: 'L'.repeat(20), serial: 'S'.repeat(20) },
      privateKey,
    )
    const version = labelQrVersion(url)
    expect(version).toBeLessThanOrEqual(10)
    // Cross-check with the encoder itself, at the level the symbol is printed with.
    expect(QRCode.create(url, { errorCorrectionLevel: 'M' }).version).toBe(version)
  })

  it('renders SVG and PNG of the same symbol, and refuses a link that would need a larger one', async () => {
    const url = signedLabelUrl(
      'https://truyxuat.example.vn',
      { gtin: '8935049500018', lot: 'CK2026-11', serial: 'Q7F3KX9A2M' },
      privateKey,
    )
    expect(await labelQrSvg(url)).toMatch(/^<svg[^>]+viewBox/)
    const png = await labelQrPng(url)
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect(() => labelQrVersion(`${url}&${'x'.repeat(400)}`)).toThrow(LabelTooLongError)
  })
})
