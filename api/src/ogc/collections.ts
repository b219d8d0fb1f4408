// The three published collections: what each is called, which property filters it takes, how a page of
// its items and its extent are found. Areas and stations come from the open-data snapshot and are paged
// in memory by id; daily water is paged in the database by its keyset (day, area, metric).
import {
  AREA_STATES,
  areaIntersectsBox,
  type Box,
  type CollectionId,
  extendBox,
  type Feature,
  pointInBox,
} from '@zonetrace/contracts'
import { DAY_MS, vietnamDate, vietnamDayStartOf } from '@zonetrace/db'
import { type AreaFeature, areaPoint } from '../open-data/features.ts'
import type { OpenDataSource } from '../open-data/source.ts'
import { type Interval, ParameterError } from './params.ts'

type Text = { vi: string; en: string }

export interface Filter {
  description: string
  /** Accepted values; any string when absent. */
  values?: readonly string[]
}

export interface ItemsQuery {
  bbox: Box | null
  interval: Interval | null
  limit: number
  after: string[] | null
  filters: Record<string, string>
}

export interface ItemsPage {
  features: Feature<object>[]
  numberMatched: number
  /** The keyset of the last feature when more follow. */
  nextKey: string[] | null
}

export interface Extent {
  spatial: Box | null
  /** ISO instants; null ends are open. */
  temporal: [string | null, string | null] | null
}

export interface Collection {
  id: CollectionId
  title: Text
  description: Text
  /** Parts of the cursor (the keyset's width). */
  keyParts: number
  filters: Record<string, Filter>
  items(source: OpenDataSource, query: ItemsQuery): Promise<ItemsPage>
  item(source: OpenDataSource, id: string): Promise<Feature<object> | undefined>
  extent(source: OpenDataSource): Promise<Extent>
}

/** Pages a sorted in-memory list by id: what follows `after`, `limit` of it. */
function pageById<T extends Feature<object>>(all: T[], query: ItemsQuery): ItemsPage {
  const after = query.after?.[0]
  const from = after === undefined ? 0 : all.findIndex((f) => f.id > after)
  const rest = from === -1 ? [] : all.slice(from)
  const features = rest.slice(0, query.limit)
  const more = rest.length > query.limit
  return { features, numberMatched: all.length, nextKey: more ? [features.at(-1)!.id] : null }
}

function boxOfPoints(features: Feature<object>[]): Box | null {
  let box: Box | null = null
  for (const f of features) if (f.geometry?.type === 'Point') box = extendBox(box, f.geometry.coordinates)
  return box
}

const growingAreas: Collection = {
  id: 'growing-areas',
  title: { vi: 'Vùng trồng, vùng nuôi', en: 'Growing areas' },
  description: {
    vi: 'Các vùng trồng và vùng nuôi công khai với mã vùng, cây trồng hoặc vật nuôi, diện tích, xã (tên hiện nay và tên cũ), hợp tác xã, chứng nhận và tình trạng nước hôm nay.',
    en: "Public growing areas and ponds: area code, crop or species, hectares, commune (today's and former name), cooperative, certifications and today's water state.",
  },
  keyParts: 1,
  filters: {
    code: { description: 'growing-area code' },
    crop: { description: 'crop or species, e.g. coconut, shrimp' },
    kind: { description: 'zone profile, e.g. shrimp_pond, coconut_canal' },
    communeCode: { description: "today's commune code" },
    state: { description: 'ok, or the worst open alert severity', values: AREA_STATES },
    thresholdPreset: { description: 'threshold preset id' },
  },
  async items(source, query) {
    const { bbox, filters } = query
    const matched = (await source.areas()).filter(
      (a) =>
        matchesFilters(a.properties as unknown as Record<string, unknown>, filters) &&
        (bbox === null || (a.geometry !== null && areaIntersectsBox(a.geometry, bbox))),
    )
    return pageById(matched, query)
  },
  item: (source, id) => source.area(id),
  async extent(source) {
    let box: Box | null = null
    for (const area of await source.areas()) {
      if (area.geometry) {
        const rings =
          area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates
        for (const polygon of rings) for (const ring of polygon) for (const p of ring) box = extendBox(box, p)
      }
    }
    return { spatial: box && (box.map(round6) as Box), temporal: null }
  },
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

const stations: Collection = {
  id: 'stations',
  title: { vi: 'Trạm quan trắc', en: 'Monitoring stations' },
  description: {
    vi: 'Các trạm (gateway) quan trắc nước tại vùng công khai: vị trí, chỉ tiêu đo, cảm biến và trạng thái trực tuyến.',
    en: 'Water-monitoring gateways of public areas: position, metrics, sensors and online state.',
  },
  keyParts: 1,
  filters: {
    areaCode: { description: 'growing-area code' },
    metric: { description: 'a metric the station measures, e.g. salinity' },
    online: { description: 'online now', values: ['true', 'false'] },
  },
  async items(source, query) {
    const { bbox, filters } = query
    const matched = (await source.stations()).filter((s) => {
      const p = s.properties
      if (filters.areaCode !== undefined && p.areaCode !== filters.areaCode) return false
      if (filters.metric !== undefined && !p.metrics.includes(filters.metric)) return false
      if (filters.online !== undefined && String(p.online) !== filters.online) return false
      return bbox === null || (s.geometry !== null && pointInBox(s.geometry.coordinates, bbox))
    })
    return pageById(matched, query)
  },
  async item(source, id) {
    return (await source.stations()).find((s) => s.id === id)
  },
  async extent(source) {
    return { spatial: boxOfPoints(await source.stations()), temporal: null }
  },
}

const dailyWater: Collection = {
  id: 'daily-water',
  title: { vi: 'Chất lượng nước theo ngày', en: 'Daily water quality' },
  description: {
    vi: 'Theo từng vùng, chỉ tiêu và ngày (giờ Việt Nam): giá trị nhỏ nhất, trung bình, lớn nhất, số lần đo và tỷ lệ nằm trong ngưỡng, từ báo cáo tuân thủ hằng ngày.',
    en: 'Per area, metric and Vietnamese day: min, mean, max, number of readings and share within limits, from the daily compliance report.',
  },
  keyParts: 3,
  filters: {
    areaCode: { description: 'growing-area code' },
    communeCode: { description: "today's commune code of the area" },
    metric: { description: 'metric, e.g. salinity, dissolved_oxygen' },
  },
  async items(source, query) {
    const areas = await areasFor(source, query)
    const filter = { areas, ...daysOf(query.interval), metric: query.filters.metric }
    const after = query.after
      ? { day: query.after[0]!, areaCode: query.after[1]!, metric: query.after[2]! }
      : null
    if (after && !/^\d{4}-\d{2}-\d{2}$/.test(after.day))
      throw new ParameterError('cursor is not one this server wrote')
    const [rows, numberMatched] = await Promise.all([
      source.dailyWater(filter, after, query.limit + 1),
      source.countDailyWater(filter),
    ])
    const features = rows.slice(0, query.limit)
    const last = features.at(-1)?.properties
    const nextKey = rows.length > query.limit && last ? [last.day, last.areaCode, last.metric] : null
    return { features, numberMatched, nextKey }
  },
  async item(source, id) {
    const [day, areaCode, metric, ...rest] = id.split('~')
    if (!day || !areaCode || !metric || rest.length > 0 || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined
    if (vietnamDayStartOf(day) === null) return undefined
    const [feature] = await source.dailyWater(
      { areas: [areaCode], fromDay: day, toDay: day, metric },
      null,
      1,
    )
    return feature
  },
  async extent(source) {
    const { first, last } = await source.dailyWaterDays()
    const spatial = boxOfPoints((await source.areas()).map((a) => ({ ...a, geometry: areaPoint(a) })))
    const start = first === null ? null : new Date(vietnamDayStartOf(first)!).toISOString()
    const end = last === null ? null : new Date(vietnamDayStartOf(last)! + DAY_MS).toISOString()
    return { spatial, temporal: first === null ? null : [start, end] }
  },
}

/** The areas a daily-water query may read: public, and passing its area filters and box. */
async function areasFor(source: OpenDataSource, query: ItemsQuery): Promise<string[]> {
  const { bbox, filters } = query
  return (await source.areas())
    .filter((a: AreaFeature) => {
      if (filters.areaCode !== undefined && a.id !== filters.areaCode) return false
      if (filters.communeCode !== undefined && a.properties.communeCode !== filters.communeCode) return false
      if (bbox === null) return true
      const point = areaPoint(a)
      return point !== null && pointInBox(point.coordinates, bbox)
    })
    .map((a) => a.id)
}

/** The Vietnamese days whose span (UTC+7 midnight to midnight) meets the interval. */
function daysOf(interval: Interval | null): { fromDay?: string; toDay?: string } {
  if (!interval) return {}
  return {
    ...(interval.start !== null ? { fromDay: vietnamDate(interval.start) } : {}),
    ...(interval.end !== null ? { toDay: vietnamDate(interval.end) } : {}),
  }
}

function matchesFilters(properties: Record<string, unknown>, filters: Record<string, string>): boolean {
  for (const [name, wanted] of Object.entries(filters))
    if (String(properties[name] ?? '') !== wanted) return false
  return true
}

export const COLLECTIONS: readonly Collection[] = [growingAreas, stations, dailyWater]

export function collectionById(id: string): Collection | undefined {
  return COLLECTIONS.find((c) => c.id === id)
}
