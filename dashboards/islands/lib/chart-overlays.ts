// What the chart island draws over uPlot's series: each limit as a dashed red line with its words (so the
// red is never the only sign), and each alert opening (▼) and clearing (▲) as a line across the plot at
// its time with the triangle on top, shape as well as colour telling them apart.
import type uPlot from 'uplot'
import type { ChartData } from './chart-data.ts'

export const MARK_COLOURS = { opened: '#b3261e', cleared: '#00703c' } as const
const LIMIT = '#c62828'

export function drawOverlays(u: uPlot, d: ChartData): void {
  const ctx = u.ctx
  const ratio = devicePixelRatio
  const { left, top, width, height } = u.bbox
  ctx.save()
  ctx.beginPath()
  ctx.rect(left, top, width, height)
  ctx.clip()
  ctx.font = `600 ${12 * ratio}px system-ui, sans-serif`
  ctx.lineJoin = 'round'
  for (const limit of d.limits) {
    const y = Math.round(u.valToPos(limit.value, 'y', true))
    ctx.strokeStyle = LIMIT
    ctx.lineWidth = 1.5 * ratio
    ctx.setLineDash([6 * ratio, 4 * ratio])
    ctx.beginPath()
    ctx.moveTo(left, y)
    ctx.lineTo(left + width, y)
    ctx.stroke()
    // Above a ceiling, below a floor: where the readings should not be, so usually clear of the line.
    const below = limit.floor ? top + height - y > 18 * ratio : y - top < 16 * ratio
    const textY = below ? Math.min(y + 14 * ratio, top + height - 4 * ratio) : y - 5 * ratio
    ctx.setLineDash([])
    ctx.textAlign = 'right'
    ctx.lineWidth = 4 * ratio
    ctx.strokeStyle = '#fff'
    ctx.strokeText(limit.label, left + width - 4 * ratio, textY)
    ctx.fillStyle = '#b3261e'
    ctx.fillText(limit.label, left + width - 4 * ratio, textY)
  }
  const [min, max] = [u.scales.x?.min ?? 0, u.scales.x?.max ?? 0]
  const size = 6 * ratio
  for (const mark of d.marks) {
    if (mark.t < min || mark.t > max) continue
    const x = Math.round(u.valToPos(mark.t, 'x', true))
    ctx.strokeStyle = MARK_COLOURS[mark.kind]
    ctx.fillStyle = MARK_COLOURS[mark.kind]
    ctx.lineWidth = 1.5 * ratio
    ctx.setLineDash(mark.kind === 'opened' ? [] : [3 * ratio, 3 * ratio])
    ctx.beginPath()
    ctx.moveTo(x, top)
    ctx.lineTo(x, top + height)
    ctx.stroke()
    ctx.beginPath()
    if (mark.kind === 'opened') {
      ctx.moveTo(x - size, top)
      ctx.lineTo(x + size, top)
      ctx.lineTo(x, top + 1.6 * size)
    } else {
      ctx.moveTo(x - size, top + 1.6 * size)
      ctx.lineTo(x + size, top + 1.6 * size)
      ctx.lineTo(x, top)
    }
    ctx.closePath()
    ctx.fill()
  }
  ctx.restore()
}
