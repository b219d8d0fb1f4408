// What the area page hands each <sensor-chart> in its inline JSON: the series already drawn as SVG (so the
// first canvas needs no request), the limits and alert marks, and the words in the page's language.

export interface ChartMark {
  /** Milliseconds since the epoch. */
  t: number
  kind: 'opened' | 'cleared'
  severity: string
}

export interface ChartLimit {
  value: number
  /** A lowest allowed value (its label goes under the line), not a highest. */
  floor: boolean
  /** "ngưỡng QCVN 02-19:2014: ≥ 4 ‰", as the SVG writes it. */
  label: string
}

export interface ChartText {
  zoomIn: string
  reset: string
  hint: string
  loading: string
  failed: string
  opened: string
  cleared: string
  mean: string
  band: string
  shown: string
  timeZone: string
}

export interface ChartData {
  lang: 'vi' | 'en'
  sensorId: string
  metric: string
  /** As people write it: ‰, °C, mg/L. */
  unit: string
  decimals: number
  /** The chart's accessible name. */
  title: string
  /** The range drawn, milliseconds since the epoch. */
  from: number
  to: number
  bucketSeconds: number
  /** Columns of the buckets: start time (ms), mean, lowest, highest. */
  t: number[]
  mean: number[]
  min: number[]
  max: number[]
  limits: ChartLimit[]
  marks: ChartMark[]
  text: ChartText
}
