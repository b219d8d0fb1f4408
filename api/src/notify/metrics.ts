// Prometheus figures for notifications. Several APIs may share one registry in a process (tests build
// dozens, the demo shares the broker's), so each metric is created once and reused.
import { Counter, Gauge, type Registry } from 'prom-client'

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

function reuse<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create()
}
