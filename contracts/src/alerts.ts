// Alerts as the API, the live stream and webhooks show them. Field names of the contract's
// `GET /api/v1/alerts` (id, ruleId, sensorId, metric, severity, state, acknowledged, historical, openedAt,
// value) are fixed; the rest sits beside them.
import type { Metric } from './metrics.ts'
import type { RuleKind } from './rules.ts'
import type { Severity } from './thresholds.ts'

export const ALERT_STATES = ['active', 'cleared'] as const
export type AlertState = (typeof ALERT_STATES)[number]
export const ALERT_EVENT_TYPES = ['opened', 'retriggered', 'cleared', 'acknowledged'] as const
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number]

export interface AlertView {
  id: number
  ruleId: number
  sensorId: string | null
  gatewayId: string | null
  zone: string | null
  metric: Metric | null
  kind: RuleKind
  severity: Severity
  state: AlertState
  acknowledged: boolean
  acknowledgedBy: string | null
  acknowledgedAt: string | null
  ackNote: string | null
  /** Raised by readings that arrived late (edge backfill): on record, never paged. */
  historical: boolean
  /** Data time of the reading that opened it. */
  openedAt: string
  clearedAt: string | null
  /** The crossed limit; null for offline alerts. */
  threshold: number | null
  /** The value that opened it; lastValue and peakValue follow the excursion. */
  value: number | null
  lastValue: number | null
  peakValue: number | null
  triggerCount: number
  lastTriggeredAt: string
  message: { vi: string; en: string }
}

/** One change to one alert: what the live stream sends and what a webhook receives. */
export interface AlertEvent {
  /** Increasing across the platform: the stream's event id and the webhook's idempotency key. */
  eventId: number
  type: AlertEventType
  at: string
  actor: string | null
  note: string | null
  alert: AlertView
}
