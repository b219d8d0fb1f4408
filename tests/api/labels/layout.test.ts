// Print layouts: every layout that is accepted keeps its code at 0.33 mm modules or more and its text on the
// label; every other is refused with a reason. Each offered layout is printed to PDF, rendered and scanned.

import { createPrivateKey } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  LAYOUT_PRESETS,
  type LabelLayout,
  LayoutError,
  labelLines,
  MIN_QR_MM,
  renderLabelPdf,
  resolveLayout,
} from '@zonetrace/api'
import { signedLabelUrl } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { scratchDirAll } from '../../helpers/scratch-dir.ts'
import { decodeQrCodes, printToolsOr, tool } from './print-tools.ts'

// A fixed key: the same symbols every run.
const key = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 7)]),
  format: 'der',
  type: 'pkcs8',
})
const face = (serial: string, stars = 5) => ({
  url: signedLabelUrl(
    'https://truyxuat.example.vn',
    { gtin: '08935049500018', lot: 'DS2610A-2026', serial },
    key,
  ),
  productName: 'Dừa sáp Cầu Kè',
  stars,
  lot: 'DS2610A-2026',
  areaCode: 'VN-TV-CK-0012',
  serial,
})

function accepted(): LabelLayout[] {
  const ids = [
    ...Array.from({ length: 9 * 20 }, (_, i) => `a4-${(i % 9) + 1}x${Math.floor(i / 9) + 1}`),
    ...Array.from({ length: 10 }, (_, i) => `roll-${20 + 10 * i}`),
    ...LAYOUT_PRESETS.map((p) => p.id),
  ]
  const layouts: LabelLayout[] = []
  for (const id of ids) {
    try {
      layouts.push(resolveLayout(id))
    } catch (err) {
      expect(err).toBeInstanceOf(LayoutError)
      expect((err as Error).message).toMatch(new RegExp(`"${id}" is refused: .* 0\\.33 mm`))
    }
  }
  return layouts
}

describe('layouts', () => {
  it('keeps the first sheets’ default: A4, 3 × 5 labels of 65 × 54 mm, 28 mm codes under which the text sits', () => {
    const l = resolveLayout()
    expect(l).toMatchObject({
      id: 'a4-3x5',
      perPage: 15,
      label: { width: 65, height: 54 },
      arrangement: 'below',
    })
    expect(l.qr).toEqual({ x: 18.5, y: 1.5, size: 28 })
  })

  it('accepts only layouts whose codes and text fit, and refuses the rest with a reason', () => {
    const layouts = accepted()
    expect(layouts.length).toBeGreaterThan(20)
    expect(layouts.map((l) => l.id)).toEqual(expect.arrayContaining(LAYOUT_PRESETS.map((p) => p.id)))
    expect(() => resolveLayout('a4-9x20')).toThrow(LayoutError)
    for (const l of layouts) {
      const { label, qr } = l
      expect(qr.size, l.id).toBeGreaterThanOrEqual(MIN_QR_MM)
      expect(
        qr.x >= 0 && qr.y >= 0 && qr.x + qr.size <= label.width && qr.y + qr.size <= label.height,
        l.id,
      ).toBe(true)
      if (l.kind === 'a4') expect(l.origin.y + l.rows * label.height, l.id).toBeLessThanOrEqual(297 - 10)
      for (const line of labelLines(face('Q7F3KX9A2N4M'), l, 'vi')) {
        const left = line.align === 'middle' ? line.x - line.width / 2 : line.x
        expect(left >= 0 && left + line.width <= label.width + 1e-9, `${l.id} ${line.text}`).toBe(true)
        expect(line.baseline + 0.3 * line.size, `${l.id} ${line.text}`).toBeLessThanOrEqual(label.height)
        // Text never runs over the code.
        const overQr =
          left < qr.x + qr.size &&
          left + line.width > qr.x &&
          line.baseline > qr.y &&
          line.baseline - line.size < qr.y + qr.size
        expect(overQr, `${l.id} ${line.text}`).toBe(false)
      }
    }
  })
})

describe('every offered layout, printed', () => {
  const printed = scratchDirAll('zt-layouts-')

  it('renders whole serials and area codes and codes that scan, in each', {
    timeout: 120_000,
  }, async (ctx) => {
    if (!printToolsOr(ctx.skip)) return
    const items = ['Q7F3KX9A2N4M', 'MMMMMMMMMMMM', 'WXYZ0123WXYZ'].map((s, i) => face(s, 3 + i))
    for (const { id } of LAYOUT_PRESETS) {
      const file = join(printed.path, `${id}.pdf`)
      await writeFile(file, await renderLabelPdf(items, { layout: resolveLayout(id) }))
      const text = (await tool('pdftotext', [file, '-'])).replace(/\s+/g, ' ')
      for (const item of items) expect(text, id).toContain(item.serial)
      expect(text, id).toContain('VN-TV-CK-0012')
      expect(text, id).toContain('Mã vùng trồng')
      await tool('pdftoppm', ['-r', '300', '-png', file, join(printed.path, id)])
      const pages = id.startsWith('roll') ? ['-1', '-2', '-3'] : ['-1']
      const decoded: string[] = []
      for (const page of pages) decoded.push(...(await decodeQrCodes(join(printed.path, `${id}${page}.png`))))
      expect(new Set(decoded), id).toEqual(new Set(items.map((i) => i.url)))
    }
  })
})
