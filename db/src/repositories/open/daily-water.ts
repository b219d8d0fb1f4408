// The daily-water collection: per growing area, metric and Vietnamese day, the compliance job's report
// (repositories/compliance.ts), which is itself a daily rollup. Pages go by the keyset (day, area, metric),
// the order of compliance_daily_day_zone_metric_idx, so a page boundary never moves while rows are added.
import type { Database } from '../../database.ts'

export type DailyWaterRow = {
  areaCode: string
  day: string
  metric: string
  count: number
  within: number
  min: number | null
  mean: number | null
  max: number | null
  limitMin: number | null
  limitMax: number | null
}

export interface DailyWaterKey {
  day: string
  areaCode: string
  metric: string
}

export interface DailyWaterFilter {
  /** Only these areas (the caller has already kept the public ones). */
  areas: readonly string[]
  /** Days in [fromDay, toDay], YYYY-MM-DD; either may be open. */
  fromDay?: string | undefined
  toDay?: string | undefined
  metric?: string | undefined
}

function where(filter: DailyWaterFilter, params: unknown[]): string {
  params.push(filter.areas, filter.fromDay ?? null, filter.toDay ?? null, filter.metric ?? null)
  return `zone_code = any($1::text[])
      and ($2::date is null or day >= $2::date) and ($3::date is null or day <= $3::date)
      and ($4::text is null or metric = $4::text)`
}

/** One page: `limit` rows after `after` in keyset order. */
export async function dailyWaterPage(
  db: Pick<Database, 'query'>,
  filter: DailyWaterFilter,
  after: DailyWaterKey | null,
  limit: number,
): Promise<DailyWaterRow[]> {
  const params: unknown[] = []
  const conditions = where(filter, params)
  params.push(after?.day ?? null, after?.areaCode ?? null, after?.metric ?? null, limit)
  return db.query<DailyWaterRow>(
    `select zone_code as "areaCode", day::text as day, metric, readings as count, within,
            min, mean, max, limit_min as "limitMin", limit_max as "limitMax"
       from compliance_daily
      where ${conditions}
        and ($5::date is null or (day, zone_code, metric) > ($5::date, $6::text, $7::text))
      order by day, zone_code, metric
      limit $8`,
    params,
  )
}

export async function countDailyWater(
  db: Pick<Database, 'query'>,
  filter: DailyWaterFilter,
): Promise<number> {
  const params: unknown[] = []
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from compliance_daily where ${where(filter, params)}`,
    params,
  )
  return row?.n ?? 0
}

/** First and last day reported for these areas, for the collection's temporal extent. */
export async function dailyWaterDays(
  db: Pick<Database, 'query'>,
  areas: readonly string[],
): Promise<{ first: string | null; last: string | null }> {
  const [row] = await db.query<{ first: string | null; last: string | null }>(
    `select min(day)::text as first, max(day)::text as last from compliance_daily where zone_code = any($1::text[])`,
    [areas],
  )
  return { first: row?.first ?? null, last: row?.last ?? null }
}
