// npm run bench:ui — how the console feels on a mid-range phone over 3G, on the demo with a year of history.
// Chromium (Debian's, through Playwright) with 4x CPU slowdown and DevTools' "Fast 3G" profile, a cold
// cache for every load: the time until the map shows every area coloured, the time until an area page's
// 1-year chart is drawn (area_ms: the island's canvas; also printed: when the server's SVG of the same year
// is on screen, before any script runs), the time until the alerts page has loaded, and the compressed
// script and style each page sends. Then alert latency: the time from a violating reading's PUBACK to its
// row appearing in an open alerts page, over ALERTS readings. Then the cooperatives' workspace as a phone
// (ui-workspace.ts: its home cold and from the service worker, its pages' weight, the scan page, and a
// label shown to a fake camera until its event is stored).
// Medians over RUNS loads. Last line:
// RESULT map_ms=… map_kb=… area_ms=… area_kb=… alerts_ms=… alerts_kb=… alert_p95_ms=… workspace_ms=…
// workspace_kb=… workspace_repeat_ms=… workspace_pages_max_kb=… scan_ms=… scan_kb=… camera_event_ms=…
// (one _ms and _kb per page; area_ms is the 1-year chart on its canvas; the SVG's time and the alert p50 are
// printed on the line before)
import { type Browser, chromium } from '@playwright/test'
import { topics } from '@zonetrace/contracts'
import mqtt from 'mqtt'
import { percentile, round } from './bench-db.ts'
import { median, recorded, throttled, watchAssets } from './ui-browser.ts'
import { measureWorkspace } from './ui-workspace.ts'
import { startUiWorld, type UiWorld } from './ui-world.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const RUNS = Number(process.env.BENCH_RUNS) || 5
const ALERTS = Number(process.env.BENCH_ALERTS) || 20
const AREA = 'DEMO-SHRIMP-HIEPMY'
interface Load {
  ms: number
  kb: number
  /** On the area page: when the server's SVG chart was on screen, before the island redrew it. */
  svgMs?: number
}

/** One cold load of `path` in a fresh context, until the page shows what the user came for (`ready`). */
async function load(
  browser: Browser,
  world: UiWorld,
  state: string,
  path: string,
  ready: Probe,
): Promise<Load> {
  const context = await browser.newContext({
    storageState: JSON.parse(state),
    viewport: { width: 1280, height: 800 },
  })
  try {
    const page = await throttled(context, PROBE)
    const assets = watchAssets(page)
    await page.goto(`${world.origin}${path}`, { waitUntil: 'commit' })
    const ms = await recorded(page, `window.__zt && window.__zt.${ready}`)
    await page.waitForLoadState('load')
    const svgMs = await page.evaluate<number | undefined>('window.__zt.svg')
    return { ms, kb: await assets(), svgMs }
  } finally {
    await context.close()
  }
}

async function signedIn(browser: Browser, world: UiWorld): Promise<string> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${world.origin}/console/login`)
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

/**
 * Runs in every page before its own scripts (an init script, which the console's CSP does not govern, where
 * waitForFunction's evaluated strings are refused): records in window.__zt, as performance.now() (ms since
 * navigation started), when the map shows every area filled and when the first chart's canvas is drawn, and
 * the wall-clock time each bench sensor's row first appears in a table.
 */
const PROBE = `(() => {
  const zt = (window.__zt = { seen: {} })
  const mapReady = () => {
    const data = document.querySelector('zone-map script[type="application/json"]')
    if (!data) return false
    const areas = JSON.parse(data.textContent).areas.filter((a) => a.polygon).length
    return document.querySelectorAll('zone-map path.leaflet-interactive[data-area][fill]').length >= Math.max(areas, 1)
  }
  const chartReady = () => {
    const canvas = document.querySelector('sensor-chart .uplot canvas')
    return !!canvas && canvas.width > 0
  }
  const frame = () => {
    if (zt.map === undefined && mapReady()) zt.map = performance.now()
    if (zt.chart === undefined && chartReady()) zt.chart = performance.now()
    if (zt.svg === undefined && (document.querySelector('sensor-chart svg')?.getBoundingClientRect().height ?? 0) > 0)
      zt.svg = performance.now()
    if (document.readyState === 'complete' && zt.page === undefined) zt.page = performance.now()
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
  new MutationObserver(() => {
    for (const row of document.querySelectorAll('tbody tr'))
      for (const m of (row.textContent || '').matchAll(/bench-ui-s\\d+/g)) zt.seen[m[0]] ??= Date.now()
  }).observe(document, { subtree: true, childList: true, characterData: true })
})()`

type Probe = 'map' | 'chart' | 'page'

async function alertLatencies(browser: Browser, world: UiWorld, state: string): Promise<number[]> {
  const context = await browser.newContext({
    storageState: JSON.parse(state),
    viewport: { width: 1280, height: 800 },
  })
  const page = await throttled(context, PROBE)
  await page.goto(`${world.origin}/console/alerts`)
  await page.waitForSelector('alert-live .live-state.on', { timeout: 60_000 })
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
    const seenAt = await recorded(page, `window.__zt.seen[${JSON.stringify(sensor)}]`, 30_000)
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
    maps.push(await load(browser, world, state, '/console', 'map'))
    charts.push(await load(browser, world, state, `/console/areas/${AREA}?range=1y`, 'chart'))
    alerts.push(await load(browser, world, state, '/console/alerts', 'page'))
    console.log(
      `run ${run + 1}: map ${round(maps.at(-1)!.ms, 0)} ms, 1-year chart ${round(charts.at(-1)!.ms, 0)} ms (SVG ${round(charts.at(-1)!.svgMs ?? Number.NaN, 0)} ms), alerts ${round(alerts.at(-1)!.ms, 0)} ms`,
    )
  }
  const latencies = await alertLatencies(browser, world, state)
  const ws = await measureWorkspace(browser, world, RUNS)
  const sorted = [...latencies].sort((a, b) => a - b)
  console.log(`alert latencies (ms): ${sorted.join(' ')}`)
  const kb = (loads: Load[]) => round(median(loads.map((l) => l.kb)), 1)
  const ms = (values: number[]) => round(median(values), 0)
  console.log(`workspace: opening the camera adds ${round(ws.decoderKb, 1)} KB (the decoder and its worker)`)
  console.log(
    `the 1-year SVG on screen at ${ms(charts.map((l) => l.svgMs ?? Number.NaN))} ms; alert p50 ${round(percentile(sorted, 50), 0)} ms`,
  )
  console.log(
    `RESULT map_ms=${ms(maps.map((l) => l.ms))} map_kb=${kb(maps)} area_ms=${ms(charts.map((l) => l.ms))} area_kb=${kb(charts)} alerts_ms=${ms(alerts.map((l) => l.ms))} alerts_kb=${kb(alerts)} alert_p95_ms=${round(percentile(sorted, 95), 0)} workspace_ms=${round(ws.homeMs, 0)} workspace_kb=${round(ws.homeKb, 1)} workspace_repeat_ms=${round(ws.repeatMs, 0)} workspace_pages_max_kb=${round(ws.pagesKb, 1)} scan_ms=${round(ws.scanMs, 0)} scan_kb=${round(ws.scanKb, 1)} camera_event_ms=${round(ws.cameraMs, 0)}`,
  )
} finally {
  await browser.close()
  await world.close()
}
