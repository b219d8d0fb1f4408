// The public map walked in a real browser as a 360 px phone and as a desktop, on a real app with the demo's
// areas, thirty days of daily reports and one area made private: one shape per public area, in the colour
// of its state; a tap opens the panel with the area's facts and its key metric's chart with the limit line;
// Escape closes it; the list's button reaches the same panel from the keyboard; the language switch; the
// label check form. axe finds nothing serious, nothing is fetched from another host, and the screens are
// photographed into test-output/browser/public-map-*.png.
import type { Browser, Page } from '@playwright/test'
import { FLAGSHIP_LOT } from '@zonetrace/cli'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLOURS } from '../../dashboards/islands/lib/zone-map-style.ts'
import {
  CRITICAL_AREA,
  PRIVATE_AREA,
  type PublicMapWorld,
  startPublicMapWorld,
} from '../open/public-map-world.ts'
import {
  browserUnavailable,
  launch,
  openWalk,
  type Profile,
  readmeShot,
  screenshot,
  seriousViolations,
} from './browser.ts'

const skip = browserUnavailable()
/** The demo's shrimp pond: dissolved oxygen is its key metric, with a floor of 3.5 mg/L. */
const POND = CRITICAL_AREA

let world: PublicMapWorld
let origin: string
let browser: Browser
let drawnAreas: number

beforeAll(async () => {
  if (skip) return
  world = await startPublicMapWorld()
  const [row] = await world.test.db.query<{ n: number }>(
    'select count(*)::int as n from growing_areas where public and polygon is not null',
  )
  drawnAreas = row!.n
  await world.app.listen({ port: 0, host: '127.0.0.1' })
  origin = `http://127.0.0.1:${(world.app.server.address() as { port: number }).port}`
  browser = await launch()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await world?.close()
})

const fillOf = (page: Page, code: string) =>
  page.locator(`path.leaflet-interactive[data-area="${code}"]`).getAttribute('fill')

/** A fresh label of the flagship lot: its serial as printed under the QR symbol, in groups of four. */
async function printedSerial(): Promise<string> {
  const admin = await world.auth({ role: 'admin' })
  const res = await world.app.inject({
    method: 'POST',
    url: `/api/v1/lots/${FLAGSHIP_LOT}/labels`,
    headers: admin,
    payload: { count: 1 },
  })
  expect(res.statusCode).toBe(201)
  const serial: string = res.json().labels[0].serial
  return serial.match(/.{4}/g)!.join(' ').toLowerCase()
}

describe.skipIf(skip)('the public map in a browser', () => {
  for (const size of ['phone', 'desktop'] as const satisfies Profile[]) {
    it(`draws every public area, opens an area's panel and checks a label on a ${size}`, {
      timeout: 180_000,
    }, async () => {
      const walk = await openWalk(browser, origin, size)
      const { page } = walk
      if (size === 'phone') await page.setViewportSize({ width: 360, height: 740 })
      try {
        const errors: string[] = []
        page.on('pageerror', (e) => errors.push(String(e)))
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
        const ogc: string[] = []
        page.on('request', (r) => r.url().includes('/ogc/') && ogc.push(new URL(r.url()).pathname))
        await page.goto(`${origin}/`)
        await expect
          .poll(() => page.locator('path.leaflet-interactive[data-area]').count(), {
            message: errors.join('\n'),
          })
          .toBe(drawnAreas)
        expect(drawnAreas).toBeGreaterThanOrEqual(4)
        expect(await page.locator(`[data-area="${PRIVATE_AREA}"]`).count()).toBe(0)
        expect(await page.content()).not.toContain(PRIVATE_AREA)
        // The page is drawn from the public OGC API, as any outside tool reads it.
        expect(ogc).toContain('/ogc/collections/growing-areas/items')
        expect(await fillOf(page, POND)).toBe(COLOURS.critical.fill)
        expect(await page.locator('.pm-legend').textContent()).toContain('Khẩn cấp')
        // Nothing wider than the screen on a phone.
        const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth')
        expect(scrollWidth).toBeLessThanOrEqual(size === 'phone' ? 360 : 1280)
        expect(await seriousViolations(page)).toEqual([])
        await screenshot(page, `public-map-${size}-first-screen`, { fullPage: false })

        // A tap on the pond: the panel with its facts, and its oxygen over 30 days with the 3.5 mg/L floor.
        await page.locator(`path[data-area="${POND}"]`).click({ force: true })
        const panel = page.getByRole('dialog', { name: POND })
        await expect.poll(() => panel.isVisible()).toBe(true)
        await expect.poll(() => page.evaluate<string>('document.activeElement?.id')).toBe('pm-panel-title')
        const facts = (await panel.textContent()) ?? ''
        for (const words of ['Tôm', 'Xã', 'Khẩn cấp', 'Oxy hòa tan trong 30 ngày qua'])
          expect(facts).toContain(words)
        await expect.poll(() => panel.locator('svg.pm-chart path.band').count()).toBeGreaterThan(0)
        expect(await panel.locator('svg.pm-chart path.limit').count()).toBe(1)
        expect(await panel.locator('svg.pm-chart text.lim').textContent()).toMatch(/Giới hạn ≥\s3,5\smg\/L/)
        expect(await seriousViolations(page)).toEqual([])
        // The README's pictures: the map with the pond's panel on a desktop, the panel itself on a phone.
        if (size === 'desktop') await readmeShot(page, 'public-map-desktop-panel', 'public-map-desktop.png')
        else {
          await screenshot(page, 'public-map-phone-panel')
          await panel.evaluate((e) => e.scrollIntoView())
          await readmeShot(page, 'public-map-phone-readme', 'public-map-phone.png')
        }
        await page.keyboard.press('Escape')
        expect(await panel.count()).toBe(0)

        // From the list, by keyboard: the same panel, and focus back on the button when it closes.
        const show = page.getByRole('button', { name: `Xem trên bản đồ: ${POND}` })
        await show.focus()
        await page.keyboard.press('Enter')
        await expect.poll(() => panel.isVisible()).toBe(true)
        await panel.getByRole('button', { name: 'Đóng' }).click()
        expect(await page.evaluate<string>("document.activeElement?.getAttribute('aria-label')")).toBe(
          `Xem trên bản đồ: ${POND}`,
        )
        await screenshot(page, `public-map-${size}-whole`)

        // English by the switch: the words change, the map is drawn again.
        await page.getByRole('link', { name: 'English' }).click()
        await page.waitForURL(`${origin}/?lang=en`)
        expect(await page.getAttribute('html', 'lang')).toBe('en')
        await expect.poll(() => page.locator('path.leaflet-interactive[data-area]').count()).toBe(drawnAreas)
        expect(await page.locator('.pm-legend').textContent()).toContain('Critical')
        expect(await seriousViolations(page)).toEqual([])

        // The label form: a code typed as printed goes to that label's page.
        await page.getByLabel('The code printed under the QR symbol').fill(await printedSerial())
        await page.getByRole('button', { name: 'Check', exact: true }).click()
        await page.waitForURL(/\/01\/\d{14}\/10\/.+\/21\/[0-9A-Z]{12}\?s=/)
        expect(await page.getAttribute('html', 'lang')).toBe('en')

        expect(walk.foreign).toEqual([])
        expect(errors).toEqual([])
      } finally {
        await walk.context.close()
      }
    })
  }
})
