// The public map page as the server sends it (`/`, `/ban-do`): Vietnamese first and English by the switch;
// the list that works without script names every public area with its state, crop and commune and links
// to its OGC page, and never a private one; the label form; the open-data links; the headers of a public,
// cacheable, rate-limited page with no session. The browser walk is tests/browser/public-map.test.ts.
import { consolePages } from '@zonetrace/dashboards'
import { describe, expect, it } from 'vitest'
import { startHarness } from '../api/harness.ts'
import { sharedFixture } from '../helpers/fixture.ts'
import { CRITICAL_AREA, PRIVATE_AREA, startPublicMapWorld } from './public-map-world.ts'

const world = sharedFixture(() => startPublicMapWorld(), 120_000)

/** The rows of the server's list, by area code. */
function listedAreas(body: string): string[] {
  return [...body.matchAll(/<tr data-area-row="([^"]+)">/g)].map((m) => m[1]!)
}

describe('the public map page', () => {
  it('is in Vietnamese, lists every public area and no private one, with its state, crop and commune', async () => {
    const res = await world.app.inject({ url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    const body = res.body
    expect(body).toContain('<html lang="vi">')
    expect(body).toContain('<h1>Bản đồ vùng trồng, vùng nuôi</h1>')
    expect(listedAreas(body)).toEqual(world.publicAreas)
    expect(body).not.toContain(PRIVATE_AREA)
    expect(body).toContain(
      `<a href="/ogc/collections/growing-areas/items/${CRITICAL_AREA}?f=html">${CRITICAL_AREA}</a>`,
    )
    const pond = body.slice(body.indexOf(`<tr data-area-row="${CRITICAL_AREA}">`)).split('</tr>')[0]!
    expect(pond).toContain('<span class="st st-critical">Khẩn cấp</span>')
    expect(pond).toContain('<td data-label="Cây trồng, vật nuôi">Tôm</td>')
    expect(pond).toContain('Xã Hiệp Mỹ <span class="muted">(trước đây: Xã Hiệp Mỹ Tây)</span>')
    // The island and its words; the areas themselves it fetches from /ogc.
    expect(body).toMatch(
      /<public-map role="region" aria-label="Bản đồ \d+ vùng[^"]*"><script type="application\/json">/,
    )
    expect(body).toMatch(/<script type="module" src="\/console\/dist\/public-map\.\w+\.js"><\/script>/)
  })

  it('has the label form and the open-data links', async () => {
    const { body } = await world.app.inject({ url: '/ban-do' })
    expect(body).toContain('<form method="get" action="/check"><input type="hidden" name="lang" value="vi">')
    expect(body).toMatch(/<input id="code" name="code"[^>]* required/)
    for (const href of ['/open/downloads', '/open/catalog.jsonld', '/ogc', '/docs', '#check'])
      expect(body).toContain(`href="${href}"`)
    expect(body).toContain(`<code>OAPIF:${world.config.publicBaseUrl}/ogc</code>`)
    expect(body).toContain(`href="${world.config.open.licence}" rel="license">CC BY 4.0</a>`)
  })

  it('is in English by the switch, on the path it was asked for', async () => {
    const vi = await world.app.inject({ url: '/ban-do' })
    expect(vi.body).toContain('<a class="lang" href="/ban-do?lang=en" hreflang="en" lang="en">English</a>')
    const en = await world.app.inject({ url: '/ban-do?lang=en' })
    expect(en.statusCode).toBe(200)
    expect(en.body).toContain('<html lang="en">')
    expect(en.body).toContain('<h1>Map of growing areas and ponds</h1>')
    expect(en.body).toContain('<span class="st st-critical">Critical</span>')
    expect(en.body).toContain('<input type="hidden" name="lang" value="en">')
    expect(en.body).toContain(`items/${CRITICAL_AREA}?f=html&amp;lang=en`)
    expect(en.body).toContain('<a class="lang" href="/ban-do" hreflang="vi" lang="vi">Tiếng Việt</a>')
    expect(listedAreas(en.body)).toEqual(world.publicAreas)
  })

  it('is public and cacheable for a minute, sets no cookie, and lets its island fetch only this origin', async () => {
    const res = await world.app.inject({ url: '/' })
    expect(res.headers['cache-control']).toBe('public, max-age=60')
    expect(res.headers['set-cookie']).toBeUndefined()
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("connect-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("default-src 'none'")
    const css = res.body.match(/href="(\/console\/assets\/public-map\.\w+\.css)"/)![1]!
    const sheet = await world.app.inject({ url: css })
    expect(sheet.statusCode).toBe(200)
    expect(sheet.headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it('answers a language it does not speak with 400, not a page or a 500', async () => {
    const res = await world.app.inject({ url: '/?lang=fr' })
    expect(res.statusCode).toBe(400)
  })
})

describe('the public map under load', () => {
  it('is rate-limited per client like every open-data route', async () => {
    const api = await startHarness({ OPEN_RATE_LIMIT: '2' }, { pages: [consolePages] })
    try {
      const codes: number[] = []
      for (let i = 0; i < 3; i++) codes.push((await api.app.inject({ url: '/ban-do' })).statusCode)
      expect(codes).toEqual([200, 200, 429])
    } finally {
      await api.close()
    }
  })
})
