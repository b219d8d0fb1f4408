// The officer's map walked in a real browser at a 360 px phone and on a desktop: the demo's areas drawn as
// polygons over the bundled land outline, then a violating reading published over MQTT through the real
// broker, whose alert engine opens a critical alert; the pond turns red without a reload, through the live
// stream, and the list's badge with it. axe finds nothing serious, nothing is fetched from another host,
// and the screens are photographed into test-output/browser/console-map-*.png.
import type { Browser } from '@playwright/test'
import { ensureDemoGateways, seedDemoRegistry } from '@zonetrace/cli'
import type { GatewayCredentials } from '@zonetrace/contracts'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLOURS } from '../../dashboards/islands/lib/zone-map-style.ts'
import {
  connectGateway,
  readingsTopic,
  sensorOf,
  startTestBroker,
  type TestBroker,
} from '../broker/harness.ts'
import { ACCOUNTS, type ConsoleHarness, PASSWORD, startConsoleHarness } from '../console/console-fixture.ts'
import { until } from '../helpers/wait.ts'
import { addRule } from '../rules/engine-harness.ts'
import { browserUnavailable, launch, readmeShot, screenshot, seriousViolations } from './browser.ts'
import { CONSOLE_SIZE_NAMES, openConsoleWalk, submitSignIn } from './console-session.ts'

const skip = browserUnavailable()
const POND = 'DEMO-SHRIMP-HIEPMY'
/** The fills Leaflet writes on an area's path: no open alert, and a critical one. */
const GREEN = COLOURS.none.fill
const RED = COLOURS.critical.fill

let consoleApi: ConsoleHarness
let broker: TestBroker
let pond: GatewayCredentials
let origin: string
let browser: Browser
let areasWithOutline: number

beforeAll(async () => {
  if (skip) return
  consoleApi = await startConsoleHarness()
  const { db } = consoleApi.test
  await seedDemoRegistry(db)
  const gateways = await ensureDemoGateways(db, consoleApi.dataDir, pino({ level: 'silent' }))
  pond = gateways.find((g) => g.gatewayId === 'demo-hiepmy')!
  // The aerator limit of the demo pond, without the preset's minute of grace, so one reading opens it.
  await addRule(db, {
    zone_code: POND,
    metric: 'dissolved_oxygen',
    kind: 'threshold',
    min: 3.5,
    severity: 'critical',
  })
  broker = await startTestBroker(db, { alerts: { lateAfterSeconds: 300, reloadMs: 200 } })
  await until('the engine to load the rule', () => broker.broker.alerts!.stats().rules > 0, {
    timeoutMs: 10_000,
  })
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from growing_areas where polygon is not null',
  )
  areasWithOutline = row!.n
  await consoleApi.app.listen({ port: 0, host: '127.0.0.1' })
  origin = `http://127.0.0.1:${(consoleApi.app.server.address() as { port: number }).port}`
  browser = await launch()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await broker?.broker.close()
  await consoleApi?.close()
})

/** One dissolved oxygen reading from the demo pond's gateway, published as the gateway would. */
async function publishOxygen(value: number): Promise<void> {
  const client = await connectGateway(broker.url, pond)
  try {
    const pack = [
      { bn: `${sensorOf(pond, 'dissolved_oxygen')}:`, bt: Date.now() / 1000 },
      { n: 'dissolved_oxygen', u: 'mg/L', v: value },
    ]
    await client.publishAsync(readingsTopic(pond), JSON.stringify(pack), { qos: 1 })
  } finally {
    await client.endAsync()
  }
}

/** The drawn fill of an area's polygon (Leaflet writes it as the path's fill attribute). */
const fillOf = (page: import('@playwright/test').Page, code: string) =>
  page.locator(`path.leaflet-interactive[data-area="${code}"]`).getAttribute('fill')

describe.skipIf(skip)('the officer map in a browser', () => {
  for (const size of CONSOLE_SIZE_NAMES) {
    it(`draws every area and turns the pond red live on a ${size}`, { timeout: 240_000 }, async () => {
      const walk = await openConsoleWalk(browser, origin, size)
      const { page } = walk
      try {
        const errors: string[] = []
        page.on('pageerror', (e) => errors.push(String(e)))
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
        await page.goto(`${origin}/console`)
        await submitSignIn(page, { email: ACCOUNTS.officer, password: PASSWORD }, `${origin}/console`)
        const map = page.getByRole('region', { name: /Bản đồ/ })
        await expect
          .poll(() => page.locator('path.leaflet-interactive').count(), { message: errors.join('\n') })
          .toBe(areasWithOutline)
        expect(areasWithOutline).toBeGreaterThanOrEqual(5)
        expect(await map.locator('.leaflet-marker-icon, img').count()).toBe(0)
        // Phone ~300 px, desktop about half the window.
        const box = (await page.locator('.zone-map-canvas').boundingBox())!
        if (size === 'phone') expect(box.height).toBe(300)
        else expect(box.height).toBeGreaterThanOrEqual(380)
        expect(await fillOf(page, POND)).toBe(GREEN)
        expect(await seriousViolations(page)).toEqual([])
        await screenshot(page, `console-map-${size}-before`)

        // The aerator stops: one reading under the limit over MQTT, committed, evaluated, streamed.
        await publishOxygen(2.1)
        const navigations: string[] = []
        page.on('framenavigated', (f) => navigations.push(f.url()))
        await expect.poll(() => fillOf(page, POND), { timeout: 20_000 }).toBe(RED)
        expect(navigations, 'recoloured without a reload').toEqual([])
        expect(await page.locator(`td[data-severity-of="${POND}"] .sev`).getAttribute('class')).toBe(
          'sev sev-critical',
        )
        expect(await page.locator(`td[data-severity-of="${POND}"]`).textContent()).toBe('Khẩn cấp × 1')
        expect(await seriousViolations(page)).toEqual([])
        if (size === 'desktop') await readmeShot(page, 'console-map-desktop', 'console-map-desktop.png')
        else await screenshot(page, 'console-map-phone')
        // A tap on the pond tells what it is and links to its page (after the photograph: the popup pans the map).
        await page.locator(`path[data-area="${POND}"]`).click({ force: true })
        const popup = page.locator('.leaflet-popup-content')
        await expect.poll(() => popup.textContent()).toContain(POND)
        expect(await popup.textContent()).toContain('Khẩn cấp')
        expect(await popup.locator('a').getAttribute('href')).toBe(`/console/areas/${POND}`)
        await page.locator('.leaflet-popup-close-button').click()

        // Keyboard: Tab walks from the map into the list and on, never held by the map.
        await map.locator('.zone-map-canvas').focus()
        for (let i = 0; i < 8; i++) await page.keyboard.press('Tab')
        const inMap = await page.evaluate<boolean>(
          "!!document.activeElement && !!document.activeElement.closest('zone-map')",
        )
        expect(inMap).toBe(false)
        // The aerator runs again: the engine clears the alert and the pond turns green, still without a reload.
        await publishOxygen(6.5)
        await expect.poll(() => fillOf(page, POND), { timeout: 20_000 }).toBe(GREEN)
        expect(await page.locator(`td[data-severity-of="${POND}"]`).textContent()).toBe('Không có')
        expect(navigations).toEqual([])
        expect(walk.foreign).toEqual([])
        expect(errors).toEqual([])
      } finally {
        await walk.context.close()
      }
    })
  }
})
