// npm run bench:ui — how the console feels on a mid-range phone over 3G, on the demo with a year of history.
// Chromium (Debian's, through Playwright) with 4x CPU slowdown and DevTools' "Fast 3G" profile, a cold
// cache for every load: the time until the map shows every area coloured, the time until an area page's
// 1-year chart is drawn, and the compressed script and style each page sends. Then alert latency: the time
// from a violating reading's PUBACK to its row appearing in an open alerts page, over ALERTS readings.
// Medians over RUNS loads. Last line:
// RESULT map_ms=… area_1y_ms=… map_kb=… area_kb=… alerts_kb=… alert_p50_ms=… alert_p95_ms=…
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test'
import { topics } from '@zonetrace/contracts'
import mqtt from 'mqtt'
import { percentile, round } from './bench-db.ts'
import { startUiWorld, type UiWorld } from './ui-world.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const RUNS = Number(process.env.BENCH_RUNS) || 5
const ALERTS = Number(process.env.BENCH_ALERTS) || 20
const AREA = 'DEMO-SHRIMP-HIEPMY'
/** Chrome DevTools' "Fast 3G" preset. */
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
}

interface Load {
  ms: number
  kb: number
}

async function throttled(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', FAST_3G)
  return page
}

/** Compressed bytes of the scripts and stylesheets a load fetched. */
function watchAssets(page: Page): () => Promise<number> {
  const sizes: Promise<number>[] = []
  page.on('requestfinished', (request) => {
    if (['script', 'stylesheet'].includes(request.resourceType()))
      sizes.push(request.sizes().then((s) => s.responseBodySize))
  })
  return async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0) / 1024
}

/** One cold load of `path` in a fresh context; `ready` runs in the page and returns performance.now()
 *  (milliseconds since navigation started) once the page shows what the user came for. */
async function load(
  browser: Browser,
  world: UiWorld,
  state: string,
  path: string,
  ready: string,
): Promise<Load> {
  const context = await browser.newContext({
    storageState: JSON.parse(state),
    viewport: { width: 1280, height: 800 },
  })
  try {
    const page = await throttled(context)
    const assets = watchAssets(page)
    await page.goto(`${world.origin}${path}`, { waitUntil: 'commit' })
    const handle = await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 60_000 })
    const ms = (await handle.jsonValue()) as number
    await page.waitForLoadState('load')
    return { ms, kb: await assets() }
  } finally {
    await context.close()
  }
}

async function signedIn(browser: Browser, world: UiWorld): Promise<string> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${world.origin}/console/sign-in`)
  await page.getByLabel(/Email/i).fill(world.officer.email)
  await page.getByLabel(/Mật khẩu/i).fill(world.officer.password)
  await Promise.all([
    page.waitForURL(`${world.origin}/console`),
    page.getByRole('button', { name: /Đăng nhập/ }).click(),
  ])
  const state = JSON.stringify(await context.storageState())
  await context.close()
  return state
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  )

// Every area drawn and filled with its severity colour.
const MAP_READY = `(() => {
  const data = document.querySelector('zone-map script[type="application/json"]')
  if (!data) return false
  const areas = JSON.parse(data.textContent).areas.filter((a) => a.polygon).length
  const drawn = document.querySelectorAll('zone-map path.leaflet-interactive[data-area][fill]').length
  return drawn > 0 && drawn >= areas ? performance.now() : false
})()`
// The first chart's canvas has pixels: uPlot drew the year.
const CHART_READY = `(() => {
  const canvas = document.querySelector('sensor-chart .uplot canvas')
  return canvas && canvas.width > 0 && document.querySelector('sensor-chart[data-drawn]') ? performance.now() : false
})()`
const PAGE_READY = `document.readyState === 'complete' ? performance.now() : false`

async function alertLatencies(browser: Browser, world: UiWorld, state: string): Promise<number[]> {
  const context = await browser.newContext({
    storageState: JSON.parse(state),
    viewport: { width: 1280, height: 800 },
  })
  const page = await throttled(context)
  await page.goto(`${world.origin}/console/alerts`)
  await page.waitForSelector('alert-live .live-state.on', { timeout: 60_000 })
  // Wall-clock time each sensor id first shows up in the table, recorded in the page as it happens.
  await page.evaluate(`(() => {
    const seen = {}
    window.seen = seen
    new MutationObserver(() => {
      for (const row of document.querySelectorAll('tbody tr')) {
        for (const m of (row.textContent ?? '').matchAll(/bench-ui-s\\d+/g)) seen[m[0]] ??= Date.now()
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })()`)
  const client = await mqtt.connectAsync(world.mqttUrl, { ...world.benchGateway, reconnectPeriod: 0 })
  const latencies: number[] = []
  for (let i = 1; i <= ALERTS; i++) {
    const sensor = `bench-ui-s${i}`
    const now = Date.now() / 1000
    // Under the pond's oxygen limit for 90 s of data time: past the preset rule's duration in one pack.
    const pack = JSON.stringify([
      { bn: `${sensor}:`, bt: now - 90, n: 'dissolved_oxygen', v: 1.1 },
      { t: 45, n: 'dissolved_oxygen', v: 1.0 },
      { t: 90, n: 'dissolved_oxygen', v: 0.9 },
    ])
    await client.publishAsync(topics.readings(world.benchGateway.username), pack, { qos: 1 })
    const acked = Date.now()
    const seenAt = await page
      .waitForFunction(`window.seen[${JSON.stringify(sensor)}]`, undefined, {
        timeout: 30_000,
      })
      .then((h) => h.jsonValue() as Promise<number>)
    latencies.push(seenAt - acked)
  }
  await client.endAsync()
  await context.close()
  return latencies
}

const world = await startUiWorld({ benchSensors: ALERTS, benchArea: AREA })
console.log(
  `database: ${world.dbLabel}; ${world.readings} readings over a year seeded in ${round(world.seededSeconds, 0)} s; ${RUNS} cold loads per page at 4x CPU slowdown on Fast 3G`,
)
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
try {
  const state = await signedIn(browser, world)
  const maps: Load[] = []
  const charts: Load[] = []
  const alerts: Load[] = []
  for (let run = 0; run < RUNS; run++) {
    maps.push(await load(browser, world, state, '/console', MAP_READY))
    charts.push(await load(browser, world, state, `/console/areas/${AREA}?range=1y`, CHART_READY))
    alerts.push(await load(browser, world, state, '/console/alerts', PAGE_READY))
    console.log(
      `run ${run + 1}: map ${round(maps.at(-1)!.ms, 0)} ms, 1-year chart ${round(charts.at(-1)!.ms, 0)} ms, alerts ${round(alerts.at(-1)!.ms, 0)} ms`,
    )
  }
  const latencies = await alertLatencies(browser, world, state)
  const sorted = [...latencies].sort((a, b) => a - b)
  console.log(`alert latencies (ms): ${sorted.join(' ')}`)
  const kb = (loads: Load[]) => round(median(loads.map((l) => l.kb)), 1)
  console.log(
    `RESULT map_ms=${round(median(maps.map((l) => l.ms)), 0)} area_1y_ms=${round(median(charts.map((l) => l.ms)), 0)} map_kb=${kb(maps)} area_kb=${kb(charts)} alerts_kb=${kb(alerts)} alert_p50_ms=${round(percentile(sorted, 50), 0)} alert_p95_ms=${round(percentile(sorted, 95), 0)}`,
  )
} finally {
  await browser.close()
  await world.close()
}
