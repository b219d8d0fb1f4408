// The read replica as a scraper sees it, the same figures /health reports: an operator alerts on lag
// before readers notice pages a minute behind, and on replay left paused after maintenance.

import type { ReplicaLag } from '@zonetrace/db'
import { Gauge, type Registry } from 'prom-client'
import type { ReadReplicaHealth } from '../../plugins/app/read-db.ts'
import { reuseMetric } from '../../prometheus.ts'

export interface ReplicaGauges {
  update(status: { state: ReadReplicaHealth; lag: ReplicaLag | null }): void
}

export function replicaGauges(registry: Registry): ReplicaGauges {
  const gauge = (name: string, help: string) =>
    reuseMetric(registry, name, () => new Gauge({ name, help, registers: [registry] }))
  const up = gauge(
    'zonetrace_read_replica_up',
    'The read replica answers (1) or its reads fall back to the primary (0)',
  )
  const bytes = gauge(
    'zonetrace_read_replica_lag_bytes',
    'WAL written on the primary and not yet replayed on the read replica; NaN while it is down',
  )
  const seconds = gauge(
    'zonetrace_read_replica_lag_seconds',
    'Seconds since the last transaction the read replica replayed, while it is behind (0 when caught up); NaN while it is down',
  )
  const paused = gauge(
    'zonetrace_read_replica_replay_paused',
    'Replay on the read replica is paused (1) or running (0)',
  )
  return {
    update({ state, lag }) {
      up.set(state === 'ok' ? 1 : 0)
      // Unknown is not zero: a 0 would read as "caught up" to an alert rule while the replica is unreachable.
      bytes.set(lag?.bytes ?? Number.NaN)
      seconds.set(lag?.seconds ?? Number.NaN)
      paused.set(lag ? Number(lag.replayPaused) : Number.NaN)
    },
  }
}
