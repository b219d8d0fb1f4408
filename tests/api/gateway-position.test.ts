// Where a gateway stands (issue 17): given when it is provisioned or set later with PATCH, listed by GET
// /gateways, shown on the open-data stations layer at once, and refused with a 400 that says why (never a
// 500) when it is not a [lon, lat] point inside the Mekong Delta.
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../helpers/fixture.ts'
import { startHarness } from './harness.ts'

const api = sharedFixture(startHarness)

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] })

async function as(role: 'admin' | 'officer') {
  return api.auth({ role })
}

async function provision(payload: object) {
  return api.app.inject({ method: 'POST', url: '/api/v1/gateways', headers: await as('admin'), payload })
}

async function move(id: string, payload: unknown, role: 'admin' | 'officer' = 'admin') {
  return api.app.inject({
    method: 'PATCH',
    url: `/api/v1/gateways/${id}`,
    headers: await as(role),
    payload: payload as object,
  })
}

async function listed(id: string) {
  const res = await api.app.inject({ url: '/api/v1/gateways', headers: await as('officer') })
  return res.json().gateways.find((g: { id: string }) => g.id === id)
}

const station = async (id: string) => (await api.app.openData.stations()).find((s) => s.id === id)

describe('gateway positions', () => {
  it('are stored when a gateway is provisioned with one, and listed', async () => {
    const res = await provision({ id: 'gw-pos-1', zone: api.zone, position: point(106.07, 9.93) })
    expect(res.statusCode).toBe(201)
    expect((await listed('gw-pos-1')).position).toEqual(point(106.07, 9.93))
    const bare = await provision({ id: 'gw-pos-2', zone: api.zone })
    expect(bare.statusCode).toBe(201)
    expect((await listed('gw-pos-2')).position).toBeNull()
  })

  it('are set and cleared with PATCH, and the stations layer shows the change at once', async () => {
    expect((await station('gw-pos-2'))?.geometry).not.toEqual(point(106.05, 9.9)) // snapshot held now
    const res = await move('gw-pos-2', { position: point(106.05, 9.9) })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: 'gw-pos-2', zone: api.zone, position: point(106.05, 9.9) })
    expect((await station('gw-pos-2'))?.geometry).toEqual(point(106.05, 9.9))
    const cleared = await move('gw-pos-2', { position: null })
    expect(cleared.statusCode).toBe(200)
    expect(cleared.json().position).toBeNull()
  })

  it('refuses positions outside the Mekong Delta or swapped, saying so, with 400', async () => {
    for (const [lon, lat] of [
      [9.93, 106.07], // latitude and longitude swapped
      [105.85, 21.03], // Hà Nội
      [0, 0],
    ] as const) {
      const res = await provision({ id: `gw-pos-bad-${lat}`, zone: api.zone, position: point(lon, lat) })
      expect(res.statusCode, `${lon},${lat}`).toBe(400)
      expect(res.json().message).toMatch(/outside the Mekong Delta.*check the latitude, longitude order/)
      expect(await listed(`gw-pos-bad-${lat}`)).toBeUndefined()
    }
    const moved = await move('gw-pos-1', { position: point(9.93, 106.07) })
    expect(moved.statusCode).toBe(400)
    expect(moved.json().message).toContain('(lat, lon) 106.07, 9.93 lies outside the Mekong Delta')
    expect((await listed('gw-pos-1')).position).toEqual(point(106.07, 9.93))
  })

  it('refuses malformed positions with 400 and a message, never a 500', async () => {
    for (const position of [
      { type: 'Point', coordinates: [106.07] },
      { type: 'Point', coordinates: [106.07, 9.93, 2, 1] },
      { type: 'Point', coordinates: ['đông', 'bắc'] },
      { type: 'Polygon', coordinates: [106.07, 9.93] },
      { coordinates: [106.07, 9.93] },
      '9.93,106.07',
      [106.07, 9.93],
      { type: 'Point', coordinates: [Number.MAX_VALUE, -Number.MAX_VALUE] },
    ]) {
      const made = await provision({ id: 'gw-pos-bad', zone: api.zone, position })
      expect(made.statusCode, JSON.stringify(position)).toBe(400)
      expect(made.json().message, JSON.stringify(position)).toMatch(/position/)
      const moved = await move('gw-pos-1', { position })
      expect(moved.statusCode, JSON.stringify(position)).toBe(400)
    }
    expect((await move('gw-pos-1', {})).statusCode).toBe(400)
  })

  it('are changed by admins only, and an unknown gateway is 404', async () => {
    expect((await move('gw-pos-1', { position: point(106.05, 9.9) }, 'officer')).statusCode).toBe(403)
    const unknown = await move('gw-nobody', { position: point(106.05, 9.9) })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().message).toBe('gateway "gw-nobody" not found')
  })

  it('are in the OpenAPI document of the provisioning body, the list and the PATCH route', async () => {
    const doc = (await api.app.inject({ url: '/openapi.json' })).json()
    const provisioning = doc.paths['/api/v1/gateways'].post.requestBody.content['application/json'].schema
    expect(provisioning.properties.position.properties.type).toMatchObject({ enum: ['Point'] })
    const patch = doc.paths['/api/v1/gateways/{gatewayId}'].patch
    expect(Object.keys(patch.responses).sort()).toEqual(['200', '400', '401', '403', '404', '500'])
  })
})
