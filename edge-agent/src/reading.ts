// One reading as the gateway agent holds it: stamped at the source and never re-stamped on the way up, so
// a backfill a day late still carries the time the water was measured.
import type { Metric, QualityFlag } from '@zonetrace/contracts'

export interface AgentReading {
  sensorId: string
  metric: Metric
  /** Milliseconds since the epoch, from the source (the node, the station file or the agent's clock). */
  time: number
  value: number
  /** Quality at the source: 0 good, 2 calibrating, 3 device error, 4 clock suspect (SenML `zq`). */
  quality: QualityFlag
}

/** Where inputs hand readings over. Resolves once they are in the spool durably; rejects when refused. */
export interface ReadingSink {
  accept(readings: AgentReading[]): Promise<void>
}
