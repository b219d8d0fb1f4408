// The chart island's data: columns for uPlot (time in ms, mean, lowest, highest) with a null row wherever
// readings stopped for more than 2.5 buckets (or typical steps between them), so a silent probe shows as a gap rather than a straight line;
// and a finer series for a zoomed span from GET /api/v1/sensors/:id/series, which the session cookie
// authenticates.
import type { SensorSeries } from '@zonetrace/contracts'

export type Columns = [number[], (number | null)[], (number | null)[], (number | null)[]]

export interface Buckets {
  t: number[]
  mean: number[]
  min: number[]
  max: number[]
  bucketSeconds: number
}

/** The median time between buckets: a zoom finer than the probe's own interval still has every bucket
 *  empty between two readings, which is no silence. */
function typicalStep(t: number[]): number {
  const steps = t
    .slice(1)
    .map((v, i) => v - t[i]!)
    .sort((x, y) => x - y)
  return steps[Math.floor(steps.length / 2)] ?? 0
}

export function columns(b: Buckets): Columns {
  const out: Columns = [[], [], [], []]
  const gap = 2.5 * Math.max(b.bucketSeconds * 1000, typicalStep(b.t))
  for (let i = 0; i < b.t.length; i++) {
    const t = b.t[i]!
    const before = b.t[i - 1]
    if (before !== undefined && t - before > gap) {
      out[0].push(before + b.bucketSeconds * 1000)
      out[1].push(null)
      out[2].push(null)
      out[3].push(null)
    }
    out[0].push(t)
    out[1].push(b.mean[i]!)
    out[2].push(b.min[i]!)
    out[3].push(b.max[i]!)
  }
  return out
}

/** The channel's buckets over [from, to) (ms) at `bucketSeconds`; throws on any refusal. */
export async function fetchBuckets(
  sensorId: string,
  metric: string,
  from: number,
  to: number,
  bucketSeconds: number,
  signal: AbortSignal,
): Promise<Buckets> {
  const query = new URLSearchParams({
    metric,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucket: String(bucketSeconds),
  })
  const res = await fetch(`/api/v1/sensors/${encodeURIComponent(sensorId)}/series?${query}`, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
    signal,
  })
  if (!res.ok) throw new Error(`series answered ${res.status}`)
  const body = (await res.json()) as SensorSeries
  return {
    t: body.points.map((p) => Date.parse(p.t)),
    mean: body.points.map((p) => p.avg),
    min: body.points.map((p) => p.min),
    max: body.points.map((p) => p.max),
    bucketSeconds: body.bucketSeconds,
  }
}
