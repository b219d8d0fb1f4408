import { sql } from 'drizzle-orm'
import {
  bigserial,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { timestamptz } from './_helpers.ts'

/** Every scheduled job run, skipped ones included (another instance held the job's lock). */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(),
    /** Which process ran it (host and pid), to tell instances apart. */
    instance: text('instance').notNull(),
    status: text('status', { enum: ['running', 'ok', 'failed', 'skipped'] }).notNull(),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
    detail: jsonb('detail'),
    error: text('error'),
  },
  (t) => [index('job_runs_job_started_at_idx').on(t.job, t.startedAt)],
)

/**
 * Time ranges of readings that arrived after their rollup buckets may have been computed (edge backfill).
 * The rollup job re-aggregates them on a server without continuous aggregates, then deletes the rows.
 */
export const rollupInvalidations = pgTable(
  'rollup_invalidations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    fromTime: timestamptz('from_time').notNull(),
    toTime: timestamptz('to_time').notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [check('rollup_invalidations_range_check', sql`${t.fromTime} <= ${t.toTime}`)],
)

/**
 * Per growing area, day (Vietnamese calendar) and metric: how many good readings there were and how many
 * lay within the area's limits that day. Written by the daily compliance job.
 */
export const complianceDaily = pgTable(
  'compliance_daily',
  {
    zoneCode: text('zone_code').notNull(),
    day: date('day').notNull(),
    metric: text('metric').notNull(),
    readings: integer('readings').notNull(),
    within: integer('within').notNull(),
    min: doublePrecision('min'),
    max: doublePrecision('max'),
    /** Mean of the good readings; null on rows written before it was kept (migration 0012). */
    mean: doublePrecision('mean'),
    limitMin: doublePrecision('limit_min'),
    limitMax: doublePrecision('limit_max'),
    alerts: integer('alerts').notNull().default(0),
    computedAt: timestamptz('computed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.zoneCode, t.day, t.metric] }),
    // The open-data collection daily-water pages through the report in this order (a keyset, api/src/ogc).
    uniqueIndex('compliance_daily_day_zone_metric_idx').on(t.day, t.zoneCode, t.metric),
    check('compliance_daily_within_check', sql`${t.within} between 0 and ${t.readings}`),
  ],
)
