// Which rules watch which channels. Built from the rules in force and the provisioned sensors, rebuilt when
// either changes, so the per-reading cost is one map lookup.
import type { AlertRule } from '@zonetrace/contracts'

export type SensorInfo = {
  sensorId: string
  metric: string
  gatewayId: string
  zone: string
}

export type GatewayInfo = {
  gatewayId: string
  zone: string
}

/** A reading's channel: where its alerts are filed (sensor, gateway, zone) and which rules apply. */
export interface ReadingChannel {
  sensor: SensorInfo
  rules: AlertRule[]
}

/** An offline rule on one channel: a gateway (`gw:` + id), a sensor (`s:` + id) or a sensor's metric. */
export interface SilenceWatch {
  rule: AlertRule
  channel: string
  gatewayId: string
  sensorId: string | null
  metric: string | null
  zone: string
}

export interface RuleIndex {
  /** Keyed by readingKey(sensorId, metric); only channels some rule watches are present. */
  readings: Map<string, ReadingChannel>
  silences: SilenceWatch[]
  silencesByGateway: Map<string, SilenceWatch[]>
  /** Whether any offline rule watches sensors (then arrivals are noted per sensor, else per gateway only). */
  sensorSilences: boolean
  sensors: Map<string, SensorInfo>
  gateways: Map<string, GatewayInfo>
}

export const readingKey = (sensorId: string, metric: string) => `${sensorId}\u0000${metric}`

function covers(rule: AlertRule, s: SensorInfo): boolean {
  if (rule.sensorId !== null) return rule.sensorId === s.sensorId
  if (rule.gatewayId !== null) return rule.gatewayId === s.gatewayId
  return rule.zone === s.zone
}

export function buildRuleIndex(
  rules: AlertRule[],
  sensors: SensorInfo[],
  gateways: GatewayInfo[],
): RuleIndex {
  const readings = new Map<string, ReadingChannel>()
  const silences: SilenceWatch[] = []
  const sensorMap = new Map(sensors.map((s) => [readingKey(s.sensorId, s.metric), s]))
  const gatewayMap = new Map(gateways.map((g) => [g.gatewayId, g]))
  for (const rule of rules) {
    if (rule.kind === 'offline') {
      silences.push(...silenceWatches(rule, sensors, gateways))
      continue
    }
    for (const s of sensors) {
      if (s.metric !== rule.metric || !covers(rule, s)) continue
      const key = readingKey(s.sensorId, s.metric)
      const channel = readings.get(key)
      if (channel) channel.rules.push(rule)
      else readings.set(key, { sensor: s, rules: [rule] })
    }
  }
  const silencesByGateway = new Map<string, SilenceWatch[]>()
  for (const w of silences) {
    const list = silencesByGateway.get(w.gatewayId)
    if (list) list.push(w)
    else silencesByGateway.set(w.gatewayId, [w])
  }
  return {
    readings,
    silences,
    silencesByGateway,
    sensorSilences: silences.some((w) => w.sensorId !== null),
    sensors: sensorMap,
    gateways: gatewayMap,
  }
}

function silenceWatches(rule: AlertRule, sensors: SensorInfo[], gateways: GatewayInfo[]): SilenceWatch[] {
  // A sensor rule, or any rule naming a metric, watches sensors; otherwise it watches whole gateways.
  if (rule.sensorId !== null || rule.metric !== null) {
    const watched = sensors.filter(
      (s) => covers(rule, s) && (rule.metric === null || s.metric === rule.metric),
    )
    if (rule.metric === null) {
      // One watch per sensor id, whatever it measures: any reading of it is a sign of life.
      const first = new Map(watched.map((s) => [s.sensorId, s]))
      return [...first.values()].map((s) => ({
        rule,
        channel: `s:${s.sensorId}`,
        gatewayId: s.gatewayId,
        sensorId: s.sensorId,
        metric: null,
        zone: s.zone,
      }))
    }
    return watched.map((s) => ({
      rule,
      channel: `s:${s.sensorId}:${s.metric}`,
      gatewayId: s.gatewayId,
      sensorId: s.sensorId,
      metric: s.metric,
      zone: s.zone,
    }))
  }
  return gateways
    .filter((g) => (rule.gatewayId !== null ? g.gatewayId === rule.gatewayId : g.zone === rule.zone))
    .map((g) => ({
      rule,
      channel: `gw:${g.gatewayId}`,
      gatewayId: g.gatewayId,
      sensorId: null,
      metric: null,
      zone: g.zone,
    }))
}
