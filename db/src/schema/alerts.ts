import { ALERT_EVENT_TYPES, ALERT_STATES, RULE_KINDS, RULE_ORIGINS, SEVERITIES } from '@zonetrace/contracts'
import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { timestamps, timestamptz } from './_helpers.ts'

/**
 * A threshold rule (issue 6). Scope is exactly one of zone, gateway or sensor. `kind` decides which
 * condition columns apply: `threshold` (min/max), `rate` (|Δvalue| per minute above rate_per_minute) or
 * `offline` (no data for silent_seconds; metric is null then). forSeconds (duration), repeat (N violations
 * within a window), the clear margin (hysteresis) and active hours modify any of them. Rules are never
 * deleted while alerts point at them: deleted_at retires them, and the change is what evaluators poll for.
 */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    zoneCode: text('zone_code'),
    gatewayId: text('gateway_id'),
    sensorId: text('sensor_id'),
    metric: text('metric'),
    kind: text('kind', { enum: RULE_KINDS }).notNull(),
    min: doublePrecision('min'),
    max: doublePrecision('max'),
    ratePerMinute: doublePrecision('rate_per_minute'),
    forSeconds: integer('for_seconds').notNull().default(0),
    repeatCount: integer('repeat_count'),
    repeatWindowSeconds: integer('repeat_window_seconds'),
    clearMargin: doublePrecision('clear_margin').notNull().default(0),
    clearForSeconds: integer('clear_for_seconds').notNull().default(0),
    silentSeconds: integer('silent_seconds'),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    /** Active hours on the Vietnamese clock ('HH:MM', UTC+7); both null = always. from > to spans midnight. */
    activeFrom: text('active_from'),
    activeTo: text('active_to'),
    name: text('name'),
    /** `preset` rows are written from the zone's preset and overrides, one per (zone, metric, severity). */
    origin: text('origin', { enum: RULE_ORIGINS }).notNull().default('custom'),
    preset: text('preset'),
    /** The limit was not confirmed from the primary text of its standard (thresholds.csv). */
    unconfirmed: boolean('unconfirmed').notNull().default(false),
    createdBy: text('created_by'),
    deletedAt: timestamptz('deleted_at'),
    ...timestamps,
  },
  (t) => [
    index('alert_rules_updated_at_idx').on(t.updatedAt),
    uniqueIndex('alert_rules_preset_limit_idx')
      .on(t.zoneCode, t.metric, t.severity)
      .where(sql`${t.origin} = 'preset' and ${t.deletedAt} is null`),
    check('alert_rules_one_scope_check', sql`num_nonnulls(${t.zoneCode}, ${t.gatewayId}, ${t.sensorId}) = 1`),
    check('alert_rules_bounds_check', sql`${t.min} is null or ${t.max} is null or ${t.min} <= ${t.max}`),
    check('alert_rules_for_seconds_check', sql`${t.forSeconds} between 0 and 604800`),
    check('alert_rules_clear_for_seconds_check', sql`${t.clearForSeconds} between 0 and 604800`),
    check('alert_rules_clear_margin_check', sql`${t.clearMargin} >= 0`),
    check(
      'alert_rules_repeat_check',
      sql`(${t.repeatCount} is null) = (${t.repeatWindowSeconds} is null) and (${t.repeatCount} is null or (${t.repeatCount} between 2 and 10000 and ${t.repeatWindowSeconds} between 1 and 604800))`,
    ),
  ],
)

/**
 * Where each (rule, channel) state machine stands, so a restart in the middle of a duration or a repeat
 * window neither loses nor double-counts. A channel is a sensor id, or a gateway id for gateway offline
 * rules. `track` separates live evaluation from the replay of backfilled (historical) readings.
 */
export const ruleStates = pgTable(
  'rule_states',
  {
    ruleId: bigint('rule_id', { mode: 'number' })
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    track: text('track', { enum: ['live', 'history'] }).notNull(),
    state: jsonb('state').notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.channel, t.track] })],
)

/**
 * One alert per excursion. At most one live alert is open per (rule, channel): a repeat trigger bumps
 * trigger_count and last_value instead of opening another. Times are data times (when the probe measured),
 * not arrival times; `historical` alerts come from readings that arrived late and never page anyone.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleId: bigint('rule_id', { mode: 'number' })
      .notNull()
      .references(() => alertRules.id),
    channel: text('channel').notNull(),
    sensorId: text('sensor_id'),
    gatewayId: text('gateway_id'),
    zoneCode: text('zone_code'),
    metric: text('metric'),
    kind: text('kind', { enum: RULE_KINDS }).notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    state: text('state', { enum: ALERT_STATES }).notNull().default('active'),
    historical: boolean('historical').notNull().default(false),
    openedAt: timestamptz('opened_at').notNull(),
    clearedAt: timestamptz('cleared_at'),
    /** The limit that was crossed (null for offline). */
    threshold: doublePrecision('threshold'),
    /** The reading that opened it; last_value and peak_value follow the excursion. */
    value: doublePrecision('value'),
    lastValue: doublePrecision('last_value'),
    peakValue: doublePrecision('peak_value'),
    triggerCount: integer('trigger_count').notNull().default(1),
    lastTriggeredAt: timestamptz('last_triggered_at').notNull(),
    acknowledged: boolean('acknowledged').notNull().default(false),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: timestamptz('acknowledged_at'),
    ackNote: text('ack_note'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alerts_one_open_idx')
      .on(t.ruleId, t.channel)
      .where(sql`${t.state} = 'active' and not ${t.historical}`),
    index('alerts_state_opened_at_idx').on(t.state, t.openedAt),
    index('alerts_zone_code_opened_at_idx').on(t.zoneCode, t.openedAt),
    index('alerts_opened_at_idx').on(t.openedAt),
    check('alerts_ack_note_length_check', sql`char_length(${t.ackNote}) <= 1000`),
  ],
)

/**
 * Every change to every alert, in order: opened, retriggered, cleared, acknowledged. The id sequence is
 * the cursor live streams and webhook fan-out follow, across processes.
 */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: bigint('alert_id', { mode: 'number' })
      .notNull()
      .references(() => alerts.id),
    type: text('type', { enum: ALERT_EVENT_TYPES }).notNull(),
    at: timestamptz('at').notNull().defaultNow(),
    /** The data time of the reading behind it; null for acknowledgements. */
    dataTime: timestamptz('data_time'),
    value: doublePrecision('value'),
    actor: text('actor'),
    note: text('note'),
  },
  (t) => [index('alert_events_alert_id_idx').on(t.alertId)],
)

/**
 * A growing area's own values for single limits of its threshold preset. A limit is named by metric and
 * severity, because tiered presets hold two limits on one metric (pond_tiered_hue).
 */
export const areaThresholdOverrides = pgTable(
  'area_threshold_overrides',
  {
    zoneCode: text('zone_code').notNull(),
    metric: text('metric').notNull(),
    min: doublePrecision('min'),
    max: doublePrecision('max'),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    updatedBy: text('updated_by'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.zoneCode, t.metric, t.severity] }),
    check(
      'area_threshold_overrides_bounds_check',
      sql`${t.min} is null or ${t.max} is null or ${t.min} <= ${t.max}`,
    ),
  ],
)
