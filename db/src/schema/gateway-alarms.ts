import { ALARM_CLEAR_REASONS, ALARM_KINDS, SEVERITIES } from '@zonetrace/contracts'
import { sql } from 'drizzle-orm'
import {
  bigserial,
  check,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { timestamptz } from './_helpers.ts'
import { gateways } from './gateways.ts'

/**
 * A local alarm raised or cleared on site by a gateway's edge agent, as reported on its alarms topic
 * (issue 4). These are the gateway's own threshold rules, kept apart from the platform's alerts: the rule
 * id is the agent's text id, not an alert_rules row. Reports are spooled and may arrive hours late or twice,
 * so the unique key makes a resend a no-op; `time` is when the reading was taken, `received_at` when the
 * broker stored it.
 */
export const gatewayAlarms = pgTable(
  'gateway_alarms',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    gatewayId: text('gateway_id')
      .notNull()
      .references(() => gateways.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    sensorId: text('sensor_id').notNull(),
    metric: text('metric').notNull(),
    kind: text('kind', { enum: ALARM_KINDS }).notNull(),
    value: doublePrecision('value').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    time: timestamptz('time').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    label: jsonb('label').$type<{ vi: string; en: string }>().notNull(),
    reason: text('reason', { enum: ALARM_CLEAR_REASONS }),
  },
  (t) => [
    uniqueIndex('gateway_alarms_report_idx').on(t.gatewayId, t.ruleId, t.sensorId, t.kind, t.time),
    index('gateway_alarms_gateway_id_time_idx').on(t.gatewayId, t.time.desc()),
    check('gateway_alarms_reason_check', sql`${t.kind} = 'cleared' or ${t.reason} is null`),
  ],
)
