// What every public surface reads (the OGC API, the downloads job, the public map): the public areas and
// stations as features, kept for a few seconds so a crowd of map viewers costs the database one query per
// interval, and the daily-water rows by keyset. One instance per app (fastify.openData).
import type { DailyWaterFilter, DailyWaterKey, Database } from '@zonetrace/db'
import {
  countDailyWater,
  dailyWaterDays,
  dailyWaterPage,
  listPublicAreas,
  listPublicStations,
} from '@zonetrace/db'
import {
  type AreaFeature,
  areaFeature,
  type DailyWaterFeature,
  dailyWaterFeature,
  type StationFeature,
  stationFeature,
} from './features.ts'

/** How long the area and station snapshots are reused: the state colours lag an alert by at most this. */
export const SNAPSHOT_TTL_MS = 15_000
const MAX_COUNTS = 1000

interface Snapshot {
  at: number
  areas: AreaFeature[]
  byCode: Map<string, AreaFeature>
  stations: StationFeature[]
}

export class OpenDataSource {
  private snapshot: Snapshot | null = null
  /** Grows at every clear(), so whatever was derived from the old data (kept answers) can tell. */
  generation = 0
  private readonly counts = new Map<string, { at: number; count: number }>()
  private loading: Promise<Snapshot> | null = null

  private readonly db: Pick<Database, 'query'>
  private readonly ttlMs: number
  private readonly now: () => number

  constructor(db: Pick<Database, 'query'>, ttlMs = SNAPSHOT_TTL_MS, now: () => number = Date.now) {
    this.db = db
    this.ttlMs = ttlMs
    this.now = now
  }

  /** Every public growing area, ordered by code. */
  async areas(): Promise<AreaFeature[]> {
    return (await this.current()).areas
  }

  async area(code: string): Promise<AreaFeature | undefined> {
    return (await this.current()).byCode.get(code)
  }

  /** Every gateway of a public area, ordered by id. */
  async stations(): Promise<StationFeature[]> {
    return (await this.current()).stations
  }

  /** A page of daily-water features after `after`, of areas the filter names (all public ones if none). */
  async dailyWater(
    filter: Omit<DailyWaterFilter, 'areas'> & { areas?: readonly string[] },
    after: DailyWaterKey | null,
    limit: number,
  ): Promise<DailyWaterFeature[]> {
    const snapshot = await this.current()
    const areas = this.publicOnly(snapshot, filter.areas)
    const rows = await dailyWaterPage(this.db, { ...filter, areas }, after, limit)
    return rows.map((row) => dailyWaterFeature(row, snapshot.byCode.get(row.areaCode)))
  }

  /**
   * How many daily-water rows a filter matches (the items' numberMatched). Counting is most of a page's
   * cost (bench:open) and the report changes four times a day, so a count is kept for the snapshot's
   * interval; a page's rows are always read fresh.
   */
  async countDailyWater(filter: Omit<DailyWaterFilter, 'areas'> & { areas?: readonly string[] }) {
    const snapshot = await this.current()
    const scoped = { ...filter, areas: this.publicOnly(snapshot, filter.areas) }
    const key = JSON.stringify([scoped.areas, scoped.fromDay, scoped.toDay, scoped.metric])
    const known = this.counts.get(key)
    if (known && this.now() - known.at < this.ttlMs) return known.count
    const count = await countDailyWater(this.db, scoped)
    // Bounded: a crawler asking ever new filters cannot grow it without limit.
    if (this.counts.size >= MAX_COUNTS) this.counts.clear()
    this.counts.set(key, { at: this.now(), count })
    return count
  }

  /** First and last reported day over every public area. */
  async dailyWaterDays() {
    const snapshot = await this.current()
    return dailyWaterDays(
      this.db,
      snapshot.areas.map((a) => a.id),
    )
  }

  /** Forget the snapshot (after an area is registered, made private or public). */
  clear(): void {
    this.generation++
    this.snapshot = null
    this.counts.clear()
  }

  private publicOnly(snapshot: Snapshot, codes: readonly string[] | undefined): string[] {
    if (codes === undefined) return snapshot.areas.map((a) => a.id)
    return codes.filter((code) => snapshot.byCode.has(code))
  }

  private async current(): Promise<Snapshot> {
    if (this.snapshot && this.now() - this.snapshot.at < this.ttlMs) return this.snapshot
    // One load at a time: a burst of requests after expiry waits for the same query.
    this.loading ??= this.load().finally(() => {
      this.loading = null
    })
    return this.loading
  }

  private async load(): Promise<Snapshot> {
    const at = this.now()
    const [areaRows, stationRows] = await Promise.all([listPublicAreas(this.db), listPublicStations(this.db)])
    const areas = areaRows.map(areaFeature)
    const byCode = new Map(areas.map((a) => [a.id, a]))
    const stations = stationRows.map((row) => stationFeature(row, byCode.get(row.areaCode)))
    this.snapshot = { at, areas, byCode, stations }
    return this.snapshot
  }
}
