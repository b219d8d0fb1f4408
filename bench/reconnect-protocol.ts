// Messages between bench:reconnect and its socket-holding worker threads (reconnect-worker.ts).

export interface ReconnectGateway {
  gatewayId: string
  password: string
  /** The sensor its one pack is from (four metrics, as provisioned by the bench). */
  sensorId: string
}

export type ReconnectCommand =
  | { kind: 'connect'; port: number; inFlight: number }
  | { kind: 'await-drop' }
  | { kind: 'storm'; port: number; startAt: number; jitterMs: number; packTimeMs: number }
  | { kind: 'close' }

/** Wall-clock instants (Date.now()) so the parent can merge workers' timelines. */
export interface StormTimes {
  connackAt: number[]
  pubackAt: number[]
  /** Attempts refused or failed and tried again. */
  retries: number
  /** Gateways that gave up after every attempt failed. */
  failed: number
  /** Why attempts failed: a CONNACK code, a socket error code, `closed` or `timeout`, with counts. */
  why: Record<string, number>
}

export type ReconnectReply =
  | { kind: 'ready' }
  | { kind: 'connected'; held: number; failed: number }
  | { kind: 'dropped' }
  | { kind: 'storm'; times: StormTimes }
  | { kind: 'closed' }
