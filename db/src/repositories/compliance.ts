// The daily compliance report (issue 6 § 6): per growing area, Vietnamese calendar day and metric, how many
// good readings there were, how many lay within the area's limits, their range, the limits used and the
// alerts opened. Written by the compliance job, read by the zone compliance route and the officer views.
import { type ComplianceDay, type ComplianceMetric, isMetric, METRICS } from '@zonetrace/contracts'
import type { Database } from '../database.ts'
import { DAY_MS, vietnamDate, vietnamDayStartOf } from '../vietnam-day.ts'
import { type Columns, selectList } from './columns.ts'
import { withinBand, zoneLimits } from './zone-limits.ts'

/**
 * Computes and stores (upserts) the report of one area for the given days. A metric gets a row on a day
 * when the area had a sensor for it by the end of that day or readings of it that day, so a silent probe
 * shows as a row with no readings rather than as nothing. Returns the rows written.
 */
export async function computeCompliance(
  db: Pick<Database, 'query'>,
  zone: string,
  days: readonly string[],
): Promise<number> {
  const limits = await zoneLimits(db, zone)
  if (!limits || days.length === 0) return 0
  const starts = days.map((d) => {
    const start = vietnamDayStartOf(d)
    if (start === null) throw new Error(`"${d}" is not a calendar date`)
    return start
  })
  const metrics = [...new Set(limits.limits.map((l) => l.metric))]
  const bands = metrics.map((m) => ({ metric: m, ...withinBand(limits.limits, m)! }))
  const [row] = await db.query<{ n: number }>(
    `with days as (
       select * from unnest($2::date[], $3::timestamptz[], $4::timestamptz[]) as d(day, t0, t1)),
     channels as (select id, metric, created_at from sensors where zone_code = $1),
     bands as (select * from unnest($5::text[], $6::float8[], $7::float8[]) as b(metric, lo, hi)),
     measured as (
       select d.day, c.metric, count(*) as n,
              count(*) filter (where r.value >= coalesce(b.lo, '-infinity')
                                 and r.value <= coalesce(b.hi, 'infinity')) as w,
              min(r.value) as lo, max(r.value) as hi, avg(r.value) as mean
         from days d
         cross join channels c
         join readings r on r.sensor_id = c.id and r.metric = c.metric and r.quality = 0
                        and r.time >= d.t0 and r.time < d.t1
                        -- The span as constants as well: the planner excludes the chunks outside it,
                        -- where per-day bounds alone would probe every chunk of the year for each day.
                        and r.time >= $8::timestamptz and r.time < $9::timestamptz
         left join bands b on b.metric = c.metric
        group by d.day, c.metric),
     slots as (
       select d.day, d.t0, d.t1, c.metric from days d join channels c on c.created_at < d.t1
       union
       select d.day, d.t0, d.t1, m.metric from measured m join days d on d.day = m.day),
     written as (
       insert into compliance_daily
         (zone_code, day, metric, readings, within, min, max, mean, limit_min, limit_max, alerts, computed_at)
       select $1, s.day, s.metric, coalesce(m.n, 0), coalesce(m.w, 0), m.lo, m.hi, m.mean, b.lo, b.hi,
              (select count(*) from alerts a
                where a.metric = s.metric and a.opened_at >= s.t0 and a.opened_at < s.t1
                  and (a.zone_code = $1
                       or (a.zone_code is null and a.sensor_id in (select id from channels)))),
              now()
         from slots s
         left join measured m on m.day = s.day and m.metric = s.metric
         left join bands b on b.metric = s.metric
        -- Rows in key order, so two reports of one area written at once wait for each other's rows
        -- instead of each locking some and deadlocking (Postgres locks upserted rows in insert order).
        order by s.day, s.metric
       on conflict (zone_code, day, metric) do update
         set readings = excluded.readings, within = excluded.within, min = excluded.min, max = excluded.max, mean = excluded.mean,
             limit_min = excluded.limit_min, limit_max = excluded.limit_max, alerts = excluded.alerts,
             computed_at = excluded.computed_at
       returning 1)
     select count(*)::int as n from written`,
    [
      zone,
      days,
      starts.map((s) => new Date(s).toISOString()),
      starts.map((s) => new Date(s + DAY_MS).toISOString()),
      bands.map((b) => b.metric),
      bands.map((b) => b.min),
      bands.map((b) => b.max),
      new Date(Math.min(...starts)).toISOString(),
      new Date(Math.max(...starts) + DAY_MS).toISOString(),
    ],
  )
  return row?.n ?? 0
}

/**
 * The days the job owes an area: the one before `today` always (late readings may have changed it), and
 * any of the `back` days before today the area has no report for.
 */
export async function complianceDaysDue(
  db: Pick<Database, 'query'>,
  zone: string,
  today: string,
  back: number,
): Promise<string[]> {
  const todayStart = vietnamDayStartOf(today)
  if (todayStart === null) throw new Error(`"${today}" is not a calendar date`)
  const window = Array.from({ length: back }, (_, i) => vietnamDate(todayStart - (back - i) * DAY_MS))
  const done = await db.query<{ day: string }>(
    `select distinct day::text as day from compliance_daily
      where zone_code = $1 and day >= $2::date and day <= $3::date`,
    [zone, window[0], window[window.length - 1]],
  )
  const have = new Set(done.map((d) => d.day))
  const yesterday = window[window.length - 1]!
  return window.filter((d) => d === yesterday || !have.has(d))
}

/**
 * A stored report row: one metric on one day, and the band its readings were held to (both null: none).
 * With no band every reading counts as within; alerts count by data time, historical ones included.
 */
type StoredMetricDay = Pick<ComplianceMetric, 'metric' | 'readings' | 'within' | 'min' | 'max' | 'alerts'> & {
  /** 'YYYY-MM-DD', a Vietnamese calendar day. */
  day: string
  limitMin: number | null
  limitMax: number | null
}

/** Every field of a report row the report shows (ADR 0009: one column list per shape). */
const storedColumns: Columns<StoredMetricDay> = {
  day: 'day::text',
  metric: 'metric',
  readings: 'readings',
  within: 'within',
  min: 'min',
  max: 'max',
  limitMin: 'limit_min',
  limitMax: 'limit_max',
  alerts: 'alerts',
}

/** The stored report of one area for the days [from, to] ('YYYY-MM-DD', inclusive), by day then metric. */
export async function listCompliance(
  db: Pick<Database, 'query'>,
  zone: string,
  from: string,
  to: string,
): Promise<ComplianceDay[]> {
  const rows = await db.query<StoredMetricDay & Record<string, unknown>>(
    `select ${selectList(storedColumns)}
       from compliance_daily
      where zone_code = $1 and day >= $2::date and day <= $3::date
      order by day, metric`,
    [zone, from, to],
  )
  const days: ComplianceDay[] = []
  for (const row of rows) {
    let day = days[days.length - 1]
    if (day?.day !== row.day) {
      day = { day: row.day, metrics: [] }
      days.push(day)
    }
    day.metrics.push(metricDay(row))
  }
  return days
}

/** The share within is only meaningful against a band, and only with readings to divide by. */
function metricDay(r: StoredMetricDay): ComplianceMetric {
  const limited = r.limitMin !== null || r.limitMax !== null
  return {
    metric: r.metric,
    unit: isMetric(r.metric) ? METRICS[r.metric].unit : null,
    readings: r.readings,
    within: r.within,
    share: limited && r.readings > 0 ? r.within / r.readings : null,
    min: r.min,
    max: r.max,
    limits: limited ? { min: r.limitMin, max: r.limitMax } : null,
    alerts: r.alerts,
  }
}

/** Every growing area's code: the job reports on all of them. */
export async function listZoneCodes(db: Pick<Database, 'query'>): Promise<string[]> {
  const rows = await db.query<{ code: string }>('select code from growing_areas order by code')
  return rows.map((r) => r.code)
}
