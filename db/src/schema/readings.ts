import { doublePrecision, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core'
import { timestamptz } from './_helpers.ts'

/**
 * Readings: a TimescaleDB hypertable on `time` (see migrations/*_timescale_readings.sql). The primary key
 * (sensor, metric, time) makes a redelivered reading a no-op instead of a second row. No foreign keys:
 * the broker checks sensors against its cache before writing, and FKs would cost on every inserted row.
 */
export const readings = pgTable(
  'readings',
  {
    time: timestamptz('time').notNull(),
    sensorId: text('sensor_id').notNull(),
    metric: text('metric').notNull(),
    value: doublePrecision('value').notNull(),
    /** 0 good; see Quality in @zonetrace/contracts. */
    quality: smallint('quality').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'readings_pkey', columns: [t.sensorId, t.metric, t.time] })],
)
