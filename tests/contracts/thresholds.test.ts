import { existsSync, readFileSync } from 'node:fs'
import {
  isPresetId,
  limitsFor,
  METRICS,
  PRESET_IDS,
  THRESHOLD_PRESETS,
  THRESHOLD_TEXT_VI,
  type ThresholdLimit,
  thresholdTextVi,
} from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

// The shared domain folder sits beside the repository on a developer machine; a CI clone may not have it,
// so the row-by-row comparison runs only when it is there and the embedded checks below always run.
const CSV_PATH = '/work/shared/domain/thresholds.csv'
const CSV_ROWS = 28
const CSV_UNIT_TO_OURS: Record<string, string> = { degC: 'Cel', 'mg/L CaCO3': 'mg/L' }

function csvLimits(): [string, ThresholdLimit][] {
  return PRESET_IDS.filter((id) => THRESHOLD_PRESETS[id].source === 'thresholds.csv').flatMap((id) =>
    (THRESHOLD_PRESETS[id].limits as readonly ThresholdLimit[]).map((l): [string, ThresholdLimit] => [id, l]),
  )
}

describe('threshold presets (thresholds.csv as data)', () => {
  it('holds every CSV row, and nothing else under the CSV presets', () => {
    expect(csvLimits()).toHaveLength(CSV_ROWS)
  })

  it.skipIf(!existsSync(CSV_PATH))('matches thresholds.csv row by row, units mapped to ours', () => {
    const [header, ...lines] = readFileSync(CSV_PATH, 'utf8').trim().split('\n')
    expect(header).toBe('preset,standard,metric,unit,min,max,severity,note')
    expect(lines).toHaveLength(CSV_ROWS)
    const expected = lines.map((line) => {
      // No field in this file is quoted; a quoted one would need a real CSV parser here.
      expect(line).not.toContain('"')
      const [preset, standard, metric, unit, min, max, severity, note] = line.split(',') as string[]
      const ours = metric as keyof typeof METRICS
      expect(METRICS[ours], `metric ${metric}`).toBeDefined()
      expect(METRICS[ours].unit).toBe(CSV_UNIT_TO_OURS[unit!] ?? unit)
      const limit: ThresholdLimit = {
        metric: ours,
        severity: severity as ThresholdLimit['severity'],
        standard: standard!,
      }
      if (min) limit.min = Number(min)
      if (max) limit.max = Number(max)
      if (note) limit.note = note
      if (note?.includes('not confirmed')) limit.unconfirmed = true
      return [preset, limit]
    })
    expect(csvLimits()).toEqual(expected)
  })

  it('spot checks: shrimp pond DO and NH3, irrigation chloride, the 4 g/L intrusion line', () => {
    expect(limitsFor('shrimp_pond', 'dissolved_oxygen')).toEqual([
      {
        metric: 'dissolved_oxygen',
        min: 3.5,
        severity: 'critical',
        standard: 'QCVN 02-19:2014/BNNPTNT',
        note: 'pre-dawn dips are the usual failure',
      },
    ])
    expect(limitsFor('shrimp_pond', 'nh3')[0]).toMatchObject({ max: 0.3, unconfirmed: true })
    expect(limitsFor('irrigation', 'chloride')[0]).toMatchObject({ max: 350, standard: 'QCVN 39:2011/BTNMT' })
    expect(limitsFor('intrusion_line', 'salinity')[0]).toMatchObject({ max: 4, severity: 'major' })
    expect(THRESHOLD_PRESETS.shrimp_pond.label.vi).toBe('Ao nuôi tôm nước lợ (QCVN 02-19:2014/BNNPTNT)')
  })

  it('keeps the "not confirmed" mark on exactly the three rows the CSV marks', () => {
    const unconfirmed = csvLimits().filter(([, l]) => l.unconfirmed)
    expect(unconfirmed.map(([id, l]) => `${id}/${l.metric}`)).toEqual([
      'shrimp_pond/alkalinity',
      'shrimp_pond/nh3',
      'shrimp_pond/h2s',
    ])
    for (const [, l] of unconfirmed) expect(l.note).toBe('value not confirmed from the primary text')
  })

  it('carries the Huế tiers from water-dynamics.md: warning as major, severe as critical', () => {
    const tiers = THRESHOLD_PRESETS.pond_tiered_hue
    expect(tiers.source).toBe('water-dynamics.md')
    const brief = (metric: 'dissolved_oxygen' | 'ph' | 'nh3') =>
      limitsFor('pond_tiered_hue', metric).map((l) => [l.min, l.max, l.severity])
    expect(brief('dissolved_oxygen')).toEqual([
      [3, undefined, 'major'],
      [2, undefined, 'critical'],
    ])
    expect(brief('ph')).toEqual([
      [6, 9, 'major'],
      [5.5, 9.5, 'critical'],
    ])
    expect(brief('nh3')).toEqual([
      [undefined, 0.05, 'major'],
      [undefined, 1, 'critical'],
    ])
  })

  it('gives every preset a Vietnamese and an English label, and every limit a bound inside physical range', () => {
    for (const id of PRESET_IDS) {
      const preset = THRESHOLD_PRESETS[id]
      expect(preset.label.vi.length, id).toBeGreaterThan(0)
      expect(preset.label.en.length, id).toBeGreaterThan(0)
      for (const l of preset.limits as readonly ThresholdLimit[]) {
        expect(l.min !== undefined || l.max !== undefined, `${id}/${l.metric}`).toBe(true)
        const [lo, hi] = METRICS[l.metric].physical
        for (const v of [l.min, l.max])
          if (v !== undefined) expect(v >= lo && v <= hi, `${id}/${l.metric}`).toBe(true)
      }
    }
  })

  it('answers limitsFor with nothing for a metric the preset does not cover, and checks preset ids', () => {
    expect(limitsFor('pomelo', 'dissolved_oxygen')).toEqual([])
    expect(isPresetId('shrimp_pond')).toBe(true)
    expect(isPresetId('toString')).toBe(false)
  })
})

describe('Vietnamese beside the English', () => {
  it('has a Vietnamese text for every standard and note of every preset', () => {
    for (const [id, preset] of Object.entries(THRESHOLD_PRESETS)) {
      const limits: readonly ThresholdLimit[] = preset.limits
      for (const text of [preset.standard, ...limits.flatMap((l) => [l.standard, l.note ?? []].flat())]) {
        expect(THRESHOLD_TEXT_VI[text], `${id}: "${text}"`).toBeDefined()
      }
    }
  })

  it('translates joined standards one by one and leaves text it does not know as written', () => {
    expect(thresholdTextVi('field practice (Ben Tre extension centre); field practice')).toBe(
      'thực tiễn sản xuất (Trung tâm Khuyến nông Bến Tre); thực tiễn sản xuất',
    )
    expect(thresholdTextVi('QCVN 08:2023/BTNMT table 2 level A')).toBe('QCVN 08:2023/BTNMT bảng 2 mức A')
    expect(thresholdTextVi('set by the provincial officer')).toBe('set by the provincial officer')
  })
})
