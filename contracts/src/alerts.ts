// The words of an alert's life. Field names of the contract's `GET /api/v1/alerts` (id, ruleId, sensorId,
// metric, severity, state, acknowledged, historical, openedAt, value) are fixed; the alert's shapes are in
// resources/alert.ts.

export const ALERT_STATES = ['active', 'cleared'] as const
export type AlertState = (typeof ALERT_STATES)[number]
export const ALERT_EVENT_TYPES = ['opened', 'retriggered', 'cleared', 'acknowledged'] as const
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number]
/** Where a webhook delivery stands: waiting for an attempt, delivered, or dead after its last attempt. */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]

/** Longest note an acknowledgement may carry. */
export const ACK_NOTE_MAX = 1000
