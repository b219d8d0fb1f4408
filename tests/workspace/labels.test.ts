// A lot's labels in the workspace: issuing a batch by form (refusals in Vietnamese, 400), the batches listed
// with their signing key, their PDF, SVG and ZIP downloaded with the session cookie alone, the consumer
// page opened from the lot, a revoked key marked on its batches, and another cooperative refused (404).
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { COOP_A, COOP_B, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)
const labels = `/workspace/lots/${COOP_A.lotId}/labels`

/** The download paths listed on the labels page, newest batch first. */
function downloads(body: string): string[] {
  return [...body.matchAll(/action="(\/api\/v1\/lots\/[^"]+\/labels\.pdf)"/g)].map((m) => m[1]!)
}

describe('workspace labels', () => {
  it('offers the issue form with every print layout, in Vietnamese', async () => {
    const res = await ws.coopA.get(labels)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<label-issue')
    expect(res.body).toContain('A4 · 15 tem/tờ')
    expect(res.body).toContain('Cuộn 62 mm')
    expect(res.body).toContain('Chưa in đợt tem nào.')
    expect(res.body).toMatch(/<script type="module" src="\/console\/dist\/label-issue\.[^"]+\.js">/)
  })

  it('refuses a count or layout it cannot issue, with 400 and the reason beside the field', async () => {
    await ws.coopA.get(labels)
    for (const count of ['0', 'nhiều', '10001']) {
      const res = await ws.coopA.post(labels, { count, layout: 'a4-3x5' })
      expect(res.statusCode, count).toBe(400)
      expect(res.body).toContain('Hãy nhập số tem là số nguyên từ 1 đến 10.000.')
      expect(res.body).toContain(`value="${count}"`)
    }
    const small = await ws.coopA.post(labels, { count: '3', layout: 'a4-8x12' })
    expect(small.statusCode).toBe(400)
    expect(small.body).toContain('id="issue-layout-error">Khổ in này quá nhỏ để in mã QR đọc được')
    const unknown = await ws.coopA.post(labels, { count: '3', layout: 'a4-99x99' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.body).toContain('id="issue-layout-error">Hãy chọn một khổ in trong danh sách.')
    expect(await ws.test.db.query(`select 1 from label_batches where lot_id = $1`, [COOP_A.lotId])).toEqual(
      [],
    )
  })

  it('issues a batch and lists it with its key, count and layout; its files download with the session', async () => {
    await ws.coopA.get(labels)
    const res = await ws.coopA.post(labels, { count: '20', layout: 'a4-2x4' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`${labels}?issued=20`)
    const page = await ws.coopA.get(res.headers.location as string)
    expect(page.body).toContain('Đã tạo 20 tem.')
    const [batch] = await ws.test.db.query<{ id: string; kid: string }>(
      `select id, kid from label_batches where lot_id = $1`,
      [COOP_A.lotId],
    )
    expect(page.body).toContain(`<code>${batch!.kid}</code>`)
    expect(page.body).toContain('A4 · 8 tem/tờ')
    expect(page.body).toContain('<dd>20</dd>')
    const [pdf] = downloads(page.body)
    expect(pdf).toBe(`/api/v1/lots/${COOP_A.lotId}/labels/batches/${batch!.id}/labels.pdf`)
    const file = await ws.coopA.get(`${pdf}?lang=vi&layout=a4-3x5`)
    expect(file.statusCode).toBe(200)
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF')
    const svg = await ws.coopA.get(`${pdf!.replace('labels.pdf', 'sheet.svg')}?lang=vi&layout=a4-2x4`)
    expect(svg.statusCode).toBe(200)
    expect(svg.body).toContain('<svg')
    const zip = await ws.coopA.get(`${pdf!.replace('labels.pdf', 'labels.zip')}?lang=vi&layout=a4-2x4`)
    expect(zip.statusCode).toBe(200)
    expect(zip.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })

  it('links the lot to the consumer page of one of its labels', async () => {
    const lot = await ws.coopA.get(`/workspace/lots/${COOP_A.lotId}`)
    expect(lot.body).toContain('Tem nhãn: 1 đợt đã in')
    const preview = /href="(\/01\/[^"]+)"/.exec(lot.body)?.[1]?.replaceAll('&amp;', '&')
    expect(preview).toMatch(new RegExp(`^/01/0?${COOP_A.gtin}/10/${COOP_A.lotId}/21/`))
    const page = await ws.browser().get(preview!)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(COOP_A.lotId)
    expect(page.body).toContain('Dừa sáp sợi')
  })

  it('keeps another cooperative away from the lot’s labels and batch files (404)', async () => {
    const [batch] = await ws.test.db.query<{ id: string }>(`select id from label_batches where lot_id = $1`, [
      COOP_A.lotId,
    ])
    const files = `/api/v1/lots/${COOP_A.lotId}/labels/batches/${batch!.id}`
    expect((await ws.coopB.get(labels)).statusCode).toBe(404)
    for (const f of ['labels.pdf', 'sheet.svg', 'labels.zip', 'labels.csv']) {
      const res = await ws.coopB.get(`${files}/${f}`)
      expect(res.statusCode, f).toBe(404)
    }
    // The batch id under B's own lot is no way round.
    const crafted = await ws.coopB.get(`/api/v1/lots/${COOP_B.lotId}/labels/batches/${batch!.id}/labels.pdf`)
    expect(crafted.statusCode).toBe(404)
    await ws.coopB.get('/workspace/lots')
    expect((await ws.coopB.post(labels, { count: '5', layout: 'a4-3x5' })).statusCode).toBe(404)
    const count = await ws.test.db.query(`select 1 from label_batches where lot_id = $1`, [COOP_A.lotId])
    expect(count).toHaveLength(1)
    const own = await ws.coopB.get(`/workspace/lots/${COOP_B.lotId}/labels`)
    expect(own.body).not.toContain(batch!.id)
  })

  it('marks the batches of a revoked key and offers no download for them', async () => {
    const [batch] = await ws.test.db.query<{ kid: string }>(
      `select kid from label_batches where lot_id = $1`,
      [COOP_A.lotId],
    )
    await ws.app.labelKeys.rotate()
    await ws.app.labelKeys.revoke(batch!.kid)
    const page = await ws.coopA.get(labels)
    expect(page.body).toContain('Khóa đã thu hồi')
    expect(downloads(page.body)).toEqual([])
    // A new batch is signed by the new key, and downloads again.
    await ws.coopA.post(labels, { count: '2', layout: 'roll-50' })
    const after = await ws.coopA.get(labels)
    expect(downloads(after.body)).toHaveLength(1)
  })

  it('issues no labels for a recalled lot', async () => {
    await ws.coopA.get(`/workspace/lots/${COOP_A.lotId}/recall`)
    await ws.coopA.post(`/workspace/lots/${COOP_A.lotId}/recall`, { reason: 'Thử thu hồi' })
    const page = await ws.coopA.get(labels)
    expect(page.body).toContain('Lô đã bị thu hồi: không in thêm tem.')
    expect(page.body).not.toContain('<label-issue')
    const res = await ws.coopA.post(labels, { count: '2', layout: 'a4-3x5' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Lô đã bị thu hồi: không in thêm tem.')
  })
})
