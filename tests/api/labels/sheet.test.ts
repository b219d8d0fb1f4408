import { generateKeyPairSync } from 'node:crypto'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  ensureLabelFolder,
  LABELS_PER_PAGE,
  LabelOutputError,
  labelQrSvg,
  labelQrVersion,
  QR_SIZE,
  qrSymbolParts,
  renderLabelSheets,
  type SheetLabel,
  serialFileStem,
  uniqueFileStems,
  writeLabelFiles,
} from '@zonetrace/api'
import { signedLabelUrl } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'
import { scratchDirAll } from '../../helpers/scratch-dir.ts'

const { privateKey } = generateKeyPairSync('ed25519')
const BASE = 'https://truyxuat.example.vn'

async function label(serial: string, over: Partial<SheetLabel> = {}): Promise<SheetLabel> {
  const lot = over.lot ?? 'CK2026-11'
  const url = signedLabelUrl(BASE, { gtin: '8935049500018', lot, serial }, privateKey)
  return {
    url,
    qrSvg: await labelQrSvg(url),
    productName: 'Dừa sáp Cầu Kè',
    stars: 4,
    lot,
    areaCode: 'VN-TV-CK-0012',
    serial,
    ...over,
  }
}

const serials = (n: number) => Array.from({ length: n }, (_, i) => `SER-${String(i).padStart(3, '0')}`)

/** Minimal well-formedness: every tag closes in order, and no raw '<' or stray '&' in text or attributes. */
function expectWellFormed(xml: string): void {
  const open: string[] = []
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '')
  for (const m of body.matchAll(/<([^>]*)>|([^<]+)/g)) {
    const [, tag, text] = m
    const chars = text ?? tag ?? ''
    expect(chars.replace(/&(amp|lt|gt|quot|apos|#[0-9]+);/g, '')).not.toMatch(/[&<]/)
    if (tag === undefined) continue
    expect(tag.replace(/"[^"]*"/g, '""')).toMatch(/^\/?[A-Za-z][\w:-]*(\s+[\w:-]+="")*\s*\/?$/)
    if (tag.startsWith('/')) expect(open.pop()).toBe(tag.slice(1))
    else if (!tag.endsWith('/')) open.push(tag.split(/\s/)[0] ?? '')
  }
  expect(open).toEqual([])
}

describe('printable label sheets', () => {
  it('puts 31 labels on 3 A4 pages of 15, each serial exactly once, with page n/m', async () => {
    const items = await Promise.all(serials(31).map((s) => label(s)))
    const pages = renderLabelSheets(items)
    expect(LABELS_PER_PAGE).toBe(15)
    expect(pages).toHaveLength(3)
    for (const [i, page] of pages.entries()) {
      expect(page).toMatch(
        /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="210mm" height="297mm" viewBox="0 0 210 297">/,
      )
      expect(page).toContain(`>Trang ${i + 1}/3</text>`)
      expectWellFormed(page)
    }
    const all = pages.join('')
    for (const serial of serials(31)) {
      expect(all.split(`Số sê-ri: ${serial}<`)).toHaveLength(2)
    }
    expect(pages[2]!.match(/<svg x=/g)).toHaveLength(1)
    expect(renderLabelSheets(items, { lang: 'en' })[0]).toContain('>Serial: SER-000<')
    expect(renderLabelSheets([])).toEqual([])
  })

  it('embeds the very path labelQrSvg drew, as vectors', async () => {
    const item = await label('VEC-1')
    const [page] = renderLabelSheets([item])
    expect(page).toContain(`d="${qrSymbolParts(item.qrSvg).darkPath}"`)
    expect(page).not.toMatch(/<image|data:image/)
  })

  it('escapes markup and drops characters XML forbids, in names and in set-82 serials', async () => {
    const item = await label(`A<&>"'`, {
      productName: `<script>alert("x")</script> & 'Cá' \u0001\uD800`,
      areaCode: 'VN-<b>',
    })
    const [page] = renderLabelSheets([item])
    expectWellFormed(page!)
    expect(page).not.toContain('<script')
    expect(page).not.toContain('<b>')
    expect(page).toContain('Số sê-ri: A&lt;&amp;&gt;&quot;&apos;<')
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)')
    expect(page!.includes('\u0001') || page!.includes('\uD800')).toBe(false)
  })

  it('shows OCOP stars only for 3 stars and above', async () => {
    const stars = async (n: number) => {
      const [page] = renderLabelSheets([await label('STAR-1', { stars: n })])
      return (page!.match(/★/g) ?? []).length
    }
    expect(await stars(2)).toBe(0)
    expect(await stars(0)).toBe(0)
    expect(await stars(3)).toBe(3)
    expect(await stars(5)).toBe(5)
  })

  it('cuts a long product name with an ellipsis, without splitting a Vietnamese letter', async () => {
    const long = 'Bánh tét lá cẩm nhân đậu xanh thịt mỡ trứng muối Trà Cuôn'.normalize('NFD')
    const [page] = renderLabelSheets([await label('LONG-1', { productName: long })])
    const name = /font-weight="700"[^>]*>([^<]*)</.exec(page!)?.[1] ?? ''
    expect(name.endsWith('…')).toBe(true)
    expect(name.startsWith('Bánh tét lá cẩm'.normalize('NFC'))).toBe(true)
    expect(name.length).toBeLessThan(long.length)
  })

  it('prints modules of at least 0.33 mm, even for the largest (version 10) symbol', async () => {
    // Long base, lot and serial: the densest label we can issue.
    const url = signedLabelUrl(
      'https://truyxuat.vinhlong.gov.vn',
      { gtin: '8935049500018', lot: 'L'.repeat(20), serial: 'S'.repeat(20) },
      privateKey,
    )
    const item = { ...(await label('X')), url, qrSvg: await labelQrSvg(url), serial: 'S'.repeat(20) }
    const [page] = renderLabelSheets([item])
    const m = /<svg x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="\1" viewBox="0 0 (\d+) \2"/.exec(page!)
    const moduleMm = Number(m?.[1]) / Number(m?.[2])
    expect(moduleMm).toBeGreaterThanOrEqual(0.33)
    // Whatever the link, the worst case is version 10: 57 modules plus a 4-module quiet zone each side.
    expect(labelQrVersion(url)).toBeLessThanOrEqual(10)
    expect(QR_SIZE / (57 + 8)).toBeGreaterThanOrEqual(0.33)
    expect(QR_SIZE / 57).toBeGreaterThanOrEqual(0.38)
  })
})

describe('label files', () => {
  const labelDir = scratchDirAll('zt-labels-')

  it('writes an SVG and a PNG per code and the sheets, creating the folder, reporting progress to the end', async () => {
    const out = join(labelDir.path, 'new', 'batch')
    const codes = serials(16).concat('A/B"C:*?')
    const items = await Promise.all(codes.map((s) => label(s)))
    const calls: [number, number][] = []
    const result = await writeLabelFiles(
      out,
      items.map((sheet) => ({ serial: sheet.serial, url: sheet.url, sheet })),
      (done, total) => calls.push([done, total]),
    )
    expect(result.files).toBe(17 * 2 + 2)
    expect(result.sheets).toEqual([join(out, 'sheet-001.svg'), join(out, 'sheet-002.svg')])
    const names = (await readdir(out)).sort()
    expect(names).toHaveLength(result.files)
    expect(names).toContain('A%2FB%22C%3A%2A%3F.svg')
    const png = await readFile(join(out, 'SER-000.png'))
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(await readFile(join(out, 'SER-015.svg'), 'utf8')).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    )
    const sheet = await readFile(result.sheets[1]!, 'utf8')
    expect(sheet).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /)
    expect(sheet).toContain('Trang 2/2')
    expect(calls.map(([d]) => d)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1))
    expect(calls.every(([, total]) => total === 19)).toBe(true)
  })

  it('refuses, clearly, a path that exists and is not a directory', async () => {
    const file = join(labelDir.path, 'not-a-dir')
    await writeFile(file, 'x')
    const sheet = await label('ONE-1')
    await expect(writeLabelFiles(file, [{ serial: 'ONE-1', url: sheet.url, sheet }])).rejects.toThrow(
      /not a directory/,
    )
    // The CLI checks this before issuing any serial, so a bad --out never wastes codes.
    await expect(ensureLabelFolder(file)).rejects.toBeInstanceOf(LabelOutputError)
    await ensureLabelFolder(join(labelDir.path, 'made', 'here'))
    expect((await stat(join(labelDir.path, 'made', 'here'))).isDirectory()).toBe(true)
  })

  it('maps every set-82 serial to a distinct file name that Windows, macOS and Linux all accept', () => {
    const set82 = `!"%&'()*+,-./:;<=>?_`
    const tricky = [...set82]
      .map((c) => `A${c}`)
      .concat(['CON', 'nul', 'Com1', 'LPT9', 'a.', '%41', 'A', '..a'])
    const stems = uniqueFileStems(tricky.concat(['ab', 'AB', 'Ab']))
    for (const stem of stems) {
      expect(stem).toMatch(/^[A-Za-z0-9_%~-]+$/)
      expect(stem).not.toMatch(/^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/i)
    }
    expect(new Set(stems.map((s) => s.toLowerCase())).size).toBe(stems.length)
    expect(serialFileStem('CON')).toBe('%43ON')
    expect(serialFileStem('Q7F3-KX_9')).toBe('Q7F3-KX_9')
    expect(stems.slice(-3)).toEqual(['ab', 'AB~2', 'Ab~3'])
  })
})
