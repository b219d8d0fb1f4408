// Printable A4 label sheets: one SVG per page, a grid of labels, each with its QR code and, under it, what
// a person reads — product name, OCOP stars, lot, growing-area code and serial (issue 5 § 5 "Output").
// One SVG user unit is one millimetre, so the layout below is the printed size at 100 % scale.
import { embedQr, mm } from './qr-embed.ts'
import { charsThatFit, escapeXml, printableLine, truncate } from './svg-text.ts'

export interface SheetLabel {
  url: string
  /** labelQrSvg(url): embedded as vectors. */
  qrSvg: string
  productName: string
  stars: number
  lot: string
  areaCode: string
  serial: string
}

export type SheetLang = 'vi' | 'en'

// Layout (mm). A4 cut into 3 × 5 labels of 65 × 54 mm. Side margins of 7.5 mm and a 10.5 mm top margin
// stay clear of the unprintable border of office printers (a few mm); the deeper bottom margin holds the
// page footer. Inside a label, 3 mm of padding absorbs die-cut and feed tolerance, so a sheet printed slightly
// off-register on pre-cut stickers still keeps every code and line on its own sticker.
export const PAGE = { width: 210, height: 297 } as const
export const GRID = { columns: 3, rows: 5, marginX: 7.5, marginTop: 10.5 } as const
export const LABEL = { width: 65, height: 54, padding: 3 } as const
export const LABELS_PER_PAGE = GRID.columns * GRID.rows
// 28 mm across 65 modules (the largest symbol we print, version 10, with its 4-module quiet zone) is a
// 0.43 mm module; smaller versions get larger modules in the same square.
export const QR_SIZE = 28
const QR_TOP = 1.5 // the quiet zone already gives the symbol white space above
const NAME_FONT = 3.4
const DETAIL_FONT = 2.7
const LINE_GAP = 1.1 // between baselines, beyond the font size
const FOOTER_FONT = 3
// Faces with complete Vietnamese (precomposed Latin Extended Additional) coverage first, then the generic.
const FONT_STACK =
  "'Be Vietnam Pro', 'Noto Sans', Roboto, 'Segoe UI', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"

const TEXT = {
  vi: { lot: 'Lô', area: 'Mã vùng trồng', serial: 'Số sê-ri', page: 'Trang' },
  en: { lot: 'Lot', area: 'Area code', serial: 'Serial', page: 'Page' },
} as const

/** One SVG string per A4 page; no pages for no labels. */
export function renderLabelSheets(items: SheetLabel[], opts: { lang?: SheetLang } = {}): string[] {
  const pages = Math.ceil(items.length / LABELS_PER_PAGE)
  return Array.from({ length: pages }, (_, page) => renderLabelPage(items, page, opts.lang ?? 'vi'))
}

/** Page `page` (0-based) of the sheets for `items`; lets a writer stream pages instead of holding all. */
export function renderLabelPage(items: SheetLabel[], page: number, lang: SheetLang = 'vi'): string {
  const pages = Math.ceil(items.length / LABELS_PER_PAGE)
  const onPage = items.slice(page * LABELS_PER_PAGE, (page + 1) * LABELS_PER_PAGE)
  const cells = onPage.map((item, i) => {
    const x = GRID.marginX + (i % GRID.columns) * LABEL.width
    const y = GRID.marginTop + Math.floor(i / GRID.columns) * LABEL.height
    return `<g transform="translate(${mm(x)} ${mm(y)})">${renderLabel(item, lang)}</g>`
  })
  const footer = `${TEXT[lang].page} ${page + 1}/${pages}`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}mm" height="${PAGE.height}mm" viewBox="0 0 ${PAGE.width} ${PAGE.height}">`,
    `<g font-family="${escapeXml(FONT_STACK)}" fill="#000000">`,
    ...cells,
    `<text x="${PAGE.width / 2}" y="${PAGE.height - 7}" font-size="${FOOTER_FONT}" text-anchor="middle" fill="#555555">${escapeXml(footer)}</text>`,
    '</g></svg>',
    '',
  ].join('\n')
}

function renderLabel(item: SheetLabel, lang: SheetLang): string {
  const t = TEXT[lang]
  const width = LABEL.width - 2 * LABEL.padding
  const centre = LABEL.width / 2
  const lines: { text: string; font: number; bold?: boolean }[] = [
    { text: printableLine(item.productName), font: NAME_FONT, bold: true },
  ]
  const stars = ocopStars(item.stars)
  if (stars) lines.push({ text: stars, font: NAME_FONT })
  lines.push(
    { text: `${t.lot}: ${printableLine(item.lot)}`, font: DETAIL_FONT },
    { text: `${t.area}: ${printableLine(item.areaCode)}`, font: DETAIL_FONT },
    { text: `${t.serial}: ${printableLine(item.serial)}`, font: DETAIL_FONT },
  )
  // A faint outline to cut along on plain paper; on die-cut stickers it falls on or beside the cut.
  const parts = [
    `<rect x="0.2" y="0.2" width="${LABEL.width - 0.4}" height="${LABEL.height - 0.4}" rx="2" fill="none" stroke="#cccccc" stroke-width="0.15"/>`,
    embedQr(item.qrSvg, (LABEL.width - QR_SIZE) / 2, QR_TOP, QR_SIZE),
  ]
  let baseline = QR_TOP + QR_SIZE
  for (const line of lines) {
    baseline += line.font + LINE_GAP
    const text = truncate(line.text, charsThatFit(width, line.font, line.bold ? 0.65 : 0.6))
    const weight = line.bold ? ' font-weight="700"' : ''
    parts.push(
      `<text x="${centre}" y="${mm(baseline)}" font-size="${line.font}"${weight} text-anchor="middle">${escapeXml(text)}</text>`,
    )
  }
  return parts.join('')
}

/**
 * "OCOP ★★★★" for a 3- to 5-star product; nothing below 3 stars: only 3★ and above are OCOP products
 * (Decision 148/QĐ-TTg; /work/shared/domain/ocop-and-zones-demo.md).
 */
export function ocopStars(stars: number): string {
  if (!Number.isInteger(stars) || stars < 3 || stars > 5) return ''
  return `OCOP ${'★'.repeat(stars)}`
}
