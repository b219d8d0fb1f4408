import { type Metric, Quality, type QualityFlag } from '@zonetrace/contracts'
import {
  type AgentReading,
  type AlarmEvent,
  createAlarmEvaluator,
  InvalidAlarmRulesError,
  type LocalAlarmRule,
} from '@zonetrace/edge-agent'
import { describe, expect, it } from 'vitest'

// 2023-03-29 05:00 Vietnam time, long before the test runs: the evaluator must time by the readings.
const T0 = Date.UTC(2023, 2, 28, 22, 0, 0)
const AGENT_NOW = Date.UTC(2030, 0, 1)

function reading(sensorId: string, metric: Metric, sec: number, value: number, quality: QualityFlag = 0) {
  return { sensorId, metric, time: T0 + sec * 1000, value, quality } satisfies AgentReading
}
const DO = (sec: number, value: number, sensorId = 'pond-1', quality: QualityFlag = 0) =>
  reading(sensorId, 'dissolved_oxygen', sec, value, quality)

const DO_LOW: LocalAlarmRule = { id: 'do-low', metric: 'dissolved_oxygen', below: 2, severity: 'critical' }

function harness(rules: LocalAlarmRule[]) {
  const events: AlarmEvent[] = []
  const evaluator = createAlarmEvaluator({ rules, onEvent: (e) => events.push(e), now: () => AGENT_NOW })
  return { evaluator, events }
}

describe('local alarm evaluator', () => {
  it('raises DO < 2 mg/L once, however many low readings follow', () => {
    const { evaluator, events } = harness([DO_LOW])
    evaluator.observe([DO(0, 2.5), DO(60, 1.9)])
    evaluator.observe([DO(120, 1.8), DO(180, 1.2)])
    expect(events).toEqual([
      {
        kind: 'raised',
        ruleId: 'do-low',
        sensorId: 'pond-1',
        metric: 'dissolved_oxygen',
        value: 1.9,
        threshold: 2,
        severity: 'critical',
        time: T0 + 60_000,
        label: { vi: 'Oxy hòa tan dưới 2 mg/L', en: 'Dissolved oxygen below 2 mg/L' },
      },
    ])
    expect(evaluator.active()).toMatchObject([
      { ruleId: 'do-low', sensorId: 'pond-1', since: T0 + 60_000, value: 1.2 },
    ])
  })

  it('waits forSeconds by the readings’ own times, and a reading back inside restarts the wait', () => {
    const { evaluator, events } = harness([{ ...DO_LOW, forSeconds: 300 }])
    evaluator.observe([DO(0, 1.8), DO(120, 1.7), DO(299, 1.7)])
    expect(events).toEqual([])
    evaluator.observe([DO(310, 2.1), DO(400, 1.8), DO(650, 1.8)])
    expect(events).toEqual([])
    evaluator.observe([DO(700, 1.6)])
    expect(events).toMatchObject([{ kind: 'raised', value: 1.6, time: T0 + 700_000 }])
  })

  it('clears only once back inside by the clear margin, on either side', () => {
    const { evaluator, events } = harness([
      { ...DO_LOW, clearMargin: 0.3 },
      { id: 'ph-high', metric: 'ph', above: 9, severity: 'major', clearMargin: 0.1 },
    ])
    evaluator.observe([DO(0, 1.8), DO(60, 2.1), DO(120, 2.25)])
    expect(events.map((e) => e.kind)).toEqual(['raised'])
    evaluator.observe([DO(180, 2.35), DO(240, 2.5)])
    expect(events.at(-1)).toMatchObject({ kind: 'cleared', value: 2.35, threshold: 2, reason: 'recovered' })

    const ph = (sec: number, v: number) => reading('pond-1', 'ph', sec, v)
    evaluator.observe([ph(0, 9.2), ph(60, 8.95), ph(120, 8.85)])
    expect(events.slice(2).map((e) => [e.kind, e.ruleId, e.value])).toEqual([
      ['raised', 'ph-high', 9.2],
      ['cleared', 'ph-high', 8.85],
    ])
    expect(evaluator.active()).toEqual([])
  })

  it('ignores flagged and non-finite readings: a calibrating probe neither raises nor clears', () => {
    const { evaluator, events } = harness([DO_LOW])
    evaluator.observe([
      DO(0, 0.4, 'pond-1', Quality.calibrating),
      DO(10, 0.1, 'pond-1', Quality.deviceError),
      DO(20, 0.2, 'pond-1', Quality.clockSuspect),
      DO(30, 30, 'pond-1', Quality.outOfPhysicalRange),
      DO(40, Number.NaN),
    ])
    expect(events).toEqual([])
    evaluator.observe([DO(50, 1.5), DO(60, 6, 'pond-1', Quality.calibrating)])
    expect(events.map((e) => e.kind)).toEqual(['raised'])
    expect(evaluator.active()).toHaveLength(1)
  })

  it('skips readings older than the last one seen, so a replayed buffer does not flip a live alarm', () => {
    const { evaluator, events } = harness([DO_LOW])
    evaluator.observe([DO(600, 1.5)])
    evaluator.observe([DO(0, 5), DO(300, 5)])
    expect(events.map((e) => e.kind)).toEqual(['raised'])
  })

  it('keeps sensors apart under one rule, and a rule for one sensor ignores the others', () => {
    const { evaluator, events } = harness([
      DO_LOW,
      { ...DO_LOW, id: 'do-pond-2', sensorId: 'pond-2', below: 3 },
    ])
    evaluator.observe([DO(0, 1.5, 'pond-1'), DO(0, 4, 'pond-2'), DO(0, 2.5, 'pond-3')])
    expect(events.map((e) => `${e.kind} ${e.ruleId} ${e.sensorId}`)).toEqual(['raised do-low pond-1'])
    evaluator.observe([DO(60, 2.5, 'pond-2'), DO(60, 1.9, 'pond-3'), DO(120, 2.5, 'pond-1')])
    expect(events.slice(1).map((e) => `${e.kind} ${e.ruleId} ${e.sensorId}`)).toEqual([
      'raised do-pond-2 pond-2',
      'raised do-low pond-3',
      'cleared do-low pond-1',
    ])
    expect(evaluator.active().map((a) => `${a.ruleId} ${a.sensorId}`)).toEqual([
      'do-low pond-3',
      'do-pond-2 pond-2',
    ])
  })

  it('setRules keeps the state of unchanged rules and clears raised alarms of removed or changed ones', () => {
    const phLow: LocalAlarmRule = { id: 'ph-low', metric: 'ph', below: 6, severity: 'major' }
    const tempHigh: LocalAlarmRule = { id: 'temp-high', metric: 'temperature', above: 33, severity: 'major' }
    const slowDo: LocalAlarmRule = {
      id: 'do-slow',
      metric: 'dissolved_oxygen',
      below: 3,
      severity: 'minor',
      forSeconds: 600,
    }
    const { evaluator, events } = harness([DO_LOW, phLow, tempHigh, slowDo])
    evaluator.observe([DO(0, 1.5), reading('pond-1', 'ph', 0, 5.5), reading('pond-1', 'temperature', 0, 35)])
    expect(events.map((e) => e.ruleId)).toEqual(['do-low', 'ph-low', 'temp-high'])
    events.length = 0

    // do-low: new label only; ph-low: new threshold; temp-high: removed; do-slow: pending, kept.
    const relabelled = { ...DO_LOW, label: { vi: 'Ao 1 thiếu oxy', en: 'Pond 1 low oxygen' } }
    const returned = evaluator.setRules([relabelled, { ...phLow, below: 5 }, slowDo])
    expect(events).toEqual(returned)
    expect(events.map((e) => [e.kind, e.ruleId, e.reason, e.time, e.value])).toEqual([
      ['cleared', 'ph-low', 'rule-changed', AGENT_NOW, 5.5],
      ['cleared', 'temp-high', 'rule-removed', AGENT_NOW, 35],
    ])
    events.length = 0

    evaluator.observe([DO(600, 1.4), reading('pond-1', 'ph', 600, 4.9)])
    expect(events.map((e) => [e.kind, e.ruleId])).toEqual([
      ['raised', 'do-slow'],
      ['raised', 'ph-low'],
    ])
    expect(evaluator.active().find((a) => a.ruleId === 'do-low')).toMatchObject({
      since: T0,
      label: { vi: 'Ao 1 thiếu oxy' },
    })
  })

  it('refuses a bad rule set with every problem named, and keeps the rules it had', () => {
    const { evaluator, events } = harness([DO_LOW])
    const bad = [
      DO_LOW,
      { ...DO_LOW },
      { id: 'x', metric: 'oxygen', below: 2, severity: 'critical' },
      { id: 'y', metric: 'ph', below: 9, above: 6, severity: 'major' },
      { id: 'z', metric: 'ph', severity: 'urgent', clearMargin: -1 },
    ] as LocalAlarmRule[]
    let problems: string[] = []
    try {
      evaluator.setRules(bad)
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidAlarmRulesError)
      problems = (err as InvalidAlarmRulesError).problems
    }
    expect(problems).toEqual([
      'rule do-low: duplicate id',
      'rule x: unknown metric "oxygen"',
      'rule y: below must be less than above, or every value would be an alarm',
      'rule z: needs below or above',
      'rule z: severity must be one of warning, minor, major, critical',
      'rule z: clearMargin must be >= 0',
    ])
    evaluator.observe([DO(0, 1)])
    expect(events.map((e) => e.ruleId)).toEqual(['do-low'])
  })

  it('delivers every event of a batch and keeps its state when onEvent throws, then reports the error', () => {
    // Fault: the listener throws on the first event. The second event must still be delivered and both
    // alarms stay raised; the caller gets the error after the batch.
    const seen: string[] = []
    const evaluator = createAlarmEvaluator({
      rules: [DO_LOW],
      onEvent: (e) => {
        seen.push(e.sensorId)
        if (seen.length === 1) throw new Error('listener broke')
      },
    })
    expect(() => evaluator.observe([DO(0, 1, 'pond-1'), DO(0, 1, 'pond-2')])).toThrow('listener broke')
    expect(seen).toEqual(['pond-1', 'pond-2'])
    expect(evaluator.active()).toHaveLength(2)
    evaluator.observe([DO(60, 1, 'pond-1')])
    expect(seen).toHaveLength(2)
  })
})
