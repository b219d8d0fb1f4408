// Reading the rollups without caring which TimescaleDB edition keeps them. A continuous aggregate adds the
// buckets past its last refresh itself; for the job's tables (Apache edition) the same tail is aggregated
// here from readings, past the table's watermark. Both answer with the same rows.
import type { Database } from '../database.ts'
import { alignToGrain, GRAINS, type RollupGrain, rollupSelect } from '../rollup-grains.ts'
import { ROLLUP_WATERMARKS, rollupRelation } from '../rollup-tables.ts'
import { isContinuousAggregate } from '../rollups.ts'

export interface RollupStore {
  kind: 'continuous_aggregate' | 'table'
  /** Where the tables live; unset is the current schema. */
  schema?: string | undefined
}

export interface RollupRow {
  bucket: Date
  /** Every reading of the channel in the bucket, flagged ones included. */
  count: number
  /** Good readings (quality 0): the statistics below are over these only, null when there are none. */
  good: number
  sum: number | null
  avg: number | null
  min: number | null
  max: number | null
  [k: string]: unknown
}

export interface RollupQuery {
  sensorId: string
  metric: string
  /** Buckets that start in [from, to). */
  from: Date
  to: Date
  bucket: RollupGrain
}

const stores = new WeakMap<object, RollupStore>()
const readyGrains = new WeakMap<object, Set<string>>()

/** Which form the rollups take in this database; null before migrations created them. */
export async function rollupStore(db: Pick<Database, 'query'>): Promise<RollupStore | null> {
  const known = stores.get(db)
  if (known) return known
  let store: RollupStore | null = null
  if (await isContinuousAggregate(db, GRAINS.hour.relation)) store = { kind: 'continuous_aggregate' }
  else {
    const [row] = await db.query<{ oid: string | null }>('select to_regclass($1)::text as oid', [
      GRAINS.hour.relation,
    ])
    if (row?.oid) store = { kind: 'table' }
  }
  if (store) stores.set(db, store)
  return store
}

/**
 * Whether a grain holds aggregated buckets yet: a refreshed continuous aggregate, or a table with a
 * watermark. Before that, every bucket would be aggregated from readings at query time anyway, slower than
 * reading them directly. Once ready it stays ready, so the answer is kept.
 */
export async function rollupReady(
  db: Pick<Database, 'query'>,
  grain: RollupGrain,
  store: RollupStore,
): Promise<boolean> {
  const key = `${store.kind}:${store.schema ?? ''}:${grain}`
  const ready = readyGrains.get(db) ?? new Set<string>()
  readyGrains.set(db, ready)
  if (ready.has(key)) return true
  const { relation } = GRAINS[grain]
  let answer: boolean
  if (store.kind === 'table') {
    const rows = await db.query(
      `select 1 from ${rollupRelation(ROLLUP_WATERMARKS, store.schema)} where relation = $1`,
      [relation],
    )
    answer = rows.length > 0
  } else {
    const [cagg] = await db.query<{ mat: string }>(
      `select format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name) as mat
         from timescaledb_information.continuous_aggregates
        where view_name = $1 and view_schema = current_schema()`,
      [relation],
    )
    const [row] = cagg
      ? await db.query<{ ready: boolean }>(`select exists (select from ${cagg.mat}) as ready`)
      : []
    answer = row?.ready === true
  }
  if (answer) ready.add(key)
  return answer
}

/** Placeholders (`$n`) of the parameters a rollup fragment reads. */
export interface RollupParams {
  sensorId: string
  metric: string
  /** Bounds aligned on the grain: buckets starting in [from, to). */
  from: string
  to: string
  /** A table's watermark as rollupWatermark read it; continuous aggregates have none. */
  until?: string | undefined
}

/**
 * A table's watermark, read before the query that uses it rather than inside it: as a constant it lets the
 * planner exclude every readings chunk before it, where a watermark read by the same statement leaves the
 * tail planned over every chunk of the year (ADR 0012). A job moving the watermark meanwhile changes
 * nothing: the table stays complete below the value read, and readings above it are all still there. null for
 * a continuous aggregate; '-infinity' for a table never aggregated.
 */
export async function rollupWatermark(
  db: Pick<Database, 'query'>,
  grain: RollupGrain,
  store: RollupStore,
): Promise<string | null> {
  if (store.kind === 'continuous_aggregate') return null
  const [row] = await db.query<{ until: Date }>(
    `select materialized_until as until from ${rollupRelation(ROLLUP_WATERMARKS, store.schema)}
      where relation = $1`,
    [GRAINS[grain].relation],
  )
  return row ? row.until.toISOString() : '-infinity'
}

/**
 * SQL yielding (bucket, count, good, sum, avg, min, max) of one channel for buckets in [from, to), from
 * either store. For a table, buckets at or past its watermark (`until`) come from readings with the very
 * aggregate the job writes, so no answer depends on when the job last ran.
 */
export function rollupRowsSql(store: RollupStore, grain: RollupGrain, p: RollupParams): string {
  const columns = 'bucket, count, good, sum, avg, min, max'
  const relation = rollupRelation(GRAINS[grain].relation, store.schema)
  if (store.kind === 'continuous_aggregate') {
    return `select ${columns} from ${relation}
             where sensor_id = ${p.sensorId} and metric = ${p.metric}
               and bucket >= ${p.from}::timestamptz and bucket < ${p.to}::timestamptz`
  }
  if (p.until === undefined) throw new Error('a rollup table is read with its watermark (rollupWatermark)')
  return `select ${columns} from ${relation}
           where sensor_id = ${p.sensorId} and metric = ${p.metric}
             and bucket >= ${p.from}::timestamptz and bucket < least(${p.to}::timestamptz, ${p.until}::timestamptz)
          union all
          select ${columns} from (
            ${rollupSelect(grain)}
             where sensor_id = ${p.sensorId} and metric = ${p.metric}
               and time >= greatest(${p.from}::timestamptz, ${p.until}::timestamptz) and time < ${p.to}::timestamptz
             group by 1, 2, 3) tail`
}

/**
 * Hourly or daily rollup rows of one channel, oldest first, whichever form the rollups take here (or
 * `store` to read a particular one). Days are Vietnamese calendar days.
 */
export async function queryRollup(
  db: Pick<Database, 'query'>,
  q: RollupQuery,
  store?: RollupStore,
): Promise<RollupRow[]> {
  const target = store ?? (await rollupStore(db))
  if (!target) throw new Error('the rollups do not exist yet: run migrations first')
  const until = await rollupWatermark(db, q.bucket, target)
  const sql = rollupRowsSql(target, q.bucket, {
    sensorId: '$1',
    metric: '$2',
    from: '$3',
    to: '$4',
    until: until === null ? undefined : '$5',
  })
  // A bucket starts in [from, to) exactly when it starts in [ceil(from), ceil(to)): aligned bounds.
  const from = alignToGrain(q.bucket, q.from.getTime(), 'ceil')
  const to = alignToGrain(q.bucket, q.to.getTime(), 'ceil')
  const params = [q.sensorId, q.metric, new Date(from).toISOString(), new Date(to).toISOString()]
  return db.query<RollupRow>(
    `select * from (${sql}) r order by bucket`,
    until === null ? params : [...params, until],
  )
}
