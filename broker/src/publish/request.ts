// What a publish step is handed, in a module of its own: the steps (publish/screen.ts,
// ingest/alarm-reports.ts, ingest/readings-step.ts) and the pipelines that list them (publish/pipelines.ts)
// all import these types, and none of them imports another step's module for them.
import type { Client, PublishPacket } from 'aedes'
import type { BrokerContext } from '../context.ts'

export interface PublishRequest {
  ctx: BrokerContext
  /** null only for the will of a client whose broker vanished (resolveTarget in authorize-publish.ts). */
  client: Client | null
  packet: PublishPacket
  gatewayId: string
}

/**
 * Returned by a step that has dealt with the payload for good (dead-lettered it): runPipeline ends there,
 * so later steps never see a payload that is already in the dead letters.
 */
export const STOP = 'stop'

/** One step of a topic kind's pipeline; it continues unless it returns STOP. */
export type PublishStep = (req: PublishRequest) => StepOutcome | Promise<StepOutcome>

// biome-ignore lint/suspicious/noConfusingVoidType: a step that continues returns nothing, as a void function.
type StepOutcome = void | typeof STOP
