// Station files under Circular 10/2021/TT-BTNMT: one line per parameter, `Name Value Unit YYYYMMDDhhmmss
// Status`, status 00 normal, 01 calibrating, 02 error (/work/shared/domain/water-dynamics.md). Loggers from
// different vendors write them differently, so the parser is liberal in layout (tabs or runs of spaces,
// CRLF, a BOM, a decimal comma, unit spellings, no unit for pH) and strict in meaning: a line whose time,
// status, value or unit cannot be trusted is set aside with its reason and the rest of the file is kept.
import { isSensorId, type Metric, Quality, type QualityFlag } from '@zonetrace/contracts'
import type { AgentReading } from '../reading.ts'
import { parseCircular10Name, parseStationTime, VIETNAM_UTC_OFFSET_HOURS } from './circular10-name.ts'
import { unitFactor } from './circular10-units.ts'

export interface Circular10Options {
  /** Station parameter name → metric. Looked up exactly first, then ignoring case. */
  names: Readonly<Record<string, Metric>>
  /** When set, a file from another station is refused whole. */
  station?: string
  /** The sensor the station's readings belong to; default `{station in lower case}-s1`. */
  sensorId?: string
  utcOffsetHours?: number
}

export type Circular10Problem = {
  /** 1-based line number in the file. */
  line: number
  reason:
    | 'malformed_line'
    | 'unmapped_parameter'
    | 'bad_value'
    | 'bad_time'
    | 'unknown_status'
    | 'unit_mismatch'
  detail: string
}

export type Circular10File =
  | {
      ok: true
      station: string
      sensorId: string
      fileTime: number
      readings: AgentReading[]
      problems: Circular10Problem[]
    }
  | { ok: false; reason: string }

const STATUS: Readonly<Record<string, QualityFlag>> = {
  '00': Quality.good,
  '01': Quality.calibrating,
  '02': Quality.deviceError,
}

// Digits with at most one decimal separator, point or comma; no thousands separators, which would make
// "1,234" ambiguous.
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/

export function parseCircular10File(name: string, text: string, opts: Circular10Options): Circular10File {
  const offset = opts.utcOffsetHours ?? VIETNAM_UTC_OFFSET_HOURS
  const parsedName = parseCircular10Name(name, offset)
  if (!parsedName.ok) return parsedName
  const { station, fileTime } = parsedName
  if (opts.station !== undefined && opts.station.toLowerCase() !== station.toLowerCase()) {
    return { ok: false, reason: `file is from station "${station}", this folder is for "${opts.station}"` }
  }
  const sensorId = opts.sensorId ?? `${station.toLowerCase()}-s1`
  if (!isSensorId(sensorId)) {
    return {
      ok: false,
      reason: `sensor id "${sensorId}" is not valid: set sensorId for station "${station}"`,
    }
  }

  const lookup = nameLookup(opts.names)
  const readings: AgentReading[] = []
  const problems: Circular10Problem[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i]!.trim().split(/\s+/)
    if (fields.length === 1 && fields[0] === '') continue
    const result = parseLine(fields, lookup, sensorId, offset)
    if ('reason' in result) problems.push({ line: i + 1, ...result })
    else readings.push(result)
  }
  return { ok: true, station, sensorId, fileTime, readings, problems }
}

function parseLine(
  fields: string[],
  lookup: (name: string) => Metric | undefined,
  sensorId: string,
  utcOffsetHours: number,
): AgentReading | Omit<Circular10Problem, 'line'> {
  // Read from the right: status and time are fixed, the unit may be missing (pH) and a name may hold a space.
  const status = fields.pop()
  const time = fields.pop()
  let unit: string | undefined = fields.pop()
  let value = unit !== undefined && NUMBER.test(unit) && !NUMBER.test(fields.at(-1) ?? '') ? unit : undefined
  if (value !== undefined) unit = undefined
  else value = fields.pop()
  const name = fields.join(' ')
  if (status === undefined || time === undefined || value === undefined || name === '') {
    return { reason: 'malformed_line', detail: 'expected: Name Value Unit YYYYMMDDhhmmss Status' }
  }

  const metric = lookup(name)
  if (metric === undefined) {
    return { reason: 'unmapped_parameter', detail: `parameter "${clip(name)}" is not mapped to a metric` }
  }
  const number = NUMBER.test(value) ? Number(value.replace(',', '.')) : Number.NaN
  if (!Number.isFinite(number))
    return { reason: 'bad_value', detail: `value "${clip(value)}" is not a number` }
  const factor = unitFactor(metric, unit)
  if (factor === undefined) {
    return {
      reason: 'unit_mismatch',
      detail: unit === undefined ? `${metric} needs a unit` : `unit "${clip(unit)}" does not fit ${metric}`,
    }
  }
  const when = parseStationTime(time, utcOffsetHours)
  if (when === undefined) return { reason: 'bad_time', detail: `time "${clip(time)}" is not YYYYMMDDhhmmss` }
  const quality = STATUS[status.padStart(2, '0')]
  if (quality === undefined) {
    return { reason: 'unknown_status', detail: `status "${clip(status)}" is not 00, 01 or 02` }
  }
  return { sensorId, metric, time: when, value: number * factor, quality }
}

function nameLookup(names: Readonly<Record<string, Metric>>): (name: string) => Metric | undefined {
  const folded = new Map<string, Metric>()
  for (const [k, v] of Object.entries(names)) folded.set(k.toLowerCase(), v)
  return (name) => (Object.hasOwn(names, name) ? names[name] : folded.get(name.toLowerCase()))
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
}
