// The workspace's lot pages, served and posted as a phone would without script: the list, creating a lot,
// recording an event, splitting, merging, and a recall that lists every derived lot before it happens.
// Refusals come back as 400 pages in Vietnamese; another cooperative's lots answer 404 to every request.
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { COOP_A, COOP_B, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)

/** Vietnam time, to the minute, as a datetime-local input holds it. */
const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16)

async function createLot(id: string, extra: Record<string, string | null> = {}) {
  await ws.coopA.get('/workspace/lots/new')
  const now = Date.now()
  const res = await ws.coopA.post('/workspace/lots/new', {
    productId: COOP_A.productId,
    areaCodes: COOP_A.areaCode,
    harvestedFrom: local(now - 86_400_000),
    harvestedTo: local(now - 3_600_000),
    quantity: '1200',
    unit: 'KGM',
    id,
    note: 'Lô thử',
    ...extra,
  })
  return res
}

/** A form post with repeated fields (split parts, merge inputs), as a browser sends them. */
async function postPairs(url: string, pairs: [string, string][]) {
  const b = ws.coopA
  return ws.app.inject({
    method: 'POST',
    url,
    cookies: Object.fromEntries(b.cookies),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', b.csrf], ...pairs]).toString(),
  })
}
const parts = (...ps: [string, string][]): [string, string][] =>
  ps.flatMap(
    ([id, q]) =>
      [
        ['partId', id],
        ['partQuantity', q],
      ] as [string, string][],
  )

describe('workspace lots', () => {
  it('lists the cooperative’s lots with their state, and only its own', async () => {
    const res = await ws.coopA.get('/workspace/lots')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(COOP_A.lotId)
    expect(res.body).toContain('Đang lưu hành')
    expect(res.body).toContain('href="/workspace/lots/new"')
    expect(res.body).not.toContain(COOP_B.lotId)
  })

  it('offers only its own products and areas, with a suggested lot number', async () => {
    const res = await ws.coopA.get('/workspace/lots/new')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`value="${COOP_A.productId}"`)
    expect(res.body).toContain(`value="${COOP_A.areaCode}"`)
    expect(res.body).not.toContain(COOP_B.productId)
    expect(res.body).not.toContain(COOP_B.areaCode)
    expect(res.body).toMatch(/name="id" value="L\d{6}-[A-Z0-9]{3}"/)
    expect(res.body).toContain('value="KGM" selected')
  })

  it('creates a lot, then shows it with its harvest in the timeline', async () => {
    const res = await createLot('WS-NEW-1')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/workspace/lots/WS-NEW-1?created=1')
    const page = await ws.coopA.get(res.headers.location as string)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Đã tạo lô WS-NEW-1.')
    expect(page.body).toContain('Thu hoạch')
    expect(page.body).toContain('Cần in tem cho lô trước khi xem trang người tiêu dùng.')
    expect(page.body).toContain('Số đo cảm biến') // the consumer page's evidence section
  })

  it('refuses a bad form with 400, the reason in Vietnamese beside the field, what was typed kept', async () => {
    const blank = await createLot('', { quantity: 'nhiều', areaCodes: null })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('Hãy nhập một số lớn hơn 0')
    expect(blank.body).toContain('Ô này cần điền.')
    expect(blank.body).toContain('value="nhiều"')
    const accented = await createLot('LÔ 1')
    expect(accented.statusCode).toBe(400)
    expect(accented.body).toContain('Số lô chỉ được có chữ không dấu')
    const backwards = await createLot('WS-BACK', {
      harvestedFrom: local(Date.now() - 3_600_000),
      harvestedTo: local(Date.now() - 86_400_000),
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.body).toContain('Ngày bắt đầu thu hoạch phải trước ngày kết thúc.')
    const again = await createLot(COOP_A.lotId)
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain(`Số lô ${COOP_A.lotId} đã được dùng.`)
    // Another cooperative's product or area is refused like one that does not exist.
    const foreignProduct = await createLot('WS-FOREIGN', { productId: COOP_B.productId })
    expect(foreignProduct.statusCode).toBe(400)
    expect(foreignProduct.body).toContain('Hãy chọn một sản phẩm trong danh sách.')
    const foreignArea = await createLot('WS-FOREIGN', { areaCodes: COOP_B.areaCode })
    expect(foreignArea.statusCode).toBe(400)
    expect(foreignArea.body).toContain('không thuộc hợp tác xã của bạn')
  })

  it('records an event in Vietnam time, shown newest first', async () => {
    await createLot('WS-EVT')
    await ws.coopA.get('/workspace/lots/WS-EVT')
    const at = Date.now() - 30 * 60_000
    const res = await ws.coopA.post('/workspace/lots/WS-EVT/events', {
      bizStep: 'packing',
      time: local(at),
      place: 'Nhà sơ chế Ngọc Hồ',
      note: '',
    })
    expect(res.statusCode).toBe(303)
    const page = await ws.coopA.get(res.headers.location as string)
    expect(page.body).toContain('Đã ghi sự kiện.')
    const timeline = page.body.slice(page.body.indexOf('ws-timeline'))
    expect(timeline.indexOf('Đóng gói')).toBeLessThan(timeline.indexOf('Thu hoạch'))
    expect(timeline).toContain('Nhà sơ chế Ngọc Hồ')
    const oldest = await ws.coopA.get('/workspace/lots/WS-EVT?order=oldest')
    const t2 = oldest.body.slice(oldest.body.indexOf('ws-timeline'))
    expect(t2.indexOf('Thu hoạch')).toBeLessThan(t2.indexOf('Đóng gói'))
    const rows = await ws.test.db.query<{ t: Date }>(
      `select event_time as t from lot_events where lot_id = 'WS-EVT' and biz_step = 'packing'`,
    )
    // The typed minute, read as Vietnam time whatever the server's zone.
    expect(rows[0]!.t.getTime()).toBe(Math.floor(at / 60_000) * 60_000)
  })

  it('refuses an event in the future and an unknown step with 400', async () => {
    await ws.coopA.get('/workspace/lots/WS-EVT')
    const future = await ws.coopA.post('/workspace/lots/WS-EVT/events', {
      bizStep: 'shipping',
      time: local(Date.now() + 86_400_000),
      place: '',
    })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('Thời gian không được ở tương lai.')
    const step = await ws.coopA.post('/workspace/lots/WS-EVT/events', {
      bizStep: 'recalled',
      time: '',
      place: '',
    })
    expect(step.statusCode).toBe(400)
    expect(step.body).toContain('Hãy chọn một bước trong danh sách.')
  })

  it('splits a lot into parts and shows the lineage both ways', async () => {
    await createLot('WS-SPLIT')
    await ws.coopA.get('/workspace/lots/WS-SPLIT')
    const over = await postPairs(
      '/workspace/lots/WS-SPLIT/split',
      parts(['WS-S1', '1000'], ['WS-S2', '1000']),
    )
    expect(over.statusCode).toBe(400)
    expect(over.body).toContain('vượt quá lô')
    const one = await ws.coopA.post('/workspace/lots/WS-SPLIT/split', { partId: 'WS-S1', partQuantity: '10' })
    expect(one.statusCode).toBe(400)
    expect(one.body).toContain('ít nhất hai phần')
    const res = await postPairs(
      '/workspace/lots/WS-SPLIT/split',
      parts(['WS-S1', '700'], ['WS-S2', '500'], ['', '']),
    )
    expect(res.statusCode).toBe(303)
    const page = await ws.coopA.get(res.headers.location as string)
    expect(page.body).toContain('Đã chia thành: WS-S1, WS-S2.')
    expect(page.body).toContain('href="/workspace/lots/WS-S1"')
    // The lot split away takes no more shipping: the page says where to record it instead.
    const consumed = await ws.coopA.post('/workspace/lots/WS-SPLIT/events', {
      bizStep: 'shipping',
      time: '',
      place: '',
    })
    expect(consumed.statusCode).toBe(400)
    expect(consumed.body).toContain('Lô đã được chia hoặc gộp thành WS-S1, WS-S2')
    const child = await ws.coopA.get('/workspace/lots/WS-S1')
    expect(child.body).toContain('href="/workspace/lots/WS-SPLIT"')
    expect(child.body).toContain('700 kg')
  })

  it('merges lots of the same product into a new lot', async () => {
    const page = await ws.coopA.get('/workspace/lots/WS-S1')
    expect(page.body).toContain('name="inputs" value="WS-S2"')
    const res = await ws.coopA.post('/workspace/lots/WS-S1/merge', { inputs: 'WS-S2', id: 'WS-M1' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/workspace/lots/WS-M1?merged=WS-M1')
    const merged = await ws.coopA.get('/workspace/lots/WS-M1')
    expect(merged.body).toContain('1.200 kg')
    expect(merged.body).toContain('href="/workspace/lots/WS-S2"')
    const none = await ws.coopA.post('/workspace/lots/WS-S1/merge', { id: 'WS-M2' })
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('Hãy chọn ít nhất một lô để gộp cùng.')
  })

  it('lists every derived lot before a recall, recalls them all, then lists what it reached', async () => {
    const confirm = await ws.coopA.get('/workspace/lots/WS-SPLIT/recall')
    expect(confirm.statusCode).toBe(200)
    for (const id of ['WS-SPLIT', 'WS-S1', 'WS-S2', 'WS-M1'])
      expect(confirm.body).toContain(`href="/workspace/lots/${id}"`)
    expect(confirm.body).toContain('Thu hồi sẽ áp dụng cho 4 lô')
    // Nothing changed by looking.
    expect((await ws.coopA.get('/workspace/lots/WS-M1')).body).not.toContain('Lô này đã bị thu hồi.')
    const noReason = await ws.coopA.post('/workspace/lots/WS-SPLIT/recall', { reason: '  ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Hãy ghi lý do thu hồi')
    const res = await ws.coopA.post('/workspace/lots/WS-SPLIT/recall', { reason: 'Phát hiện nấm mốc' })
    expect(res.statusCode).toBe(303)
    const done = await ws.coopA.get(res.headers.location as string)
    expect(done.body).toContain('Đã thu hồi 4 lô.')
    expect(done.body).toContain('Phát hiện nấm mốc')
    const merged = await ws.coopA.get('/workspace/lots/WS-M1')
    expect(merged.body).toContain('Lô này đã bị thu hồi.')
    // Only an inspection may still be recorded on a recalled lot; anything else is refused with why.
    expect(merged.body).toContain('<option value="inspecting" selected>')
    expect(merged.body).not.toContain('<option value="shipping"')
    expect(merged.body).not.toContain('/WS-M1/split')
    const shipped = await ws.coopA.post('/workspace/lots/WS-M1/events', {
      bizStep: 'shipping',
      time: '',
      place: '',
    })
    expect(shipped.statusCode).toBe(400)
    expect(shipped.body).toContain('Lô đã bị thu hồi')
    expect(shipped.body).toContain('chỉ còn ghi được bước Kiểm tra')
    const list = await ws.coopA.get('/workspace/lots')
    expect(list.body).toContain('lot-card recalled')
  })

  it('answers 404 to every page and form of another cooperative’s lot', async () => {
    const b = COOP_B.lotId
    await ws.coopA.get('/workspace/lots')
    for (const url of [
      `/workspace/lots/${b}`,
      `/workspace/lots/${b}/recall`,
      `/workspace/lots/${b}/labels`,
      '/workspace/lots/NO-SUCH-LOT',
      '/workspace/lots/%E2%9C%95',
    ]) {
      const res = await ws.coopA.get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.body).not.toContain('Dừa sáp Hòa Tân')
    }
    const posts: [string, Record<string, string>][] = [
      [`/workspace/lots/${b}/events`, { bizStep: 'shipping', time: '', place: 'x' }],
      [`/workspace/lots/${b}/recall`, { reason: 'thử' }],
      [`/workspace/lots/${b}/labels`, { count: '1', layout: 'a4-3x5' }],
      [`/workspace/lots/${COOP_A.lotId}/merge`, { inputs: b, id: 'STEAL-1' }],
    ]
    for (const [url, form] of posts) {
      const res = await ws.coopA.post(url, form)
      expect(res.statusCode, url).toBe(404)
    }
    const split = await postPairs(`/workspace/lots/${b}/split`, parts(['B1', '1'], ['B2', '1']))
    expect(split.statusCode).toBe(404)
    const [row] = await ws.test.db.query<{ disposition: string; n: number }>(
      `select disposition, (select count(*)::int from lot_events where lot_id = $1) as n from lots where id = $1`,
      [b],
    )
    expect(row).toEqual({ disposition: 'active', n: 1 })
    expect(await ws.test.db.query(`select 1 from lots where id in ('B1', 'B2', 'STEAL-1')`)).toEqual([])
  })

  it('is for cooperatives: an officer is refused, a stranger sent to sign in', async () => {
    expect((await ws.officer.get('/workspace/lots')).statusCode).toBe(403)
    const stranger = await ws.browser().get('/workspace/lots')
    expect(stranger.statusCode).toBe(303)
  })
})
