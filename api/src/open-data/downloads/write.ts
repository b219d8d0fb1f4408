// Writes every open-data download file: the three collections as CSV and GeoJSON, for the whole province
// and for each commune that has a public growing area today. Each collection is read once, and every
// feature goes to the province's files and its commune's; daily water comes a keyset page at a time, so
// only the compressed files are held, never the rows. Files no longer produced are removed.
import type { CollectionId, Feature } from '@zonetrace/contracts'
import { type Database, deleteOpenDownloadsExcept, upsertOpenDownload } from '@zonetrace/db'
import type { DailyWaterFeature } from '../features.ts'
import { OpenDataSource } from '../source.ts'
import { areaCsvRow, csvHead, dailyWaterCsvRow, stationCsvRow } from './csv.ts'
import { FileSink } from './file-sink.ts'
import { geojsonFeature, geojsonHead, geojsonTail } from './geojson.ts'
import { downloadName, MEDIA_TYPES } from './names.ts'

/** Daily-water rows read per query. */
export const DAILY_WATER_PAGE = 5000

export interface DownloadsSummary {
  files: number
  /** Files new or with a changed body this run. */
  changed: number
  removed: number
  communes: number
  rows: Record<CollectionId, number>
}

interface CollectionPlan<F> {
  collection: CollectionId
  features: AsyncIterable<F> | Iterable<F>
  csvRow(feature: F): string
  /** Today's commune of the feature, null when its area has none. */
  communeOf(feature: F): string | null
}

export async function writeOpenDownloads(db: Database, now: Date): Promise<DownloadsSummary> {
  // Its own source, never expiring: the whole run reads one snapshot of the areas, so the province's files
  // and the communes' agree with each other.
  const source = new OpenDataSource(db, Number.POSITIVE_INFINITY)
  const areas = await source.areas()
  const communeOfArea = new Map(areas.map((a) => [a.id, a.properties.communeCode]))
  const communes = [...new Set(areas.flatMap((a) => a.properties.communeCode ?? []))].sort()
  const names: string[] = []
  let changed = 0
  const rows = {} as Record<CollectionId, number>

  const write = async <F extends Feature<unknown>>(plan: CollectionPlan<F>) => {
    const files = await writeCollection(plan, communes)
    rows[plan.collection] = files[0]?.rows ?? 0
    for (const file of files) {
      names.push(file.name)
      if (await upsertOpenDownload(db, file, now)) changed++
    }
  }
  await write({
    collection: 'growing-areas',
    features: areas,
    csvRow: areaCsvRow,
    communeOf: (a) => a.properties.communeCode,
  })
  await write({
    collection: 'stations',
    features: await source.stations(),
    csvRow: stationCsvRow,
    communeOf: (s) => communeOfArea.get(s.properties.areaCode) ?? null,
  })
  await write({
    collection: 'daily-water',
    features: dailyWaterRows(source),
    csvRow: dailyWaterCsvRow,
    communeOf: (d) => d.properties.communeCode,
  })
  const removed = await deleteOpenDownloadsExcept(db, names)
  return { files: names.length, changed, removed, communes: communes.length, rows }
}

async function* dailyWaterRows(source: OpenDataSource): AsyncGenerator<DailyWaterFeature> {
  let after = null
  for (;;) {
    const page = await source.dailyWater({}, after, DAILY_WATER_PAGE)
    yield* page
    const last = page.at(-1)
    if (!last || page.length < DAILY_WATER_PAGE) return
    after = { day: last.properties.day, areaCode: last.properties.areaCode, metric: last.properties.metric }
  }
}

/** The province's two files first, then each commune's, every one finished and ready to store. */
async function writeCollection<F extends Feature<unknown>>(plan: CollectionPlan<F>, communes: string[]) {
  const scopes = new Map<string | null, { csv: FileSink; geojson: FileSink; first: boolean }>()
  for (const commune of [null, ...communes]) {
    const ref = { collection: plan.collection, commune }
    const csv = new FileSink(downloadName({ ...ref, format: 'csv' }), MEDIA_TYPES.csv)
    const geojson = new FileSink(downloadName({ ...ref, format: 'geojson' }), MEDIA_TYPES.geojson)
    await csv.write(csvHead(plan.collection))
    await geojson.write(geojsonHead())
    scopes.set(commune, { csv, geojson, first: true })
  }
  for await (const feature of plan.features) {
    const csv = plan.csvRow(feature)
    const commune = plan.communeOf(feature)
    for (const scope of [scopes.get(null), commune === null ? undefined : scopes.get(commune)]) {
      if (!scope) continue
      await scope.csv.write(csv, true)
      await scope.geojson.write(geojsonFeature(feature, scope.first), true)
      scope.first = false
    }
  }
  const files = []
  for (const scope of scopes.values()) {
    await scope.geojson.write(geojsonTail())
    files.push(await scope.csv.finish(), await scope.geojson.finish())
  }
  return files
}
