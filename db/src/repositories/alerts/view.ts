// Alerts as clients see them, with a one-line message in Vietnamese and English. The select list is shared
// so every reader (list, stream, webhook payload) gets the same fields (docs/adr/0009-sql-first-queries.md).
import {
  type AlertView,
  isMetric,
  type Lang,
  METRICS,
  type Metric,
  roundForMetric,
} from '@zonetrace/contracts'
import { type Columns, selectList, type WithInstants, withIsoInstants } from '../columns.ts'

/** Every field of an alert but its message (worded in code), from `alerts a`. */
const alertColumns: Columns<Omit<AlertView, 'message'>> = {
  id: 'a.id',
  ruleId: 'a.rule_id',
  sensorId: 'a.sensor_id',
  gatewayId: 'a.gateway_id',
  zone: 'a.zone_code',
  metric: 'a.metric',
  kind: 'a.kind',
  severity: 'a.severity',
  state: 'a.state',
  acknowledged: 'a.acknowledged',
  acknowledgedBy: 'a.acknowledged_by',
  acknowledgedAt: 'a.acknowledged_at',
  ackNote: 'a.ack_note',
  historical: 'a.historical',
  openedAt: 'a.opened_at',
  clearedAt: 'a.cleared_at',
  threshold: 'a.threshold',
  value: 'a.value',
  lastValue: 'a.last_value',
  peakValue: 'a.peak_value',
  triggerCount: 'a.trigger_count',
  lastTriggeredAt: 'a.last_triggered_at',
}
const ALERT_INSTANTS = ['acknowledgedAt', 'openedAt', 'clearedAt', 'lastTriggeredAt'] as const
type AlertFields = Omit<AlertView, 'message'>
type AlertInstant = (typeof ALERT_INSTANTS)[number]
type AlertRow = WithInstants<AlertFields, AlertInstant>
const ALERT_FIELDS = Object.keys(alertColumns) as (keyof AlertFields)[]

/** The alert's fields and what its message names: the engine's channel and the growing area's name. */
export const ALERT_COLUMNS = `${selectList(alertColumns)}, a.channel, g.name as "zoneName"`

export type AlertRecord = AlertRow & {
  channel: string
  /** The growing area's name (every reader joins growing_areas as g), so a message names the pond. */
  zoneName: string | null
}

/**
 * The alert from a row read with ALERT_COLUMNS. Readers select more beside them (an event's fields, a
 * cursor, the owner): only the alert's own fields are taken, in the order the API has always sent them.
 */
export function alertView(row: AlertRecord): AlertView {
  const own = Object.fromEntries(ALERT_FIELDS.map((k) => [k, row[k]])) as AlertRow
  return { ...withIsoInstants<AlertFields, AlertInstant>(own, ALERT_INSTANTS), message: alertMessage(row) }
}

/** A value as each language writes it: 2,04 in Vietnamese, 2.04 in English, to the metric's precision. */
function numbers(metric: string | null): { vi: (v: number) => string; en: (v: number) => string } {
  const round = (v: number) =>
    metric && isMetric(metric) ? roundForMetric(metric, v) : Math.round(v * 100) / 100
  return { vi: (v) => String(round(v)).replace('.', ','), en: (v) => String(round(v)) }
}

type MessageFacts = Pick<AlertView, 'sensorId' | 'gatewayId' | 'metric' | 'kind' | 'value' | 'threshold'> & {
  channel: string
  zoneName: string | null
}

function alertMessage(r: MessageFacts): AlertView['message'] {
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
  const value = (lang: Lang) => (r.value === null ? '' : `${n[lang](r.value)}${unit}`)
  if (r.kind === 'rate') {
    return {
      vi: `${label.vi} thay đổi quá nhanh (${value('vi')}) tại ${at.vi}`,
      en: `${label.en} changing too fast (${value('en')}) at ${at.en}`,
    }
  }
  const below = r.threshold !== null && r.value !== null && r.value < r.threshold
  const limit = (lang: Lang) => (r.threshold === null ? '' : `${n[lang](r.threshold)}${unit}`)
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
