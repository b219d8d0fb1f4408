// The console's monthly compliance report (issue 15): the compliance job's daily rows (compliance.ts) summed
// over a span of Vietnamese days, per growing area and metric. Read from compliance_daily only, so the
// month says exactly what the daily reports said, and a day the job has not reached is not counted as
// a day without data.
import type { Database } from '../../database.ts'
import { type Columns, selectList } from '../columns.ts'

/** One area's metric over the span. */
export interface MonthlyMetric {
  zone: string
  zoneName: string
  metric: string
  /** Good readings over the span, and how many lay within the area's limits. */
  readings: number
  within: number
  /** Whether any day held the readings to a band; without one a share within means nothing. */
  limited: boolean
  /** Alerts on this metric opened in the area over the span (the daily counts summed). */
  alerts: number
  /** Days the job reported this metric for, and of those the days with at least one good reading. */
  daysReported: number
  daysWithData: number
}

const monthlyColumns: Columns<MonthlyMetric> = {
  zone: 'c.zone_code',
  zoneName: 'g.name',
  metric: 'c.metric',
  readings: 'sum(c.readings)::int',
  within: 'sum(c.within)::int',
  limited: 'bool_or(c.limit_min is not null or c.limit_max is not null)',
  alerts: 'sum(c.alerts)::int',
  daysReported: 'count(*)::int',
  daysWithData: 'count(*) filter (where c.readings > 0)::int',
}

/** The report for the days [from, to] ('YYYY-MM-DD', inclusive), of one area or all, by area then metric. */
export async function monthlyCompliance(
  db: Pick<Database, 'query'>,
  span: { from: string; to: string; zone?: string },
): Promise<MonthlyMetric[]> {
  return db.query<MonthlyMetric & Record<string, unknown>>(
    `select ${selectList(monthlyColumns)}
       from compliance_daily c join growing_areas g on g.code = c.zone_code
      where c.day >= $1::date and c.day <= $2::date and ($3::text is null or c.zone_code = $3)
      group by c.zone_code, g.name, c.metric
      order by c.zone_code, c.metric`,
    [span.from, span.to, span.zone ?? null],
  )
}

/** within / readings, only against a band and with readings to divide by. */
export function monthlyShare(m: MonthlyMetric): number | null {
  return m.limited && m.readings > 0 ? m.within / m.readings : null
}

/** Days with data / days reported: how much of the month the area's probes actually covered. */
export function monthlyCoverage(m: MonthlyMetric): number | null {
  return m.daysReported > 0 ? m.daysWithData / m.daysReported : null
}
