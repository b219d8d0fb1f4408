// An A4 PDF set in the label sheets' embedded Vietnamese face (pdf-fonts.ts), for documents other than labels
// (the console's compliance report). Other packages get the font handling whole from here rather than a
// second copy of the subset-picking, and draw through `text`, which sets each run in the subset that holds it.
import PDFDocument from 'pdfkit'
import { type FontFace, type FontWeight, fontFaces, fontRuns } from './pdf-fonts.ts'

/** A4 in PostScript points. */
export const A4 = { width: 595.28, height: 841.89 } as const

export interface TextStyle {
  size: number
  bold?: boolean
  /** Cut with "…" to this width, never splitting a letter from its marks. */
  maxWidth?: number
  /** Right-align against x (x is then the right edge). */
  right?: boolean
  color?: string
}

export interface VietnamesePdf {
  doc: PDFKit.PDFDocument
  /** Draws one line with its left end (or right end) at x on the baseline y; returns its width. */
  text(text: string, x: number, y: number, style: TextStyle): number
  width(text: string, style: TextStyle): number
  /** The whole file, once every page is drawn. */
  finish(): Promise<Buffer>
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' })

export function vietnamesePdf(info: { title: string; createdAt?: Date }): VietnamesePdf {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    info: {
      Title: info.title,
      Creator: 'zonetrace',
      Producer: 'zonetrace (PDFKit)',
      ...(info.createdAt ? { CreationDate: info.createdAt } : {}),
    },
  })
  const faces: Record<FontWeight, FontFace[]> = { 400: fontFaces(400), 700: fontFaces(700) }
  for (const face of [...faces[400], ...faces[700]]) doc.registerFont(face.name, face.data)
  // Collected from the start: PDFKit writes as it goes and a late reader would miss the header.
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const facesOf = (style: TextStyle) => faces[style.bold ? 700 : 400]
  const width = (text: string, style: TextStyle) => {
    let w = 0
    for (const run of fontRuns(text, facesOf(style)))
      w += doc.font(run.face.name).fontSize(style.size).widthOfString(run.text)
    return w
  }
  const fit = (text: string, style: TextStyle) => {
    if (style.maxWidth === undefined || width(text, style) <= style.maxWidth) return text
    const parts = Array.from(graphemes.segment(text), (s) => s.segment)
    let keep = parts.length - 1
    while (keep > 0 && width(`${parts.slice(0, keep).join('').trimEnd()}…`, style) > style.maxWidth) keep--
    return `${parts.slice(0, keep).join('').trimEnd()}…`
  }
  const text = (raw: string, x: number, y: number, style: TextStyle) => {
    const line = fit(raw, style)
    const w = width(line, style)
    let pen = style.right ? x - w : x
    doc.fillColor(style.color ?? '#0b0c0c')
    for (const run of fontRuns(line, facesOf(style))) {
      doc.font(run.face.name).fontSize(style.size)
      doc.text(run.text, pen, y, { lineBreak: false, baseline: 'alphabetic' })
      pen += doc.widthOfString(run.text)
    }
    return w
  }
  return {
    doc,
    text,
    width,
    finish: () => {
      doc.end()
      return done
    },
  }
}
