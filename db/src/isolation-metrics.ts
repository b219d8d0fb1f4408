// The writers' isolation counters (db/src/isolate-rows.ts counts them for the whole process), registered
// in whichever prom-client registry serves GET /metrics: the broker's process registry, or the API's when
// no broker shares the process. Registering twice is a no-op.
import { Counter, type Registry } from 'prom-client'
import { ISOLATION_METRICS, isolationCounts } from './isolate-rows.ts'

export function registerIsolationMetrics(registry: Registry): void {
  for (const kind of ['isolated', 'dropped'] as const) {
    const { name, help } = ISOLATION_METRICS[kind]
    if (registry.getSingleMetric(name)) continue
    new Counter({
      name,
      help,
      labelNames: ['writer'],
      registers: [registry],
      collect() {
        this.reset()
        for (const [writer, count] of isolationCounts()) this.inc({ writer }, count[kind])
      },
    })
  }
}
