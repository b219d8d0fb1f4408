// /workspace/feedback: comments escaped, reply and hide as plain posts (303 back; a refused reply keeps what
// was typed, 400), the CSV with its BOM, scan regions with a coarse dot map, flagged labels in Vietnamese,
// and nothing of another cooperative's, whose feedback answers 404 to a post.
import { addFeedback, listFeedback } from '@zonetrace/db'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { VICOSAP } from '../helpers/trace-fixtures.ts'
import { COOP_A, COOP_B, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)
const HOSTILE = '<script>alert(1)</script> ngon "lắm"'
let mine = 0
let theirs = 0

beforeAll(async () => {
  const db = ws.test.db
  mine = await addFeedback(db, {
    lotId: COOP_A.lotId,
    serial: 'VS1',
    rating: 4,
    comment: HOSTILE,
    lang: 'vi',
  })
  await addFeedback(db, {
    lotId: COOP_A.lotId,
    serial: 'VS2',
    rating: 2,
    comment: '=HYPERLINK("x")',
    lang: 'vi',
  })
  theirs = await addFeedback(db, {
    lotId: COOP_B.lotId,
    serial: 'HS1',
    rating: 1,
    comment: 'Của Hòa Tân',
    lang: 'vi',
  })
  await db.query(
    `insert into label_serials (serial, lot_id, kid, scan_count, clone_flag, clone_flagged_at) values
       ('VS1', $1, 'k1', 3, 'impossible_travel', now()), ('HS1', $2, 'k1', 50, 'too_many_scans', now())`,
    [COOP_A.lotId, COOP_B.lotId],
  )
  await db.query(
    `insert into label_scans (serial, lot_id, lat, lon, region, verdict) values
       ('VS1', $1, 9.93, 106.07, 'VN-VL', 'valid'), ('VS1', $1, 21.03, 105.85, 'VN-HN', 'valid'),
       ('HS1', $2, 10.8, 106.7, 'VN-SG', 'valid')`,
    [COOP_A.lotId, COOP_B.lotId],
  )
})

describe('GET /workspace/feedback', () => {
  it('shows the cooperative’s comments escaped, its ratings, regions and flagged labels only', async () => {
    const res = await ws.coopA.get('/workspace/feedback')
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('<script>alert(1)')
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ngon &quot;lắm&quot;')
    expect(res.body).not.toContain('Của Hòa Tân')
    expect(res.body).toMatch(
      /<svg viewBox="0 0 360 140" role="img" aria-label="Biểu đồ 12 tuần gần nhất: 2 đánh giá, trung bình 3 sao"/,
    )
    expect(res.body).toContain('<td>VN-VL</td><td>1</td>')
    expect(res.body).not.toContain('VN-SG')
    expect(res.body).toMatch(/<circle [^>]*><title>9\.9, 106\.1: 1<\/title>/)
    expect(res.body).toContain('Bị quét ở hai nơi quá xa nhau trong thời gian quá ngắn')
    expect(res.body).not.toContain('HS1')
  })
})

describe('replying and hiding', () => {
  it('stores a reply from the form and comes back to the comment with 303', async () => {
    await ws.coopA.get('/workspace/feedback')
    const res = await ws.coopA.post(`/workspace/feedback/${mine}/reply`, { reply: 'Cảm ơn <b>anh chị</b>!' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/workspace/feedback#fb-${mine}`)
    const page = await ws.coopA.get('/workspace/feedback')
    expect(page.body).toContain('Cảm ơn &lt;b&gt;anh chị&lt;/b&gt;!')
  })

  it('keeps an over-long reply in the form with the problem beside it, 400', async () => {
    await ws.coopA.get('/workspace/feedback')
    const long = `${'dài '.repeat(300)}<i>`
    const res = await ws.coopA.post(`/workspace/feedback/${mine}/reply`, { reply: long })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Lời trả lời dài quá 1000 ký tự')
    expect(res.body).toContain('aria-invalid="true"')
    expect(res.body).toContain(`${'dài '.repeat(3)}`)
    expect(res.body).toContain('&lt;i&gt;</textarea>')
  })

  it('hides and shows a comment', async () => {
    await ws.coopA.get('/workspace/feedback')
    expect((await ws.coopA.post(`/workspace/feedback/${mine}/hidden`, { hidden: '1' })).statusCode).toBe(303)
    expect((await listFeedback(ws.test.db, VICOSAP)).find((f) => f.id === mine)?.hidden).toBe(true)
    const page = await ws.coopA.get('/workspace/feedback')
    expect(page.body).toContain('Hiện lại ý kiến này')
    await ws.coopA.post(`/workspace/feedback/${mine}/hidden`, { hidden: '0' })
    expect((await listFeedback(ws.test.db, VICOSAP)).find((f) => f.id === mine)?.hidden).toBe(false)
  })

  it('answers another cooperative’s feedback, a missing one and a non-number with the 404 page', async () => {
    await ws.coopA.get('/workspace/feedback')
    for (const url of [
      `/workspace/feedback/${theirs}/reply`,
      `/workspace/feedback/${theirs}/hidden`,
      '/workspace/feedback/99999/hidden',
      '/workspace/feedback/abc/reply',
    ]) {
      const res = await ws.coopA.post(url, { reply: 'x', hidden: '1' })
      expect(res.statusCode, url).toBe(404)
      expect(res.body).toContain('Không tìm thấy ý kiến')
    }
    const [other] = await listFeedback(ws.test.db, { cooperativeId: COOP_B.cooperativeId, subject: 't' })
    expect(other).toMatchObject({ reply: null, hidden: false })
  })

  it('refuses a post without the form’s token', async () => {
    const res = await ws.coopA.post(`/workspace/feedback/${mine}/hidden`, { _csrf: null, hidden: '1' })
    expect(res.statusCode).toBe(403)
  })
})

describe('GET /workspace/feedback.csv', () => {
  it('is UTF-8 with a BOM, quoted, formulas defused, the cooperative’s rows only', async () => {
    const res = await ws.coopA.get('/workspace/feedback.csv')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/)
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(res.body).toContain('Mã,Ngày,Lô,Số tem,Số sao,Ý kiến')
    expect(res.body).toContain('"<script>alert(1)</script> ngon ""lắm"""')
    expect(res.body).toContain(`"'=HYPERLINK(""x"")"`)
    expect(res.body).not.toContain('Của Hòa Tân')
  })
})

describe('in English', () => {
  it('speaks English on both pages to a person who chose it', async () => {
    await ws.test.db.query(`update users set lang = 'en' where email = $1`, [COOP_B.email])
    const home = await ws.coopB.get('/workspace')
    expect(home.body).toContain('<h1>Overview</h1>')
    expect(home.body).toContain('Labels that look copied')
    const page = await ws.coopB.get('/workspace/feedback')
    expect(page.body).toContain('<h1>Feedback and scans</h1>')
    expect(page.body).toContain('Scanned too many times: the label may have been reprinted')
    const csv = await ws.coopB.get('/workspace/feedback.csv')
    expect(csv.body).toContain('Id,Date,Lot,Label,Stars,Comment')
    await ws.test.db.query(`update users set lang = 'vi' where email = $1`, [COOP_B.email])
  })
})
