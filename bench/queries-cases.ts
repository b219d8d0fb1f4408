// The reads bench:queries times: each is the repository function the console or the open-data interface
// calls, beside the same answer computed from raw readings by a plain time_bucket / group by, so each has
// a speed-up. Run `i` of a case picks its own channel, area or page, so no two runs ask the same thing.
import {
  ANY_COOPERATIVE,
  areaChannels,
  areaStatuses,
  type Database,
  dailyWaterPage,
  monthlyCompliance,
  querySeries,
  readSeries,
  VIETNAM_ORIGIN,
  vietnamDayStartOf,
} from '@zonetrace/db'
import type { QueryWorld } from './queries-world.ts'

const DAY_MS = 86_400_000

export interface QueryCase {
  /** The RESULT name stem: `<name>_p95_ms`. */
  name: string
  what: string
  product(i: number): Promise<unknown>
  raw(i: number): Promise<unknown>
}

export function queryCases(db: Database, w: QueryWorld): QueryCase[] {
  const now = w.now.getTime()
  const channel = (i: number) => w.channels[(i * 37) % w.channels.length]!
  const area = (i: number) => w.areas[(i * 7) % w.areas.length]!
  const series = (days: number, bucketSeconds: number): Omit<QueryCase, 'name' | 'what'> => {
    // Windows end at slightly different moments, as pages opened at different times would ask.
    const q = (i: number) => {
      const c = channel(i)
      const to = new Date(now - (i % 10) * 60_000)
      return {
        sensorId: c.sensorId,
        metric: c.metric,
        from: new Date(to.getTime() - days * DAY_MS),
        to,
        bucketSeconds,
      }
    }
    return { product: (i) => readSeries(db, q(i)), raw: (i) => querySeries(db, q(i)) }
  }
  const monthFrom = new Date(vietnamDayStartOf(w.month.from)!).toISOString()
  const monthTo = new Date(vietnamDayStartOf(w.month.to)! + DAY_MS).toISOString()
  return [
    {
      name: 'latest',
      what: 'map: every area with the latest value of each metric (areaStatuses)',
      product: () => areaStatuses(db, ANY_COOPERATIVE),
      // What the map asked of readings before channel_latest (ADR 0012): the newest good reading of each
      // area and metric over the last two days.
      raw: () =>
        db.query(
          `select distinct on (s.zone_code, r.metric) s.zone_code as zone, r.metric, r.value, r.time
             from readings r join sensors s on s.id = r.sensor_id and s.metric = r.metric
            where s.zone_code = any($1::text[]) and r.time > now() - interval '2 days' and r.quality = 0
            order by s.zone_code, r.metric, r.time desc`,
          [w.areas],
        ),
    },
    {
      name: 'area_latest',
      what: 'area page: each channel of an area with its latest value (areaChannels)',
      product: (i) => areaChannels(db, area(i)),
      // What the area page asked of readings before channel_latest: one newest-first probe per channel.
      raw: (i) =>
        db.query(
          `select s.id, s.metric, r.value, r.time
             from sensors s
             left join lateral (
               select value, time from readings
                where sensor_id = s.id and metric = s.metric and quality = 0
                order by time desc limit 1) r on true
            where s.zone_code = $1 order by s.metric, s.id`,
          [area(i)],
        ),
    },
    { name: 'year_1d', what: 'one channel, 365 days at 1 d (readSeries)', ...series(365, 86_400) },
    { name: 'month_1h', what: 'one channel, 30 days at 1 h (readSeries)', ...series(30, 3600) },
    { name: 'day_1m', what: 'one channel, 24 h at 1 min (readSeries)', ...series(1, 60) },
    {
      name: 'compliance',
      what: "every area's month of compliance (monthlyCompliance)",
      product: () => monthlyCompliance(db, { from: w.month.from, to: w.month.to }),
      raw: () =>
        db.query(
          `select s.zone_code, r.metric, count(*) as readings, min(r.value), max(r.value), avg(r.value),
                  count(distinct time_bucket(interval '1 day', r.time, $3::timestamptz)) as days
             from readings r join sensors s on s.id = r.sensor_id and s.metric = r.metric
            where r.time >= $1 and r.time < $2 and r.quality = 0
            group by 1, 2 order by 1, 2`,
          [monthFrom, monthTo, VIETNAM_ORIGIN],
        ),
    },
    {
      name: 'daily_water',
      what: 'a page of /ogc daily-water, 100 rows from a day of the month (dailyWaterPage)',
      product: (i) => dailyWaterPage(db, { areas: w.areas, fromDay: pageDay(w, i) }, null, 100),
      // The same 100 (day, area, metric) rows aggregated from readings over the page's days.
      raw: (i) => {
        const day = vietnamDayStartOf(pageDay(w, i))!
        const span = Math.ceil(100 / (w.areas.length * 4))
        return db.query(
          `select time_bucket(interval '1 day', r.time, $3::timestamptz) as day, s.zone_code, r.metric,
                  count(*), min(r.value), avg(r.value), max(r.value)
             from readings r join sensors s on s.id = r.sensor_id and s.metric = r.metric
            where r.time >= $1 and r.time < $2 and r.quality = 0
            group by 1, 2, 3 order by 1, 2, 3 limit 100`,
          [new Date(day).toISOString(), new Date(day + span * DAY_MS).toISOString(), VIETNAM_ORIGIN],
        )
      },
    },
  ]
}

function pageDay(w: QueryWorld, i: number): string {
  const from = vietnamDayStartOf(w.month.from)!
  return new Date(from + (i % 28) * DAY_MS + 7 * 3600_000).toISOString().slice(0, 10)
}
