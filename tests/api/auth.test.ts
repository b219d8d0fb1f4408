// Bearer tokens at the HTTP boundary: POST /api/v1/gateways is admin-only; read routes are open data, but a
// presented token must still verify.
import { rm } from 'node:fs/promises'
import { Writable } from 'node:stream'
import { buildApp, createToken, loadOrCreateAuthKeys, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@zonetrace/api'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { makeDataDir, startHarness } from './harness.ts'

const api = sharedFixture(startHarness)

const body = (id: string) => ({ id, zone: api.zone, sensors: ['salinity'] })

async function provision(headers: Record<string, string>, id = 'gw-auth') {
  return api.app.inject({ method: 'POST', url: '/api/v1/gateways', headers, payload: body(id) })
}

function expectUnauthorized(res: Awaited<ReturnType<typeof provision>>, message: RegExp) {
  expect(res.statusCode).toBe(401)
  expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="zonetrace"/)
  expect(res.json()).toEqual({ error: 'Unauthorized', message: expect.stringMatching(message) })
}

describe('POST /api/v1/gateways refuses callers that are not admin', () => {
  it('401 without a token, with a challenge that names no error (RFC 6750 §3)', async () => {
    const res = await provision({})
    expectUnauthorized(res, /needs a bearer token/)
    expect(res.headers['www-authenticate']).toBe('Bearer realm="zonetrace"')
  })

  it('401 for a garbage token and for a non-Bearer scheme', async () => {
    const garbage = await provision({ authorization: 'Bearer not.a.jwt' })
    expectUnauthorized(garbage, /malformed/)
    expect(garbage.headers['www-authenticate']).toContain('error="invalid_token"')
    expectUnauthorized(
      await provision({ authorization: 'Basic YWRtaW46YWRtaW4=' }),
      /must be "Bearer <token>"/,
    )
  })

  it('401 for an expired token signed by the right key', async () => {
    const now = Math.floor(Date.now() / 1000)
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'EdDSA', kid: api.keys.kid })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject('admin')
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(api.keys.privateKey)
    expectUnauthorized(await provision({ authorization: `Bearer ${token}` }), /expired/)
  })

  it('401 for a well-formed admin token signed by another installation', async () => {
    const dir = await makeDataDir()
    const token = await createToken(await loadOrCreateAuthKeys(dir), { role: 'admin' })
    await rm(dir, { recursive: true, force: true })
    expectUnauthorized(await provision({ authorization: `Bearer ${token}` }), /signature/)
  })

  it('401 for a token meant for another audience', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience('someone-else')
      .setSubject('admin')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(api.keys.privateKey)
    expectUnauthorized(await provision({ authorization: `Bearer ${token}` }), /"aud"/)
  })

  it('403 for valid officer and cooperative tokens', async () => {
    for (const headers of [
      await api.auth({ role: 'officer' }),
      await api.auth({ role: 'cooperative', cooperativeId: 'htx-test' }),
    ]) {
      const res = await provision(headers)
      expect(res.statusCode).toBe(403)
      expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"')
      expect(res.json().message).toMatch(/needs admin/)
    }
    const list = await api.app.inject({ url: '/api/v1/gateways' })
    expect(list.json().gateways).toEqual([])
  })

  it('201 for an admin token', async () => {
    const res = await provision(await api.auth({ role: 'admin' }))
    expect(res.statusCode).toBe(201)
  })
})

describe('read routes are open data', () => {
  it('answer without a token and with a valid token of any role', async () => {
    expect((await api.app.inject({ url: '/api/v1/zones' })).statusCode).toBe(200)
    const res = await api.app.inject({ url: '/api/v1/zones', headers: await api.auth({ role: 'officer' }) })
    expect(res.statusCode).toBe(200)
  })

  it('still refuse a presented token that does not verify', async () => {
    for (const url of ['/api/v1/zones', '/api/v1/sensors', '/api/v1/gateways', '/health']) {
      const res = await api.app.inject({ url, headers: { authorization: 'Bearer garbage' } })
      expect(res.statusCode, url).toBe(401)
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"')
    }
  })
})

describe('logging', () => {
  it('never writes the Authorization header or the token into the log', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = await buildApp({
      db: api.test.db,
      capabilities: api.test.capabilities,
      config: api.config,
      keys: api.keys,
      logger: { level: 'trace', stream },
    })
    try {
      const good = await createToken(api.keys, { role: 'officer' })
      const bad = `${good.slice(0, -4)}AAAA`
      for (const token of [good, bad]) {
        await app.inject({ url: '/api/v1/zones', headers: { authorization: `Bearer ${token}` } })
        await app.inject({
          method: 'POST',
          url: '/api/v1/gateways',
          headers: { authorization: `Bearer ${token}` },
        })
      }
      const log = lines.join('')
      expect(lines.length).toBeGreaterThan(4)
      expect(log).not.toContain(good.split('.')[2]!)
      expect(log).not.toContain(bad.split('.')[2]!)
      expect(log.toLowerCase()).not.toContain('bearer ')
    } finally {
      await app.close()
    }
  })
})
