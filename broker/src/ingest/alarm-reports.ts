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
import { isMetric, isSensorId, type Metric, SEVERITIES, type Severity, topics } from '@zonetrace/contracts'
import {
  type DeadLetterReason,
  errorFacts,
  GATEWAY_ALARM_CLEAR_REASONS,
  type GatewayAlarmClearReason,
  type GatewayAlarmKind,
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

/** Bounds on the agent's free text, so a report stays a few hundred bytes in the table. */
const MAX_RULE_ID = 128
const MAX_LABEL = 500
const DAY_MS = 86_400_000
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

interface Refusal {
  reason: DeadLetterReason
  detail: string
}

type Parsed = { ok: true; report: GatewayAlarmReport } | { ok: false; refusal: Refusal }

export async function ingestAlarmReport({ ctx, packet, gatewayId }: PublishRequest): Promise<void> {
  const payload = payloadOf(packet)
  const parsed = parseReport(gatewayId, payload, ctx, Date.now())
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

/** The report to store, or why it cannot be. Checks every field so the detail names all that is wrong. */
function parseReport(gatewayId: string, payload: Buffer, ctx: BrokerContext, nowMs: number): Parsed {
  const refuse = (reason: DeadLetterReason, detail: string): Parsed => ({
    ok: false,
    refusal: { reason, detail },
  })
  let body: unknown
  try {
    body = JSON.parse(payload.toString('utf8'))
  } catch {
    return refuse('malformed_alarm', 'payload is not valid JSON')
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return refuse('malformed_alarm', 'alarm report must be a JSON object')
  }
  const r = body as Record<string, unknown>
  const problems: string[] = []
  if (r.kind !== 'raised' && r.kind !== 'cleared') problems.push('kind must be "raised" or "cleared"')
  if (typeof r.ruleId !== 'string' || r.ruleId === '' || r.ruleId.length > MAX_RULE_ID) {
    problems.push(`ruleId must be a string of 1 to ${MAX_RULE_ID} characters`)
  }
  if (typeof r.sensorId !== 'string' || !isSensorId(r.sensorId)) {
    problems.push(`sensorId ${show(r.sensorId)} is not a sensor id`)
  }
  if (typeof r.metric !== 'string' || !isMetric(r.metric)) problems.push(`unknown metric ${show(r.metric)}`)
  for (const key of ['value', 'threshold']) {
    if (typeof r[key] !== 'number') problems.push(`${key} must be a number`)
  }
  if (!SEVERITIES.includes(r.severity as Severity)) {
    problems.push(`severity must be one of ${SEVERITIES.join(', ')}`)
  }
  const time = typeof r.time === 'string' && ISO_TIME.test(r.time) ? Date.parse(r.time) : Number.NaN
  if (Number.isNaN(time)) problems.push(`time ${show(r.time)} is not an ISO 8601 date-time`)
  const label = r.label as Record<string, unknown> | null | undefined
  const labelText = (v: unknown) => typeof v === 'string' && v.length <= MAX_LABEL
  if (typeof label !== 'object' || label === null || !labelText(label.vi) || !labelText(label.en)) {
    problems.push(`label must be {"vi","en"} strings of at most ${MAX_LABEL} characters`)
  }
  if (r.reason !== undefined) {
    if (r.kind !== 'cleared') problems.push('reason is for cleared reports only')
    else if (!GATEWAY_ALARM_CLEAR_REASONS.includes(r.reason as GatewayAlarmClearReason)) {
      problems.push(`reason must be one of ${GATEWAY_ALARM_CLEAR_REASONS.join(', ')}`)
    }
  }
  if (problems.length > 0) return refuse('malformed_alarm', problems.join('; '))

  // JSON has no Infinity, but 1e999 parses to it.
  const nonFinite = ['value', 'threshold'].filter((key) => !Number.isFinite(r[key]))
  if (nonFinite.length > 0) {
    const which = nonFinite.length === 1 ? `${nonFinite[0]} is` : 'value and threshold are'
    return refuse('non_finite_value', `${which} not a finite number`)
  }
  const { maxFutureSeconds, maxAgeDays } = ctx.ingest
  if (time > nowMs + maxFutureSeconds * 1000) {
    return refuse(
      'time_out_of_bounds',
      `time ${r.time} is more than ${maxFutureSeconds} s ahead of the broker clock`,
    )
  }
  if (time < nowMs - maxAgeDays * DAY_MS) {
    return refuse('time_out_of_bounds', `time ${r.time} is more than ${maxAgeDays} days old`)
  }
  const report: GatewayAlarmReport = {
    gatewayId,
    ruleId: r.ruleId as string,
    sensorId: r.sensorId as string,
    metric: r.metric as Metric,
    kind: r.kind as GatewayAlarmKind,
    value: r.value as number,
    threshold: r.threshold as number,
    severity: r.severity as Severity,
    time: new Date(time),
    label: { vi: label!.vi as string, en: label!.en as string },
    reason: (r.reason as GatewayAlarmClearReason | undefined) ?? null,
  }
  return { ok: true, report }
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

function show(v: unknown): string {
  return v === undefined ? '(missing)' : JSON.stringify(v).slice(0, 80)
}
