// The open-data flag of a growing area over HTTP (issue 17): public unless its cooperative says otherwise,
// shown in the list and the registration answer, changed only by its owner, and a private area leaves the
// open-data snapshot (fastify.openData) at once rather than when the snapshot next expires.
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { startTraceHarness } from './trace-harness.ts'

const api = sharedFixture(startTraceHarness)

const AREA = { code: 'VN-TEST-CONGKHAI', name: 'Vùng thử công khai', crop: 'rice', communeCode: '29335' }

async function listed(code: string): Promise<{ public: boolean } | undefined> {
  const res = await api.app.inject({ url: '/api/v1/zones', headers: api.officer })
  expect(res.statusCode).toBe(200)
  return res.json().zones.find((z: { code: string }) => z.code === code)
}

const openCodes = async () => (await api.app.openData.areas()).map((a) => a.id)

describe('the public flag of a growing area', () => {
  it('is true by default, in the registration answer and in the list', async () => {
    const res = await api.post('/api/v1/zones', api.vicosap, AREA)
    expect(res.statusCode).toBe(200)
    expect(res.json().public).toBe(true)
    expect((await listed(AREA.code))?.public).toBe(true)
    // Areas seeded before the flag existed read as public too.
    expect((await listed('VN-TEST-HOATAN'))?.public).toBe(true)
    expect(await openCodes()).toContain(AREA.code)
  })

  it('is set false by its owner, and the area leaves the open data at once', async () => {
    expect(await openCodes()).toContain(AREA.code) // the snapshot holds it now, for 15 s
    const res = await api.post('/api/v1/zones', api.vicosap, { ...AREA, public: false })
    expect(res.statusCode).toBe(200)
    expect(res.json().public).toBe(false)
    expect((await listed(AREA.code))?.public).toBe(false)
    expect(await openCodes()).not.toContain(AREA.code)
    expect(await api.app.openData.area(AREA.code)).toBeUndefined()
  })

  it('is kept by an update that does not mention it', async () => {
    const res = await api.post('/api/v1/zones', api.vicosap, { ...AREA, name: 'Vùng thử, tên mới' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: 'Vùng thử, tên mới', public: false })
  })

  it("cannot be changed by another cooperative, and an officer's list shows every area's flag", async () => {
    const res = await api.post('/api/v1/zones', api.hoaTan, { ...AREA, public: true })
    expect(res.statusCode).toBe(404)
    expect((await listed(AREA.code))?.public).toBe(false)
    expect(await openCodes()).not.toContain(AREA.code)
    const all = await api.app.inject({ url: '/api/v1/zones', headers: api.officer })
    for (const z of all.json().zones) expect(typeof z.public, z.code).toBe('boolean')
  })

  it('refuses a flag that is not a boolean with 400', async () => {
    const res = await api.post('/api/v1/zones', api.vicosap, { ...AREA, public: 'nein' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/public/)
  })

  it('is published again when its owner sets it true', async () => {
    const res = await api.post('/api/v1/zones', api.vicosap, { ...AREA, public: true })
    expect(res.json().public).toBe(true)
    expect(await openCodes()).toContain(AREA.code)
  })

  it('is documented in the OpenAPI document of the body and the answers', async () => {
    const doc = (await api.app.inject({ url: '/openapi.json' })).json()
    const post = doc.paths['/api/v1/zones'].post
    const body = post.requestBody.content['application/json'].schema
    expect(body.properties.public).toMatchObject({ type: 'boolean' })
    expect(body.properties.public.description).toMatch(/^Published as open data; default true/)
    expect(body.required).not.toContain('public')
    expect(post.responses['200'].content['application/json'].schema.required).toContain('public')
  })
})
