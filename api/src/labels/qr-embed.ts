// Places a label's QR symbol inside a larger SVG as vectors. labelQrSvg returns what the qrcode package's
// SVG renderer writes (lib/renderer/svg-tag.js in qrcode 1.5):
//   <svg xmlns=… viewBox="0 0 N N" shape-rendering="crispEdges"><path fill="#ffffff" d="M0 0hNvNH0z"/>
//   <path stroke="#000000" d="M4 4.5h7m1 0h1…"/></svg>
// N counts modules including the quiet zone, and the dark modules are horizontal strokes of width 1 drawn
// through each module row's middle. Re-using the path keeps the sheet exactly the symbol the per-code files
// carry, with no rasterizing: the printer gets edges as sharp as its resolution allows.

interface QrSymbolParts {
  /** Modules across, quiet zone included. */
  modules: number
  /** Path data of the dark modules, in module units. */
  darkPath: string
}

const VIEW_BOX = /\bviewBox="0 0 (\d+) (\d+)"/
const DARK_PATH = /<path\b[^>]*\bstroke="[^"]*"[^>]*\bd="([^"]*)"/
// Only path commands and numbers: whatever the string is, nothing else can reach the sheet through it.
const PATH_DATA = /^[MmHhVvZz0-9. -]*$/

export function qrSymbolParts(qrSvg: string): QrSymbolParts {
  const box = VIEW_BOX.exec(qrSvg)
  const dark = DARK_PATH.exec(qrSvg)
  const modules = Number(box?.[1])
  if (!box || box[1] !== box[2] || !(modules > 0) || !dark || !PATH_DATA.test(dark[1] ?? '')) {
    throw new TypeError('not a QR symbol from labelQrSvg: expected a square viewBox and a stroked path')
  }
  return { modules, darkPath: dark[1] ?? '' }
}

/** A nested <svg> drawing the symbol as a `sizeMm` square with its top-left corner at (x, y). */
export function embedQr(qrSvg: string, x: number, y: number, sizeMm: number): string {
  const { modules, darkPath } = qrSymbolParts(qrSvg)
  return (
    `<svg x="${mm(x)}" y="${mm(y)}" width="${mm(sizeMm)}" height="${mm(sizeMm)}" viewBox="0 0 ${modules} ${modules}" shape-rendering="crispEdges">` +
    `<path fill="#ffffff" d="M0 0h${modules}v${modules}H0z"/><path stroke="#000000" d="${darkPath}"/></svg>`
  )
}

/** Millimetres with at most two decimals: 0.01 mm is far below any printer's dot. */
export function mm(n: number): string {
  return String(Math.round(n * 100) / 100)
}
