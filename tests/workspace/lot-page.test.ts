// A lot's page beyond its forms: the consumer page's evidence charts drawn from its areas' readings, the
// pages in English, and lot numbers using the GS1 punctuation (/ and %) in their addresses.
import { emptyBatch, insertReadings, provisionGateway } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { COOP_A, COOP_B, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)

/** Vietnam time, to the minute, as a datetime-local input holds it. */
const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16)

async function createLot(id: string) {
  await ws.coopA.get('/workspace/lots/new')
  return ws.coopA.post('/workspace/lots/new', {
    productId: COOP_A.productId,
    areaCodes: COOP_A.areaCode,
    harvestedFrom: local(Date.now() - 86_400_000),
    harvestedTo: local(Date.now() - 3_600_000),
    quantity: '500',
    unit: 'KGM',
    id,
  })
}

describe('the lot page’s sensor evidence', () => {
  it('draws the consumer page’s charts from its areas’ readings over the growing period', async () => {
    await provisionGateway(ws.test.db, {
      id: 'gw-ws-lots',
      zone: COOP_A.areaCode,
      sensors: ['salinity', 'ph'],
    })
    const b = emptyBatch()
    const start = Date.now() - 3 * 86_400_000
    for (let h = 0; h < 48; h++) {
      for (const [metric, value] of [
        ['salinity', 0.4 + (h % 5) / 10],
        ['ph', 6.8 + (h % 3) / 10],
      ] as const) {
        b.time.push(start + h * 3_600_000)
        b.sensorId.push('gw-ws-lots-s1')
        b.metric.push(metric)
        b.value.push(value)
        b.quality.push(0)
      }
    }
    await insertReadings(ws.test.db, b)
    await createLot('WS-EVD')
    const page = await ws.coopA.get('/workspace/lots/WS-EVD')
    expect(page.statusCode).toBe(200)
    const evidence = page.body.slice(page.body.indexOf('ws-evidence'))
    expect(evidence).toContain('<svg')
    expect(evidence).toContain('class="chart"')
    expect(evidence).toMatch(/Độ mặn/)
  })
})

describe('the lot pages in English', () => {
  it('follow the account’s language', async () => {
    const b = ws.browser()
    await b.signIn(COOP_B.email)
    await b.get('/workspace/lots')
    expect((await b.post('/console/lang', { lang: 'en', next: '/workspace/lots' })).statusCode).toBe(303)
    const list = await b.get('/workspace/lots')
    expect(list.body).toContain('In circulation')
    const lot = await b.get(`/workspace/lots/${COOP_B.lotId}`)
    expect(lot.body).toContain('Record an event')
    expect(lot.body).toContain('Issue labels for this lot')
    const refused = await b.post(`/workspace/lots/${COOP_B.lotId}/events`, {
      bizStep: 'packing',
      time: 'soon',
      place: '',
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('Enter a date and time.')
  })
})

describe('lot numbers with the GS1 punctuation', () => {
  it('opens, records on and issues labels for a lot whose number holds / and %', async () => {
    const id = 'WS/26%A'
    const res = await createLot(id)
    expect(res.statusCode).toBe(303)
    const path = `/workspace/lots/${encodeURIComponent(id)}`
    expect(res.headers.location).toBe(`${path}?created=1`)
    const page = await ws.coopA.get(path)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`action="${path}/events"`)
    const event = await ws.coopA.post(`${path}/events`, { bizStep: 'inspecting', time: '', place: 'kho' })
    expect(event.statusCode).toBe(303)
    expect((await ws.coopA.get(`${path}/labels`)).statusCode).toBe(200)
    expect((await ws.coopA.post(`${path}/labels`, { count: '1', layout: 'a4-3x5' })).statusCode).toBe(303)
  })
})
