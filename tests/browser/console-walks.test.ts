// The console's two whole walks on `zonetrace demo` as a user starts it (a child process on free ports,
// with the accounts it prints), in Debian's Chromium:
// - the admin provisions a gateway for the demo rice field, copies its secret, publishes a reading with
//   mosquitto_pub under that secret, and finds the reading on the area page and its chart;
// - the cooperative's whole walk (cooperative-walk.ts): a new account to a printed, scanned label;
// - the officer, with the map open, sees the rice field turn red without reloading when that gateway (a real
//   MQTT client) reports salt past the rice limit, sees the alert row arrive live in the alerts page,
//   acknowledges it with a note, and finds the note in the alert's history; the admin finds it in the audit
//   log.
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from '@playwright/test'
import { topics } from '@zonetrace/contracts'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLOURS } from '../../dashboards/islands/lib/zone-map-style.ts'
import { printToolsOr } from '../api/labels/print-tools.ts'
import { type CliSandbox, createSandbox, type RunningCli, startCli } from '../cli/cli-harness.ts'
import { freePort } from '../helpers/net.ts'
import { until } from '../helpers/wait.ts'
import { browserUnavailable, launch, openWalk, screenshot, seriousViolations, type Walk } from './browser.ts'
import { submitSignIn } from './console-session.ts'
import { cooperativeWalk } from './cooperative-walk.ts'

const run = promisify(execFile)
const skip = browserUnavailable()
const needMosquitto = process.env.CI_REQUIRE_TOOLS === '1'
const hasMosquitto = await run('mosquitto_pub', ['--help']).then(
  () => true,
  (err: { code?: unknown }) => err.code !== 'ENOENT',
)
if (needMosquitto && !hasMosquitto)
  throw new Error('mosquitto_pub is required (apt-get install mosquitto-clients)')

const RICE = 'DEMO-RICE-LONGHOA'
const GATEWAY = 'walk-rice-gw'
const SENSOR = `${GATEWAY}-s1`
/** The critical fill, as Leaflet writes it on the area's path. */
const RED = COLOURS.critical.fill

interface DemoInfo {
  consoleUrl: string
  mqttUrl: string
  accounts: { role: string; email: string; password: string }[]
}

let sandbox: CliSandbox
let demo: RunningCli
let info: DemoInfo
let origin: string
let browser: Browser
/** Written by the admin walk, used by the officer's. */
let secret = ''

beforeAll(async () => {
  if (skip) return
  sandbox = await createSandbox({ HTTP_PORT: String(await freePort()), MQTT_PORT: String(await freePort()) })
  demo = startCli(['demo'], sandbox.env)
  await until(
    'the demo banner',
    async () => {
      const exited = demo.exited()
      if (exited) throw new Error(`demo exited early with ${exited.code}: ${exited.stderr}`)
      return demo.stdout().includes('Press Ctrl-C to stop.')
    },
    { timeoutMs: 150_000, intervalMs: 250 },
  )
  info = JSON.parse(await readFile(join(sandbox.dataDir, 'demo.json'), 'utf8')) as DemoInfo
  origin = new URL(info.consoleUrl).origin.replace('localhost', '127.0.0.1')
  browser = await launch()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  if (demo && demo.child.exitCode === null) {
    demo.child.kill('SIGINT')
    await demo.done
  }
  await sandbox?.close()
})

function account(role: string) {
  const found = info.accounts.find((a) => a.role === role)
  if (!found) throw new Error(`the demo printed no ${role} account`)
  return found
}

async function signedIn(role: string): Promise<Walk> {
  const w = await openWalk(browser, origin, 'desktop')
  await w.page.goto(`${origin}/console`)
  // Signed out, every console page leads to the sign-in form first.
  expect(new URL(w.page.url()).pathname).toBe('/console/login')
  await submitSignIn(w.page, account(role), `${origin}/console`)
  return w
}

function mqttPort(): number {
  return Number(new URL(info.mqttUrl).port)
}

/** The SenML pack of one salinity probe, `values` one per 45 s of data time ending `endMs`. */
function salinityPack(values: number[], endMs = Date.now()): string {
  const end = endMs / 1000
  const start = end - 45 * (values.length - 1)
  return JSON.stringify(
    values.map((v, i) =>
      i === 0 ? { bn: `${SENSOR}:`, bt: start, n: 'salinity', v } : { t: 45 * i, n: 'salinity', v },
    ),
  )
}

async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([])
  await screenshot(page, `console-walk-${name}`)
}

describe.skipIf(skip)('the console walked on the running demo', () => {
  it('admin: provision a gateway, publish under its secret with mosquitto_pub, see the reading on the chart', {
    timeout: 120_000,
  }, async () => {
    const { page, context, foreign } = await signedIn('admin')
    await page.goto(`${origin}/console/admin/gateways`)
    await page.locator('#gw-id').fill(GATEWAY)
    await page.locator('#gw-zone').selectOption(RICE)
    await page.locator('input[name=metric][value=salinity]').check()
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('form[action="/console/admin/gateways"] button[type=submit]').click(),
    ])
    secret = (await page.locator('code.secret').textContent())?.trim() ?? ''
    expect(secret.length).toBeGreaterThan(20)
    // The edge agent's config on the same page carries the same secret, ready to paste.
    expect(await page.locator('#agent-config').inputValue()).toContain(secret)
    await checkPage(page, 'admin-provisioned')

    // Taken ten minutes ago, so the officer's readings below come after it, as the rule engine needs.
    const pack = salinityPack([0.42], Date.now() - 10 * 60_000)
    if (hasMosquitto) {
      await run('mosquitto_pub', [
        ...['-h', '127.0.0.1', '-p', String(mqttPort()), '-q', '1'],
        ...['-i', GATEWAY, '-u', GATEWAY, '-P', secret],
        ...['-t', topics.readings(GATEWAY), '-m', pack],
      ])
    } else {
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort()}`, {
        clientId: GATEWAY,
        username: GATEWAY,
        password: secret,
        reconnectPeriod: 0,
      })
      await client.publishAsync(topics.readings(GATEWAY), pack, { qos: 1 })
      await client.endAsync()
    }

    // The area page lists the new sensor with the reading, and its salinity chart holds the point.
    await until(
      'the reading on the area page',
      async () => {
        await page.goto(`${origin}/console/areas/${RICE}?range=24h`)
        return ((await page.locator(`tr:has-text("${SENSOR}")`).textContent()) ?? '').includes('0,42')
      },
      { timeoutMs: 20_000, intervalMs: 1000 },
    )
    const chart = page.locator('article.metric-chart', { hasText: SENSOR }).locator('sensor-chart')
    // The island drew the series on its canvas, and the series it drew holds the reading.
    await chart.locator('.uplot canvas').first().waitFor()
    expect(
      await chart
        .locator('.uplot canvas')
        .first()
        .evaluate((c) => (c as unknown as { width: number }).width),
    ).toBeGreaterThan(0)
    expect(await chart.locator('script[type="application/json"]').textContent()).toContain('0.42')
    await checkPage(page, 'admin-area')
    expect(foreign).toEqual([])
    await context.close()
  })

  it('officer: the map turns red and the alert arrives live; ack with a note; history and audit show it', {
    timeout: 150_000,
  }, async () => {
    expect(secret, 'the admin walk provisions the gateway').not.toBe('')
    const officer = await signedIn('officer')
    const map = officer.page
    const area = map.locator(`zone-map path.leaflet-interactive[data-area="${RICE}"]`)
    await area.waitFor()
    expect(await area.getAttribute('fill')).not.toBe(RED)
    await checkPage(map, 'officer-map')
    const alerts = await officer.context.newPage()
    await alerts.goto(`${origin}/console/alerts`)
    await alerts.locator('alert-live .live-state.on').waitFor()
    const before = await alerts.locator(`tbody tr:has-text("${RICE}")`).count()

    // Salt past the rice limit (2 ‰) for 90 s of data time: longer than the preset rule's duration.
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort()}`, {
      clientId: GATEWAY,
      username: GATEWAY,
      password: secret,
      reconnectPeriod: 0,
    })
    await client.publishAsync(topics.readings(GATEWAY), salinityPack([5.8, 6.1, 6.4]), { qos: 1 })
    const acked = Date.now()
    await client.endAsync()

    await expect.poll(() => area.getAttribute('fill'), { timeout: 15_000 }).toBe(RED)
    const row = alerts.locator(`tbody tr:has-text("${RICE}")`).first()
    await expect
      .poll(() => alerts.locator(`tbody tr:has-text("${RICE}")`).count(), { timeout: 15_000 })
      .toBeGreaterThan(before)
    console.log(`alert row live ${Date.now() - acked} ms after the PUBACK`)
    await screenshot(map, 'console-walk-officer-map-red')
    await checkPage(alerts, 'officer-alert-live')

    // Acknowledge it on its row, with a note.
    const note = 'Đã gọi HTX kiểm tra cống lấy nước'
    await row.locator('input[name=note]').fill(note)
    await Promise.all([alerts.waitForEvent('framenavigated'), row.locator('button[type=submit]').click()])
    await alerts.waitForLoadState('load')
    const acknowledged = alerts.locator(`tbody tr:has-text("${RICE}")`).first()
    await Promise.all([alerts.waitForEvent('framenavigated'), acknowledged.locator('a').first().click()])
    await alerts.waitForLoadState('load')
    const history = (await alerts.locator('main').textContent()) ?? ''
    expect(history).toContain(note)
    expect(history).toContain(account('officer').email)
    await checkPage(alerts, 'officer-alert-history')
    expect(officer.foreign).toEqual([])
    await officer.context.close()

    const admin = await signedIn('admin')
    await admin.page.goto(`${origin}/console/admin/audit`)
    const audit = (await admin.page.locator('main').textContent()) ?? ''
    expect(audit).toContain(account('officer').email)
    expect(audit).toContain(note)
    await admin.context.close()
  })

  it('cooperative: from a new account to a printed label sheet and a scanned receiving event', {
    timeout: 300_000,
  }, async (ctx) => {
    if (!printToolsOr(ctx.skip)) return
    await cooperativeWalk({ origin, browser, account })
  })
})
