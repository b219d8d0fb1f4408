// Station files as Circular 10/2021/TT-BTNMT loggers write them (water-dynamics.md: parameter, value, unit,
// time, device status 00 normal / 01 calibrating / 02 error): `{STATION}_{YYYYMMDDhhmmss}.txt`, one line per
// parameter, fields separated by tabs, times in Vietnam local time (UTC+7, no daylight saving).
import { type Metric, Quality, type QualityFlag } from '@zonetrace/contracts'
import type { ProbeSample } from '../pack-source.ts'

/** Parameter names as Vietnamese station loggers label them, mapped to our metrics (agent config default). */
export const CIRCULAR10_DEFAULT_NAMES = {
  Salinity: 'salinity',
  pH: 'ph',
  DO: 'dissolved_oxygen',
  Temp: 'temperature',
  EC: 'conductivity',
  'Cl-': 'chloride',
  TSS: 'tss',
  Turbidity: 'turbidity',
} as const satisfies Record<string, Metric>

/** Units the simulated station writes, as such stations do: salinity in ‰, temperature in °C. */
export const CIRCULAR10_UNITS: Partial<Record<Metric, string>> = {
  salinity: '‰',
  ph: 'pH',
  dissolved_oxygen: 'mg/L',
  temperature: '°C',
  conductivity: 'µS/cm',
  chloride: 'mg/L',
  tss: 'mg/L',
  turbidity: 'NTU',
}

export const CIRCULAR10_STATUS = { normal: '00', calibrating: '01', error: '02' } as const

/** Station codes such as `TV_RACHGOC_01`; the time after the last `_` keeps names unambiguous. */
export const STATION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

const NAME_OF = new Map<Metric, string>(
  Object.entries(CIRCULAR10_DEFAULT_NAMES).map(([name, metric]) => [metric as Metric, name]),
)

export function circular10Name(metric: Metric): string | undefined {
  return NAME_OF.get(metric)
}

/** `YYYYMMDDhhmmss` in Vietnam local time. */
export function circular10Timestamp(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + 7 * 3_600_000)
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
}

export function circular10FileName(station: string, stampMs: number): string {
  return `${station}_${circular10Timestamp(stampMs)}.txt`
}

function statusOf(quality: QualityFlag | undefined, dropped: boolean): string {
  if (dropped || quality === Quality.deviceError) return CIRCULAR10_STATUS.error
  if (quality === Quality.calibrating) return CIRCULAR10_STATUS.calibrating
  return CIRCULAR10_STATUS.normal
}

/**
 * The file body for one sample. A probe that did not answer still gets its lines, with the logger's last
 * values and status 02, as a logger reports a sensor it could not read; metrics without a station name
 * (water level) are left out. CRLF line ends: station loggers are mostly Windows PCs.
 */
export function circular10Body(probes: readonly ProbeSample[], stampMs: number): string {
  const time = circular10Timestamp(stampMs)
  const lines: string[] = []
  for (const probe of probes) {
    for (const [metric, value] of Object.entries(probe.values) as [Metric, number][]) {
      const name = circular10Name(metric)
      if (name === undefined) continue
      const unit = CIRCULAR10_UNITS[metric] ?? '-'
      lines.push([name, String(value), unit, time, statusOf(probe.quality[metric], probe.dropped)].join('\t'))
    }
  }
  return lines.map((l) => `${l}\r\n`).join('')
}
