// GET /api/v1/alerts (the contract's fields, filters, keyset cursor, cooperative scope), one alert with its
// history, acknowledging it, and the CSV export with RFC 4180 quoting and the formula-injection guard.
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../helpers/csv.ts'
import { alertsApi, ORCHARD, ORCHARD_SENSOR, POND, POND_SENSOR, presetRuleId, seedAlert } from './harness.ts'

const T0 = Date.parse('2026-05-01T00:00:00Z')
const MINUTE = 60_000

const api = alertsApi()
let pondIds: number[]
let orchardIds: number[]

beforeAll(async () => {
  const doRule = await presetRuleId(api.db, POND, 'dissolved_oxygen', 'critical')
  const phRule = await presetRuleId(api.db, POND, 'ph', 'major')
  const orchardRule = await presetRuleId(api.db, ORCHARD, 'salinity', 'critical')
  const pond = { sensorId: POND_SENSOR, gatewayId: 'gw-pond', zone: POND }
  // 30 pond alerts a minute apart: DO critical on even minutes, pH major on odd ones; every third cleared,
  // every fifth historical. Two pairs share an opening time, so the cursor must break ties by id. Each has
  // a channel of its own: the engine keeps one open alert per rule and channel.
  pondIds = []
  for (let i = 0; i < 30; i++) {
    const even = i % 2 === 0
    const at = i === 11 || i === 21 ? T0 + (i - 1) * MINUTE : T0 + i * MINUTE
    pondIds.push(
      await seedAlert(api.db, {
        ...pond,
        channel: `${POND_SENSOR}/${i}`,
        ruleId: even ? doRule : phRule,
        metric: even ? 'dissolved_oxygen' : 'ph',
        severity: even ? 'critical' : 'major',
        openedAt: new Date(at),
        value: even ? 2.9 : 9.4,
        threshold: even ? 3.5 : 9,
        state: i % 3 === 0 ? 'cleared' : 'active',
        historical: i % 5 === 4,
      }),
    )
  }
  orchardIds = []
  for (let i = 0; i < 3; i++) {
    orchardIds.push(
      await seedAlert(api.db, {
        ruleId: orchardRule,
        sensorId: ORCHARD_SENSOR,
        channel: `${ORCHARD_SENSOR}/${i}`,
        gatewayId: 'gw-orchard',
        zone: ORCHARD,
        metric: 'salinity',
        severity: 'critical',
        openedAt: new Date(T0 + (100 + i) * MINUTE),
        value: 1.8 + i,
        peakValue: 2.5 + i,
        threshold: 1.55,
        triggerCount: 2 + i,
      }),
    )
  }
})

const get = (url: string, headers = api.officer) => api.app.inject({ url, headers })

describe('GET /api/v1/alerts', () => {
  it('?state=active lists open alerts newest first with the contract’s fields', async () => {
    const res = await get('/api/v1/alerts?state=active&limit=1000')
    expect(res.statusCode).toBe(200)
    const { alerts, nextCursor } = res.json()
    expect(nextCursor).toBeNull()
    expect(alerts).toHaveLength(3 + 20)
    for (const a of alerts) {
      for (const field of ['id', 'ruleId', 'sensorId', 'metric', 'severity', 'state', 'acknowledged']) {
        expect(a).toHaveProperty(field)
      }
      expect(a).toHaveProperty('historical')
      expect(a).toHaveProperty('openedAt')
      expect(a).toHaveProperty('value')
      expect(a.state).toBe('active')
    }
    expect(alerts[0]).toMatchObject({
      id: orchardIds[2],
      sensorId: ORCHARD_SENSOR,
      metric: 'salinity',
      severity: 'critical',
      acknowledged: false,
      historical: false,
      openedAt: new Date(T0 + 102 * MINUTE).toISOString(),
      value: 3.8,
      peakValue: 4.5,
      triggerCount: 4,
      zone: ORCHARD,
      message: { vi: expect.stringContaining('Độ mặn'), en: expect.stringContaining('Salinity') },
    })
    const times = alerts.map((a: { openedAt: string }) => Date.parse(a.openedAt))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
  })

  it('filters by severity (at least), metric, zone, sensor, gateway, flags, rule and time', async () => {
    const ids = async (query: string) =>
      (await get(`/api/v1/alerts?limit=1000&${query}`))
        .json()
        .alerts.map((a: { id: number }) => a.id)
        .sort()
    const idx = (pred: (i: number) => boolean) => pondIds.filter((_, i) => pred(i)).sort()
    expect(await ids(`zone=${POND}&severity=critical`)).toEqual(idx((i) => i % 2 === 0))
    expect(await ids(`zone=${POND}&severity=major`)).toEqual(idx(() => true))
    expect(await ids('metric=ph')).toEqual(idx((i) => i % 2 === 1))
    expect(await ids(`sensorId=${ORCHARD_SENSOR}`)).toEqual([...orchardIds].sort())
    expect(await ids('gatewayId=gw-pond&historical=true')).toEqual(idx((i) => i % 5 === 4))
    expect(await ids('historical=false&state=cleared')).toEqual(idx((i) => i % 3 === 0 && i % 5 !== 4))
    const rule = await presetRuleId(api.db, ORCHARD, 'salinity', 'critical')
    expect(await ids(`ruleId=${rule}`)).toEqual([...orchardIds].sort())
    const from = new Date(T0 + 5 * MINUTE).toISOString()
    const to = new Date(T0 + 8 * MINUTE).toISOString()
    expect(await ids(`from=${from}&to=${to}`)).toEqual(idx((i) => i >= 5 && i < 8))
    expect(await ids('acknowledged=true&metric=nh3')).toEqual([])
  })

  it('pages with a keyset cursor: every alert once, in order, ties on openedAt broken by id', async () => {
    const seen: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const q: string = cursor ? `&cursor=${cursor}` : ''
      const res = await get(`/api/v1/alerts?zone=${POND}&limit=7${q}`)
      expect(res.statusCode).toBe(200)
      const page = res.json()
      seen.push(...page.alerts.map((a: { id: number }) => a.id))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(5)
    expect(seen).toHaveLength(30)
    expect(new Set(seen).size).toBe(30)
    const all = (await get(`/api/v1/alerts?zone=${POND}&limit=1000`))
      .json()
      .alerts.map((a: { id: number }) => a.id)
    expect(seen).toEqual(all)
  })

  it('400 with the allowed values for bad filters, never a 500', async () => {
    for (const [query, message] of [
      ['state=open', 'state must be one of active, cleared'],
      ['severity=urgent', 'severity must be one of warning, minor, major, critical'],
      ['metric=oxygen', "unknown metric 'oxygen'"],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor is not one this server issued'],
      ['from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z', 'from must not be after to'],
      ['from=yesterday', 'from'],
      ['from=2026-06-30T23:59:60Z', 'is not a time this server can represent'],
      ['limit=1001', 'limit'],
      ['ruleId=99999999999999999999', 'ruleId'],
      ['acknowledged=maybe', 'acknowledged'],
    ] as const) {
      const res = await get(`/api/v1/alerts?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.json().message, query).toContain(message)
    }
  })

  it('a cooperative sees only its own areas’ alerts; the public gets 401', async () => {
    const theirs = (await get('/api/v1/alerts?limit=1000', api.buoi)).json().alerts
    expect(theirs.map((a: { id: number }) => a.id).sort()).toEqual([...orchardIds].sort())
    const filtered = (await get(`/api/v1/alerts?zone=${POND}`, api.buoi)).json().alerts
    expect(filtered).toEqual([])
    expect((await api.app.inject({ url: '/api/v1/alerts' })).statusCode).toBe(401)
  })
})

describe('GET /api/v1/alerts/{id}', () => {
  it('returns the alert with its history; another cooperative’s alert is a 404', async () => {
    const res = await get(`/api/v1/alerts/${orchardIds[0]}`, api.buoi)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      id: orchardIds[0],
      zone: ORCHARD,
      events: [
        { type: 'opened', dataTime: new Date(T0 + 100 * MINUTE).toISOString(), value: 1.8, actor: null },
      ],
    })
    expect((await get(`/api/v1/alerts/${orchardIds[0]}`, api.tom)).statusCode).toBe(404)
    expect((await get('/api/v1/alerts/424242')).statusCode).toBe(404)
  })
})

describe('POST /api/v1/alerts/{id}/ack', () => {
  it('records who, when and the note, and an acknowledged event in the history', async () => {
    const id = pondIds[1]!
    const note = 'Đã bật máy sục khí lúc 4 giờ sáng'
    const res = await api.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${id}/ack`,
      headers: api.tom,
      payload: { note },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      id,
      acknowledged: true,
      acknowledgedBy: 'tom-user',
      acknowledgedAt: expect.any(String),
      ackNote: note,
      state: 'active',
    })
    const alert = (await get(`/api/v1/alerts/${id}`)).json()
    expect(alert.events.map((e: { type: string }) => e.type)).toEqual(['opened', 'acknowledged'])
    expect(alert.events[1]).toMatchObject({ actor: 'tom-user', note, dataTime: null })
    const acked = (await get('/api/v1/alerts?acknowledged=true')).json().alerts
    expect(acked.map((a: { id: number }) => a.id)).toEqual([id])
  })

  it('409 for a second acknowledgement, which changes nothing', async () => {
    const id = pondIds[1]!
    const res = await api.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${id}/ack`,
      headers: api.officer,
      payload: {},
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toMatch(/^alert \d+ was already acknowledged by tom-user at /)
    const alert = (await get(`/api/v1/alerts/${id}`)).json()
    expect(alert.acknowledgedBy).toBe('tom-user')
    expect(alert.events).toHaveLength(2)
  })

  it('acknowledges a cleared alert without a note or a body', async () => {
    const id = pondIds[0]!
    const res = await api.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${id}/ack`,
      headers: api.officer,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      state: 'cleared',
      acknowledged: true,
      acknowledgedBy: 'officer-lan',
      ackNote: null,
    })
  })

  it('400 for a note over 1000 characters, 404 for another cooperative’s alert, 401 for the public', async () => {
    const url = `/api/v1/alerts/${pondIds[2]}/ack`
    const long = await api.app.inject({
      method: 'POST',
      url,
      headers: api.officer,
      payload: { note: 'x'.repeat(1001) },
    })
    expect(long.statusCode).toBe(400)
    expect(long.json().message).toContain('1000')
    expect((await api.app.inject({ method: 'POST', url, headers: api.buoi, payload: {} })).statusCode).toBe(
      404,
    )
    expect((await api.app.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(401)
    expect((await get(`/api/v1/alerts/${pondIds[2]}`)).json().acknowledged).toBe(false)
  })
})

describe('GET /api/v1/alerts/export.csv', () => {
  it('exports the filtered alerts as RFC 4180 CSV with the fixed columns', async () => {
    const res = await get(`/api/v1/alerts/export.csv?zone=${ORCHARD}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/)
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="zonetrace-alerts-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect(res.body.startsWith('\uFEFF')).toBe(true)
    const lines = res.body.slice(1).split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines[0]).toBe(
      'id,ruleId,zone,sensorId,gatewayId,metric,severity,state,historical,acknowledged,openedAt,clearedAt,' +
        'value,peakValue,threshold,triggerCount,message_vi,message_en',
    )
    expect(lines).toHaveLength(1 + 3 + 1)
    const rule = await presetRuleId(api.db, ORCHARD, 'salinity', 'critical')
    // Text always quoted, numbers and booleans bare.
    expect(lines[1]).toBe(
      `${orchardIds[2]},${rule},"${ORCHARD}","${ORCHARD_SENSOR}","gw-orchard","salinity","critical","active",false,false,` +
        `"${new Date(T0 + 102 * MINUTE).toISOString()}",,3.8,4.5,1.55,4,` +
        // Messages name the area before the sensor, and write numbers as each language does.
        `"Độ mặn 3,8 ppt vượt ngưỡng 1,55 ppt tại Vườn bưởi thử nghiệm (${ORCHARD_SENSOR})",` +
        `"Salinity 3.8 ppt above 1.55 ppt at Vườn bưởi thử nghiệm (${ORCHARD_SENSOR})"`,
    )
  })

  it('quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas', async () => {
    const rule = await presetRuleId(api.db, POND, 'salinity', 'major')
    const hostile = { ruleId: rule, zone: POND, metric: 'salinity', severity: 'major', threshold: 35 }
    await seedAlert(api.db, {
      ...hostile,
      sensorId: '=HYPERLINK("http://evil.example","click")',
      gatewayId: '@SUM(1,2)',
      openedAt: new Date(T0 + 501 * MINUTE),
      value: -3,
    })
    await seedAlert(api.db, {
      ...hostile,
      sensorId: '+cmd',
      gatewayId: 'gw, "north"\r\nbank',
      openedAt: new Date(T0 + 500 * MINUTE),
      value: 36,
    })
    const from = new Date(T0 + 499 * MINUTE).toISOString()
    const res = await get(`/api/v1/alerts/export.csv?zone=${POND}&from=${from}`)
    expect(res.statusCode).toBe(200)
    const raw = res.body.slice(1)
    expect(raw).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")","'@SUM(1,2)","salinity",`)
    const [header, first, second, ...rest] = parseCsv(raw)
    expect(rest).toEqual([])
    const col = (row: string[] | undefined, name: string) => row?.[header!.indexOf(name)]
    expect(col(first, 'sensorId')).toBe(`'=HYPERLINK("http://evil.example","click")`)
    expect(col(first, 'gatewayId')).toBe("'@SUM(1,2)")
    // A number stays a number: the guard is for text, and -3 is not a formula.
    expect(col(first, 'value')).toBe('-3')
    // The message names the sensor but starts with a label: quoted like all text, with no apostrophe.
    expect(col(first, 'message_vi')).toBe(
      'Độ mặn -3 ppt dưới ngưỡng 35 ppt tại Ao tôm thử nghiệm (=HYPERLINK("http://evil.example","click"))',
    )
    expect(col(second, 'sensorId')).toBe("'+cmd")
    expect(col(second, 'gatewayId')).toBe('gw, "north"\r\nbank')
  })

  it('is scoped like the list, refuses the public and bad filters with a 400', async () => {
    const theirs = await get('/api/v1/alerts/export.csv', api.buoi)
    expect(theirs.body.slice(1).trim().split('\r\n')).toHaveLength(1 + 3)
    expect((await api.app.inject({ url: '/api/v1/alerts/export.csv' })).statusCode).toBe(401)
    const bad = await get('/api/v1/alerts/export.csv?severity=loud')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('severity must be one of')
  })

  it('streams past one page: every matching alert, once, newest first', async () => {
    const rule = await presetRuleId(api.db, ORCHARD, 'salinity', 'critical')
    // 1,100 older cleared alerts, written in one statement: more than one page of the export.
    await api.db.query(
      `insert into alerts (rule_id, channel, sensor_id, gateway_id, zone_code, metric, kind, severity, state,
         opened_at, cleared_at, threshold, value, last_triggered_at)
       select $1, $2, $2, 'gw-orchard', $3, 'salinity', 'threshold', 'critical', 'cleared',
              $4::timestamptz - n * interval '1 minute', $4::timestamptz, 1.55, 2, $4::timestamptz
         from generate_series(1, 1100) n`,
      [rule, ORCHARD_SENSOR, ORCHARD, new Date(T0)],
    )
    const res = await get(`/api/v1/alerts/export.csv?zone=${ORCHARD}`)
    const rows = parseCsv(res.body.slice(1)).slice(1)
    expect(rows).toHaveLength(1103)
    const ids = rows.map((r) => Number(r[0]))
    expect(new Set(ids).size).toBe(1103)
    expect(ids.slice(0, 3)).toEqual([...orchardIds].reverse())
    const times = rows.map((r) => Date.parse(r[10]!))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
  })
})
