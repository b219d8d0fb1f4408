// A local alarm report on zt/v1/gw/{id}/alarms (edge-agent/src/alarms/upstream.ts, AlarmPayload) becomes one
// gateway_alarms row before its PUBACK. A report is one record, so it is stored or refused whole, by the
// readings' rules where they apply: the same time bounds, a sensor channel of this gateway only, and a bad
// report is dead-lettered and still acknowledged so the spool does not resend it forever. The agent's spool
// resends after a reconnect and may send a report hours late; the row's unique key makes the resend a no-op.
//
// A database failure is not acknowledged: the step rejects, aedes closes the connection without a PUBACK
// (publish/authorize-publish.ts) and the gateway resends after reconnecting, as for a refused readings
// commit. There is no retry here while the database is unreachable: reports are rare, and the agent's
// reconnect backoff does that waiting.
//
// A report the database refuses for its data (a NUL in its rule id or label, say) is not a database failure:
// refusing its PUBACK would have the spool resend it forever and hold every report behind it. It is stored
// again with its texts escaped, and if even that is refused it is dead-lettered, and acknowledged.
import { topics } from '@zonetrace/contracts'
import {
  errorFacts,
  type GatewayAlarmReport,
  insertGatewayAlarm,
  isDataRefusal,
  isolateRows,
  reportIsolation,
  safeText,
  sensorGateways,
} from '@zonetrace/db'
import type { BrokerContext } from '../context.ts'
import type { PublishRequest } from '../publish/request.ts'
import { payloadOf } from '../publish/screen.ts'
import { publishRefusal } from '../refusal.ts'
import { checkReport, type Refusal } from './alarm-report-check.ts'

export async function ingestAlarmReport({ ctx, packet, gatewayId }: PublishRequest): Promise<void> {
  const payload = payloadOf(packet)
  const parsed = checkReport(gatewayId, payload, ctx.ingest, Date.now())
  if (!parsed.ok) return deadLetter(ctx, gatewayId, parsed.refusal, payload)
  const { report } = parsed
  try {
    const refusal = await screenChannel(ctx, report)
    if (refusal) return deadLetter(ctx, gatewayId, refusal, payload)
    const stored = await insertGatewayAlarm(ctx.db, report).catch(async (err: unknown) => {
      if (!isDataRefusal(err)) throw err
      return storeRefused(ctx, report, payload, err)
    })
    if (stored === 'isolated') return
    const { ruleId, sensorId, kind: event } = report
    ctx.log.info({ gatewayId, ruleId, sensorId, event, stored }, 'alarm report')
  } catch (err) {
    const facts = errorFacts(err)
    // QoS 0 is best effort, as for readings: there is no acknowledgement to withhold.
    if (packet.qos === 0) {
      ctx.log.warn({ err: facts, gatewayId }, 'QoS 0 alarm report not stored')
      return
    }
    ctx.log.error({ err: facts, gatewayId }, 'alarm report not stored: withholding the PUBACK')
    throw publishRefusal(`alarm report not stored: ${facts.message ?? facts.code ?? 'refused'}`)
  }
}

/**
 * A report the database refused for its data: stored in its safe form, else dead-lettered with its payload.
 * Either way it is acknowledged. Throws only when the database stopped answering meanwhile.
 */
async function storeRefused(
  ctx: BrokerContext,
  report: GatewayAlarmReport,
  payload: Buffer,
  cause: unknown,
): Promise<'isolated'> {
  const iso = await isolateRows([report], {
    cause,
    write: ([r]) => insertGatewayAlarm(ctx.db, r!),
    safeForm: safeReport,
  })
  if (iso.error !== null) throw iso.error
  const deadLettered = iso.refused.length
  if (deadLettered > 0) {
    ctx.deadLetters.add({
      gatewayId: report.gatewayId,
      topic: topics.alarms(report.gatewayId),
      reason: 'malformed_alarm',
      detail: `refused by the database (SQLSTATE ${iso.refusedCodes.join(', ')})`,
      recordIndex: null,
      payload,
    })
  }
  reportIsolation(ctx.log, 'gateway_alarms', iso, { kept: deadLettered, gatewayId: report.gatewayId })
  return 'isolated'
}

/** The report with its free texts escaped (NULs, lone surrogates): what the database cannot refuse. */
function safeReport(r: GatewayAlarmReport): GatewayAlarmReport {
  return {
    ...r,
    ruleId: safeText(r.ruleId),
    sensorId: safeText(r.sensorId),
    label: { vi: safeText(r.label.vi), en: safeText(r.label.en) },
  }
}

function deadLetter(ctx: BrokerContext, gatewayId: string, refusal: Refusal, payload: Buffer): void {
  ctx.log.warn({ gatewayId, ...refusal }, 'alarm report dead-lettered')
  const topic = topics.alarms(gatewayId)
  ctx.deadLetters.add({ gatewayId, topic, ...refusal, recordIndex: null, payload })
}

/** Null when the channel is provisioned on this gateway; otherwise the readings' reason for a stranger. */
async function screenChannel(ctx: BrokerContext, r: GatewayAlarmReport): Promise<Refusal | null> {
  const channel = `${r.sensorId}:${r.metric}`
  if ((await ctx.directory.lookup(r.gatewayId))?.channels.has(channel)) return null
  // Provisioned after this gateway connected: reloaded at most every few seconds per gateway.
  if ((await ctx.directory.refreshChannels(r.gatewayId)).has(channel)) return null
  const owners = await sensorGateways(ctx.db, [r.sensorId])
  const other = owners.get(r.sensorId)?.find((g) => g !== r.gatewayId)
  return other !== undefined
    ? {
        reason: 'foreign_sensor',
        detail: `sensor "${r.sensorId}" is provisioned on gateway "${other}", not on this one`,
      }
    : { reason: 'unknown_sensor', detail: `channel ${channel} is not provisioned on this gateway` }
}
