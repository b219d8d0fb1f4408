// Alert rows as clients see them, with a one-line message in Vietnamese and English. The SELECT list is
// shared so every reader (list, stream, webhook payload) gets the same columns.
import {
  type AlertView,
  isMetric,
  METRICS,
  type Metric,
  type RuleKind,
  roundForMetric,
  type Severity,
} from '@zonetrace/contracts'

export const ALERT_COLUMNS = `a.id, a.rule_id as "ruleId", a.channel, a.sensor_id as "sensorId",
  a.gateway_id as "gatewayId", a.zone_code as "zone", a.metric, a.kind, a.severity, a.state, a.historical,
  a.opened_at as "openedAt", a.cleared_at as "clearedAt", a.threshold, a.value, a.last_value as "lastValue",
  a.peak_value as "peakValue", a.trigger_count as "triggerCount", a.last_triggered_at as "lastTriggeredAt",
  a.acknowledged, a.acknowledged_by as "acknowledgedBy", a.acknowledged_at as "acknowledgedAt",
  a.ack_note as "ackNote", g.name as "zoneName"`

export type AlertRecord = {
  id: number
  ruleId: number
  channel: string
  sensorId: string | null
  gatewayId: string | null
  zone: string | null
  metric: string | null
  kind: RuleKind
  severity: Severity
  state: 'active' | 'cleared'
  historical: boolean
  openedAt: Date
  clearedAt: Date | null
  threshold: number | null
  value: number | null
  lastValue: number | null
  peakValue: number | null
  triggerCount: number
  lastTriggeredAt: Date
  acknowledged: boolean
  acknowledgedBy: string | null
  acknowledgedAt: Date | null
  ackNote: string | null
  /** The growing area's name (every reader joins growing_areas as g), so a message names the pond. */
  zoneName: string | null
}

export function alertView(r: AlertRecord): AlertView {
  return {
    id: r.id,
    ruleId: r.ruleId,
    sensorId: r.sensorId,
    gatewayId: r.gatewayId,
    zone: r.zone,
    metric: r.metric as Metric | null,
    kind: r.kind,
    severity: r.severity,
    state: r.state,
    acknowledged: r.acknowledged,
    acknowledgedBy: r.acknowledgedBy,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    ackNote: r.ackNote,
    historical: r.historical,
    openedAt: r.openedAt.toISOString(),
    clearedAt: r.clearedAt?.toISOString() ?? null,
    threshold: r.threshold,
    value: r.value,
    lastValue: r.lastValue,
    peakValue: r.peakValue,
    triggerCount: r.triggerCount,
    lastTriggeredAt: r.lastTriggeredAt.toISOString(),
    message: alertMessage(r),
  }
}

/** A value as each language writes it: 2,04 in Vietnamese, 2.04 in English, to the metric's precision. */
function numbers(metric: string | null): { vi: (v: number) => string; en: (v: number) => string } {
  const round = (v: number) =>
    metric && isMetric(metric) ? roundForMetric(metric, v) : Math.round(v * 100) / 100
  return { vi: (v) => String(round(v)).replace('.', ','), en: (v) => String(round(v)) }
}

function alertMessage(r: AlertRecord): { vi: string; en: string } {
  const id = r.sensorId ?? r.gatewayId ?? r.channel
  const at = r.zoneName ? { vi: `${r.zoneName} (${id})`, en: `${r.zoneName} (${id})` } : { vi: id, en: id }
  if (r.kind === 'offline') {
    return {
      vi: `Mất tín hiệu: ${at.vi} không gửi dữ liệu`,
      en: `Offline: no data from ${at.en}`,
    }
  }
  const spec = r.metric && r.metric in METRICS ? METRICS[r.metric as Metric] : null
  const label = spec?.label ?? { vi: r.metric ?? '', en: r.metric ?? '' }
  const unit = spec ? ` ${spec.unit}` : ''
  const n = numbers(r.metric)
  const value = (lang: 'vi' | 'en') => (r.value === null ? '' : `${n[lang](r.value)}${unit}`)
  if (r.kind === 'rate') {
    return {
      vi: `${label.vi} thay đổi quá nhanh (${value('vi')}) tại ${at.vi}`,
      en: `${label.en} changing too fast (${value('en')}) at ${at.en}`,
    }
  }
  const below = r.threshold !== null && r.value !== null && r.value < r.threshold
  const limit = (lang: 'vi' | 'en') => (r.threshold === null ? '' : `${n[lang](r.threshold)}${unit}`)
  return below
    ? {
        vi: `${label.vi} ${value('vi')} dưới ngưỡng ${limit('vi')} tại ${at.vi}`,
        en: `${label.en} ${value('en')} below ${limit('en')} at ${at.en}`,
      }
    : {
        vi: `${label.vi} ${value('vi')} vượt ngưỡng ${limit('vi')} tại ${at.vi}`,
        en: `${label.en} ${value('en')} above ${limit('en')} at ${at.en}`,
      }
}
