// The files of a label batch as downloads: labels.csv, and a ZIP holding what `zonetrace labels` writes to
// its folder ({serial}.svg and {serial}.png per code, sheet-001.svg…, labels.pdf and labels.csv). The ZIP is
// streamed: each file is made only when the archive reaches it, so a batch of 10,000 codes never sits in
// memory whole.
import { Readable } from 'node:stream'
import { ZipFile } from 'yazl'
import { uniqueFileStems } from './file-name.ts'
import type { IssuedLabel, LabelBatch } from './issue.ts'
import { sheetFileNames } from './label-files.ts'
import { type LabelFace, pageCount, type SheetLang } from './label-text.ts'
import type { LabelLayout } from './layout.ts'
import { labelQrPng, labelQrSvg } from './qr.ts'
import { renderLabelPage, type SheetLabel } from './sheet.ts'
import { labelPdfStream } from './sheet-pdf.ts'

/** What is printed on each label of the batch. */
export function batchFaces(batch: LabelBatch): LabelFace[] {
  return batch.labels.map((l) => ({
    url: l.url,
    serial: l.serial,
    productName: batch.productName,
    stars: batch.stars,
    lot: batch.lotId,
    areaCode: batch.areaCodes.join(', '),
  }))
}

/** The sheet faces of the labels on `page`, with their QR symbols. */
async function sheetPage(
  faces: readonly LabelFace[],
  layout: LabelLayout,
  page: number,
): Promise<SheetLabel[]> {
  const from = page * layout.perPage
  const on = faces.slice(from, from + layout.perPage)
  // renderLabelPage takes the whole batch and picks the page's labels: the others are never read.
  const items = new Array<SheetLabel>(faces.length)
  const drawn = await Promise.all(on.map(async (f) => ({ ...f, qrSvg: await labelQrSvg(f.url) })))
  items.splice(from, drawn.length, ...drawn)
  return items
}

/** One SVG page of the batch's sheets (0-based). */
export async function batchSheetSvg(
  faces: readonly LabelFace[],
  layout: LabelLayout,
  page: number,
  lang: SheetLang,
): Promise<string> {
  return renderLabelPage(await sheetPage(faces, layout, page), page, lang, layout)
}

/**
 * serial,url per label, as `zonetrace labels` writes it for label printers' variable data: LF line ends, a
 * field quoted only when it holds a comma, quote or line break (RFC 4180), and one that a spreadsheet would
 * run as a formula (= + - @, tab, CR first) prefixed with an apostrophe. Serials and links never do either
 * today; the file stays safe if that changes.
 */
export function labelsCsv(labels: readonly IssuedLabel[]): string {
  return `serial,url\n${labels.map((l) => `${csvField(l.serial)},${csvField(l.url)}`).join('\n')}\n`
}

function csvField(text: string): string {
  const defused = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused
}

/** The ZIP, streamed. File names of serials go through uniqueFileStems, as the CLI's do. */
export function batchZipStream(batch: LabelBatch, layout: LabelLayout, lang: SheetLang): Readable {
  const zip = new ZipFile()
  const mtime = new Date(batch.issuedAt)
  const faces = batchFaces(batch)
  const lazy = (name: string, compress: boolean, make: () => Promise<Buffer | string> | Readable) =>
    zip.addReadStreamLazy(name, { mtime, compress }, (done) => {
      const made = make()
      if (made instanceof Readable) return done(null, made)
      made.then(
        (body) => done(null, Readable.from([Buffer.from(body)])),
        (err: unknown) => done(err, Readable.from([])),
      )
    })
  zip.addBuffer(Buffer.from(labelsCsv(batch.labels)), 'labels.csv', { mtime })
  const stems = uniqueFileStems(batch.labels.map((l) => l.serial))
  batch.labels.forEach((label, i) => {
    lazy(`${stems[i]}.svg`, true, () => labelQrSvg(label.url))
    // PNG is compressed already.
    lazy(`${stems[i]}.png`, false, () => labelQrPng(label.url))
  })
  sheetFileNames(pageCount(faces.length, layout), 'svg').forEach((name, page) => {
    lazy(name, true, () => batchSheetSvg(faces, layout, page, lang))
  })
  lazy('labels.pdf', false, () =>
    labelPdfStream(faces, { layout, lang, title: pdfTitle(batch), createdAt: mtime }),
  )
  zip.end()
  const out = zip.outputStream as Readable
  zip.on('error', (err: Error) => out.destroy(err))
  return out
}

export function pdfTitle(batch: Pick<LabelBatch, 'lotId' | 'productName'>): string {
  return `${batch.productName} · ${batch.lotId}`
}
