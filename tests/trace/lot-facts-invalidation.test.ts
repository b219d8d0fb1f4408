// The lot cache is cleared by one hook per resource plugin (clearLotFactsAfterWrites), not by each route.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTraceHarness, type TraceHarness } from './trace-harness.ts'

let harness: TraceHarness

beforeAll(async () => {
  harness = await startTraceHarness()
})
afterAll(() => harness?.close())

describe('lot cache invalidation', () => {
  it('clears after a successful write of lots, products or zones, and not after reads or refusals', async () => {
    const clear = vi.spyOn(harness.app.lotFacts, 'clear')
    const inject = async (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object) =>
      (await harness.app.inject({ method, url, headers: harness.vicosap, ...(payload ? { payload } : {}) }))
        .statusCode

    expect(await inject('GET', '/api/v1/lots/DS2610A')).toBe(200)
    expect(await inject('PATCH', '/api/v1/lots/DS2610A', { note: 'x'.repeat(501) })).toBe(400)
    expect(await inject('PATCH', '/api/v1/lots/NO-SUCH', { note: 'x' })).toBe(404)
    expect(clear).not.toHaveBeenCalled()

    expect(await inject('PATCH', '/api/v1/lots/DS2610A', { note: 'sorted' })).toBe(200)
    expect(clear).toHaveBeenCalledTimes(1)
    const products = await harness.app.inject({ url: '/api/v1/products', headers: harness.vicosap })
    const [product] = products.json().products
    expect(await inject('POST', '/api/v1/products', { ...product, ocop: undefined })).toBeLessThan(300)
    expect(clear).toHaveBeenCalledTimes(2)
    clear.mockRestore()
  })
})
