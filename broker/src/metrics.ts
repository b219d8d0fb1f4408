// Prometheus metrics of one broker, in a registry of its own so several brokers in one process (tests) do
// not collide. Metrics observe and never decide: commits arrive through the writer's observers, messages
// through aedes' 'publish' event, and the rest is read from the broker's counters when Prometheus scrapes.
import { parseGatewayTopic } from '@zonetrace/contracts'
import { registerIsolationMetrics } from '@zonetrace/db'
import type { Aedes, Client, PublishPacket } from 'aedes'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry, register } from 'prom-client'
import type { BrokerContext } from './context.ts'

interface BrokerMetrics {
  /** This broker's zonetrace_* metrics and the Node process metrics, ready to serve at /metrics. */
  registry: Registry
  /** ReadingWriterOptions.onCommit: a committed batch of `rows` readings whose insert took `ms`. */
  onCommit(rows: number, ms: number): void
  /** ReadingWriterOptions.onDbError: one failed insert attempt. */
  onDbError(): void
  /** Starts reading the live broker: its message events, connections, counters and dead letters. */
  watch(aedes: Aedes, ctx: BrokerContext): void
}

/** What a scrape reads from the running broker. */
type Sources = Pick<BrokerContext, 'counters' | 'writer' | 'deadLetters'> & { connected(): number }

// Batches grow toward the writer's maxRows (5000) under load; one gateway instant is about 8 readings.
const BATCH_ROWS_BUCKETS = [1, 8, 32, 128, 512, 1024, 2048, 5000, 10000]
// Commits answer in a few milliseconds on a healthy server; the PUBACK waits for them.
const COMMIT_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

export function createBrokerMetrics(): BrokerMetrics {
  const own = new Registry()
  let read: Sources | undefined

  const messagesIn = new Counter({
    name: 'zonetrace_mqtt_messages_in_total',
    help: 'PUBLISH packets from gateways accepted by this broker, by topic kind',
    labelNames: ['kind'],
    registers: [own],
  })
  const committed = new Counter({
    name: 'zonetrace_readings_committed_total',
    help: 'Readings in committed batches (redelivered duplicates included)',
    registers: [own],
  })
  const batchRows = new Histogram({
    name: 'zonetrace_commit_batch_rows',
    help: 'Readings per committed batch',
    buckets: BATCH_ROWS_BUCKETS,
    registers: [own],
  })
  const commitSeconds = new Histogram({
    name: 'zonetrace_commit_duration_seconds',
    help: 'Duration of the insert of a committed batch',
    buckets: COMMIT_SECONDS_BUCKETS,
    registers: [own],
  })
  const dbErrors = new Counter({
    name: 'zonetrace_db_errors_total',
    help: 'Failed reading inserts, retries included',
    registers: [own],
  })

  new Gauge({
    name: 'zonetrace_connected_gateways',
    help: 'Gateways connected to this broker',
    registers: [own],
    collect() {
      this.set(read?.connected() ?? 0)
    },
  })
  new Gauge({
    name: 'zonetrace_ingest_pending_rows',
    help: 'Readings accepted and not yet committed',
    registers: [own],
    collect() {
      this.set(read?.writer.stats().pendingRows ?? 0)
    },
  })
  new Counter({
    name: 'zonetrace_dead_letters_total',
    help: 'Payloads and records acknowledged but not stored, by reason',
    labelNames: ['reason'],
    registers: [own],
    collect() {
      this.reset()
      const byReason: Record<string, number> = read?.deadLetters.stats().byReason ?? {}
      for (const [reason, n] of Object.entries(byReason)) this.inc({ reason }, n)
    },
  })
  counterOf(own, 'zonetrace_readings_inserted_total', 'Readings new to the database', () =>
    read ? read.writer.stats().rowsInserted : 0,
  )
  counterOf(own, 'zonetrace_acl_refusals_total', 'Publishes and subscriptions refused by the ACL', () =>
    read ? read.counters.aclDenials : 0,
  )
  counterOf(own, 'zonetrace_connects_refused_total', 'Refused CONNECTs (credentials, client id)', () =>
    read ? read.counters.connectsRefused : 0,
  )

  return {
    registry: Registry.merge([processRegistry(), own]),
    onCommit(rows, ms) {
      committed.inc(rows)
      batchRows.observe(rows)
      commitSeconds.observe(ms / 1000)
    },
    onDbError: () => dbErrors.inc(),
    watch(aedes, ctx) {
      read = { connected: () => aedes.connectedClients, ...ctx }
      aedes.on('publish', (packet: PublishPacket, client: Client | null) => {
        // The broker's own $SYS traffic and platform messages have no client.
        if (client) messagesIn.inc({ kind: parseGatewayTopic(packet.topic)?.kind ?? 'other' })
      })
    },
  }
}

/** A counter whose value the broker keeps elsewhere: set from it at every scrape. */
function counterOf(registry: Registry, name: string, help: string, value: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset()
      this.inc(value())
    },
  })
}

/**
 * Node process metrics (CPU, memory, event loop lag, GC) in prom-client's global registry, collected once
 * per process however many brokers and APIs it runs: each collection adds its own event-loop monitor.
 * The group writers' isolation counters live there too, since the API's scan writer shares them.
 */
function processRegistry(): Registry {
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ register })
  registerIsolationMetrics(register)
  return register
}
