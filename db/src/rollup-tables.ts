// The rollups on TimescaleDB's Apache edition, which has no continuous aggregates: plain tables with the
// columns the continuous aggregates have, kept by the rollups job. Each table is complete below its
// watermark; readers aggregate readings at and after it themselves (repositories/rollup-query.ts), the way
// a real-time continuous aggregate does. Readings that arrive behind a watermark (edge backfill) are noted
// in rollup_invalidations (noteLateReadings), and the job aggregates their buckets again.
import type { Database } from './database.ts'
import { alignToGrain, GRAINS, type RollupGrain, rollupSelect } from './rollup-grains.ts'

export const ROLLUP_WATERMARKS = 'readings_rollup_watermarks'

/**
 * The job leaves the newest buckets to the readers for this long after they end, so a reading whose commit
 * was already under way when a bucket closed is in that bucket's first aggregation.
 */
const ROLLUP_SETTLE_MS = 10 * 60_000

/**
 * A reading this much older than its arrival may land behind a watermark: whoever stores it must call
 * noteLateReadings (repositories/rollup-invalidations.ts). Half the settle time, so a commit may take
 * minutes and still not be missed.
 */
const LATE_FOR_ROLLUPS_MS = ROLLUP_SETTLE_MS / 2

// Aggregating a whole history in one statement would hold one huge hash table; slices keep each small.
const SLICE_MS: Record<RollupGrain, number> = { hour: 7 * 86_400_000, day: 70 * 86_400_000 }
const MAX_INVALIDATIONS_PER_RUN = 10_000

/** `schema.name`, or the bare name in the current schema. Tests build a second set in another schema. */
export function rollupRelation(name: string, schema?: string): string {
  if (schema === undefined) return name
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`"${schema}" is not a plain schema name`)
  return `${schema}.${name}`
}

export async function createRollupTables(db: Pick<Database, 'query'>, schema?: string): Promise<void> {
  for (const grain of ['hour', 'day'] as const) {
    await db.query(
      `create table if not exists ${rollupRelation(GRAINS[grain].relation, schema)} (
         bucket timestamptz not null, sensor_id text not null, metric text not null,
         count bigint not null, good bigint not null,
         sum double precision, avg double precision, min double precision, max double precision,
         primary key (sensor_id, metric, bucket))`,
    )
  }
  await db.query(
    `create table if not exists ${rollupRelation(ROLLUP_WATERMARKS, schema)} (
       relation text primary key, materialized_until timestamptz not null)`,
  )
}

/** Whether a reading stored at `nowMs` must be noted with noteLateReadings. */
export function lateForRollups(dataTimeMs: number, nowMs: number): boolean {
  return dataTimeMs < nowMs - LATE_FOR_ROLLUPS_MS
}

interface GrainMaintenance {
  /** The watermark before and after this run (null: nothing was ever aggregated). */
  from: string | null
  until: string | null
  /** Bucket rows written (inserted or updated). */
  buckets: number
  ranges: number
}

interface RollupMaintenance {
  hour: GrainMaintenance
  day: GrainMaintenance
  invalidations: number
}

/**
 * Brings both tables up to the last bucket that ended ROLLUP_SETTLE_MS before `now`, and aggregates again
 * the buckets of noted late readings. Idempotent: a run that fails half-way is completed by the next one,
 * since the watermark moves and the notes go only after the buckets are written.
 */
export async function maintainRollupTables(
  db: Pick<Database, 'query'>,
  opts: { now: Date; schema?: string | undefined },
): Promise<RollupMaintenance> {
  const notes = await db.query<{ id: number; from: Date; to: Date }>(
    `select id, from_time as "from", to_time as "to" from rollup_invalidations order by id limit $1`,
    [MAX_INVALIDATIONS_PER_RUN],
  )
  const firstChunk = await firstChunkStart(db)
  const hour = await maintainGrain(db, 'hour', opts, notes, firstChunk)
  const day = await maintainGrain(db, 'day', opts, notes, firstChunk)
  if (notes.length > 0) {
    await db.query('delete from rollup_invalidations where id = any($1::bigint[])', [notes.map((n) => n.id)])
  }
  return { hour, day, invalidations: notes.length }
}

async function maintainGrain(
  db: Pick<Database, 'query'>,
  grain: RollupGrain,
  opts: { now: Date; schema?: string | undefined },
  notes: { from: Date; to: Date }[],
  firstChunk: number | null,
): Promise<GrainMaintenance> {
  const { relation, ms: size } = GRAINS[grain]
  const watermarks = rollupRelation(ROLLUP_WATERMARKS, opts.schema)
  const [mark] = await db.query<{ until: Date }>(
    `select materialized_until as until from ${watermarks} where relation = $1`,
    [relation],
  )
  const previous = mark?.until.getTime() ?? null
  // No readings and no watermark yet: stay unready, so a history loaded before the next run is aggregated
  // whole instead of landing behind a watermark nobody noted it against.
  if (previous === null && firstChunk === null) return { from: null, until: null, buckets: 0, ranges: 0 }
  const target = alignToGrain(grain, opts.now.getTime() - ROLLUP_SETTLE_MS, 'floor')
  const start = previous ?? alignToGrain(grain, firstChunk!, 'floor')
  const ranges: [number, number][] = []
  if (start < target) ranges.push([start, target])
  // Only the part of a note behind the old watermark needs aggregating again; the rest is in the range
  // above or still read from readings.
  for (const note of notes) {
    const lo = alignToGrain(grain, note.from.getTime(), 'floor')
    const hi = Math.min(alignToGrain(grain, note.to.getTime(), 'floor') + size, start)
    if (lo < hi) ranges.push([lo, hi])
  }
  const merged = mergeRanges(ranges)
  let buckets = 0
  for (const [lo, hi] of merged) {
    for (let a = lo; a < hi; a += SLICE_MS[grain]) {
      buckets += await upsertBuckets(db, grain, opts.schema, a, Math.min(a + SLICE_MS[grain], hi))
    }
  }
  const until = Math.max(target, previous ?? target)
  if (previous === null || until > previous) {
    await db.query(
      `insert into ${watermarks} (relation, materialized_until) values ($1, $2)
       on conflict (relation) do update set materialized_until = excluded.materialized_until`,
      [relation, new Date(until).toISOString()],
    )
  }
  return {
    from: previous === null ? null : new Date(previous).toISOString(),
    until: new Date(until).toISOString(),
    buckets,
    ranges: merged.length,
  }
}

async function upsertBuckets(
  db: Pick<Database, 'query'>,
  grain: RollupGrain,
  schema: string | undefined,
  from: number,
  to: number,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `with up as (
       insert into ${rollupRelation(GRAINS[grain].relation, schema)}
         (bucket, sensor_id, metric, count, good, sum, avg, min, max)
       ${rollupSelect(grain)}
        where time >= $1::timestamptz and time < $2::timestamptz
        group by 1, 2, 3
       on conflict (sensor_id, metric, bucket) do update
         set count = excluded.count, good = excluded.good, sum = excluded.sum, avg = excluded.avg,
             min = excluded.min, max = excluded.max
       returning 1)
     select count(*)::int as n from up`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  )
  return row?.n ?? 0
}

/** Where the oldest readings chunk starts: a first run aggregates from there (no time-only index to ask). */
async function firstChunkStart(db: Pick<Database, 'query'>): Promise<number | null> {
  const [row] = await db.query<{ start: Date | null }>(
    `select min(range_start) as start from timescaledb_information.chunks
      where hypertable_name = 'readings' and hypertable_schema = current_schema()`,
  )
  return row?.start ? row.start.getTime() : null
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1]
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi)
    else out.push([lo, hi])
  }
  return out
}
