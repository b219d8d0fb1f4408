// The CSV form of each collection, for a spreadsheet: UTF-8 with a byte-order mark (without it Excel reads
// the Vietnamese as mojibake), RFC 4180 with CRLF, cells quoted and defused by the same csvCell the alerts
// export uses (a cooperative's name typed as "=HYPERLINK(…)" must not run as a formula). One row per
// feature, its properties as columns in the order of docs/open-data.md; lists become readable text; the
// geometry becomes the point's `lon` and `lat` (an area's centre), since a spreadsheet has no use for an
// outline: the GeoJSON file carries the outlines.
import type {
  CollectionId,
  DailyWaterProperties,
  GrowingAreaProperties,
  PointGeometry,
  StationProperties,
} from '@zonetrace/contracts'
import { centreOf } from '@zonetrace/contracts'
import { csvCell } from '@zonetrace/db'
import type { AreaFeature, DailyWaterFeature, StationFeature } from '../features.ts'

export const CSV_BOM = '\uFEFF'
const CRLF = '\r\n'

type Cell = string | number | boolean | null

/** Joins list items inside one cell; not `;`, which a spreadsheet set to a `;` separator splits on. */
const LIST = ' | '

const AREA_COLUMNS = [
  'code',
  'name',
  'crop',
  'kind',
  'areaHa',
  'communeCode',
  'communeName',
  'communeFormerName',
  'registeredCommuneCode',
  'cooperative',
  'certifications',
  'thresholdPreset',
  'keyMetric',
  'state',
  'updated',
] as const satisfies readonly (keyof GrowingAreaProperties)[]

const STATION_COLUMNS = [
  'id',
  'areaCode',
  'positionSource',
  'metrics',
  'sensors',
  'online',
  'lastSeenAt',
] as const satisfies readonly (keyof StationProperties)[]

const DAILY_WATER_COLUMNS = [
  'areaCode',
  'communeCode',
  'day',
  'metric',
  'unit',
  'count',
  'min',
  'mean',
  'max',
  'within',
  'withinShare',
  'limitMin',
  'limitMax',
] as const satisfies readonly (keyof DailyWaterProperties)[]

/** The header line, byte-order mark first: the start of the file. */
export function csvHead(collection: CollectionId): string {
  const columns: readonly string[] =
    collection === 'growing-areas'
      ? AREA_COLUMNS
      : collection === 'stations'
        ? STATION_COLUMNS
        : DAILY_WATER_COLUMNS
  return CSV_BOM + line([...columns, 'lon', 'lat'])
}

export function areaCsvRow(area: AreaFeature): string {
  const p = area.properties
  const certifications = p.certifications
    .map((c) => `${c.scheme} ${c.certificateNo} (${c.validTo})`)
    .join(LIST)
  const centre = area.geometry ? centreOf(area.geometry) : null
  return line([
    ...AREA_COLUMNS.map((k) => (k === 'certifications' ? certifications : p[k])),
    ...lonLat(centre),
  ])
}

export function stationCsvRow(station: StationFeature): string {
  const p = station.properties
  const sensors = p.sensors.map((s) => [s.id, s.metric, s.unit && `(${s.unit})`].filter(Boolean).join(' '))
  const cells = STATION_COLUMNS.map((k) =>
    k === 'metrics' ? p.metrics.join(LIST) : k === 'sensors' ? sensors.join(LIST) : p[k],
  )
  return line([...cells, ...pointLonLat(station.geometry)])
}

export function dailyWaterCsvRow(row: DailyWaterFeature): string {
  const p = row.properties
  return line([...DAILY_WATER_COLUMNS.map((k) => p[k]), ...pointLonLat(row.geometry)])
}

function pointLonLat(geometry: PointGeometry | null): [Cell, Cell] {
  return lonLat(geometry?.coordinates ?? null)
}

function lonLat(position: readonly [number, number] | null): [Cell, Cell] {
  return position ? [position[0], position[1]] : [null, null]
}

function line(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',') + CRLF
}
