import type { FastifyPluginAsync } from 'fastify'
import { collectDefaultMetrics, type Registry, register } from 'prom-client'
import { type ReplicaGauges, replicaGauges } from './replica-gauges.ts'

interface MetricsOptions {
  /** The broker's registry when the broker runs in this process (the demo); else the process metrics. */
  registry?: Registry | undefined
}

// Prometheus text for scrapers, open like the rest of the reads: it carries counts, never readings or ids.
// Hidden from the OpenAPI document, which describes the JSON API.
const metrics: FastifyPluginAsync<MetricsOptions> = async (fastify, opts) => {
  const registry = opts.registry ?? processRegistry()
  let replica: ReplicaGauges | undefined
  fastify.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    // Without DATABASE_READ_URL there is no replica to describe: no gauge rather than one stuck at 0.
    const status = await fastify.readReplicaStatus()
    if (status.state !== 'absent') {
      replica ??= replicaGauges(registry)
      replica.update(status)
    }
    const text = await registry.metrics()
    return reply.type(registry.contentType).send(text)
  })
}

/**
 * Node process metrics in prom-client's global registry, collected once per process however many APIs it
 * builds (tests build dozens): each collection starts its own event-loop monitor. The broker does the same
 * into the same registry, so whichever comes first collects.
 */
function processRegistry(): Registry {
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ register })
  return register
}

export default metrics
