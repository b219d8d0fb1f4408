// Print layouts for labels: where each label sits on a page, and where its QR code and text sit inside it.
// All lengths are millimetres. Two families:
//   a4-CxR  an A4 sheet cut into C columns and R rows (office printers, pre-cut A4 sticker sheets);
//   roll-W  a label-printer roll W mm wide, one label per page, the page being the label (label printer
//           drivers map each page to one label, on die-cut or continuous rolls).
// Whatever the name, a layout is refused when its QR code would come out smaller than MIN_QR_MM: modules of
// at least 0.33 mm for the largest symbol we print (version 10), what an ordinary phone still reads.
import { LAYOUT_PATTERN } from '@zonetrace/contracts'
import { LABEL_QR_MAX_VERSION } from './qr.ts'

export const MIN_MODULE_MM = 0.33
/** Modules across the largest symbol (version 10: 57) plus its 4-module quiet zone on each side. */
export const MAX_SYMBOL_MODULES = 17 + 4 * LABEL_QR_MAX_VERSION + 8
export const MIN_QR_MM = MIN_MODULE_MM * MAX_SYMBOL_MODULES
export const DEFAULT_LAYOUT = 'a4-3x5'

export interface TextStyle {
  /** Font sizes (em, in mm) of the product name and of the detail lines, and the gap between lines. */
  name: number
  detail: number
  gap: number
}

export interface LabelLayout {
  id: string
  kind: 'a4' | 'roll'
  page: { width: number; height: number }
  columns: number
  rows: number
  perPage: number
  /** Top-left corner of the first label on the page. */
  origin: { x: number; y: number }
  label: { width: number; height: number }
  /** The QR code's square, quiet zone included, relative to the label. */
  qr: { x: number; y: number; size: number }
  /**
   * 'below': every line centred under the code. 'beside': the product name across the top, the code under
   * it on the left, and the other lines in a column on its right.
   */
  arrangement: 'below' | 'beside'
  /** The block of lines under the code, or the column beside it: x is the anchor, y the top. */
  text: { x: number; y: number; width: number; height: number; align: 'middle' | 'start' }
  /** 'beside' only: the product name's line across the top. */
  title?: { x: number; baseline: number; width: number }
  font: TextStyle
  /** 'inline': "Lô: X" on one line; 'split': the caption on one line and the value under it. */
  details: 'inline' | 'split'
  /** A4 sheets: a faint cut outline around each label and "page n/m" under the grid. Rolls: neither. */
  sheet: boolean
}

export class LayoutError extends Error {}

// A4: side margins of 7.5 mm and 10.5 mm on top stay clear of an office printer's unprintable border;
// the deeper bottom margin holds the page footer. 3 × 5 gives the 65 × 54 mm labels of the first sheets.
const A4 = { width: 210, height: 297, marginX: 7.5, marginTop: 10.5, marginBottom: 16.5 } as const
const NORMAL: TextStyle = { name: 3.4, detail: 2.7, gap: 1.1 }
const COMPACT: TextStyle = { name: 3, detail: 2.3, gap: 0.8 }
const QR_TOP = 1.5 // the quiet zone already gives the symbol white space above
const QR_INSET = 1 // beside the text, the same: the quiet zone is the margin
const MAX_QR = 36 // larger adds nothing a phone needs, and takes room from the text
const ROLL_MAX_QR = 30 // on a roll, where a label's height costs tape
const INLINE_MIN_WIDTH = 44 // "Mã vùng trồng: VN-TV-CK-0012" on one line at the normal size
// The column beside the code holds a 12-letter serial or a growing-area code of about 15 characters.
const SIDE_TEXT_EMS = 9
const GAP = 1

/** The layouts offered by name (GET /api/v1/labels/layouts); any other a4-CxR or roll-W that fits works too. */
export const LAYOUT_PRESETS: readonly { id: string; description: string }[] = [
  { id: 'a4-3x5', description: 'A4 sheet of 15 labels, text under the code (the default)' },
  { id: 'a4-2x4', description: 'A4 sheet of 8 large labels, large codes' },
  {
    id: 'a4-4x7',
    description: 'A4 sheet of 28 small labels, name on top, text beside the code in smaller type',
  },
  {
    id: 'a4-4x8',
    description: 'A4 sheet of 32 small labels, name on top, text beside the code in smaller type',
  },
  { id: 'roll-40', description: '40 mm label roll, one label a page, text under the code' },
  { id: 'roll-50', description: '50 mm label roll, one label a page, text under the code' },
  {
    id: 'roll-62',
    description:
      '62 mm label roll (Brother QL and alike), one label a page, name on top, text beside the code',
  },
]

// The pattern is the one request schemas validate with (contracts' label resource).

const NAME = new RegExp(LAYOUT_PATTERN)

const cache = new Map<string, LabelLayout>()

/** The layout named `id`, or LayoutError saying why not (unknown form, or too small to scan). */
export function resolveLayout(id: string = DEFAULT_LAYOUT): LabelLayout {
  const known = cache.get(id)
  if (known) return known
  if (!NAME.test(id)) {
    throw new LayoutError(
      `unknown label layout "${id}": use a4-CxR (columns × rows on A4) or roll-W (roll width in mm), e.g. ${LAYOUT_PRESETS.map((p) => p.id).join(', ')}`,
    )
  }
  const [kind, size] = id.split('-') as ['a4' | 'roll', string]
  const layout = kind === 'a4' ? a4Layout(id, size) : rollLayout(id, Number(size))
  cache.set(id, layout)
  return layout
}

function a4Layout(id: string, size: string): LabelLayout {
  const [columns, rows] = size.split('x').map(Number) as [number, number]
  const width = (A4.width - 2 * A4.marginX) / columns
  const height = (A4.height - A4.marginTop - A4.marginBottom) / rows
  const inside = bestFit(width, height, 3)
  if (!inside) throw tooSmall(id, `labels of ${mm(width)} × ${mm(height)} mm`)
  return {
    id,
    kind: 'a4',
    page: { width: A4.width, height: A4.height },
    columns,
    rows,
    perPage: columns * rows,
    origin: { x: A4.marginX, y: A4.marginTop },
    label: { width, height },
    ...inside,
    sheet: true,
  }
}

function rollLayout(id: string, width: number): LabelLayout {
  const padding = 2
  if (width > 120) throw new LayoutError(`label layout "${id}": rolls wider than 120 mm are not supported`)
  // Wide rolls put the text beside the code, so a label takes little tape; narrower ones put it under.
  const fit = width >= 60 ? beside(width, null, padding, NORMAL) : below(width, null, padding, NORMAL)
  if (!fit || fit.inside.qr.size < MIN_QR_MM) throw tooSmall(id, `a ${width} mm roll`)
  const { height } = fit
  return {
    id,
    kind: 'roll',
    page: { width, height },
    columns: 1,
    rows: 1,
    perPage: 1,
    origin: { x: 0, y: 0 },
    label: { width, height },
    ...fit.inside,
    sheet: false,
  }
}

type Inside = Pick<LabelLayout, 'qr' | 'arrangement' | 'text' | 'title' | 'font' | 'details'>
/** An arrangement and the label height it needs (the given one, or for a roll the least that fits). */
type Fit = { inside: Inside; height: number }

/**
 * The arrangement of a width × height label with the largest QR code, preferring the text under the code
 * at the normal size while that leaves a comfortable code (0.38 mm modules or more), and the normal size over
 * the compact one for a code up to 1 mm smaller; null if nothing fits.
 */
function bestFit(width: number, height: number, padding: number): Inside | null {
  const comfortable = 0.38 * MAX_SYMBOL_MODULES
  // The normal type size is worth a code 1 mm smaller.
  const score = (c: Inside) => c.qr.size + (c.font === NORMAL ? 1 : 0)
  const candidates: Inside[] = []
  for (const font of [NORMAL, COMPACT]) {
    for (const place of [below, beside]) {
      const fit = place(width, height, padding, font)?.inside
      if (!fit || fit.qr.size < MIN_QR_MM) continue
      if (fit.qr.size >= comfortable && font === NORMAL && place === below) return fit
      candidates.push(fit)
    }
  }
  return candidates.reduce<Inside | null>((best, c) => (!best || score(c) > score(best) ? c : best), null)
}

/** Code on top, centred; every line centred under it. `height` null: as tall as needed (a roll). */
function below(width: number, height: number | null, padding: number, font: TextStyle): Fit | null {
  const textWidth = width - 2 * padding
  const details = textWidth >= INLINE_MIN_WIDTH ? 'inline' : 'split'
  const textHeight = 2 * (font.name + font.gap) + detailLines(details) * (font.detail + font.gap)
  // The last baseline keeps the padding plus a descender's depth from the bottom edge.
  const room = height === null ? ROLL_MAX_QR : height - QR_TOP - textHeight - padding - 1
  const qr = floorHalf(Math.min(MAX_QR, textWidth, room))
  if (qr <= 0) return null
  return {
    inside: {
      qr: { x: (width - qr) / 2, y: QR_TOP, size: qr },
      arrangement: 'below',
      text: { x: width / 2, y: QR_TOP + qr, width: textWidth, height: textHeight, align: 'middle' },
      font,
      details,
    },
    height: height ?? Math.ceil(QR_TOP + qr + textHeight + padding + 1),
  }
}

/** Name across the top; under it the code on the left and a column of the other lines on its right. */
function beside(width: number, height: number | null, padding: number, font: TextStyle): Fit | null {
  const titleBaseline = padding + font.name
  const top = titleBaseline + font.gap + 0.3 // clear of the name's descenders
  const columnHeight = (1 + detailLines('split')) * (font.detail + font.gap)
  const room = height === null ? ROLL_MAX_QR : height - QR_INSET - top
  const qr = floorHalf(Math.min(MAX_QR, room, width - QR_INSET - GAP - padding - SIDE_TEXT_EMS * font.detail))
  const fullHeight = height ?? Math.ceil(top + Math.max(qr, columnHeight + padding) + QR_INSET)
  const lower = fullHeight - QR_INSET - top
  if (qr <= 0 || columnHeight > lower) return null
  const x = QR_INSET + qr + GAP
  return {
    inside: {
      qr: { x: QR_INSET, y: top + (lower - qr) / 2, size: qr },
      arrangement: 'beside',
      // The column is centred on the code; its first baseline comes one line below its top.
      text: {
        x,
        y: top + (lower - columnHeight) / 2 - font.gap / 2,
        width: width - x - padding,
        height: columnHeight,
        align: 'start',
      },
      title: { x: padding, baseline: titleBaseline, width: width - 2 * padding },
      font,
      details: 'split',
    },
    height: fullHeight,
  }
}

function detailLines(details: LabelLayout['details']): number {
  return details === 'inline' ? 3 : 6
}

function tooSmall(id: string, what: string): LayoutError {
  return new LayoutError(
    `label layout "${id}" is refused: ${what} leave no room for a QR code of at least ${mm(MIN_QR_MM)} mm (modules of ${MIN_MODULE_MM} mm for a version ${LABEL_QR_MAX_VERSION} symbol, the least a phone reads reliably) with its text; choose fewer labels per page or a wider roll`,
  )
}

function floorHalf(n: number): number {
  return Math.floor(n * 2) / 2
}

function mm(n: number): string {
  return String(Math.round(n * 100) / 100)
}
