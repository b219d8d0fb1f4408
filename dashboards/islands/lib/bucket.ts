// One bucket rule for the server's charts and the chart island's zoom: the finest step that puts at most
// `maxPoints` points over the span (two a pixel of the chart), so a year draws as fast as a day. Whole
// hours and days let readSeries answer from the hourly and daily rollups. No imports: the island bundles it.

const HOUR = 3600
export const DAY = 24 * HOUR

// Below a minute only a zoomed-in island ever asks: the shortest page range is a day.
const STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY]

/** The smallest bucket giving at most maxPoints over the span; whole days past a day. */
export function bucketFor(spanSeconds: number, maxPoints: number): number {
  const least = spanSeconds / maxPoints
  return STEPS.find((s) => s >= least) ?? Math.ceil(least / DAY) * DAY
}
