// Printable label sheets as one PDF: the same pages as the SVG sheets (sheet.ts), laid out by the same layout
// (layout.ts) with the same words (label-text.ts), but with the font embedded (pdf-fonts.ts), so Vietnamese
// prints right whatever the printing computer has installed. QR codes are vector rectangles straight from
// the symbol's modules, one filled path per code: no raster, no seams between modules. The text is measured
// with the embedded font, so a long name is cut exactly where it stops fitting.
import PDFDocument from 'pdfkit'
import {
  type LabelFace,
  MIN_SHRINK,
  type PlacedLabel,
  type PlacedPage,
  pageCount,
  placePage,
  type TextLine,
} from './label-text.ts'
import { type LabelLayout, resolveLayout } from './layout.ts'
import { type FontFace, type FontWeight, fontFaces, fontRuns } from './pdf-fonts.ts'
import { qrLayer } from './qr-pdf-layer.ts'
import type { SheetOptions } from './sheet.ts'

interface PdfSheetOptions extends SheetOptions {
  /** Document title (the PDF's metadata), e.g. the lot. */
  title?: string
  /** The PDF's creation date: the batch's issue time makes the same batch give the same file. */
  createdAt?: Date
}

const PT_PER_MM = 72 / 25.4
const FOOTER_FONT = 3
const STAR_ADVANCE = 0.95 // em per star on the OCOP line

/**
 * The PDF as a stream, drawn a page at a time with a turn of the event loop between pages, so a batch of
 * thousands of labels does not stall the API for other requests while it is drawn.
 */
export function labelPdfStream(items: readonly LabelFace[], opts: PdfSheetOptions = {}): PDFKit.PDFDocument {
  const layout = opts.layout ?? resolveLayout()
  const lang = opts.lang ?? 'vi'
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: {
      Title: opts.title ?? 'Labels',
      Creator: 'zonetrace',
      Producer: 'zonetrace (PDFKit)',
      ...(opts.createdAt ? { CreationDate: opts.createdAt } : {}),
    },
  })
  const faces = { 400: fontFaces(400), 700: fontFaces(700) }
  for (const face of [...faces[400], ...faces[700]]) doc.registerFont(face.name, face.data)
  const pages = pageCount(items.length, layout)
  const place = (page: number) => {
    const placed = placePage(items, page, layout, lang)
    const layer = qrLayer(
      placed.labels.map((l) => ({
        url: l.item.url,
        x: l.x + layout.qr.x,
        y: l.y + layout.qr.y,
        size: layout.qr.size,
      })),
    )
    layer.catch(() => undefined) // awaited below; a page drawn meanwhile may throw first
    return { placed, layer }
  }
  void (async () => {
    try {
      // The next page's QR layer is deflated off this thread while this page's text is set; awaiting it
      // is also the turn of the event loop between pages.
      let next = place(0)
      for (let page = 0; page < pages; page++) {
        const { placed, layer } = next
        const stream = await layer
        if (page + 1 < pages) next = place(page + 1)
        drawPage(doc, faces, placed, layout, stream)
      }
      doc.end()
    } catch (err) {
      doc.destroy(err as Error)
    }
  })()
  return doc
}

/** The whole PDF in memory: for the CLI and tests. */
export async function renderLabelPdf(
  items: readonly LabelFace[],
  opts: PdfSheetOptions = {},
): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of labelPdfStream(items, opts)) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

type Faces = Record<FontWeight, FontFace[]>

function drawPage(
  doc: PDFKit.PDFDocument,
  faces: Faces,
  page: PlacedPage<LabelFace>,
  layout: LabelLayout,
  qrs: Buffer,
): void {
  const { width, height } = layout.page
  doc.addPage({ size: [width * PT_PER_MM, height * PT_PER_MM], margin: 0 })
  doc.save()
  doc.scale(PT_PER_MM) // from here on, one unit is one millimetre, as in the SVG sheets
  for (const placed of page.labels) {
    doc.save()
    doc.translate(placed.x, placed.y)
    drawLabel(doc, faces, placed, layout)
    doc.restore()
  }
  drawQrLayer(doc, qrs, width, height)
  if (page.footer !== null) {
    doc.fillColor('#555555')
    drawText(
      doc,
      faces[400],
      page.footer,
      FOOTER_FONT,
      width / 2 - measure(doc, faces[400], page.footer, FOOTER_FONT) / 2,
      height - 7,
    )
  }
  doc.restore()
}

function drawLabel(
  doc: PDFKit.PDFDocument,
  faces: Faces,
  { lines }: PlacedLabel<LabelFace>,
  layout: LabelLayout,
) {
  const { label } = layout
  if (layout.sheet) {
    // A faint outline to cut along on plain paper; on die-cut stickers it falls on or beside the cut.
    doc
      .roundedRect(0.2, 0.2, label.width - 0.4, label.height - 0.4, 2)
      .lineWidth(0.15)
      .strokeColor('#cccccc')
      .stroke()
  }
  for (const line of lines) {
    const set = faces[line.bold ? 700 : 400]
    const { text: shown, size } = line.stars ? { text: 'OCOP', size: line.size } : fitLine(doc, set, line)
    const starsWidth = line.stars ? (0.3 + line.stars * STAR_ADVANCE) * size : 0
    const width = measure(doc, set, shown, size) + starsWidth
    const left = line.align === 'middle' ? line.x - width / 2 : line.x
    doc.fillColor(line.muted ? '#555555' : '#000000')
    const end = drawText(doc, set, shown, size, left, line.baseline)
    if (line.stars) drawStars(doc, line, end + 0.3 * size)
  }
}

/**
 * The line as it fits its width, measured in the embedded font: a 'shrink' line (an identifier that must be
 * read whole) first gets smaller type, down to MIN_SHRINK of its size; whatever still does not fit is cut.
 */
function fitLine(doc: PDFKit.PDFDocument, faces: FontFace[], line: TextLine): { text: string; size: number } {
  const natural = measure(doc, faces, line.text, line.size)
  if (natural <= line.width) return line
  const size =
    line.fit === 'shrink'
      ? Math.max(line.size * MIN_SHRINK, (0.995 * line.size * line.width) / natural)
      : line.size
  return { text: fitWidth(doc, faces, line.text, size, line.width), size }
}

/**
 * The page's QR symbols (qr-pdf-layer.ts): one Form XObject over the page, in millimetres like the rest of
 * the page, its stream already deflated.
 */
function drawQrLayer(doc: PDFKit.PDFDocument, stream: Buffer, width: number, height: number): void {
  const form = doc.ref({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, width, height],
    Filter: 'FlateDecode',
  })
  form.end(stream)
  ;(doc.page.xobjects as Record<string, unknown>).Qr = form
  doc.addContent('/Qr Do')
}

/** Five-pointed stars, as wide as ★ would be, sitting on the line. */
function drawStars(doc: PDFKit.PDFDocument, line: TextLine, x: number): void {
  const outer = 0.42 * line.size
  const inner = outer * 0.4
  const cy = line.baseline - 0.36 * line.size
  for (let s = 0; s < (line.stars ?? 0); s++) {
    const cx = x + (s + 0.5) * STAR_ADVANCE * line.size
    const points: [number, number][] = Array.from({ length: 10 }, (_, k) => {
      const r = k % 2 === 0 ? outer : inner
      const a = -Math.PI / 2 + (k * Math.PI) / 5
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)]
    })
    doc.polygon(...points)
  }
  doc.fill('nonzero')
}

/** Draws `text` with its left end at x on the baseline; returns where it ended. */
function drawText(
  doc: PDFKit.PDFDocument,
  faces: FontFace[],
  text: string,
  size: number,
  x: number,
  baseline: number,
): number {
  let pen = x
  for (const run of fontRuns(text, faces)) {
    doc.font(run.face.name).fontSize(size)
    doc.text(run.text, pen, baseline, { lineBreak: false, baseline: 'alphabetic' })
    pen += doc.widthOfString(run.text)
  }
  return pen
}

// Widths of the lines every label of a batch repeats (name, lot, area code, captions) are measured once:
// fontkit's layout behind widthOfString was a tenth of a 10,000-label PDF's time. Keyed by the face set, so
// the two weights never share an entry; a document's fonts are the same from one batch to the next.
const widths = new WeakMap<FontFace[], Map<string, number>>()
const WIDTHS_KEPT = 4096

function measure(doc: PDFKit.PDFDocument, faces: FontFace[], text: string, size: number): number {
  const known = widths.get(faces) ?? new Map<string, number>()
  widths.set(faces, known)
  const key = `${size} ${text}`
  const kept = known.get(key)
  if (kept !== undefined) return kept
  let width = 0
  for (const run of fontRuns(text, faces))
    width += doc.font(run.face.name).fontSize(size).widthOfString(run.text)
  // Serials make most lines unique: a full cache starts over rather than growing with the batch.
  if (known.size >= WIDTHS_KEPT) known.clear()
  known.set(key, width)
  return width
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' })

/** `text`, or its longest start that fits `max` mm followed by "…"; never splits a letter from its marks. */
function fitWidth(
  doc: PDFKit.PDFDocument,
  faces: FontFace[],
  text: string,
  size: number,
  max: number,
): string {
  if (measure(doc, faces, text, size) <= max) return text
  const parts = Array.from(graphemes.segment(text), (s) => s.segment)
  let lo = 0
  let hi = parts.length - 1
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    const cut = `${parts.slice(0, mid).join('').trimEnd()}…`
    if (measure(doc, faces, cut, size) <= max) lo = mid
    else hi = mid - 1
  }
  return `${parts.slice(0, lo).join('').trimEnd()}…`
}
