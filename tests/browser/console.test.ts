// The officers' and admins' console walked in a real browser, at a phone's 360 px and on a desktop: sign in
// through the form, the areas list searched by a former commune name, the language switch there and back,
// and for an admin an account added (its password shown once) and found in the audit log. Every page is
// checked by axe-core, for sideways scrolling, and photographed into test-output/browser/console-*.png.
import type { Browser, Locator, Page } from '@playwright/test'
import { backfillDemoHistory, demoZoneKinds, ensureDemoGateways, seedDemoRegistry } from '@zonetrace/cli'
import { applyZonePreset } from '@zonetrace/db'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presetRuleId, seedAlert } from '../alerts/harness.ts'
import { ACCOUNTS, type ConsoleHarness, PASSWORD, startConsoleHarness } from '../console/console-fixture.ts'
import { TEST_ZONE } from '../helpers/fixtures.ts'
import { browserUnavailable, launch, readmeShot, screenshot, seriousViolations } from './browser.ts'
import { CONSOLE_SIZE_NAMES, type ConsoleSize, openConsoleWalk } from './console-session.ts'

const skip = browserUnavailable()

let consoleApi: ConsoleHarness
let origin: string
let browser: Browser

beforeAll(async () => {
  if (skip) return
  consoleApi = await startConsoleHarness()
  // The demo's areas, gateways and a day of readings, so the list is as long and as full as a real one.
  const { db } = consoleApi.test
  await seedDemoRegistry(db)
  const gateways = await ensureDemoGateways(db, consoleApi.dataDir, pino({ level: 'silent' }))
  await backfillDemoHistory(db, {
    gateways: gateways.filter((g) => g.sensors.length > 0),
    zoneKinds: demoZoneKinds(),
    seed: 42,
    days: 1,
  })
  // The aerator stop of the demo pond, as the engine records it: a critical alert on the map and in the list.
  // The demo gives its areas their presets with the traceability seed (registerArea); the pond's is enough here.
  await db.query(
    `update growing_areas set threshold_preset = 'shrimp_pond' where code = 'DEMO-SHRIMP-HIEPMY'`,
  )
  await applyZonePreset(db, 'DEMO-SHRIMP-HIEPMY', null)
  const pond = gateways.find((g) => g.gatewayId === 'demo-hiepmy')!
  const oxygen = pond.sensors.find((c) => c.metric === 'dissolved_oxygen')!
  await seedAlert(db, {
    sensorId: oxygen.sensorId,
    gatewayId: pond.gatewayId,
    zone: 'DEMO-SHRIMP-HIEPMY',
    ruleId: await presetRuleId(db, 'DEMO-SHRIMP-HIEPMY', 'dissolved_oxygen', 'critical'),
    metric: 'dissolved_oxygen',
    severity: 'critical',
    openedAt: new Date(Date.now() - 20 * 60_000),
    value: 2.4,
    threshold: 3,
  })
  // A real socket: the browser cannot reach app.inject.
  await consoleApi.app.listen({ port: 0, host: '127.0.0.1' })
  const address = consoleApi.app.server.address() as { port: number }
  origin = `http://127.0.0.1:${address.port}`
  browser = await launch()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await consoleApi?.close()
})

/** Clicks something that posts or follows a link, and waits for the page it leads to (after any 303). */
async function follow(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated'), target.click()])
  await page.waitForLoadState('load')
}

/** Follows a section link in the bar; on a phone the sections are folded behind the "Mục lục" menu first. */
async function openSection(page: Page, name: string): Promise<void> {
  const menu = page.locator('details.menu summary')
  if (await menu.isVisible()) await menu.click()
  await follow(page, page.locator('header nav a', { hasText: name }))
}

/**
 * What every page must be: no serious axe finding, nothing wider than the screen, and on a phone a bar of
 * two rows at most while its menu is closed (not the four rows the sections used to wrap to); then
 * photographed.
 */
async function checkPage(page: Page, size: ConsoleSize, name: string): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([])
  if (size === 'phone' && (await page.locator('details.menu[open]').count()) === 0) {
    const bar = await page.locator('header.bar').boundingBox()
    expect(bar?.height, `${name}: the bar is ${bar?.height} px tall`).toBeLessThanOrEqual(110)
  }
  // A string, since the tests compile without the DOM's types.
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  )
  expect(overflow, `${name} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0)
  await screenshot(page, `console-${size}-${name}`)
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.locator('#email').fill(email)
  await page.locator('#password').fill(PASSWORD)
  await follow(page, page.locator('main button[type=submit]'))
}

/** The areas list searched by Thạnh Phú, the commune merged into Tam Ngãi in 2025, then EN and back. */
async function searchAndSwitch(page: Page, size: ConsoleSize, who: string): Promise<void> {
  expect(await page.locator('h1').textContent()).toBe('Vùng trồng')
  expect(await page.locator('tbody tr').count()).toBeGreaterThan(1)
  await checkPage(page, size, `${who}-areas`)
  await page.locator('#q').fill('Thạnh Phú')
  await follow(page, page.getByRole('button', { name: 'Tìm' }))
  expect(new URL(page.url()).searchParams.get('q')).toBe('Thạnh Phú')
  const codes = await page.locator('tbody tr td:first-child strong').allTextContents()
  expect(codes).toContain(TEST_ZONE)
  expect(await page.locator('main > p.note').textContent()).toBe(
    `${codes.length} vùng trồng · Giờ Việt Nam (UTC+7)`,
  )
  await checkPage(page, size, `${who}-search`)

  await follow(page, page.locator('header.bar button[lang=en]'))
  expect(await page.locator('html').getAttribute('lang')).toBe('en')
  expect(await page.locator('h1').textContent()).toBe('Growing areas')
  await checkPage(page, size, `${who}-areas-en`)
  await follow(page, page.locator('header.bar button[lang=vi]'))
  expect(await page.locator('html').getAttribute('lang')).toBe('vi')
  expect(await page.locator('h1').textContent()).toBe('Vùng trồng')
}

describe.skipIf(skip)('console in a browser', () => {
  for (const size of CONSOLE_SIZE_NAMES) {
    it(`an officer and an admin walk the console on a ${size}`, { timeout: 240_000 }, async () => {
      const officer = await openConsoleWalk(browser, origin, size)
      try {
        const { page } = officer
        // No session yet: the console sends the officer to sign in, and back afterwards.
        await page.goto(`${origin}/console`)
        expect(new URL(page.url()).pathname).toBe('/console/login')
        expect(new URL(page.url()).searchParams.get('next')).toBe('/console')
        await checkPage(page, size, 'sign-in')
        await signIn(page, ACCOUNTS.officer)
        expect(new URL(page.url()).pathname).toBe('/console')
        expect(await page.locator('header .who').textContent()).toBe('Nguyễn Thị Lan · cán bộ')
        // An officer is not shown the admin sections.
        const sections = await page.locator('header nav a').allTextContents()
        expect(sections).toContain('Vùng trồng')
        expect(sections).not.toContain('Tài khoản')
        expect(sections).not.toContain('Nhật ký thao tác')
        const menu = page.locator('details.menu summary')
        if (size === 'phone') {
          // Folded: the sections show once the menu opens, the current one still marked, all without script.
          expect(await page.locator('header nav').isVisible()).toBe(false)
          await menu.click()
          expect(await page.locator('header nav a[aria-current=page]').isVisible()).toBe(true)
          expect((await page.locator('header nav a').first().boundingBox())?.height).toBeGreaterThanOrEqual(
            44,
          )
          await checkPage(page, size, 'officer-menu-open')
          await menu.click()
          expect(await page.locator('header nav').isVisible()).toBe(false)
        } else {
          expect(await menu.isVisible()).toBe(false)
          expect(await page.locator('header nav a[aria-current=page]').isVisible()).toBe(true)
        }
        await searchAndSwitch(page, size, 'officer')
        expect(officer.foreign).toEqual([])
      } finally {
        await officer.context.close()
      }

      const admin = await openConsoleWalk(browser, origin, size)
      try {
        const { page } = admin
        await page.goto(`${origin}/console/login`)
        await signIn(page, ACCOUNTS.admin)
        expect(new URL(page.url()).pathname).toBe('/console')
        await searchAndSwitch(page, size, 'admin')

        await openSection(page, 'Tài khoản')
        expect(await page.locator('h1').textContent()).toBe('Tài khoản')
        await checkPage(page, size, 'users')
        const email = `binh.${size}@travinh.gov.test`
        await page.locator('#displayName').fill('Trần Văn Bình')
        await page.locator('#email').fill(email)
        await page.locator('#role').selectOption('officer')
        await follow(page, page.getByRole('button', { name: 'Thêm', exact: true }))
        expect(await page.locator('.notice').first().textContent()).toBe(`Đã tạo tài khoản ${email}.`)
        const password = await page.locator('code.secret').textContent()
        expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/)
        await checkPage(page, size, 'users-added')
        // Shown once: the list opened again has the account but not its password.
        await openSection(page, 'Tài khoản')
        expect(await page.locator('main').textContent()).toContain(email)
        expect(await page.locator('code.secret').count()).toBe(0)
        expect(await page.content()).not.toContain(password)

        await openSection(page, 'Nhật ký thao tác')
        expect(await page.locator('h1').textContent()).toBe('Nhật ký thao tác')
        const added = page.locator('tbody tr', { has: page.locator('code', { hasText: /^user add$/ }) })
        await expect.poll(() => added.filter({ hasText: email }).count()).toBe(1)
        expect(await added.filter({ hasText: email }).locator('td').nth(1).textContent()).toBe(ACCOUNTS.admin)
        await checkPage(page, size, 'audit')
        expect(admin.foreign).toEqual([])
      } finally {
        await admin.context.close()
      }
    })
  }

  it('sends a cooperative to its workspace and refuses it the console with the 403 page, and sends a stranger to sign in', async () => {
    const w = await openConsoleWalk(browser, origin, 'phone')
    try {
      const { page } = w
      await page.goto(`${origin}/console/admin/audit`)
      expect(new URL(page.url()).pathname).toBe('/console/login')
      expect(new URL(page.url()).searchParams.get('next')).toBe('/console/admin/audit')
      await page.goto(`${origin}/console/login`)
      await signIn(page, ACCOUNTS.cooperative)
      // A cooperative starts in its workspace, and the console's map sends it back there.
      expect(new URL(page.url()).pathname).toBe('/workspace')
      await page.goto(`${origin}/console`)
      expect(new URL(page.url()).pathname).toBe('/workspace')
      const refused = await page.goto(`${origin}/console/reports`)
      expect(refused?.status()).toBe(403)
      expect(await page.locator('h1').textContent()).toBe('Không có quyền truy cập')
      await checkPage(page, 'phone', 'forbidden')
      const desktop = await openConsoleWalk(browser, origin, 'desktop')
      try {
        await desktop.context.addCookies(await w.context.cookies())
        expect((await desktop.page.goto(`${origin}/console/admin/users`))?.status()).toBe(403)
        await checkPage(desktop.page, 'desktop', 'forbidden')
      } finally {
        await desktop.context.close()
      }
      expect(w.foreign).toEqual([])
    } finally {
      await w.context.close()
    }
  })

  it('every other section an admin opens passes axe and fits a phone and a desktop', {
    timeout: 240_000,
  }, async () => {
    const phone = await openConsoleWalk(browser, origin, 'phone')
    const desktop = await openConsoleWalk(browser, origin, 'desktop')
    try {
      await phone.page.goto(`${origin}/console/login`)
      await signIn(phone.page, ACCOUNTS.admin)
      await desktop.context.addCookies(await phone.context.cookies())
      // The worst area comes first: the demo pond with its critical alert.
      const first = phone.page.locator('tbody tr').first()
      expect(await first.locator('td').first().textContent()).toContain('DEMO-SHRIMP-HIEPMY')
      expect(await first.locator('.sev-critical').count()).toBe(1)
      await desktop.page.goto(`${origin}/console`)
      await readmeShot(desktop.page, 'console-desktop-first-screen', 'console-areas-desktop.png')
      const pages: [string, string][] = [
        ['alerts', '/console/alerts'],
        ['area', '/console/areas/DEMO-SHRIMP-HIEPMY?range=7d'],
        ['rules', '/console/areas/DEMO-SHRIMP-HIEPMY/rules'],
        ['gateways', '/console/admin/gateways'],
        ['dead-letters', '/console/admin/dead-letters'],
        ['jobs', '/console/admin/jobs'],
        ['label-keys', '/console/admin/label-keys'],
      ]
      for (const [name, path] of pages) {
        for (const [size, w] of [
          ['phone', phone],
          ['desktop', desktop],
        ] as const) {
          const res = await w.page.goto(`${origin}${path}`)
          expect(res?.status(), `${size} ${path}`).toBe(200)
          await checkPage(w.page, size, name)
          if (name === 'area') expect(await w.page.locator('main svg').count()).toBeGreaterThan(0)
        }
      }
      expect([...phone.foreign, ...desktop.foreign]).toEqual([])
    } finally {
      await phone.context.close()
      await desktop.context.close()
    }
  })
})
