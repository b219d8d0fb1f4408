// The Circular 10/2021/TT-BTNMT station file parser: liberal in layout, strict in meaning.
import { Quality } from '@zonetrace/contracts'
import { DEFAULT_CIRCULAR10_NAMES, parseCircular10File } from '@zonetrace/edge-agent'
import { describe, expect, it } from 'vitest'

const NAME = 'TV01_20250315083000.txt'
// 08:30 in Vietnam (UTC+7) is 01:30 UTC.
const AT = Date.UTC(2025, 2, 15, 1, 30, 0)
const opts = { names: DEFAULT_CIRCULAR10_NAMES }

function parse(text: string, name = NAME, o: Parameters<typeof parseCircular10File>[2] = opts) {
  const file = parseCircular10File(name, text, o)
  if (!file.ok) throw new Error(`whole file refused: ${file.reason}`)
  return file
}

describe('parseCircular10File', () => {
  it('reads a good file into readings stamped in Vietnam time, one sensor per station', () => {
    const file = parse(
      [
        'pH 7.52 pH 20250315083000 00',
        'DO 4.10 mg/L 20250315083000 00',
        'Temp 28.4 °C 20250315083000 00',
        'Salinity 12.5 ‰ 20250315083000 00',
        'EC 23.1 mS/cm 20250315083000 00',
      ].join('\n'),
    )
    expect(file).toMatchObject({ station: 'TV01', sensorId: 'tv01-s1', fileTime: AT, problems: [] })
    expect(file.readings).toEqual([
      { sensorId: 'tv01-s1', metric: 'ph', time: AT, value: 7.52, quality: Quality.good },
      { sensorId: 'tv01-s1', metric: 'dissolved_oxygen', time: AT, value: 4.1, quality: Quality.good },
      { sensorId: 'tv01-s1', metric: 'temperature', time: AT, value: 28.4, quality: Quality.good },
      { sensorId: 'tv01-s1', metric: 'salinity', time: AT, value: 12.5, quality: Quality.good },
      // mS/cm brought to our uS/cm.
      { sensorId: 'tv01-s1', metric: 'conductivity', time: AT, value: 23_100, quality: Quality.good },
    ])
  })

  it('carries every station status into the quality flag', () => {
    const file = parse(
      [
        'DO 4.1 mg/l 20250315083000 00',
        'DO 4.2 mg/l 20250315083500 01',
        'DO 4.3 mg/l 20250315084000 02',
      ].join('\n'),
    )
    expect(file.readings.map((r) => r.quality)).toEqual([
      Quality.good,
      Quality.calibrating,
      Quality.deviceError,
    ])
    expect(file.readings.map((r) => r.time)).toEqual([AT, AT + 300_000, AT + 600_000])
  })

  it('accepts a decimal comma, tabs and runs of spaces, CRLF, a BOM and unit spellings', () => {
    const text =
      '\uFEFFpH\t7,2\t\t20250315083000\t00\r\nTemp   28,5  oC   20250315083000   00\r\n\r\nSal 4,2 ppt 20250315083000 00\r\n'
    const file = parse(text)
    expect(file.problems).toEqual([])
    expect(file.readings.map((r) => [r.metric, r.value])).toEqual([
      ['ph', 7.2],
      ['temperature', 28.5],
      ['salinity', 4.2],
    ])
  })

  it('sets bad lines aside with their line number and reason and keeps the rest of the file', () => {
    const file = parse(
      [
        'DO 4.1 mg/L 20250315083000 00',
        'DO 4.1 mg/L 20251315083000 00', // month 13
        'DO 4.1 mg/L 20250315083000 07', // no such status
        'DO NaN mg/L 20250315083000 00',
        'DO 1e999 mg/L 20250315083000 00', // not finite
        'Temp 28 mg/L 20250315083000 00', // a concentration is not a temperature
        'Salinity 12 20250315083000 00', // salinity needs a unit
        'garbage',
        'pH 7.5 pH 20250315083000 00',
      ].join('\n'),
    )
    expect(file.readings.map((r) => r.metric)).toEqual(['dissolved_oxygen', 'ph'])
    expect(file.problems.map((p) => [p.line, p.reason])).toEqual([
      [2, 'bad_time'],
      [3, 'unknown_status'],
      [4, 'bad_value'],
      [5, 'bad_value'],
      [6, 'unit_mismatch'],
      [7, 'unit_mismatch'],
      [8, 'malformed_line'],
    ])
  })

  it('reports a parameter missing from the name map as unmapped_parameter, not a crash', () => {
    const file = parse('COD 12 mg/L 20250315083000 00\nDO 4 mg/L 20250315083000 00')
    expect(file.problems).toEqual([
      { line: 1, reason: 'unmapped_parameter', detail: expect.stringContaining('COD') },
    ])
    expect(file.readings).toHaveLength(1)
  })

  it('uses the configured sensor id, names (ignoring case) and UTC offset', () => {
    const file = parse('oxy 5 mg/L 20250315083000 00', 'TraVinh_NuocMat_TV02_20250315083000.TXT', {
      names: { OXY: 'dissolved_oxygen' },
      station: 'travinh_nuocmat_tv02',
      sensorId: 'tv02-probe',
      utcOffsetHours: 0,
    })
    expect(file.station).toBe('TraVinh_NuocMat_TV02')
    expect(file.readings).toEqual([
      {
        sensorId: 'tv02-probe',
        metric: 'dissolved_oxygen',
        time: Date.UTC(2025, 2, 15, 8, 30),
        value: 5,
        quality: Quality.good,
      },
    ])
  })

  it('refuses the whole file for a bad name, an impossible time in it, or another station', () => {
    for (const name of [
      'TV01.txt',
      'TV01_2025031508.txt',
      'TV01_20250230083000.txt',
      '_20250315083000.txt',
    ]) {
      const file = parseCircular10File(name, 'DO 4 mg/L 20250315083000 00', opts)
      expect(file.ok, name).toBe(false)
    }
    const other = parseCircular10File(NAME, 'DO 4 mg/L 20250315083000 00', { ...opts, station: 'TV09' })
    expect(other).toMatchObject({ ok: false, reason: expect.stringContaining('TV09') })
  })
})
