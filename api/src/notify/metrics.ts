// Prometheus figures for notifications, created once per registry (see reuseMetric).
import { Counter, Gauge, type Registry } from 'prom-client'
import { reuseMetric as reuse } from '../prometheus.ts'

export interface NotifyMetrics {
  /** Webhook attempts by outcome: delivered, retry (failed, tried again later) or dead (last one failed). */
  attempts: Counter<'outcome'>
  /** Open alert streams. */
  streams: Gauge
}

export function notifyMetrics(registry: Registry): NotifyMetrics {
  return {
    attempts: reuse(
      registry,
      'zonetrace_webhook_attempts_total',
      () =>
        new Counter({
          name: 'zonetrace_webhook_attempts_total',
          help: 'Webhook delivery attempts by outcome (delivered, retry, dead)',
          labelNames: ['outcome'],
          registers: [registry],
        }),
    ),
    streams: reuse(
      registry,
      'zonetrace_alert_streams',
      () =>
        new Gauge({
          name: 'zonetrace_alert_streams',
          help: 'Open Server-Sent Events alert streams',
          registers: [registry],
        }),
    ),
  }
}
