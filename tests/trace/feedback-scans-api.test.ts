// PATCH /feedback/:id (the owning cooperative answers or hides), GET /scans/regions and GET /labels/flagged:
// each cooperative reaches only its own; officers read all; positions come back no finer than 0.1°.
import { addFeedback, type Database } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { startTraceHarness } from './trace-harness.ts'

const api = sharedFixture(startTraceHarness)
let vicosapFeedback = 0
let hoaTanFeedback = 0

/** Serials issued straight in the table: these tests are about reading scans back, not issuing labels. */
async function seedScans(db: Database): Promise<void> {
  await db.query(
    `insert into label_serials (serial, lot_id, kid, scan_count, clone_flag, clone_flagged_at) values
       ('VSERIAL1', 'DS2610A', 'k1', 30, 'too_many_scans', now()),
       ('VSERIAL2', 'DS2610A', 'k1', 1, null, null),
       ('HSERIAL1', 'HT2610A', 'k1', 9, 'impossible_travel', now())`,
  )
  await db.query(
    `insert into label_scans (serial, lot_id, lat, lon, region, verdict) values
       ('VSERIAL1', 'DS2610A', 10.2345, 105.9876, 'VN-VL', 'valid'),
       ('VSERIAL1', 'DS2610A', 10.2111, 105.9599, 'VN-VL', 'valid'),
       ('VSERIAL2', 'DS2610A', 10.78, 106.7, 'VN-SG', 'valid'),
       ('VSERIAL2', 'DS2610A', null, null, null, 'valid'),
       ('HSERIAL1', 'HT2610A', 21.03, 105.85, 'VN-HN', 'valid')`,
  )
}

beforeAll(async () => {
  vicosapFeedback = await addFeedback(api.test.db, {
    lotId: 'DS2610A',
    serial: 'VSERIAL1',
    rating: 5,
    comment: 'Ngon',
    lang: 'vi',
  })
  hoaTanFeedback = await addFeedback(api.test.db, {
    lotId: 'HT2610A',
    serial: 'HSERIAL1',
    rating: 2,
    comment: 'Hơi ngọt',
    lang: 'vi',
  })
  await seedScans(api.test.db)
})

const patch = (id: number, as: { authorization: string }, payload: object) =>
  api.app.inject({ method: 'PATCH', url: `/api/v1/feedback/${id}`, headers: as, payload })

describe('PATCH /feedback/:id', () => {
  it('lets the owning cooperative answer, hide, show and withdraw its answer', async () => {
    const answered = await patch(vicosapFeedback, api.vicosap, { reply: '  Cảm ơn anh chị!  ' })
    expect(answered.statusCode).toBe(200)
    expect(answered.json()).toMatchObject({ reply: 'Cảm ơn anh chị!', hidden: false })
    expect(Date.parse(answered.json().repliedAt)).not.toBeNaN()
    const hidden = await patch(vicosapFeedback, api.vicosap, { hidden: true })
    expect(hidden.json()).toMatchObject({ reply: 'Cảm ơn anh chị!', hidden: true })
    const listed = await api.app.inject({ url: '/api/v1/feedback', headers: api.vicosap })
    expect(listed.json().feedback[0]).toMatchObject({ id: vicosapFeedback, hidden: true })
    const shown = await patch(vicosapFeedback, api.vicosap, { hidden: false, reply: null })
    expect(shown.json()).toMatchObject({ reply: null, repliedAt: null, hidden: false })
  })

  it('answers another cooperative’s feedback and a missing one with 404; officers may not answer', async () => {
    expect((await patch(hoaTanFeedback, api.vicosap, { reply: 'x' })).statusCode).toBe(404)
    expect((await patch(999_999, api.vicosap, { reply: 'x' })).statusCode).toBe(404)
    expect((await patch(hoaTanFeedback, api.officer, { hidden: true })).statusCode).toBe(403)
    const untouched = await api.app.inject({ url: '/api/v1/feedback', headers: api.hoaTan })
    expect(untouched.json().feedback[0]).toMatchObject({ reply: null, hidden: false })
  })

  it('refuses an over-long reply with 400', async () => {
    expect((await patch(vicosapFeedback, api.vicosap, { reply: 'a'.repeat(1001) })).statusCode).toBe(400)
  })
})

describe('scan regions and flagged serials', () => {
  it('counts a cooperative’s own scans per region, with positions rounded to 0.1°', async () => {
    const res = await api.app.inject({ url: '/api/v1/scans/regions', headers: api.vicosap })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.total).toBe(4)
    expect(body.regions.map((r: { region: string | null; scans: number }) => [r.region, r.scans])).toEqual([
      ['VN-VL', 2],
      ['VN-SG', 1],
      [null, 1],
    ])
    expect(body.cells).toContainEqual({ lat: 10.2, lon: 106, scans: 2 })
    for (const c of body.cells) {
      expect(Math.round(c.lat * 10) / 10).toBe(c.lat)
      expect(Math.round(c.lon * 10) / 10).toBe(c.lon)
    }
  })

  it('gives another cooperative nothing of these, and officers all', async () => {
    const other = (await api.app.inject({ url: '/api/v1/scans/regions', headers: api.hoaTan })).json()
    expect(other.regions.map((r: { region: string }) => r.region)).toEqual(['VN-HN'])
    const all = (await api.app.inject({ url: '/api/v1/scans/regions', headers: api.officer })).json()
    expect(all.total).toBe(5)
  })

  it('lists flagged serials across the cooperative’s lots only', async () => {
    const own = (await api.app.inject({ url: '/api/v1/labels/flagged', headers: api.vicosap })).json()
    expect(own.flagged).toEqual([
      expect.objectContaining({ serial: 'VSERIAL1', lotId: 'DS2610A', flag: 'too_many_scans', scans: 30 }),
    ])
    const other = (await api.app.inject({ url: '/api/v1/labels/flagged', headers: api.hoaTan })).json()
    expect(other.flagged.map((f: { serial: string }) => f.serial)).toEqual(['HSERIAL1'])
    const all = (await api.app.inject({ url: '/api/v1/labels/flagged', headers: api.officer })).json()
    expect(all.flagged).toHaveLength(2)
    expect((await api.app.inject({ url: '/api/v1/labels/flagged' })).statusCode).toBe(401)
  })
})
