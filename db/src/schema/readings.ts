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

/**
 * The latest good reading (quality 0) of each channel, so "the latest value of every channel" is one small
 * table read instead of a probe into every chunk of readings (ADR 0012). insertReadings keeps it in the
 * transaction that stores the readings; any other writer of readings is caught by a row trigger
 * (migrations/0013_channel_latest.sql). A reading older than the one kept never replaces it.
 */
export const channelLatest = pgTable(
  'channel_latest',
  {
    sensorId: text('sensor_id').notNull(),
    metric: text('metric').notNull(),
    time: timestamptz('time').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ name: 'channel_latest_pkey', columns: [t.sensorId, t.metric] })],
)
