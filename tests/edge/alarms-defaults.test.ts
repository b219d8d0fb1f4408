import { PRESET_IDS, THRESHOLD_PRESETS } from '@zonetrace/contracts'
import {
  type AlarmEvent,
  createAlarmEvaluator,
  defaultLocalRules,
  validateLocalRules,
} from '@zonetrace/edge-agent'
import { describe, expect, it } from 'vitest'

const T0 = Date.UTC(2023, 2, 28, 19, 0, 0)

describe('default local rules from the threshold presets', () => {
  it('gives a shrimp pond the QCVN 02-19 limits plus the tiered DO alarms (< 3 major, < 2 critical)', () => {
    const rules = defaultLocalRules('shrimp_pond')
    expect(rules).toHaveLength(THRESHOLD_PRESETS.shrimp_pond.limits.length + 2)
    const doRules = rules.filter((r) => r.metric === 'dissolved_oxygen')
    expect(doRules.map((r) => [r.id, r.below, r.severity])).toEqual([
      ['shrimp_pond/dissolved_oxygen/critical', 3.5, 'critical'],
      ['pond_tiered_hue/dissolved_oxygen/major', 3, 'major'],
      ['pond_tiered_hue/dissolved_oxygen/critical', 2, 'critical'],
    ])
    expect(rules.find((r) => r.metric === 'ph')).toMatchObject({ below: 7, above: 9, clearMargin: 0.1 })
    expect(doRules[2]?.label).toEqual({
      vi: 'Oxy hòa tan dưới 2 mg/L — Ao nuôi: cảnh báo theo bậc (mạng ao ở Huế)',
      en: 'Dissolved oxygen below 2 mg/L — Ponds: tiered alerts (a Huế pond network)',
    })
    expect(rules.find((r) => r.metric === 'h2s')?.label?.vi).toBe(
      'H₂S trên 0.05 mg/L — Ao nuôi tôm nước lợ (QCVN 02-19:2014/BNNPTNT); giá trị chưa được xác nhận',
    )
  })

  it('builds a valid rule set for every preset, with a hysteresis margin in proportion to small limits', () => {
    for (const id of PRESET_IDS) expect(validateLocalRules(defaultLocalRules(id)), id).toEqual([])
    const nh3 = defaultLocalRules('pond_tiered_hue').filter((r) => r.metric === 'nh3')
    expect(nh3.map((r) => [r.above, r.clearMargin])).toEqual([
      [0.05, 0.005],
      [1, 0.02],
    ])
    expect(defaultLocalRules('coconut', { forSeconds: 120 })[0]).toMatchObject({ above: 5, forSeconds: 120 })
  })

  it('raises each tier once through a pre-dawn DO dip and clears them as the pond recovers', () => {
    const events: AlarmEvent[] = []
    const evaluator = createAlarmEvaluator({
      rules: defaultLocalRules('shrimp_pond'),
      onEvent: (e) => events.push(e),
    })
    // Cà Mau improved-extensive ponds read 0.84–2.20 mg/L before dawn (water-dynamics.md).
    const curve = [4.2, 3.6, 3.4, 2.9, 2.4, 1.9, 0.9, 1.5, 2.3, 3.3, 4.5]
    evaluator.observe(
      curve.map((value, i) => ({
        sensorId: 'ao-2',
        metric: 'dissolved_oxygen' as const,
        time: T0 + i * 900_000,
        value,
        quality: 0 as const,
      })),
    )
    expect(events.map((e) => `${e.kind} ${e.threshold} ${e.value}`)).toEqual([
      'raised 3.5 3.4',
      'raised 3 2.9',
      'raised 2 1.9',
      'cleared 2 2.3',
      'cleared 3 3.3',
      'cleared 3.5 4.5',
    ])
  })
})
