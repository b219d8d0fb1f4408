// Printable label sheets as SVG: one SVG per page. On A4 layouts a page is a grid of labels with a faint cut
// outline and "page n/m" under it; on roll layouts a page is one label (layout.ts). Each label has its QR
// code and, by it, what a person reads (label-text.ts). One SVG user unit is one millimetre, so the layout is
// the printed size at 100 % scale.
import {
  type LabelFace,
  MIN_SHRINK,
  type PlacedLabel,
  pageCount,
  placePage,
  type SheetLang,
  type TextLine,
} from './label-text.ts'
import { type LabelLayout, resolveLayout } from './layout.ts'
import { embedQr, mm } from './qr-embed.ts'
import { charsThatFit, escapeXml, truncate } from './svg-text.ts'

export type { SheetLang } from './label-text.ts'

export interface SheetLabel extends LabelFace {
  /** labelQrSvg(url): embedded as vectors. */
  qrSvg: string
}

export interface SheetOptions {
  lang?: SheetLang
  /** Default: a4-3x5. */
  layout?: LabelLayout
}

const DEFAULT = resolveLayout()
// The default layout's numbers, as the first sheets had them: 3 × 5 labels of 65 × 54 mm on A4, 28 mm codes
// (0.43 mm modules for the largest symbol, version 10 with its quiet zone).
export const LABELS_PER_PAGE = DEFAULT.perPage
export const QR_SIZE = DEFAULT.qr.size
const FOOTER_FONT = 3
// Faces with complete Vietnamese (precomposed Latin Extended Additional) coverage first, then the generic.
const FONT_STACK =
  "'Be Vietnam Pro', 'Noto Sans', Roboto, 'Segoe UI', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"

/** One SVG string per page; no pages for no labels. */
export function renderLabelSheets(items: SheetLabel[], opts: SheetOptions = {}): string[] {
  const layout = opts.layout ?? DEFAULT
  return Array.from({ length: pageCount(items.length, layout) }, (_, page) =>
    renderLabelPage(items, page, opts.lang ?? 'vi', layout),
  )
}

/** Page `page` (0-based) of the sheets for `items`; lets a writer stream pages instead of holding all. */
export function renderLabelPage(
  items: SheetLabel[],
  page: number,
  lang: SheetLang = 'vi',
  layout: LabelLayout = DEFAULT,
): string {
  const { labels, footer } = placePage(items, page, layout, lang)
  const cells = labels.map(
    (placed) =>
      `<g transform="translate(${mm(placed.x)} ${mm(placed.y)})">${renderLabel(placed, layout)}</g>`,
  )
  const { width, height } = layout.page
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" viewBox="0 0 ${width} ${height}">`,
    `<g font-family="${escapeXml(FONT_STACK)}" fill="#000000">`,
    ...cells,
    ...(footer === null
      ? []
      : [
          `<text x="${width / 2}" y="${height - 7}" font-size="${FOOTER_FONT}" text-anchor="middle" fill="#555555">${escapeXml(footer)}</text>`,
        ]),
    '</g></svg>',
    '',
  ].join('\n')
}

function renderLabel({ item, lines }: PlacedLabel<SheetLabel>, layout: LabelLayout): string {
  const { label, qr } = layout
  const parts = [
    // A faint outline to cut along on plain paper; on die-cut stickers it falls on or beside the cut.
    ...(layout.sheet
      ? [
          `<rect x="0.2" y="0.2" width="${mm(label.width - 0.4)}" height="${mm(label.height - 0.4)}" rx="2" fill="none" stroke="#cccccc" stroke-width="0.15"/>`,
        ]
      : []),
    embedQr(item.qrSvg, qr.x, qr.y, qr.size),
  ]
  for (const line of lines) {
    // The printer picks the font, so the fit is estimated (svg-text.ts); the PDF measures its own font.
    const { text, size } = fitLine(line)
    const shown = truncate(text, charsThatFit(line.width, size, line.em))
    const weight = line.bold ? ' font-weight="700"' : ''
    const anchor = line.align === 'middle' ? ' text-anchor="middle"' : ''
    const grey = line.muted ? ' fill="#555555"' : ''
    parts.push(
      `<text x="${mm(line.x)}" y="${mm(line.baseline)}" font-size="${size}"${weight}${anchor}${grey}>${escapeXml(shown)}</text>`,
    )
  }
  return parts.join('')
}

/** A 'shrink' line too long by the estimate gets smaller type, down to MIN_SHRINK of its size. */
function fitLine(line: TextLine): { text: string; size: number } {
  const length = Array.from(line.text).length
  if (line.fit === 'cut' || length <= charsThatFit(line.width, line.size, line.em)) return line
  const size = Math.max(line.size * MIN_SHRINK, line.width / (length * line.em))
  return { text: line.text, size: Math.floor(size * 100) / 100 }
}
