// Several APIs may share one prom-client registry in a process (tests build dozens, the demo shares the
// broker's), and a registry refuses a second metric of the same name: each is created once and reused.
import type { Registry } from 'prom-client'

export function reuseMetric<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create()
}
