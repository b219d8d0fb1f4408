// The live alert console in a real browser, phone and desktop: an officer opens /console/alerts with the
// alarm turned on, a gateway publishes a violating oxygen reading over MQTT to a real broker whose alert
// engine opens a critical alert, and the row appears without a reload (the time from the broker's PUBACK to
// the row is logged). A second alert arriving keeps the officer's ticked box and half-written note; an
// acknowledgement made in another session changes the row in place. axe and screenshots at 360 and 1280 px.
import type { Browser, Page } from '@playwright/test'
import type { GatewayCredentials } from '@zonetrace/contracts'
import { createRule } from '@zonetrace/db'
import type { MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrokerFixture, openBrokerFixture } from '../broker/broker-fixture.ts'
import { readingsTopic, sensorOf } from '../broker/harness.ts'
import { ACCOUNTS, type ConsoleHarness, PASSWORD, startConsoleHarness } from '../console/console-fixture.ts'
import { browserUnavailable, launch, screenshot, seriousViolations, type Walk } from './browser.ts'
import { CONSOLE_SIZE_NAMES, type ConsoleSize, openConsoleWalk, submitSignIn } from './console-session.ts'

const skip = browserUnavailable()

/** Generous: the machine running the suite may be busy; the measured time is logged, not asserted. */
const APPEAR_MS = 20_000

let consoleApi: ConsoleHarness
let broker: BrokerFixture
let origin: string
let browser: Browser

beforeAll(async () => {
  if (skip) return
  consoleApi = await startConsoleHarness()
  const { db } = consoleApi.test
  // A custom rule through the repository the API's POST /rules uses: oxygen under 3.5 mg/L is critical at once.
  await createRule(
    db,
    { cooperativeId: null, subject: 'officer-lan' },
    {
      zone: consoleApi.zone,
      metric: 'dissolved_oxygen',
      min: 3.5,
      severity: 'critical',
      name: 'Oxy hòa tan quá thấp',
    },
  )
  // The broker on the console's own database, with its alert engine: the real path of a reading.
  broker = await openBrokerFixture({
    on: { db, zone: consoleApi.zone },
    broker: { alerts: { lateAfterSeconds: 300, reloadMs: 200 } },
  })
  await consoleApi.app.listen({ port: 0, host: '127.0.0.1' })
  const address = consoleApi.app.server.address() as { port: number }
  origin = `http://127.0.0.1:${address.port}`
  browser = await launch()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await broker?.close()
  await consoleApi?.close()
})

/** Publishes one oxygen reading measured now; resolves at the PUBACK, which the broker sends after the commit. */
async function publishOxygen(client: MqttClient, gw: GatewayCredentials, value: number): Promise<number> {
  const pack = [
    { bn: `${sensorOf(gw, 'dissolved_oxygen')}:`, bt: Date.now() / 1000 },
    { n: 'dissolved_oxygen', u: 'mg/L', v: value },
  ]
  await client.publishAsync(readingsTopic(gw), JSON.stringify(pack), { qos: 1 })
  return Date.now()
}

// Browser-side code as strings: the tests compile without the DOM's types.
const rowIds = (page: Page) =>
  page.evaluate<string[]>(`[...document.querySelectorAll('#alert-rows tr[id]')].map((r) => r.id)`)

/** Waits for a row that was not there before; returns its id and when it was seen. */
async function newRow(page: Page, before: string[]): Promise<{ id: string; seenAt: number }> {
  // Polled from here: the page's CSP (no eval) refuses waitForFunction's string predicates.
  const deadline = Date.now() + APPEAR_MS
  for (;;) {
    const id = (await rowIds(page)).find((r) => !before.includes(r))
    if (id) return { id, seenAt: Date.now() }
    if (Date.now() > deadline) throw new Error(`no new row within ${APPEAR_MS} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function walk(size: ConsoleSize): Promise<Walk> {
  const w = await openConsoleWalk(browser, origin, size)
  // Counts the beeps and vibrations the island asks for (the test cannot hear the speaker).
  await w.context.addInitScript(`{
    const counts = { tones: 0, vibrations: 0 }
    window.alarmCounts = counts
    const start = OscillatorNode.prototype.start
    OscillatorNode.prototype.start = function (...args) {
      counts.tones++
      return start.apply(this, args)
    }
    Object.defineProperty(navigator, 'vibrate', { configurable: true, value: () => ++counts.vibrations > 0 })
  }`)
  return w
}

describe.skipIf(skip)('the live alert console in a browser', () => {
  for (const size of CONSOLE_SIZE_NAMES) {
    it(`shows new and acknowledged alerts without a reload on a ${size}`, { timeout: 180_000 }, async () => {
      const gwA = await broker.provisionGateway(['dissolved_oxygen'])
      const gwB = await broker.provisionGateway(['dissolved_oxygen'])
      const client = await broker.connect(gwA)
      const clientB = await broker.connect(gwB)
      const { page, context, foreign } = await walk(size)
      try {
        await page.goto(`${origin}/console/login?next=/console/alerts`)
        await submitSignIn(page, { email: ACCOUNTS.officer, password: PASSWORD }, /\/console\/alerts$/)
        await expect
          .poll(() => page.locator('.live-state.on').textContent(), { timeout: 15_000 })
          .toBe('Trực tiếp')

        // The alarm is off until asked for, and remembered once it is.
        const sound = page.getByLabel('Báo âm thanh khi có cảnh báo khẩn cấp')
        expect(await sound.isChecked()).toBe(false)
        await sound.check()
        expect(await page.evaluate<string | null>(`localStorage.getItem('zonetrace.alertSound')`)).toBe('on')
        // Marks this document: a reload would lose it.
        await page.evaluate('window.sameDocument = true')
        const before = await rowIds(page)

        const accepted = await publishOxygen(client, gwA, 2.1)
        const a = await newRow(page, before)
        console.log(`[${size}] violating reading accepted → row on screen: ${a.seenAt - accepted} ms`)
        const rowA = page.locator(`#${a.id}`)
        expect(await rowA.textContent()).toContain('Khẩn cấp')
        expect(await rowA.textContent()).toContain('2,1 mg/L')
        expect(await page.locator('.live-announce').textContent()).toBe('Có 1 cảnh báo mới.')
        expect(await page.locator('#bulk-ack').isVisible()).toBe(true)
        await expect
          .poll(() => page.evaluate<object>('({ ...window.alarmCounts })'))
          .toEqual({ tones: 2, vibrations: 1 })

        // The officer ticks the new alert and starts a note; another alert arrives meanwhile.
        const alertA = a.id.replace('alert-', '')
        await rowA.locator('input[type=checkbox]').check()
        const note = page.locator(`#note-${alertA}`)
        await note.fill('Đang gọi chủ ao')
        const beforeB = await rowIds(page)
        await publishOxygen(clientB, gwB, 1.8)
        const b = await newRow(page, beforeB)
        expect(await rowA.locator('input[type=checkbox]').isChecked()).toBe(true)
        expect(await note.inputValue()).toBe('Đang gọi chủ ao')
        expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe(`note-${alertA}`)
        const order = await rowIds(page)
        expect(order.slice(0, 2)).toEqual([b.id, a.id])

        // Someone else acknowledges the first alert, from their own session: its row changes where it is,
        // and the other row, unchanged, stays the very same element.
        await page.evaluate(`document.getElementById('${b.id}').keptElement = true`)
        const other = consoleApi.browser()
        await other.signIn(ACCOUNTS.admin)
        await other.get('/console/alerts')
        const ack = await other.post('/console/alerts/ack', { alertId: alertA, note: 'Đã bật máy sục khí' })
        expect(ack.statusCode).toBe(303)
        const acked = Date.now()
        await expect.poll(() => rowA.textContent(), { timeout: APPEAR_MS }).toContain('Đã bật máy sục khí')
        console.log(`[${size}] acknowledgement in another session → row changed: ${Date.now() - acked} ms`)
        expect(await rowA.textContent()).toContain(ACCOUNTS.admin)
        expect(await rowA.locator('input[type=checkbox]').count()).toBe(0)
        expect(await rowIds(page)).toEqual(order)
        expect(await page.evaluate<boolean>(`document.getElementById('${b.id}').keptElement === true`)).toBe(
          true,
        )
        expect(await page.locator(`#${b.id}`).getAttribute('class')).not.toBe('changed')
        expect(await page.evaluate<boolean>('window.sameDocument === true')).toBe(true)

        await screenshot(page, `console-alerts-live-${size}`)
        expect(await seriousViolations(page)).toEqual([])
        const wide = await page.evaluate<string[]>(
          `[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth).map((e) => e.tagName + '#' + e.id + '.' + e.className).slice(0, 8)`,
        )
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        )
        expect(overflow, `scrolls sideways by ${overflow} px: ${wide.join(', ')}`).toBeLessThanOrEqual(0)
      } finally {
        await context.close()
        await client.endAsync()
        await clientB.endAsync()
      }
      expect(foreign).toEqual([])
    })
  }
})
