// What a person reads under (or beside) each code, the same on the SVG and the PDF sheets: product name,
// OCOP stars, lot, growing-area code and serial (issue 5 § 5 "Output"), placed by the layout.
import type { Lang } from '@zonetrace/contracts'
import type { LabelLayout } from './layout.ts'
import { printableLine } from './svg-text.ts'

/** One label as printed: its link (the QR code) and the words around it. */
export interface LabelFace {
  url: string
  productName: string
  stars: number
  lot: string
  areaCode: string
  serial: string
}

/** A sheet is printed in one of the platform's languages. */
export type SheetLang = Lang

const LABEL_WORDS = {
  vi: { lot: 'Lô', area: 'Mã vùng trồng', serial: 'Số sê-ri', page: 'Trang' },
  en: { lot: 'Lot', area: 'Area code', serial: 'Serial', page: 'Page' },
} as const

export interface TextLine {
  text: string
  /** Font size in mm. */
  size: number
  bold: boolean
  /** A caption over its value (split details): printed grey. */
  muted: boolean
  /** The OCOP line: `stars` stars follow the word OCOP (a renderer may draw them instead of using ★). */
  stars?: number
  /**
   * Too wide for its line: 'cut' (the product name) ends it with "…"; 'shrink' (lot, area code, serial, which
   * must be read whole) makes the type smaller first, down to MIN_SHRINK of its size, and cuts only beyond.
   */
  fit: 'cut' | 'shrink'
  /** Average advance (em) a renderer without font metrics assumes: identifiers are mostly capitals. */
  em: number
  /** Where the line goes, relative to the label's top-left corner: x is its anchor (see align). */
  x: number
  baseline: number
  /** The line must not be wider than this (mm). */
  width: number
  align: 'middle' | 'start'
}

type Line = Pick<TextLine, 'text' | 'size' | 'bold' | 'muted' | 'stars' | 'fit' | 'em'>

export const MIN_SHRINK = 0.7

/** The label's lines, placed, in reading order. Text is printable (NFC, no controls) but not yet cut to fit. */
export function labelLines(item: LabelFace, layout: LabelLayout, lang: SheetLang): TextLine[] {
  const t = LABEL_WORDS[lang]
  const { font, text, title } = layout
  const below = layout.arrangement === 'below'
  const name: Line = {
    text: printableLine(item.productName),
    size: font.name,
    bold: true,
    muted: false,
    fit: 'cut',
    em: 0.65,
  }
  const lines: Line[] = []
  const stars = ocopStars(item.stars)
  if (stars) {
    const size = below ? font.name : font.detail
    lines.push({ text: stars, size, bold: false, muted: false, stars: item.stars, fit: 'cut', em: 0.6 })
  }
  const detail = { size: font.detail, bold: false, muted: false, fit: 'shrink' } as const
  const details: [string, string][] = [
    [t.lot, item.lot],
    [t.area, item.areaCode],
    [t.serial, item.serial],
  ]
  for (const [caption, value] of details) {
    const shown = printableLine(value)
    if (layout.details === 'inline') lines.push({ ...detail, text: `${caption}: ${shown}`, em: 0.6 })
    else {
      lines.push({ ...detail, text: `${caption}:`, muted: true, fit: 'cut', em: 0.6 })
      lines.push({ ...detail, text: shown, em: 0.75 })
    }
  }
  const column = below ? [name, ...lines] : lines
  const height = column.reduce((sum, l) => sum + l.size + font.gap, 0)
  // Under the code, lines start right below it; beside it, the column is centred on the code.
  let baseline = text.y + (below ? 0 : (text.height - height) / 2)
  const placed = column.map((line): TextLine => {
    baseline += line.size + font.gap
    return { ...line, x: text.x, baseline, width: text.width, align: text.align }
  })
  if (below || !title) return placed
  return [{ ...name, x: title.x, baseline: title.baseline, width: title.width, align: 'start' }, ...placed]
}

/**
 * "OCOP ★★★★" for a 3- to 5-star product; nothing below 3 stars: only 3★ and above are OCOP products
 * (Decision 148/QĐ-TTg; /work/shared/domain/ocop-and-zones-demo.md).
 */
function ocopStars(stars: number): string {
  if (!Number.isInteger(stars) || stars < 3 || stars > 5) return ''
  return `OCOP ${'★'.repeat(stars)}`
}

export function pageCount(labels: number, layout: LabelLayout): number {
  return Math.ceil(labels / layout.perPage)
}

/** A label where its page puts it: top-left corner (mm) and its lines, placed relative to that corner. */
export interface PlacedLabel<T extends LabelFace> {
  item: T
  x: number
  y: number
  lines: TextLine[]
}

export interface PlacedPage<T extends LabelFace> {
  labels: PlacedLabel<T>[]
  /** "page n/m" under the grid of an A4 sheet; null on a roll, where a page is one label. */
  footer: string | null
}

/**
 * What page `page` (0-based) of the sheets for `items` shows, so the SVG and the PDF renderers differ only
 * in how they draw it.
 */
export function placePage<T extends LabelFace>(
  items: readonly T[],
  page: number,
  layout: LabelLayout,
  lang: SheetLang,
): PlacedPage<T> {
  const perPage = layout.perPage
  const labels = items.slice(page * perPage, (page + 1) * perPage).map((item, i) => ({
    item,
    x: layout.origin.x + (i % layout.columns) * layout.label.width,
    y: layout.origin.y + Math.floor(i / layout.columns) * layout.label.height,
    lines: labelLines(item, layout, lang),
  }))
  const pages = pageCount(items.length, layout)
  return { labels, footer: layout.sheet ? `${LABEL_WORDS[lang].page} ${page + 1}/${pages}` : null }
}
