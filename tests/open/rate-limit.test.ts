// Every open-data route is limited per client address (OPEN_RATE_LIMIT a minute): one heavy client gets
// 429 with Retry-After, and the next address is still served.
import { describe, expect, it } from 'vitest'
import { startHarness } from '../api/harness.ts'
import { sharedFixture } from '../helpers/fixture.ts'

const api = sharedFixture(() => startHarness({ OPEN_RATE_LIMIT: '3' }))

describe('OPEN_RATE_LIMIT', () => {
  for (const url of [
    '/ogc',
    '/ogc/collections/growing-areas/items',
    '/.well-known/jwks.json',
    '/openapi.json',
  ]) {
    it(`${url}: the fourth request in a minute from one address is 429, another address is served`, async () => {
      const from = (remoteAddress: string) => api.app.inject({ url, remoteAddress })
      for (let i = 0; i < 3; i++) expect((await from('198.51.100.7')).statusCode).toBe(200)
      const refused = await from('198.51.100.7')
      expect(refused.statusCode).toBe(429)
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect((await from('198.51.100.8')).statusCode).toBe(200)
    })
  }
})
