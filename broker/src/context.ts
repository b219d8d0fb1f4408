// What every hook shares: the registry cache, the writer, presence and the counters behind stats().
import type { IngestLimits } from '@zonetrace/contracts'
import type { Database } from '@zonetrace/db'
import type { Client } from 'aedes'
import type { Logger } from 'pino'
import type { GatewayDirectory } from './auth/gateway-directory.ts'
import type { BatchedLookup } from './batched-lookup.ts'
import type { DeadLetterWriter } from './ingest/dead-letters.ts'
import type { LateReadingNotes } from './ingest/late-readings.ts'
import type { ReadingWriter } from './ingest/reading-writer.ts'
import type { Presence } from './presence.ts'
import type { AlertEngine } from './rules/engine.ts'
import type { Takeovers } from './takeovers.ts'

export interface BrokerCounters {
  connectsAccepted: number
  connectsRefused: number
  /** scrypt runs; reconnects with a remembered password do not add to it. */
  secretVerifications: number
  aclDenials: number
  packsReceived: number
  packsMalformed: number
  readingsAccepted: number
  readingsRejected: number
  readingsUnknownChannel: number
  /** Connections closed for a packet over MQTT_MAX_PACKET_BYTES. */
  packetsTooLarge: number
}

export function emptyCounters(): BrokerCounters {
  return {
    connectsAccepted: 0,
    connectsRefused: 0,
    secretVerifications: 0,
    aclDenials: 0,
    packsReceived: 0,
    packsMalformed: 0,
    readingsAccepted: 0,
    readingsRejected: 0,
    readingsUnknownChannel: 0,
    packetsTooLarge: 0,
  }
}

export interface BrokerContext {
  db: Database
  log: Logger
  directory: GatewayDirectory
  writer: ReadingWriter
  deadLetters: DeadLetterWriter
  /** What a publish may carry; the hard packet cap is enforced before the hooks, by packet-limit.ts. */
  ingest: Omit<IngestLimits, 'maxPacketBytes'>
  presence: Presence
  /** Evaluates alert rules on committed readings; absent when the broker runs without rules. */
  alerts: AlertEngine | null
  /** Late data times for the rollup tables of the Apache edition (a no-op with continuous aggregates). */
  lateReadings: LateReadingNotes
  counters: BrokerCounters
  /** This broker node's id in broker_nodes and gateways.connected_node, and aedes' id. */
  nodeId: string
  /** Client ids another node just took over (a will of the replaced connection here is stale). */
  takeovers: Takeovers
  /** The node holding a gateway now (gateways.connected_node), looked up in batches: a lost node's
   * gateways' wills arrive by the thousand. */
  holderOf: BatchedLookup<string>
  /** The live session registered under an MQTT client id, if any. */
  sessionOf(clientId: string): Client | undefined
}
