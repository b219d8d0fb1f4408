// Where a simulated gateway's samples go: the zonetrace broker, the edge agent's local MQTT input, or a
// directory of Circular 10/2021/TT-BTNMT station files. The simulator drives all three the same way.
import type { TimedPack } from './pack-source.ts'

export type SimTarget =
  /** The zonetrace broker, with the gateway's provisioned credentials. */
  | { kind: 'broker'; url: string }
  /** The edge agent's local MQTT input: no gateway credentials, optional shared ones. */
  | { kind: 'agent-mqtt'; url: string; username?: string | undefined; password?: string | undefined }
  /** A station logger writing one file per interval for the agent to pick up. */
  | { kind: 'circular10'; dir: string; station: string }

export interface Outlet {
  /** Hands one powered sample over; acknowledged later through the outlet's onAcked. */
  send(sample: TimedPack): void
  /** Samples handed over and not yet acknowledged (by the broker, or by the disk). */
  inflight(): number
  /** A power cut (false) and the boot after it (true). */
  setPowered(on: boolean): void
  close(): Promise<void>
}

export { localReadingsTopic } from '@zonetrace/contracts'
