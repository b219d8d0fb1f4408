// Printing labels while the platform runs: each issued batch downloads over HTTP as a PDF (checked by rendering
// it with poppler and scanning every code with zbar), SVG pages, a ZIP and a CSV, in a chosen layout, with
// the very links the POST answered. Refusals: download-refusals.test.ts.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { labelQrSvg, MIN_MODULE_MM } from '@zonetrace/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../../helpers/fixture.ts'
import { startTraceHarness } from '../../trace/trace-harness.ts'
import { decodeQrCodes, printToolsOr, tool } from './print-tools.ts'
import { zipEntries, zipRead } from './zip-reader.ts'

interface Issued {
  batchId: string
  lotId: string
  gtin: string
  kid: string
  labels: { serial: string; url: string }[]
  downloads: { pdf: string; svg: string; zip: string; csv: string }
}

const api = sharedFixture(startTraceHarness)
let dir: string
let batch: Issued

async function issue(count: number, body: Record<string, unknown> = {}, lot = 'DS2610A', who = api?.vicosap) {
  return api.app.inject({
    method: 'POST',
    url: `/api/v1/lots/${lot}/labels`,
    headers: who,
    payload: { count, ...body },
  })
}

async function get(url: string, who: { authorization: string } | Record<string, never> = api.vicosap) {
  return api.app.inject({ method: 'GET', url, headers: who })
}

const csvRows = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => {
      const [serial, url] = row.split(',')
      return { serial, url }
    })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zt-label-downloads-'))
  const res = await issue(12)
  expect(res.statusCode).toBe(201)
  batch = res.json()
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('POST /lots/{lotId}/labels', () => {
  it('answers the batch id and its download paths beside the links', () => {
    expect(batch.lotId).toBe('DS2610A')
    expect(batch.gtin).toMatch(/^\d{14}$/)
    expect(batch.batchId).toMatch(/^[0-9a-f-]{36}$/)
    expect(batch.labels).toHaveLength(12)
    const serials = batch.labels.map((l) => l.serial)
    expect(serials).toEqual([...serials].sort())
    const base = `/api/v1/lots/DS2610A/labels/batches/${batch.batchId}`
    expect(batch.downloads).toEqual({
      pdf: `${base}/labels.pdf`,
      svg: `${base}/sheet.svg`,
      zip: `${base}/labels.zip`,
      csv: `${base}/labels.csv`,
    })
  })

  it('refuses a layout too small to scan before issuing any serial', async () => {
    const before = await api.test.db.query<{ n: number }>('select count(*)::int as n from label_serials')
    const res = await issue(3, { layout: 'a4-6x12' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/a4-6x12.*0\.33 mm/)
    const after = await api.test.db.query<{ n: number }>('select count(*)::int as n from label_serials')
    expect(after[0]!.n).toBe(before[0]!.n)
    expect((await issue(1, { layout: 'letter' })).statusCode).toBe(400)
  })

  it('lists the lot’s batches with their downloads', async () => {
    const res = await get('/api/v1/lots/DS2610A/labels/batches')
    expect(res.statusCode).toBe(200)
    const listed = res.json().batches.find((b: { batchId: string }) => b.batchId === batch.batchId)
    expect(listed).toMatchObject({ count: 12, kid: batch.kid, downloads: batch.downloads, layout: null })
  })
})

describe('the PDF', () => {
  let pdf: Buffer
  let file: string

  beforeAll(async () => {
    const res = await get(batch.downloads.pdf)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="labels-DS2610A-[0-9a-f]{8}-a4-3x5\.pdf"$/,
    )
    pdf = res.rawPayload
    file = join(dir, 'batch.pdf')
    await writeFile(file, pdf)
  })

  it('renders, and every code on the first page scans back to exactly the batch’s links', async (ctx) => {
    if (!printToolsOr(ctx.skip)) return
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(await tool('pdfinfo', [file])).toMatch(
      /Pages:\s+1\n[\s\S]*Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/,
    )
    await tool('pdftoppm', [
      '-r',
      '200',
      '-f',
      '1',
      '-l',
      '1',
      '-png',
      '-singlefile',
      file,
      join(dir, 'page'),
    ])
    const decoded = await decodeQrCodes(join(dir, 'page.png'))
    expect(decoded).toHaveLength(12)
    expect(new Set(decoded)).toEqual(new Set(batch.labels.map((l) => l.url)))
  })

  it('holds its text with Vietnamese diacritics, in an embedded font', async (ctx) => {
    if (!printToolsOr(ctx.skip)) return
    const text = await tool('pdftotext', ['-layout', file, '-'])
    expect(text).toContain('Dừa sáp sợi')
    expect(text).toContain('Mã vùng trồng: VN-TEST-NGOCHO')
    expect(text).toContain('Lô: DS2610A')
    for (const { serial } of batch.labels) expect(text).toContain(`Số sê-ri: ${serial}`)
    expect(text).toContain('Trang 1/1')
    const fonts = await tool('pdffonts', [file]).catch(() => '')
    if (fonts) expect(fonts).toMatch(/BeVietnamPro-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/)
  })

  it('prints in English on request, and one label a page on a roll', async (ctx) => {
    if (!printToolsOr(ctx.skip)) return
    const res = await get(`${batch.downloads.pdf}?layout=roll-62&lang=en`)
    expect(res.statusCode).toBe(200)
    const roll = join(dir, 'roll.pdf')
    await writeFile(roll, res.rawPayload)
    expect(await tool('pdfinfo', [roll])).toMatch(
      /Pages:\s+12\n[\s\S]*Page size:\s+175\.7\d* x 107\.7\d* pts/,
    )
    const text = await tool('pdftotext', [roll, '-'])
    expect(text).toContain('Area code:')
    expect(text).not.toContain('Trang')
    await tool('pdftoppm', [
      '-r',
      '300',
      '-f',
      '3',
      '-l',
      '3',
      '-png',
      '-singlefile',
      roll,
      join(dir, 'roll'),
    ])
    expect(await decodeQrCodes(join(dir, 'roll.png'))).toEqual([batch.labels[2]!.url])
  })
})

describe('the SVG, ZIP and CSV', () => {
  it('gives the same links as the POST, in its order, every time, even after a key rotation', async () => {
    const first = await get(batch.downloads.csv)
    expect(first.statusCode).toBe(200)
    expect(first.headers['content-type']).toMatch(/^text\/csv/)
    expect(first.body.split('\n')[0]).toBe('serial,url')
    expect(csvRows(first.body)).toEqual(batch.labels)
    await api.app.labelKeys.rotate()
    const again = await get(batch.downloads.csv, api.officer)
    expect(again.body).toBe(first.body)
  })

  it('pages the SVG sheets with ?page and says how many there are', async () => {
    const big = (await issue(17)).json() as Issued
    const one = await get(big.downloads.svg)
    expect(one.statusCode).toBe(200)
    expect(one.headers['content-type']).toMatch(/^image\/svg\+xml/)
    expect(one.headers['x-page-count']).toBe('2')
    expect(one.body).toContain('Trang 1/2')
    const two = await get(`${big.downloads.svg}?page=2&lang=en`)
    expect(two.body).toContain('Page 2/2')
    expect(two.body.match(/<svg x=/g)).toHaveLength(2)
    const over = await get(`${big.downloads.svg}?page=3`)
    expect(over.statusCode).toBe(400)
    expect(over.json().message).toMatch(/page 3 does not exist.*has 2/)
    const small = await get(`${big.downloads.svg}?layout=a4-4x8`)
    expect(small.headers['x-page-count']).toBe('1')
  })

  it('zips an SVG and a PNG per serial, the sheets, the PDF and labels.csv', async () => {
    const res = await get(batch.downloads.zip)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    const zip = res.rawPayload
    const entries = zipEntries(zip)
    const names = entries.map((e) => e.name)
    for (const { serial } of batch.labels) {
      expect(names).toContain(`${serial}.svg`)
      expect(names).toContain(`${serial}.png`)
    }
    expect(names).toEqual(expect.arrayContaining(['labels.csv', 'labels.pdf', 'sheet-001.svg']))
    expect(names).toHaveLength(12 * 2 + 3)
    const read = (name: string) => zipRead(zip, entries.find((e) => e.name === name)!)
    const first = batch.labels[0]!
    expect(read(`${first.serial}.svg`).toString()).toBe(await labelQrSvg(first.url))
    expect([...read(`${first.serial}.png`).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    expect(csvRows(read('labels.csv').toString())).toEqual(batch.labels)
    expect(read('labels.pdf').subarray(0, 5).toString()).toBe('%PDF-')
    expect(read('sheet-001.svg').toString()).toContain('Trang 1/1')
  })

  it('downloads in the layout asked for at issue unless told otherwise', async () => {
    const roll = (await issue(2, { layout: 'roll-40' })).json() as Issued
    const res = await get(roll.downloads.svg)
    expect(res.headers['content-disposition']).toContain('-roll-40.p1.svg"')
    expect(res.body).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="40mm" height="\d+mm"/)
    const a4 = await get(`${roll.downloads.svg}?layout=a4-2x4`)
    expect(a4.body).toContain('width="210mm" height="297mm"')
  })

  it('offers its layouts by name, none with modules under 0.33 mm', async () => {
    const res = await get('/api/v1/labels/layouts')
    expect(res.statusCode).toBe(200)
    const { default: fallback, layouts } = res.json() as {
      default: string
      layouts: { id: string; moduleMm: number; labelsPerPage: number }[]
    }
    expect(fallback).toBe('a4-3x5')
    expect(layouts.map((l) => l.id)).toEqual([
      'a4-3x5',
      'a4-2x4',
      'a4-4x7',
      'a4-4x8',
      'roll-40',
      'roll-50',
      'roll-62',
    ])
    for (const l of layouts) expect(l.moduleMm).toBeGreaterThanOrEqual(MIN_MODULE_MM)
    expect(layouts[0]!.labelsPerPage).toBe(15)
  })
})

describe('sizes', () => {
  it('keeps a 100-label PDF small', async () => {
    const big = (await issue(100)).json() as Issued
    const started = performance.now()
    const res = await get(big.downloads.pdf)
    const ms = performance.now() - started
    expect(res.statusCode).toBe(200)
    console.log(`PDF for 100 labels: ${res.rawPayload.length} bytes in ${Math.round(ms)} ms`)
    expect(res.rawPayload.length).toBeLessThan(600_000)
    await writeFile(join(dir, 'hundred.pdf'), res.rawPayload)
    expect((await readFile(join(dir, 'hundred.pdf'))).length).toBe(res.rawPayload.length)
  })
})
