// Canonical metric names and units (docs/interfaces.md), SenML's (RFC 8428 §12.1) where SenML has one.
// `physical` is the range a working probe can report; values outside it are stored with a quality flag
// (issue 3), never silently dropped.

interface MetricSpec {
  unit: string
  physical: readonly [min: number, max: number]
  label: { vi: string; en: string }
  /** Decimals a probe of this metric resolves: computed values (averages) are rounded to them. */
  decimals: number
}

export const METRICS = {
  salinity: { unit: 'ppt', physical: [0, 50], label: { vi: 'Độ mặn', en: 'Salinity' }, decimals: 2 },
  ph: { unit: 'pH', physical: [0, 14], label: { vi: 'pH', en: 'pH' }, decimals: 2 },
  dissolved_oxygen: {
    unit: 'mg/L',
    physical: [0, 25],
    label: { vi: 'Oxy hòa tan', en: 'Dissolved oxygen' },
    decimals: 2,
  },
  temperature: {
    unit: 'Cel',
    physical: [-5, 50],
    label: { vi: 'Nhiệt độ nước', en: 'Water temperature' },
    decimals: 1,
  },
  turbidity: { unit: 'NTU', physical: [0, 4000], label: { vi: 'Độ đục', en: 'Turbidity' }, decimals: 1 },
  conductivity: {
    unit: 'uS/cm',
    physical: [0, 200_000],
    label: { vi: 'Độ dẫn điện', en: 'Conductivity' },
    decimals: 0,
  },
  water_level: {
    unit: 'cm',
    physical: [-1000, 2000],
    label: { vi: 'Mực nước', en: 'Water level' },
    decimals: 1,
  },
  tss: {
    unit: 'mg/L',
    physical: [0, 50_000],
    label: { vi: 'Chất rắn lơ lửng', en: 'Suspended solids' },
    decimals: 1,
  },
  nh3: { unit: 'mg/L', physical: [0, 100], label: { vi: 'Amoniac', en: 'Ammonia' }, decimals: 3 },
  h2s: { unit: 'mg/L', physical: [0, 100], label: { vi: 'H₂S', en: 'Hydrogen sulfide' }, decimals: 3 },
  alkalinity: { unit: 'mg/L', physical: [0, 1000], label: { vi: 'Độ kiềm', en: 'Alkalinity' }, decimals: 1 },
  chloride: { unit: 'mg/L', physical: [0, 30_000], label: { vi: 'Clorua', en: 'Chloride' }, decimals: 1 },
} as const satisfies Record<string, MetricSpec>

export type Metric = keyof typeof METRICS
export const METRIC_NAMES = Object.keys(METRICS) as Metric[]

/** A computed value of this metric, rounded to what its probes resolve (6.140000000000001 → 6.14). */
export function roundForMetric(metric: Metric, value: number): number {
  const scale = 10 ** METRICS[metric].decimals
  return Math.round(value * scale) / scale
}

export function isMetric(name: string): name is Metric {
  return Object.hasOwn(METRICS, name)
}

/** Quality flags stored with each reading. 0 is good; anything else is kept but never alerted on. */
export const Quality = {
  good: 0,
  outOfPhysicalRange: 1,
  calibrating: 2,
  deviceError: 3,
  clockSuspect: 4,
} as const
export type QualityFlag = (typeof Quality)[keyof typeof Quality]

/** The flags a source may set (SenML `zq`); 1, out of physical range, is the platform's own verdict. */
export const SOURCE_QUALITY_FLAGS = [
  Quality.good,
  Quality.calibrating,
  Quality.deviceError,
  Quality.clockSuspect,
] as const satisfies readonly QualityFlag[]

/** The flag to store: out of physical range wins; otherwise what the source said, if anything. */
export function qualityOf(
  metric: Metric,
  value: number,
  sourceQuality: QualityFlag = Quality.good,
): QualityFlag {
  const [min, max] = METRICS[metric].physical
  return value < min || value > max ? Quality.outOfPhysicalRange : sourceQuality
}
