// The basemap through the real routes: with MAP_TILES_URL set, the label page carries tiles and its
// Content-Security-Policy allows images from that one origin; without it, images stay inline-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueLabels, pathOf, startTraceHarness, type TraceHarness } from '../trace/trace-harness.ts'

const HTML = { accept: 'text/html' }
let plain: TraceHarness
let tiled: TraceHarness

beforeAll(async () => {
  plain = await startTraceHarness()
  tiled = await startTraceHarness({
    MAP_TILES_URL: 'https://tiles.example.vn/osm/{z}/{x}/{y}.png',
    MAP_TILES_ATTRIBUTION: '© OpenStreetMap contributors',
  })
})
afterAll(async () => {
  await plain?.close()
  await tiled?.close()
})

describe('label page basemap', () => {
  it('is absent by default, and the page loads images from nowhere but itself', async () => {
    const [label] = await issueLabels(plain)
    const res = await plain.app.inject({ url: pathOf(label!.url), headers: HTML })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toContain('img-src data:;')
    expect(res.body).toContain('class="map locator"')
    expect(res.body).not.toContain('<img')
  })

  it('draws tiles with their attribution and allows exactly their origin when configured', async () => {
    const [label] = await issueLabels(tiled)
    const res = await tiled.app.inject({ url: pathOf(label!.url), headers: HTML })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toContain('img-src data: https://tiles.example.vn;')
    expect(res.body).toMatch(/<img class="tile" src="https:\/\/tiles\.example\.vn\/osm\/\d+\/\d+\/\d+\.png"/)
    expect(res.body).toContain('<p class="map-attr">© OpenStreetMap contributors</p>')
    // The feedback form's answer is the same page, with the same basemap.
    const refused = await tiled.app.inject({
      method: 'POST',
      url: `${pathOf(label!.url).replace('?', '/feedback?')}`,
      payload: 'rating=9',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('<img class="tile"')
  })
})
