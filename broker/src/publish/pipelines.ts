// The steps a publish goes through, picked once by its topic kind, as aedes.publish picks
// publishFuncsQoS or publishFuncsSimple by QoS (aedes.js, publish). A step runs only on the kinds whose
// pipeline lists it, so none of them asks which kind it was handed; a step that dead-letters the payload
// returns STOP and the rest of the pipeline is skipped, as runSeries skips the rest on an error.
import type { PublishableKind } from '../acl/rules.ts'
import { ingestAlarmReport } from '../ingest/alarm-reports.ts'
import { ingestReadings } from '../ingest/readings-step.ts'
import { type PublishRequest, type PublishStep, STOP } from './request.ts'
import { recordStatus, screenPayloadSize } from './screen.ts'
import { dropStaleWill } from './stale-will.ts'

const pipelines: Record<PublishableKind, readonly PublishStep[]> = {
  readings: [markSeen, screenPayloadSize, keepUnretained, ingestReadings],
  status: [markSeen, screenPayloadSize, dropStaleWill, recordStatus],
  alarms: [markSeen, screenPayloadSize, keepUnretained, ingestAlarmReport],
}

export function pipelineFor(kind: PublishableKind): readonly PublishStep[] {
  return pipelines[kind]
}

export async function runPipeline(steps: readonly PublishStep[], req: PublishRequest): Promise<void> {
  for (const step of steps) {
    if ((await step(req)) === STOP) return
  }
}

function markSeen({ ctx, client, gatewayId }: PublishRequest): void {
  // A closing client publishing its will is not a sign of life.
  if (client && !client.closed) {
    ctx.presence.seen(gatewayId)
    ctx.alerts?.seen(gatewayId, Date.now())
  }
}

/**
 * Readings and alarm reports: the database is their record; a retained copy would only hold the last one
 * of every gateway in memory.
 */
function keepUnretained({ packet }: PublishRequest): void {
  packet.retain = false
}
