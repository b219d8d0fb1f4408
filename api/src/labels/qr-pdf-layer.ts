// A page's QR symbols as one PDF Form XObject: every symbol's dark modules as rectangles, in module units
// under a per-symbol transform, deflated apart from the page's text. A sheet of 10,000 codes is mostly these
// operators; inside the page's content stream PDFKit deflated them synchronously as each page ended, a
// quarter of the PDF's time (bench:labels). Deflated here, once per page on libuv's thread pool, the next
// page's layer compresses on another core while this page's text is set.
import { promisify } from 'node:util'
import { deflate } from 'node:zlib'
import { labelQrMatrix } from './qr.ts'

const deflateAsync = promisify(deflate)

/** Where one symbol goes: its link, and its square (quiet zone included) in the page's units. */
export interface QrPlacement {
  url: string
  x: number
  y: number
  size: number
}

/**
 * The layer's content stream, FlateDecode, in the units and orientation of the content that draws it
 * (y down, as PDFKit's pages are after its initial flip). Throws LabelTooLongError as labelQrMatrix does.
 */
export async function qrLayer(symbols: readonly QrPlacement[]): Promise<Buffer> {
  let ops = '0 0 0 rg\n'
  for (const { url, x, y, size: square } of symbols) {
    const { size, quietZone, modules } = labelQrMatrix(url)
    const m = square / (size + 2 * quietZone)
    ops += `q ${num(m)} 0 0 ${num(m)} ${num(x + quietZone * m)} ${num(y + quietZone * m)} cm\n`
    ops += `${qrRectOps(modules, size)}f\nQ\n`
  }
  return deflateAsync(Buffer.from(ops, 'latin1'))
}

/** Six decimals, as PDFKit writes numbers: far below any printer's dot, whatever the units. */
const num = (n: number) => String(Math.round(n * 1e6) / 1e6)

/**
 * The dark modules as `re` operators, one per block of dark modules that is a horizontal run repeated
 * unchanged in the rows below it: fewer bytes to deflate than a rectangle per run. The union of the
 * rectangles is exactly the dark modules; filled with the nonzero rule they print as the symbol.
 */
export function qrRectOps(modules: Uint8Array, size: number): string {
  let ops = ''
  // Runs of the row above, still open: their column range and the row where each began.
  let open: { from: number; to: number; top: number }[] = []
  for (let r = 0; r <= size; r++) {
    const next: typeof open = []
    let k = 0
    for (let c = 0; r < size && c < size; c++) {
      if (!modules[r * size + c]) continue
      let end = c + 1
      while (end < size && modules[r * size + end]) end++
      // Close the runs above that start before this one; one starting here carries on only if it matches.
      while (k < open.length && open[k]!.from < c) close(open[k++]!, r)
      const above = open[k]
      if (above && above.from === c && above.to === end) {
        next.push(above)
        k++
      } else next.push({ from: c, to: end, top: r })
      c = end
    }
    while (k < open.length) close(open[k++]!, r)
    open = next
  }
  return ops

  function close(run: { from: number; to: number; top: number }, bottom: number): void {
    ops += `${run.from} ${run.top} ${run.to - run.from} ${bottom - run.top} re\n`
  }
}
