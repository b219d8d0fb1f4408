import {
  buildSenmlPack,
  MAX_RECORDS_PER_PACK,
  parseSenmlPack,
  Quality,
  qualityOf,
} from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

const NOW = 1_764_400_000_000

describe('SenML pack resolution (RFC 8428)', () => {
  it('resolves the contract example: base name, base time, per-record offsets', () => {
    const pack =
      '[{"bn":"s-0001:","bt":1764400000},{"n":"salinity","u":"ppt","v":4.2},{"n":"ph","v":7.8,"t":0},{"n":"dissolved_oxygen","u":"mg/L","v":5.1}]'
    const r = parseSenmlPack(pack, NOW)
    expect(r).toEqual({
      ok: true,
      rejected: [],
      readings: [
        {
          channel: 's-0001:salinity',
          sensorId: 's-0001',
          metric: 'salinity',
          time: 1_764_400_000_000,
          value: 4.2,
        },
        { channel: 's-0001:ph', sensorId: 's-0001', metric: 'ph', time: 1_764_400_000_000, value: 7.8 },
        {
          channel: 's-0001:dissolved_oxygen',
          sensorId: 's-0001',
          metric: 'dissolved_oxygen',
          time: 1_764_400_000_000,
          value: 5.1,
        },
      ],
    })
  })

  it('treats resolved times below 2**28 as relative to now', () => {
    const r = parseSenmlPack('[{"n":"s1:ph","v":7,"t":-60}]', NOW)
    expect(r.ok && r.readings[0]?.time).toBe(NOW - 60_000)
  })

  it('adds base value and applies base unit until changed', () => {
    const r = parseSenmlPack(
      '[{"bn":"p:","bt":1764400000,"bu":"ppt","bv":1},{"n":"salinity","v":2},{"n":"salinity","t":60,"v":3}]',
      NOW,
    )
    expect(r.ok && r.readings.map((x) => x.value)).toEqual([3, 4])
  })

  it('refuses names whose sensor part is not a sensor id', () => {
    const r = parseSenmlPack('[{"n":"a:b:temperature","v":28,"t":1764400000},{"n":"temperature","v":1}]', NOW)
    expect(r.ok && r.rejected.map((x) => x.reason)).toEqual([
      'sensor id "a:b" is not valid',
      'name "temperature" is not {sensorId}:{metric}',
    ])
  })

  it('rejects a whole pack that is not a SenML array', () => {
    expect(parseSenmlPack('{"n":"x"}', NOW)).toEqual({ ok: false, reason: 'SenML pack must be a JSON array' })
    expect(parseSenmlPack('not json', NOW)).toEqual({ ok: false, reason: 'payload is not valid JSON' })
    expect(parseSenmlPack('[]', NOW).ok).toBe(false)
    expect(parseSenmlPack(JSON.stringify(new Array(MAX_RECORDS_PER_PACK + 1).fill({})), NOW).ok).toBe(false)
  })

  it('rejects only the bad records and keeps the rest', () => {
    const pack = JSON.stringify([
      { bn: 's1:', bt: 1_764_400_000 },
      { n: 'salinity', v: 4 },
      { n: 'unobtainium', v: 1 },
      { n: 'ph', v: 'seven' },
      { n: 'ph', vs: 'seven' },
      { n: 'temperature', u: 'K', v: 300 },
      { n: 'dissolved_oxygen', v: 5 },
      null,
    ])
    const r = parseSenmlPack(pack, NOW)
    if (!r.ok) throw new Error(r.reason)
    expect(r.readings.map((x) => x.metric)).toEqual(['salinity', 'dissolved_oxygen'])
    expect(r.rejected.map((x) => x.index)).toEqual([2, 3, 4, 5, 7])
    expect(r.rejected[0]?.reason).toMatch(/unknown metric/)
    expect(r.rejected[3]?.reason).toMatch(/unit "K"/)
  })

  it('rejects non-finite numbers that JSON can smuggle in as huge literals', () => {
    const r = parseSenmlPack('[{"n":"s1:ph","v":1e400,"t":1764400000}]', NOW)
    expect(r.ok && r.rejected[0]?.reason).toMatch(/finite/)
  })

  it('builds packs that parse back to the same readings', () => {
    const pack = buildSenmlPack('gw-1-s1', NOW, { salinity: 4.2, ph: 7.9 })
    const r = parseSenmlPack(JSON.stringify(pack), NOW)
    expect(r.ok && r.readings).toEqual([
      { channel: 'gw-1-s1:salinity', sensorId: 'gw-1-s1', metric: 'salinity', time: NOW, value: 4.2 },
      { channel: 'gw-1-s1:ph', sensorId: 'gw-1-s1', metric: 'ph', time: NOW, value: 7.9 },
    ])
  })
})

describe('source quality (zq)', () => {
  it('carries a flag set at the source and refuses a value that is not a flag', () => {
    const pack = buildSenmlPack('gw-1-s1', NOW, { salinity: 4.2, ph: 7.9 }, { ph: Quality.calibrating })
    const r = parseSenmlPack(JSON.stringify([...pack, { n: 'temperature', v: 29, zq: 9 }]), NOW)
    expect(r.ok && r.readings.map((x) => [x.metric, x.sourceQuality])).toEqual([
      ['salinity', undefined],
      ['ph', Quality.calibrating],
    ])
    expect(r.ok && r.rejected).toEqual([{ index: 2, reason: expect.stringMatching(/^zq must be one of/) }])
  })

  it('lets an impossible value override what the source said', () => {
    expect(qualityOf('ph', 7, Quality.deviceError)).toBe(Quality.deviceError)
    expect(qualityOf('ph', 15, Quality.calibrating)).toBe(Quality.outOfPhysicalRange)
  })
})

describe('quality flags', () => {
  it('flags values outside the physical range of the probe', () => {
    expect(qualityOf('ph', 15)).toBe(Quality.outOfPhysicalRange)
    expect(qualityOf('salinity', -1)).toBe(Quality.outOfPhysicalRange)
    expect(qualityOf('dissolved_oxygen', 26)).toBe(Quality.outOfPhysicalRange)
    expect(qualityOf('salinity', 12)).toBe(Quality.good)
  })
})
