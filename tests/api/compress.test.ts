// Pages and JSON go out compressed when the client accepts it; the alert stream never is.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { issueLabels, pathOf, startTraceHarness } from '../trace/trace-harness.ts'

const api = sharedFixture(startTraceHarness)
let label: string

beforeAll(async () => {
  label = pathOf((await issueLabels(api))[0]!.url)
})

describe('compression', () => {
  it('sends the consumer page as brotli, well under 30 KB', async () => {
    const plain = await api.app.inject({ url: label, headers: { accept: 'text/html' } })
    const res = await api.app.inject({
      url: label,
      headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    const page = brotliDecompressSync(res.rawPayload).toString('utf8')
    expect(page).toContain('Dừa sáp sợi')
    expect(page).toContain('Sản phẩm chính hãng')
    expect(res.rawPayload.length).toBeLessThan(30 * 1024)
    expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2)
  })

  it('sends JSON as gzip to a client that takes only gzip, and plain to one that takes nothing', async () => {
    const res = await api.app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'gzip' } })
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(res.rawPayload).toString('utf8')).openapi).toMatch(/^3\./)
    const plain = await api.app.inject({ url: '/openapi.json' })
    expect(plain.headers['content-encoding']).toBeUndefined()
  })
})
