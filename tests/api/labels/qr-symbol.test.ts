import { generateKeyPairSync, randomInt } from 'node:crypto'
import { LabelTooLongError, labelQrPng, labelQrSvg, labelQrVersion, planQrSegments } from '@zonetrace/api'
import { compactForQr, signedLabelUrl } from '@zonetrace/contracts'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'

const { privateKey } = generateKeyPairSync('ed25519')
const SET_82 = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!"%&'()*+,-./:;<=>?_`
const BASES = ['https://truyxuat.example.vn', 'http://localhost:3000', 'https://truyxuat.vinhlong.gov.vn/tem']

function randomValue(alphabet: string, max: number): string {
  let v = ''
  do {
    v = Array.from({ length: 1 + randomInt(max) }, () => alphabet[randomInt(alphabet.length)]).join('')
  } while (v === '.' || v === '..')
  return v
}

/** Signed links as labels carry them: random lot and serial from all of set 82, three bases, compacted or not. */
function links(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const url = signedLabelUrl(
      BASES[i % BASES.length]!,
      { gtin: '8935049500018', lot: randomValue(SET_82, 20), serial: randomValue(SET_82, 20) },
      privateKey,
    )
    return i % 2 ? compactForQr(url) : url
  })
}

describe('label QR symbols match what the qrcode package draws', () => {
  // Short and odd texts reach versions 1–8, which signed links alone never use.
  const texts = links(150).concat(['0', 'HELLO WORLD', '01234567890123456789', 'https://a.vn/x?q=1', 'Ω dừa'])

  it('picks the mask qrcode picks and writes its exact SVG, for every version up to 10', async () => {
    const versions = new Set<number>()
    for (const text of texts) {
      const plan = planQrSegments(text)
      if (!plan) continue
      versions.add(plan.version)
      // qrcode with the same segments and version, left to choose the mask itself.
      const reference = await QRCode.toString(plan.segments, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        version: plan.version,
        margin: 4,
      })
      expect(await labelQrSvg(text)).toBe(reference)
    }
    expect(versions.size).toBeGreaterThanOrEqual(4)
  })

  it('segments as compactly as qrcode, so the version is never larger than qrcode would choose', () => {
    let planned = 0
    for (const text of texts) {
      const plan = planQrSegments(text)
      const theirs = QRCode.create(text, { errorCorrectionLevel: 'M' }).version
      if (plan) {
        planned++
        expect(plan.version).toBeLessThanOrEqual(theirs)
        expect(labelQrVersion(text)).toBe(plan.version)
      } else if (theirs <= 10) {
        // Only non-ASCII text is left to qrcode's own search.
        expect(text).toBe('Ω dừa')
        expect(labelQrVersion(text)).toBe(theirs)
      } else {
        expect(() => labelQrVersion(text)).toThrow(LabelTooLongError)
      }
    }
    expect(planned).toBeGreaterThan(texts.length / 2)
  })

  it('knows the capacity of every version 1–10 at ECC M, in each mode', () => {
    // One-mode texts of every length up to past version 10: the single segment is optimal for both
    // encoders, so the versions must agree exactly, at every capacity boundary.
    for (const [unit, max] of [
      ['7', 440],
      ['Z', 270],
      ['z', 220],
    ] as const) {
      for (let n = 1; n <= max; n++) {
        const text = unit.repeat(n)
        const theirs = QRCode.create(text, { errorCorrectionLevel: 'M' }).version
        expect(planQrSegments(text)?.version ?? 11, `${n} × ${unit}`).toBe(Math.min(theirs, 11))
      }
    }
  })

  it('draws the PNG from the same symbol', async () => {
    const [url] = links(1)
    const png = await labelQrPng(url!)
    const plan = planQrSegments(url!)!
    const svgMask = QRCode.create(plan.segments, {
      errorCorrectionLevel: 'M',
      version: plan.version,
    }).maskPattern
    const reference = await QRCode.toBuffer(plan.segments, {
      type: 'png',
      errorCorrectionLevel: 'M',
      version: plan.version,
      maskPattern: svgMask,
      margin: 4,
      scale: 8,
    })
    expect(png.equals(reference)).toBe(true)
  })
})
