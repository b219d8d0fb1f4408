// Each channel's series over the chosen range, read through readSeries exactly as GET /sensors/:id/series
// reads it (rollups when the bucket allows), shaped as the consumer page's EvidenceMetric so chartSvg draws
// it: band, means, and the area's limits for that metric with the standard they come from.
import { type EvidenceMetric, isMetric, type Metric, type ZoneThresholds } from '@zonetrace/contracts'
import { type ChannelLatest, type Database, readSeries, type SeriesPoint, withinBand } from '@zonetrace/db'
import type { RangeWindow } from './range.ts'

export interface ChannelChart {
  channel: ChannelLatest
  /** Null for a channel whose metric the platform no longer knows: nothing to draw it against. */
  metric: EvidenceMetric | null
}

function limitsOf(thresholds: ZoneThresholds | null, metric: Metric): EvidenceMetric['limits'] {
  const own = thresholds?.limits.filter((l) => l.metric === metric) ?? []
  const band = withinBand(
    own.map((l) => ({ metric, min: l.min, max: l.max })),
    metric,
  )
  if (!band) return null
  return { ...band, standard: [...new Set(own.map((l) => l.standard))].join('; ') }
}

function summary(points: SeriesPoint[]): Pick<EvidenceMetric, 'count' | 'min' | 'max' | 'mean'> {
  const count = points.reduce((n, p) => n + p.count, 0)
  if (count === 0) return { count, min: null, max: null, mean: null }
  return {
    count,
    min: Math.min(...points.map((p) => p.min)),
    max: Math.max(...points.map((p) => p.max)),
    mean: points.reduce((sum, p) => sum + p.avg * p.count, 0) / count,
  }
}

export async function channelCharts(
  db: Pick<Database, 'query'>,
  channels: ChannelLatest[],
  thresholds: ZoneThresholds | null,
  range: RangeWindow,
): Promise<ChannelChart[]> {
  const buckets = Math.ceil((range.to.getTime() - range.from.getTime()) / (range.bucketSeconds * 1000))
  // One read per channel, side by side: a server's pool answers them at once (the embedded database queues them).
  return Promise.all(
    channels.map(async (channel): Promise<ChannelChart> => {
      const { metric } = channel
      if (!isMetric(metric)) return { channel, metric: null }
      const { points } = await readSeries(db, {
        sensorId: channel.sensorId,
        metric,
        from: range.from,
        to: range.to,
        bucketSeconds: range.bucketSeconds,
      })
      return {
        channel,
        metric: {
          metric,
          unit: channel.unit,
          ...summary(points),
          limits: limitsOf(thresholds, metric),
          // A chart says nothing about the share inside limits: that is the compliance report's figure.
          withinShare: null,
          coverage: Math.min(1, points.length / buckets),
          series: points.map((p) => ({ t: p.t.toISOString(), mean: p.avg, min: p.min, max: p.max })),
        },
      }
    }),
  )
}
