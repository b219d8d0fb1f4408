// POST /lots/:lotId/events with a client-made id (a phone's offline queue resending): one event however
// often or concurrently it is sent, 409 event_id_reused for the id on other content, and a recalled or
// consumed lot refusing all but inspecting with a reason a phone can put in Vietnamese.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { lotBody, startTraceHarness } from './trace-harness.ts'

const api = sharedFixture(startTraceHarness)

const packing = (id: string) => ({
  id,
  bizStep: 'packing',
  time: '2026-11-03T03:00:00Z',
  place: 'Xưởng Cầu Kè',
})
const eventsOf = async (lotId: string) =>
  (await api.app.inject({ url: `/api/v1/lots/${lotId}`, headers: api.vicosap })).json().events as {
    id: string
    bizStep: string
  }[]

describe('lot events with a client-made id', () => {
  it('records a resend once and answers it 200 with the stored event', async () => {
    const id = randomUUID()
    const first = await api.post('/api/v1/lots/DS2610A/events', api.vicosap, packing(id))
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ id, bizStep: 'packing', place: 'Xưởng Cầu Kè' })
    const again = await api.post('/api/v1/lots/DS2610A/events', api.vicosap, packing(id.toUpperCase()))
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(first.json())
    expect((await eventsOf('DS2610A')).filter((e) => e.id === id)).toHaveLength(1)
  })

  it('records a concurrent double send once, never a 500', async () => {
    const id = randomUUID()
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => api.post('/api/v1/lots/DS2610A/events', api.vicosap, packing(id))),
    )
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201])
    expect((await eventsOf('DS2610A')).filter((e) => e.id === id)).toHaveLength(1)
  })

  it('refuses the id on other content or another lot with 409 event_id_reused', async () => {
    const id = randomUUID()
    await api.post('/api/v1/lots/DS2610A/events', api.vicosap, packing(id))
    const other = await api.post('/api/v1/lots/DS2610A/events', api.vicosap, { ...packing(id), place: 'Kho' })
    expect(other.statusCode).toBe(409)
    expect(other.json()).toMatchObject({ code: 'event_id_reused' })
    expect(other.json().message).toMatch(/already used/)
    const foreign = await api.post('/api/v1/lots/HT2610A/events', api.hoaTan, packing(id))
    expect(foreign.statusCode).toBe(409)
    expect(foreign.json().code).toBe('event_id_reused')
    expect(foreign.json().message).not.toMatch(/DS2610A/)
  })

  it('refuses an id that is not a UUID with 400', async () => {
    const res = await api.post('/api/v1/lots/DS2610A/events', api.vicosap, packing('not-a-uuid'))
    expect(res.statusCode).toBe(400)
  })
})

describe('events on a lot that was recalled or consumed', () => {
  it('refuses shipping on a recalled lot with 409 lot_recalled naming the date and reason; inspecting is kept', async () => {
    await api.post('/api/v1/lots', api.vicosap, lotBody({ id: 'DS2612R', quantity: 100 }))
    const recall = await api.post('/api/v1/lots/DS2612R/recall', api.vicosap, { reason: 'nhiễm nấm mốc' })
    expect(recall.statusCode).toBeLessThan(300)
    for (const bizStep of ['shipping', 'receiving', 'packing']) {
      const res = await api.post('/api/v1/lots/DS2612R/events', api.vicosap, {
        bizStep,
        time: '2026-11-05T03:00:00Z',
      })
      expect(res.statusCode).toBe(409)
      expect(res.json().code).toBe('lot_recalled')
      expect(res.json().message).toMatch(/^lot DS2612R was recalled on \d{4}-\d\d-\d\d: nhiễm nấm mốc/)
    }
    const inspected = await api.post('/api/v1/lots/DS2612R/events', api.vicosap, {
      bizStep: 'inspecting',
      time: '2026-11-05T03:00:00Z',
    })
    expect(inspected.statusCode).toBe(201)
  })

  it('still answers a resend of an event recorded before the recall', async () => {
    await api.post('/api/v1/lots', api.vicosap, lotBody({ id: 'DS2612S', quantity: 100 }))
    const id = randomUUID()
    expect((await api.post('/api/v1/lots/DS2612S/events', api.vicosap, packing(id))).statusCode).toBe(201)
    await api.post('/api/v1/lots/DS2612S/recall', api.vicosap, { reason: 'thử' })
    expect((await api.post('/api/v1/lots/DS2612S/events', api.vicosap, packing(id))).statusCode).toBe(200)
  })

  it('refuses shipping on a lot split into others with 409 lot_consumed naming them', async () => {
    await api.post('/api/v1/lots', api.vicosap, lotBody({ id: 'DS2612P', quantity: 100 }))
    const split = await api.post('/api/v1/lots/DS2612P/split', api.vicosap, {
      parts: [
        { id: 'DS2612P1', quantity: 50 },
        { id: 'DS2612P2', quantity: 50 },
      ],
    })
    expect(split.statusCode).toBeLessThan(300)
    const res = await api.post('/api/v1/lots/DS2612P/events', api.vicosap, {
      bizStep: 'shipping',
      time: new Date().toISOString(),
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('lot_consumed')
    expect(res.json().message).toMatch(/DS2612P1, DS2612P2/)
  })
})
