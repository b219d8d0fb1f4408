// The measured record of a lot's growing areas over its growing window (issue 5 § 3): per metric the
// range, mean, share of readings within the area's threshold preset and hourly coverage, plus a small series.
import {
  type EvidenceMetric,
  type EvidencePoint,
  METRIC_NAMES,
  METRICS,
  type Metric,
  type PresetId,
  type SensorEvidence,
} from '@zonetrace/contracts'
import type { Database } from '../database.ts'
import { RegistryError } from '../errors.ts'
import { readingsRollupReady } from '../rollups.ts'
import { applyOverrides, type EffectiveLimit, presetLimits } from './alerts/preset-limits.ts'
import { storedThresholds } from './alerts/preset-rules.ts'
import { countZoneAlerts } from './alerts/zone-alerts.ts'
import { type Band, type BucketRow, hourGrid, listChannels, queryBuckets } from './evidence-queries.ts'
import { withinBand } from './zone-limits.ts'

export { READINGS_ROLLUP, readingsRollupReady, refreshReadingsRollup } from '../rollups.ts'

/** Ingest accepts readings up to 400 days old; a longer window is a mistake, not a lot. */
const MAX_WINDOW_MS = 400 * 86_400_000
const MAX_POINTS = 60

export interface EvidenceQuery {
  areas: { code: string; preset: PresetId | null }[]
  from: Date
  to: Date
}

export interface EvidenceOptions {
  /** Alerts opened in these areas during [from, to); by default countZoneAlerts (water quality, historical included). */
  countAlerts?: (areaCodes: string[], from: Date, to: Date) => Promise<number>
  /** Aggregate the readings even when the hourly rollup exists (to hold one against the other). */
  rawOnly?: boolean
}

/**
 * Only good readings (quality 0) count anywhere in the summary: out-of-range, calibrating, device-error and
 * clock-suspect readings are kept in storage but say nothing trustworthy about the water.
 */
export async function lotEvidence(
  db: Pick<Database, 'query' | 'transaction'>,
  q: EvidenceQuery,
  opts: EvidenceOptions = {},
): Promise<SensorEvidence> {
  const span = q.to.getTime() - q.from.getTime()
  if (Number.isNaN(span) || span < 0)
    throw new RegistryError('the evidence window must end after it starts', 'invalid')
  if (span > MAX_WINDOW_MS) throw new RegistryError('the evidence window is longer than 400 days', 'invalid')
  const areaCodes = [...new Set(q.areas.map((a) => a.code))]
  const evidence: SensorEvidence = {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    areaCodes,
    alerts: 0,
    coverage: 0,
    source: 'raw',
    metrics: [],
  }
  if (span === 0 || areaCodes.length === 0) return evidence

  // A lot drawn from areas under different presets is judged by the first one given: one band per metric
  // keeps "share within limits" a single, explainable number. The area's own overrides apply, exactly as
  // in its alert rules and its daily compliance report (zone-limits.ts).
  const judged = q.areas.find((a) => a.preset !== null)
  const overrides = judged ? ((await storedThresholds(db, judged.code))?.overrides ?? []) : []
  const limits = judged?.preset ? applyOverrides(presetLimits(judged.preset), overrides) : []
  const bands = METRIC_NAMES.flatMap((m) => bandOf(limits, m) ?? [])
  const grid = hourGrid(q.from, q.to, MAX_POINTS)
  const [channels, fromRollup, alerts] = await Promise.all([
    listChannels(db, areaCodes),
    opts.rawOnly ? false : readingsRollupReady(db),
    (opts.countAlerts ?? ((codes, from, to) => countZoneAlerts(db, codes, from, to)))(
      areaCodes,
      q.from,
      q.to,
    ),
  ])
  evidence.alerts = alerts
  if (channels.length === 0) return evidence
  const rows = await queryBuckets(db, channels, bands, grid, fromRollup)
  evidence.source = fromRollup ? 'rollup' : 'raw'
  const acrossMetrics = rows.filter((r) => r.metric === null)
  evidence.coverage = sumOf(acrossMetrics, 'hours') / grid.hours
  for (const metric of METRIC_NAMES) {
    const own = rows.filter((r) => r.metric === metric)
    const band = bands.find((b) => b.metric === metric)
    if (own.length > 0) evidence.metrics.push(summarise(metric, own, grid.hours, band))
  }
  return evidence
}

function summarise(
  metric: Metric,
  rows: BucketRow[],
  hours: number,
  band: (Band & { standard: string }) | undefined,
): EvidenceMetric {
  const count = sumOf(rows, 'n')
  const series: EvidencePoint[] = rows.map((r) => ({
    t: r.t.toISOString(),
    mean: r.s / r.n,
    min: r.lo,
    max: r.hi,
  }))
  return {
    metric,
    unit: METRICS[metric].unit,
    count,
    min: Math.min(...rows.map((r) => r.lo)),
    max: Math.max(...rows.map((r) => r.hi)),
    mean: sumOf(rows, 's') / count,
    limits: band ? { min: band.min, max: band.max, standard: band.standard } : null,
    withinShare: band ? sumOf(rows, 'w') / count : null,
    coverage: sumOf(rows, 'hours') / hours,
    series,
  }
}

/** The within-limits band of a metric (zone-limits.ts withinBand) with the standards it comes from. */
function bandOf(limits: readonly EffectiveLimit[], metric: Metric): (Band & { standard: string }) | null {
  const band = withinBand(limits, metric)
  if (!band) return null
  const rows = limits.filter((l) => l.metric === metric)
  return { metric, ...band, standard: [...new Set(rows.map((r) => r.standard))].join('; ') }
}

function sumOf(rows: BucketRow[], key: 'n' | 's' | 'w' | 'hours'): number {
  return rows.reduce((acc, r) => acc + r[key], 0)
}
