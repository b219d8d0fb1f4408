// Circular 10/2021/TT-BTNMT station files: written whole into a real temp directory, parsed back with a
// small parser of our own (the edge agent's parser is not a dependency of these tests).
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Metric } from '@zonetrace/contracts'
import {
  CIRCULAR10_DEFAULT_NAMES,
  circular10Body,
  circular10FileName,
  createPackSource,
  type ProbeSample,
  startSimulator,
} from '@zonetrace/firmware-sim'
import { describe, expect, it } from 'vitest'
import { scratchDirEach } from '../helpers/scratch-dir.ts'
import { until } from '../helpers/wait.ts'
import { recordingLogger } from './local-broker.ts'
import { gateway, simulate, WEEK } from './model.ts'

const FILE = /^(.+)_(\d{14})\.txt$/

interface Line {
  name: string
  value: number
  unit: string
  time: string
  status: string
}

function parseStationFile(text: string): Line[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const f = l.trim().split(/\s+/)
      if (f.length !== 5) throw new Error(`line "${l}" has ${f.length} fields, not 5`)
      const [name, value, unit, time, status] = f as [string, string, string, string, string]
      if (!/^\d{14}$/.test(time) || !/^0[012]$/.test(status)) throw new Error(`bad line "${l}"`)
      return { name, value: Number(value), unit, time, status }
    })
}

/** Vietnam local `YYYYMMDDhhmmss` back to epoch ms. */
const epochOf = (t: string) =>
  Date.UTC(
    +t.slice(0, 4),
    +t.slice(4, 6) - 1,
    +t.slice(6, 8),
    +t.slice(8, 10),
    +t.slice(10, 12),
    +t.slice(12, 14),
  ) -
  7 * 3_600_000

const stationDir = scratchDirEach('zonetrace-c10-')

describe('Circular 10 station files', () => {
  it('one file per interval, named by local time, that parse back to the model’s values', async () => {
    const start = Date.UTC(2026, 2, 10, 17) // 11 March 2026 00:00 in Vietnam
    const station = gateway('TV_RACHGOC_01')
    const sim = await startSimulator({
      target: { kind: 'circular10', dir: stationDir.path, station: 'TV_RACHGOC_01' },
      gateways: [station],
      zoneKinds: { TV_RACHGOC_01: 'coconut_canal' },
      intervalSeconds: 60,
      speed: 1200,
      seed: 4,
      startMs: start,
      logger: recordingLogger(),
      progressEverySeconds: 0,
    })
    // Meanwhile, read every finished file as the agent would: none may be half-written.
    let reads = 0
    try {
      await until('three station files', () => sim.published() >= 3)
      const deadline = Date.now() + 1500
      while (Date.now() < deadline) {
        for (const name of (await readdir(stationDir.path)).filter((n) => FILE.test(n))) {
          const lines = parseStationFile(await readFile(join(stationDir.path, name), 'utf8').catch(() => ''))
          if (lines.length > 0) {
            expect(lines).toHaveLength(4)
            reads++
          }
        }
      }
    } finally {
      await sim.stop()
    }
    expect(reads).toBeGreaterThan(0)
    const names = (await readdir(stationDir.path)).sort()
    expect(names.every((n) => FILE.test(n))).toBe(true) // no temp file left behind
    expect(names.length).toBe(sim.published())
    expect(names[0]).toBe('TV_RACHGOC_01_20260311000000.txt')

    const model = createPackSource({
      gateway: station,
      kind: 'coconut_canal',
      seed: 4,
      index: 0,
      intervalSeconds: 60,
      startMs: start,
    })
    const metricOf = CIRCULAR10_DEFAULT_NAMES as Record<string, Metric>
    for (const name of names) {
      const sample = model.next()
      expect(name).toBe(circular10FileName('TV_RACHGOC_01', sample.timeMs))
      const lines = parseStationFile(await readFile(join(stationDir.path, name), 'utf8'))
      expect(lines.map((l) => l.name).sort()).toEqual(['DO', 'Salinity', 'Temp', 'pH'])
      for (const l of lines) {
        expect(l.value).toBe(sample.probes[0]!.values[metricOf[l.name]!])
        expect(epochOf(l.time)).toBe(sample.timeMs)
        expect(l.status).toBe('00')
      }
      expect(Object.fromEntries(lines.map((l) => [l.name, l.unit]))).toEqual({
        Salinity: '‰',
        pH: 'pH',
        DO: 'mg/L',
        Temp: '°C',
      })
    }
  })

  it('maps faults to device status: calibrating 01, a probe that did not answer 02', () => {
    const probe = (over: Partial<ProbeSample>): ProbeSample[] => [
      { sensorId: 's1', values: { salinity: 4.2, ph: 7.51 }, quality: {}, dropped: false, ...over },
    ]
    const t = Date.UTC(2026, 2, 10, 17, 5) // 00:05 local
    const status = (p: ProbeSample[]) =>
      parseStationFile(circular10Body(p, t)).map((l) => [l.name, l.status, l.time])
    expect(status(probe({}))).toEqual([
      ['Salinity', '00', '20260311000500'],
      ['pH', '00', '20260311000500'],
    ])
    expect(status(probe({ quality: { ph: 2 } }))).toEqual([
      ['Salinity', '00', '20260311000500'],
      ['pH', '01', '20260311000500'],
    ])
    expect(status(probe({ quality: { salinity: 3 } }))[0]![1]).toBe('02')
    expect(status(probe({ dropped: true })).map((s) => s[1])).toEqual(['02', '02'])
    expect(circular10Body(probe({ values: {} }), t)).toBe('')
  })

  it('a fouled DO probe’s cleaning shows as status 01 in the files, a skewed clock in the file times', () => {
    // Injects: fouling and clock-skew over five weeks, written as station files (no I/O needed).
    const packs = simulate({
      kind: 'shrimp_pond',
      seed: 21,
      intervalSeconds: 600,
      seconds: 5 * WEEK,
      faults: ['fouling', 'clock-skew'],
    })
    const files = packs.map((p) => ({
      name: circular10FileName('ST1', p.stampMs),
      lines: parseStationFile(circular10Body(p.probes, p.stampMs)),
    }))
    const calibrating = files.filter((f) => f.lines.some((l) => l.status === '01'))
    expect(calibrating.length).toBeGreaterThan(0)
    expect(calibrating.every((f) => f.lines.every((l) => l.status === '01'))).toBe(true)
    const off = epochOf(FILE.exec(files[0]!.name)![2]!) - packs[0]!.timeMs
    expect(Math.abs(off)).toBeGreaterThanOrEqual(59_000)
  })

  it('refuses a run that is not one station, and a directory it cannot write to', async () => {
    const base = { intervalSeconds: 60, speed: 1, seed: 1, logger: recordingLogger() }
    await expect(
      startSimulator({
        ...base,
        target: { kind: 'circular10', dir: stationDir.path, station: 'S1' },
        gateways: [gateway('a'), gateway('b')],
      }),
    ).rejects.toThrow(/exactly one station/)
    await expect(
      startSimulator({
        ...base,
        target: { kind: 'circular10', dir: stationDir.path, station: 'S1' },
        gateways: [gateway('a', 2)],
      }),
    ).rejects.toThrow(/each parameter once/)
    await expect(
      startSimulator({
        ...base,
        target: { kind: 'circular10', dir: stationDir.path, station: 'bad name' },
        gateways: [gateway('a')],
      }),
    ).rejects.toThrow(/station name "bad name"/)
    const file = join(stationDir.path, 'not-a-dir')
    await writeFile(file, 'x')
    await expect(
      startSimulator({
        ...base,
        target: { kind: 'circular10', dir: join(file, 'sub'), station: 'S1' },
        gateways: [gateway('a')],
      }),
    ).rejects.toThrow(/cannot write station files to/)
  })
})
