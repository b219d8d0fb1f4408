// The cooperatives' workspace in bench:ui (issue 16), as the demo cooperative on a 360 px phone, throttled
// like the console's pages (4x CPU, Fast 3G):
// - home_ms: a cold load of /workspace until its load event, home_kb its compressed script and style;
// - repeat_ms: the same page again once the service worker holds the workspace (after a visit to the scan
//   page, which installs it), until the load event;
// - pages_kb: the largest compressed script and style of the pages without a camera (home, areas and the
//   area form with its drawing map, products and the product form, lots, a lot, its labels, feedback),
//   each printed;
// - scan_ms, scan_kb: a cold load of the scan page (with the camera's permission granted) and what it loads
//   before the camera opens; decoder_kb: what opening the camera adds
//   (the decoder and its worker, when the browser has no native BarcodeDetector for QR);
// - camera_ms: from tapping "open the camera", with Chromium's fake camera showing a real signed label, to
//   the receiving event stored by the server and listed on the page.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from '@playwright/test'
import { writeLabelY4m } from '../tests/browser/fake-camera.ts'
import { round } from './bench-db.ts'
import { median, recorded, throttled, watchAssets } from './ui-browser.ts'
import type { UiWorld } from './ui-world.ts'

const PHONE = { width: 360, height: 800 }

export interface WorkspaceFigures {
  homeMs: number
  homeKb: number
  repeatMs: number
  pagesKb: number
  scanMs: number
  scanKb: number
  decoderKb: number
  cameraMs: number
}

/** Records, as performance.now(), the load event, the tap on the camera button and the first new recent scan. */
const PROBE = `(() => {
  const zt = (window.__zt = {})
  const recent = () => document.querySelectorAll('[data-recent] li').length
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-camera]')) {
      zt.before = recent()
      zt.tapped = performance.now()
    }
  }, true)
  const frame = () => {
    if (zt.page === undefined && document.readyState === 'complete') zt.page = performance.now()
    if (zt.tapped !== undefined && zt.stored === undefined && recent() > zt.before) zt.stored = performance.now()
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
})()`

async function signedIn(browser: Browser, world: UiWorld): Promise<string> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${world.origin}/console/login`)
  await page.locator('#email').fill(world.cooperative.email)
  await page.locator('#password').fill(world.cooperative.password)
  await Promise.all([
    page.waitForURL(`${world.origin}/workspace`),
    page.locator('main button[type=submit]').click(),
  ])
  const state = JSON.stringify(await context.storageState())
  await context.close()
  return state
}

async function phone(browser: Browser, state: string, permissions: string[] = []): Promise<Page> {
  const context = await browser.newContext({ storageState: JSON.parse(state), viewport: PHONE, permissions })
  return throttled(context, PROBE)
}

async function coldLoad(browser: Browser, world: UiWorld, state: string, path: string) {
  const page = await phone(browser, state)
  try {
    const assets = watchAssets(page)
    await page.goto(`${world.origin}${path}`, { waitUntil: 'commit' })
    const ms = await recorded(page, 'window.__zt.page')
    return { ms, kb: await assets() }
  } finally {
    await page.context().close()
  }
}

/** The second visit to the home, the service worker installed by a visit to the scan page in between. */
async function repeatLoad(browser: Browser, world: UiWorld, state: string): Promise<number> {
  const page = await phone(browser, state)
  try {
    await page.goto(`${world.origin}/workspace`)
    await page.goto(`${world.origin}/workspace/scan`)
    // Active means installed, and installing is when the worker fills its cache.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)')
    await page.goto(`${world.origin}/workspace`, { waitUntil: 'commit' })
    return await recorded(page, 'window.__zt.page')
  } finally {
    await page.context().close()
  }
}

async function cameraToEvent(world: UiWorld, state: string, runs: number) {
  const dir = await mkdtemp(join(tmpdir(), 'zt-bench-camera-'))
  const video = join(dir, 'label.y4m')
  await writeLabelY4m(video, world.labelUrl)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  })
  const times: number[] = []
  const loads: number[] = []
  const scanKbs: number[] = []
  const decoderKbs: number[] = []
  try {
    for (let run = 0; run < runs; run++) {
      const page = await phone(browser, state, ['camera'])
      const before = watchAssets(page)
      await page.goto(`${world.origin}/workspace/scan`)
      await page.locator('[data-camera]').waitFor({ state: 'visible' })
      loads.push(await recorded(page, 'window.__zt.page'))
      scanKbs.push(await before())
      // What the camera adds: the decoder's files, the worker included (its size from its headers when the
      // worker's own request reports none).
      const decoder: Promise<number>[] = []
      page.context().on('response', (response) => {
        if (!new URL(response.url()).pathname.startsWith('/console/dist/')) return
        decoder.push(
          response
            .request()
            .sizes()
            .then(
              (s) =>
                s.responseBodySize > 0
                  ? s.responseBodySize
                  : Number(response.headers()['content-length'] ?? 0),
              () => Number(response.headers()['content-length'] ?? 0),
            ),
        )
      })
      await page.locator('[data-camera]').click()
      const stored = await recorded(page, 'window.__zt.stored', 30_000).catch(async (err: Error) => {
        const status = await page.locator('[data-status]').textContent()
        throw new Error(`${err.message}; the page says: ${status}`)
      })
      times.push(stored - (await page.evaluate<number>('window.__zt.tapped')))
      decoderKbs.push((await Promise.all(decoder)).reduce((a, b) => a + b, 0) / 1024)
      await page.context().close()
    }
  } finally {
    await browser.close()
    await rm(dir, { recursive: true, force: true })
  }
  return { times, loads, scanKbs, decoderKbs }
}

export async function measureWorkspace(
  browser: Browser,
  world: UiWorld,
  runs: number,
): Promise<WorkspaceFigures> {
  const state = await signedIn(browser, world)
  const homes = []
  const repeats = []
  for (let run = 0; run < runs; run++) {
    homes.push(await coldLoad(browser, world, state, '/workspace'))
    repeats.push(await repeatLoad(browser, world, state))
    console.log(
      `workspace run ${run + 1}: home ${round(homes.at(-1)!.ms, 0)} ms, repeat ${round(repeats.at(-1)!, 0)} ms`,
    )
  }
  const pages = [
    '/workspace/areas',
    '/workspace/areas/new',
    '/workspace/products',
    '/workspace/products/new',
    '/workspace/lots',
    `/workspace/lots/${world.lotId}`,
    `/workspace/lots/${world.lotId}/labels`,
    '/workspace/feedback',
  ]
  const pageKbs = [homes[0]!.kb]
  for (const path of pages) {
    const { kb } = await coldLoad(browser, world, state, path)
    pageKbs.push(kb)
    console.log(`${path}: ${round(kb, 1)} KB of script and style`)
  }
  const camera = await cameraToEvent(world, state, runs)
  console.log(`camera to stored event (ms): ${camera.times.map((t) => round(t, 0)).join(' ')}`)
  return {
    homeMs: median(homes.map((h) => h.ms)),
    homeKb: median(homes.map((h) => h.kb)),
    repeatMs: median(repeats),
    pagesKb: Math.max(...pageKbs),
    scanMs: median(camera.loads),
    scanKb: median(camera.scanKbs),
    decoderKb: median(camera.decoderKbs),
    cameraMs: median(camera.times),
  }
}
