import { type SensorEvidence, THRESHOLD_PRESETS } from '@zonetrace/contracts'
import {
  applyStoragePolicies,
  emptyBatch,
  insertReadings,
  lotEvidence,
  provisionGateway,
  RegistryError,
  refreshReadingsRollup,
} from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { backendName, getTestDB } from '../helpers/db.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { seedZone } from '../helpers/fixtures.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
// Relative to today so the refresh (materializing up to the current hour) covers the data on any clock.
const T0 = Math.floor(Date.now() / DAY) * DAY - 30 * DAY
const FROM = new Date(T0)
const TO = new Date(T0 + 10 * DAY) // 240 hours
const GAP = { from: 72, to: 120 } // hours without salinity readings
// One cycle an hour at 10-minute steps; 4 and 36 fall outside shrimp_pond's 5–35 ppt, 5 and 35 on its edges.
const SALINITY_CYCLE = [4, 5, 10, 20, 35, 36]

const testDb = sharedFixture(getTestDB)
let zone: string
let other: string
beforeAll(async () => {
  zone = await seedZone(testDb.db)
  other = await seedZone(testDb.db, 'VN-TEST-OTHER-01')
  await provisionGateway(testDb.db, { id: 'gw-a', zone, sensors: ['salinity', 'ph', 'dissolved_oxygen'] })
  await provisionGateway(testDb.db, { id: 'gw-a2', zone, sensors: ['salinity'] })
  await provisionGateway(testDb.db, { id: 'gw-b', zone: other, sensors: ['salinity'] })
  const b = emptyBatch()
  const add = (ms: number, sensor: string, metric: string, value: number, quality = 0) => {
    b.time.push(ms)
    b.sensorId.push(sensor)
    b.metric.push(metric)
    b.value.push(value)
    b.quality.push(quality)
  }
  for (let h = 0; h < 240; h++) {
    const hour = T0 + h * HOUR
    if (h < GAP.from || h >= GAP.to) {
      SALINITY_CYCLE.forEach((v, i) => {
        add(hour + i * 600_000, 'gw-a-s1', 'salinity', v)
      })
      // Flagged readings (out of physical range, calibrating) are stored but must count nowhere.
      add(hour + 300_000, 'gw-a-s1', 'salinity', 99, 1)
    }
    if (h < 24) add(hour + 900_000, 'gw-a2-s1', 'salinity', 20)
    if (h >= 60 && h < 84) add(hour, 'gw-a-s1', 'ph', h % 2 === 0 ? 6.5 : 7.5)
    add(hour + 60_000, 'gw-a-s1', 'ph', 7.8, 2)
    add(hour, 'gw-a-s1', 'dissolved_oxygen', 5, 3)
    add(hour, 'gw-b-s1', 'salinity', 50) // another area's probe
  }
  add(T0 - 1, 'gw-a-s1', 'salinity', 0) // just before the window
  add(T0 + 10 * DAY, 'gw-a-s1', 'salinity', 0) // `to` is exclusive
  expect(await insertReadings(testDb.db, b)).toBe(b.time.length)
})

const shrimp = () => [{ code: zone, preset: 'shrimp_pond' as const }]

describe(`lot evidence on the ${backendName} backend`, () => {
  it('summarises good readings of the lot areas: exact count, range, mean, share within limits', async () => {
    const ev = await lotEvidence(testDb.db, { areas: shrimp(), from: FROM, to: TO })
    expect(ev.areaCodes).toEqual([zone])
    expect(ev.metrics.map((m) => m.metric)).toEqual(['salinity', 'ph']) // DO has only flagged readings
    const sal = ev.metrics[0]!
    expect(sal).toMatchObject({ unit: 'ppt', count: 192 * 6 + 24, min: 4, max: 36 })
    expect(sal.mean).toBeCloseTo((192 * 110 + 24 * 20) / (192 * 6 + 24), 10)
    expect(sal.limits).toEqual({ min: 5, max: 35, standard: 'QCVN 02-19:2014/BNNPTNT' })
    expect(sal.withinShare).toBe((192 * 4 + 24) / (192 * 6 + 24)) // bounds are inclusive
    expect(sal.coverage).toBe(192 / 240)
    const ph = ev.metrics[1]!
    expect(ph).toMatchObject({ unit: 'pH', count: 24, min: 6.5, max: 7.5, mean: 7, withinShare: 0.5 })
    expect(ph.coverage).toBe(24 / 240)
    // Union of hours: salinity's 192 plus pH's 12 hours inside the salinity gap.
    expect(ev.coverage).toBe(204 / 240)
    expect(ev.alerts).toBe(0)
  })

  it('draws at most 60 points, whole-hour buckets aligned on the window start', async () => {
    const ev = await lotEvidence(testDb.db, { areas: shrimp(), from: FROM, to: TO })
    const series = ev.metrics[0]!.series
    expect(series).toHaveLength(60 - 12) // 4-hour buckets; the 48-hour gap leaves 12 empty
    expect(series[0]).toEqual({
      t: FROM.toISOString(),
      mean: (4 * 110 + 4 * 20) / (4 * 6 + 4),
      min: 4,
      max: 36,
    })
    expect(series[1]!.t).toBe(new Date(T0 + 4 * HOUR).toISOString())
    expect(series[6]).toEqual({ t: new Date(T0 + DAY).toISOString(), mean: 110 / 6, min: 4, max: 36 })
    expect(series.some((p) => p.t === new Date(T0 + GAP.from * HOUR).toISOString())).toBe(false)
  })

  it('reads the readings directly until the rollup holds materialized hours', async () => {
    const ev = await lotEvidence(testDb.db, { areas: shrimp(), from: FROM, to: TO })
    expect(ev.source).toBe('raw')
  })

  it(`answers from the ${backendName === 'embedded' ? 'refreshed rollup' : 'readings'} exactly as from raw readings`, async () => {
    expect(testDb.capabilities.continuousAggregates).toBe(backendName === 'embedded')
    // Not on hour boundaries, so the rollup answers the whole hours and the readings the cut edges.
    const cut = {
      areas: shrimp(),
      from: new Date(T0 + 25 * 60_000),
      to: new Date(T0 + 10 * DAY - 35 * 60_000),
    }
    const whole = { areas: shrimp(), from: FROM, to: TO }
    const raw = [
      await lotEvidence(testDb.db, cut, { rawOnly: true }),
      await lotEvidence(testDb.db, whole, { rawOnly: true }),
    ]
    // Cut off: :00, :10, :20 and the second probe's :15 in the first hour, :30–:50 in the last.
    expect(raw[0]!.metrics[0]!.count).toBe(192 * 6 + 24 - 4 - 3)
    expect(await refreshReadingsRollup(testDb.db)).toBe(testDb.capabilities.continuousAggregates)
    const viaDefault = [await lotEvidence(testDb.db, cut), await lotEvidence(testDb.db, whole)]
    for (const [i, ev] of viaDefault.entries()) {
      expect(ev.source).toBe(testDb.capabilities.continuousAggregates ? 'rollup' : 'raw')
      expectSame(ev, raw[i]!)
    }
  })

  it('counts readings newer than the last refresh through the real-time part of the rollup', async () => {
    const hour = Math.floor(Date.now() / HOUR) * HOUR
    await insertReadings(testDb.db, {
      time: [hour + 60_000, hour + 120_000, hour + 180_000],
      sensorId: ['gw-a-s1', 'gw-a-s1', 'gw-a-s1'],
      metric: ['salinity', 'salinity', 'salinity'],
      value: [12, 40, 14],
      quality: [0, 0, 0],
    })
    const ev = await lotEvidence(testDb.db, {
      areas: shrimp(),
      from: new Date(hour),
      to: new Date(hour + HOUR),
    })
    expect(ev.source).toBe(testDb.capabilities.continuousAggregates ? 'rollup' : 'raw')
    expect(ev.metrics).toMatchObject([{ metric: 'salinity', count: 3, min: 12, max: 40, mean: 22 }])
    expect(ev.metrics[0]!.withinShare).toBe(2 / 3)
    expect(ev.coverage).toBe(1)
  })

  it('returns no metrics, zero coverage and no NaN for a window without readings', async () => {
    const empty = await lotEvidence(testDb.db, {
      areas: shrimp(),
      from: new Date(T0 + 20 * DAY),
      to: new Date(T0 + 25 * DAY),
    })
    expect(empty).toMatchObject({ metrics: [], coverage: 0, alerts: 0 })
    const instant = await lotEvidence(testDb.db, { areas: shrimp(), from: FROM, to: FROM })
    expect(instant).toMatchObject({ metrics: [], coverage: 0 })
    const noAreas = await lotEvidence(testDb.db, { areas: [], from: FROM, to: TO })
    expect(noAreas).toMatchObject({ metrics: [], coverage: 0, areaCodes: [] })
  })

  it('counts only the areas of the lot', async () => {
    const ev = await lotEvidence(testDb.db, { areas: [{ code: other, preset: null }], from: FROM, to: TO })
    expect(ev.metrics).toHaveLength(1)
    expect(ev.metrics[0]).toMatchObject({ metric: 'salinity', count: 240, min: 50, max: 50, limits: null })
    expect(ev.metrics[0]!.withinShare).toBeNull()
    expect(ev.coverage).toBe(1)
  })

  it('judges tiered presets by the least severe tier and mixed presets by the first one set', async () => {
    const ev = await lotEvidence(testDb.db, {
      areas: [
        { code: zone, preset: null },
        { code: other, preset: 'pond_tiered_hue' },
        { code: 'VN-NO-SUCH-AREA', preset: 'shrimp_pond' },
      ],
      from: FROM,
      to: TO,
    })
    const ph = ev.metrics.find((m) => m.metric === 'ph')!
    expect(ph.limits).toEqual({ min: 6, max: 9, standard: THRESHOLD_PRESETS.pond_tiered_hue.standard })
    expect(ph.withinShare).toBe(1)
    expect(ev.metrics.find((m) => m.metric === 'salinity')!.limits).toBeNull() // the Huế preset has none
  })

  it('takes the alert count from the rules engine when one is plugged in', async () => {
    const asked: unknown[] = []
    const ev = await lotEvidence(
      testDb.db,
      { areas: shrimp(), from: FROM, to: TO },
      {
        countAlerts: async (codes, from, to) => {
          asked.push([codes, from, to])
          return 3
        },
      },
    )
    expect(ev.alerts).toBe(3)
    expect(asked).toEqual([[[zone], FROM, TO]])
  })

  it('keeps an hourly rollup with a refresh policy only under the timescale licence', async () => {
    const jobs = await testDb.db.query(
      `select 1 from timescaledb_information.jobs
        where proc_name = 'policy_refresh_continuous_aggregate' and hypertable_name = 'readings_hourly'`,
    )
    expect(jobs).toHaveLength(testDb.capabilities.continuousAggregates ? 1 : 0)
    const messages: string[] = []
    const applied = await applyStoragePolicies(testDb.db, testDb.capabilities, (m) => messages.push(m))
    if (testDb.capabilities.continuousAggregates) {
      expect(applied).toEqual([
        'compression',
        'readings_hourly',
        'readings_hourly refresh policy',
        'readings_daily',
        'readings_daily refresh policy',
      ])
    } else {
      expect(applied).toEqual([])
      expect(messages).toContain(
        `timescaledb licence is "${testDb.capabilities.licence}": no continuous aggregates; readings_hourly and ` +
          'readings_daily are tables kept by the rollups job, lot evidence aggregates raw readings',
      )
    }
  })

  it("applies the area's own overrides of its preset, as its alert rules and compliance report do", async () => {
    // The cooperative's pond keeps salinity from 4 ppt: the 4 ppt readings are now within limits.
    await testDb.db.query(`update growing_areas set threshold_preset = 'shrimp_pond' where code = $1`, [zone])
    await testDb.db.query(
      `insert into area_threshold_overrides (zone_code, metric, severity, min) values ($1, 'salinity', 'major', 4)`,
      [zone],
    )
    try {
      const ev = await lotEvidence(testDb.db, { areas: shrimp(), from: FROM, to: TO })
      const sal = ev.metrics.find((m) => m.metric === 'salinity')!
      expect(sal.limits).toMatchObject({ min: 4, max: 35 })
      expect(sal.withinShare).toBe((192 * 5 + 24) / (192 * 6 + 24))
    } finally {
      await testDb.db.query('delete from area_threshold_overrides where zone_code = $1', [zone])
    }
  })

  it("counts the areas' water-quality alerts in the window by default, historical ones too, offline ones not", async () => {
    const [rule] = await testDb.db.query<{ id: number }>(
      `insert into alert_rules (zone_code, metric, kind, min, severity) values ($1, 'salinity', 'threshold', 5, 'major')
       returning id`,
      [zone],
    )
    const [offline] = await testDb.db.query<{ id: number }>(
      `insert into alert_rules (zone_code, kind, silent_seconds, severity) values ($1, 'offline', 600, 'minor') returning id`,
      [zone],
    )
    const alert = (ruleId: number, kind: string, at: number, historical: boolean, channel: string) =>
      testDb.db.query(
        `insert into alerts (rule_id, channel, zone_code, kind, severity, historical, state, opened_at, last_triggered_at)
         values ($1, $2, $3, $4, 'major', $5, 'cleared', $6, $6)`,
        [ruleId, channel, zone, kind, historical, new Date(at)],
      )
    await alert(rule!.id, 'threshold', T0 + HOUR, false, 'a')
    await alert(rule!.id, 'threshold', T0 + 2 * HOUR, true, 'b')
    await alert(offline!.id, 'offline', T0 + 3 * HOUR, false, 'c')
    await alert(rule!.id, 'threshold', T0 - HOUR, false, 'd') // before the window
    try {
      const ev = await lotEvidence(testDb.db, { areas: shrimp(), from: FROM, to: TO })
      expect(ev.alerts).toBe(2)
    } finally {
      await testDb.db.query('delete from alerts')
    }
  })

  it('refuses windows that end before they start or last more than 400 days', async () => {
    const bad = [
      { from: TO, to: FROM },
      { from: new Date(T0 - 401 * DAY), to: FROM },
      { from: new Date(Number.NaN), to: TO },
    ]
    for (const w of bad) {
      await expect(lotEvidence(testDb.db, { areas: shrimp(), ...w })).rejects.toSatisfy(
        (e) => e instanceof RegistryError && e.code === 'invalid',
      )
    }
  })
})

function expectSame(a: SensorEvidence, b: SensorEvidence): void {
  expect(a.coverage).toBe(b.coverage)
  expect(a.metrics.map((m) => m.metric)).toEqual(b.metrics.map((m) => m.metric))
  a.metrics.forEach((m, i) => {
    const r = b.metrics[i]!
    expect({ ...m, mean: 0, series: [] }).toEqual({ ...r, mean: 0, series: [] })
    expect(m.mean).toBeCloseTo(r.mean!, 9)
    expect(m.series.map((p) => [p.t, p.min, p.max])).toEqual(r.series.map((p) => [p.t, p.min, p.max]))
    m.series.forEach((p, j) => {
      expect(p.mean).toBeCloseTo(r.series[j]!.mean, 9)
    })
  })
}
