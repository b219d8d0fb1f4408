import { parseGatewayTopic, topics } from '@zonetrace/contracts'
import { type AlarmEvent, alarmPayload, encodeAlarmPayload } from '@zonetrace/edge-agent'
import { describe, expect, it } from 'vitest'

const raised: AlarmEvent = {
  kind: 'raised',
  ruleId: 'pond_tiered_hue/dissolved_oxygen/critical',
  sensorId: 'ao-2',
  metric: 'dissolved_oxygen',
  value: 1.9,
  threshold: 2,
  severity: 'critical',
  time: Date.UTC(2023, 2, 28, 22, 15, 0),
  label: { vi: 'Oxy hòa tan dưới 2 mg/L', en: 'Dissolved oxygen below 2 mg/L' },
}

describe('upstream alarm report', () => {
  it('encodes an event as the JSON body for zt/v1/gw/{gatewayId}/alarms with an ISO time', () => {
    expect(parseGatewayTopic(topics.alarms('gw-travinh-01'))).toEqual({
      gatewayId: 'gw-travinh-01',
      kind: 'alarms',
    })
    // Every field of the event as it is, the time in ISO 8601.
    expect(JSON.parse(encodeAlarmPayload(raised))).toEqual({ ...raised, time: '2023-03-28T22:15:00.000Z' })
  })

  it('says why a cleared alarm cleared, and only on cleared ones', () => {
    expect(alarmPayload(raised)).not.toHaveProperty('reason')
    const cleared = alarmPayload({ ...raised, kind: 'cleared', value: 2.6, reason: 'rule-removed' })
    expect(cleared).toMatchObject({ kind: 'cleared', value: 2.6, reason: 'rule-removed' })
  })

  it('keeps a time outside the calendar as a number rather than failing to encode', () => {
    expect(alarmPayload({ ...raised, time: 1e300 }).time).toBe('1e+300')
  })
})
