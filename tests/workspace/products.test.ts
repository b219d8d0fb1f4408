// The cooperative's OCOP product pages (issue 16): list, register, edit, the GTIN's check digit explained,
// and that one cooperative can neither see nor change another's product however the request is crafted.
import { getProductRow, listProducts } from '@zonetrace/db'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { COOP_A, COOP_B, startWorkspaceHarness } from './workspace-fixture.ts'

const ws = sharedFixture(() => startWorkspaceHarness(), 60_000)

function productForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Kẹo dừa sáp Cầu Kè',
    nameEn: 'Wax coconut candy',
    group: 'food',
    stars: '4',
    // 893123456789 + check digit 7
    gtin: '8931234567897',
    certificateNo: 'OCOP-VL-2026-17',
    certifiedOn: '2026-01-15',
    certificateExpiresOn: '',
    ...over,
  }
}

const coopOf = (cooperativeId: string) => ({ cooperativeId, subject: null })

describe('workspace products', () => {
  it("lists the cooperative's own products and not another's", async () => {
    const page = await ws.coopA.get('/workspace/products')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`href="/workspace/products/${COOP_A.productId}/edit"`)
    expect(page.body).not.toContain(COOP_B.productId)
    expect(page.body).toContain('href="/workspace/products/new"')
  })

  it('offers the OCOP groups in Vietnamese and 1 to 5 stars', async () => {
    const page = await ws.coopA.get('/workspace/products/new')
    expect(page.body).toContain('<option value="ornamental">Sinh vật cảnh</option>')
    expect(page.body).toMatch(/name="stars" value="5"/)
    expect(page.body).toContain('<gtin-check')
  })

  it('registers a product and lists it with its certificate running 36 months', async () => {
    await ws.coopA.get('/workspace/products/new')
    const res = await ws.coopA.post('/workspace/products/new', productForm())
    expect(res.statusCode).toBe(303)
    const list = await ws.coopA.get(res.headers.location as string)
    expect(list.body).toContain('Đã lưu sản phẩm Kẹo dừa sáp Cầu Kè.')
    expect(list.body).toContain('Thực phẩm')
    expect(list.body).toContain('4 sao')
    expect(list.body).toContain('08931234567897')
    expect(list.body).toContain('hết hạn 15/01/2029')
    const mine = await listProducts(ws.test.db, coopOf(COOP_A.cooperativeId))
    const saved = mine.find((p) => p.name === 'Kẹo dừa sáp Cầu Kè')
    expect(saved?.id).toMatch(/^keo-dua-sap-cau-ke-[0-9a-f]{6}$/)
  })

  it('explains a wrong check digit and keeps what was typed', async () => {
    await ws.coopA.get('/workspace/products/new')
    const res = await ws.coopA.post(
      '/workspace/products/new',
      productForm({ gtin: '8931234567893', name: 'Sai số' }),
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Số kiểm tra sai: với 12 chữ số đầu, số cuối phải là 7, không phải 3.')
    expect(res.body).toContain('value="8931234567893"')
    expect(res.body).toContain('value="Sai số"')
    expect(res.body).toMatch(/id="product-gtin-error" aria-live="polite">Số kiểm tra sai/)
  })

  it('says what is wrong beside each field', async () => {
    await ws.coopA.get('/workspace/products/new')
    const res = await ws.coopA.post(
      '/workspace/products/new',
      productForm({ name: '', group: 'bananas', stars: '7', gtin: '12345', certifiedOn: '2026-13-40' }),
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('id="product-name-error">Hãy điền mục này.')
    expect(res.body).toContain('id="product-group-error">Hãy chọn một nhóm')
    expect(res.body).toContain('id="product-stars-error">Hãy chọn từ 1 đến 5 sao.')
    expect(res.body).toContain('Mã GTIN có 8, 12, 13 hoặc 14 chữ số; đã nhập 5.')
    expect(res.body).toContain('id="product-certifiedOn-error">Ngày không hợp lệ.')
  })

  it("refuses a GTIN that is another product's", async () => {
    await ws.coopA.get('/workspace/products/new')
    const res = await ws.coopA.post(
      '/workspace/products/new',
      productForm({ gtin: COOP_B.gtin, name: 'Trùng' }),
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Mã GTIN này đã thuộc một sản phẩm khác.')
  })

  it('edits its own product', async () => {
    const form = await ws.coopA.get(`/workspace/products/${COOP_A.productId}/edit`)
    expect(form.statusCode).toBe(200)
    const res = await ws.coopA.post(
      `/workspace/products/${COOP_A.productId}/edit`,
      productForm({ name: 'Dừa sáp sơ chế', gtin: COOP_A.gtin, stars: '3' }),
    )
    expect(res.statusCode).toBe(303)
    const row = await getProductRow(ws.test.db, COOP_A.productId)
    expect(row?.name).toBe('Dừa sáp sơ chế')
    expect(row?.stars).toBe(3)
  })

  it("answers another cooperative's product like a missing one, and never changes it", async () => {
    const before = await getProductRow(ws.test.db, COOP_A.productId)
    expect((await ws.coopB.get(`/workspace/products/${COOP_A.productId}/edit`)).statusCode).toBe(404)
    expect((await ws.coopB.get('/workspace/products/khong-co/edit')).statusCode).toBe(404)
    await ws.coopB.get('/workspace/products/new')
    const edit = await ws.coopB.post(
      `/workspace/products/${COOP_A.productId}/edit`,
      productForm({ name: 'Chiếm', gtin: COOP_A.gtin }),
    )
    expect(edit.statusCode).toBe(404)
    expect(await getProductRow(ws.test.db, COOP_A.productId)).toEqual(before)
    expect((await ws.coopB.get('/workspace/products')).body).not.toContain(COOP_A.productId)
  })

  it('answers crafted input with 400, not 500', async () => {
    await ws.coopA.get('/workspace/products/new')
    const long = await ws.coopA.post('/workspace/products/new', productForm({ name: 'x'.repeat(5000) }))
    expect(long.statusCode).toBe(400)
    const tooLongName = await ws.coopA.post('/workspace/products/new', productForm({ name: 'x'.repeat(300) }))
    expect(tooLongName.statusCode).toBe(400)
    expect(tooLongName.body).toContain('Tối đa 200 ký tự.')
    const order = await ws.coopA.post(
      '/workspace/products/new',
      productForm({ certifiedOn: '2026-05-01', certificateExpiresOn: '2026-01-01' }),
    )
    expect(order.statusCode).toBe(400)
    expect((await ws.coopA.get(`/workspace/products/${'x'.repeat(90)}/edit`)).statusCode).toBe(404)
  })

  it('is for cooperatives only', async () => {
    expect((await ws.officer.get('/workspace/products')).statusCode).toBe(403)
  })
})
