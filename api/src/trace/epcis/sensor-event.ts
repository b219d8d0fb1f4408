// The growing areas' measured record over the lot's growing window as one sensor_reporting ObjectEvent
// (EPCIS 2.0 §7.3.8 sensorElementList; CBV 2.0 bizStep `sensor_reporting`). Following the EPCIS/CBV
// implementation guideline, it carries business-level aggregates (min, max, mean per metric) and points
// rawData at the series instead of copying readings. One sensorElement per metric, so each keeps its
// own metadata. Coverage and the share within the areas' threshold preset are ours, as zt: members of
// each report; the alert count and overall coverage cover all metrics, so they sit on the event.
import type { EvidenceMetric, SensorEvidence } from '@zonetrace/contracts'
import { instant, nameBasedId, VIETNAM_OFFSET, zoneUri } from './identifiers.ts'
import type { LotEventContext } from './lot-events.ts'
import { lotQuantity } from './lot-events.ts'
import { MEASUREMENT_TYPES, rec20Unit } from './measurement-types.ts'
import type { EpcisObjectEvent, SensorElement, SensorReport } from './types.ts'

// How the aggregates were made: from the hourly continuous aggregate, or from raw readings.
const PROCESSING = { rollup: 'zt:HourlyRollupSummary', raw: 'zt:RawReadingSummary' } as const

function report(metric: EvidenceMetric): SensorReport {
  const uom = rec20Unit(metric.unit)
  const out: SensorReport = {
    type: MEASUREMENT_TYPES[metric.metric],
    ...(metric.min === null ? {} : { minValue: metric.min }),
    ...(metric.max === null ? {} : { maxValue: metric.max }),
    ...(metric.mean === null ? {} : { meanValue: metric.mean }),
    ...(uom === null ? { 'zt:unit': metric.unit } : { uom }),
    'zt:readingCount': metric.count,
    'zt:coverage': metric.coverage,
  }
  if (metric.withinShare !== null) out['zt:withinShare'] = metric.withinShare
  if (metric.limits !== null) {
    if (metric.limits.min !== null) out['zt:limitMin'] = metric.limits.min
    if (metric.limits.max !== null) out['zt:limitMax'] = metric.limits.max
    out['zt:standard'] = metric.limits.standard
  }
  return out
}

export function sensorEvent(ctx: LotEventContext, evidence: SensorEvidence): EpcisObjectEvent | null {
  if (evidence.metrics.length === 0) return null
  const sensorMetadata = {
    startTime: instant(evidence.from),
    endTime: instant(evidence.to),
    // SensorEvidence does not name sensors, so the raw link is the lot's evidence route, which lists
    // the series behind it.
    rawData: `${ctx.base}/api/v1/lots/${encodeURIComponent(ctx.lot.id)}/evidence`,
    dataProcessingMethod: PROCESSING[evidence.source],
  }
  const sensorElementList: SensorElement[] = evidence.metrics.map((m) => ({
    sensorMetadata,
    sensorReport: [report(m)],
  }))
  const [onlyArea] = evidence.areaCodes
  const event: Omit<EpcisObjectEvent, 'eventID'> = {
    type: 'ObjectEvent',
    eventTime: instant(evidence.to),
    eventTimeZoneOffset: VIETNAM_OFFSET,
    action: 'OBSERVE',
    bizStep: 'sensor_reporting',
    quantityList: [lotQuantity(ctx)],
    // A read point is one place; several pooled areas are listed as zt:growingArea instead.
    ...(evidence.areaCodes.length === 1 && onlyArea !== undefined
      ? { readPoint: { id: zoneUri(ctx.base, onlyArea) } }
      : {}),
    sensorElementList,
    'zt:growingArea': [...evidence.areaCodes],
    'zt:coverage': evidence.coverage,
    'zt:alertCount': evidence.alerts,
  }
  return {
    eventID: nameBasedId(`${ctx.base}/sensor_reporting#${JSON.stringify(event)}`),
    ...event,
    recordTime: ctx.recordTime,
  }
}
