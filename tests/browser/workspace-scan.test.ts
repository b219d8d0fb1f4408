// The scan page in a real Chromium whose camera is a file (fake-camera.ts): a genuine label shown to the
// camera records a receiving event for its lot; a forged one (same layout, wrong signature) is refused and
// records nothing; offline, three scans wait in the queue ("3 đang chờ gửi") and are stored once each when
// the network is back, and sending the same queue again stores nothing twice. Debian's Chromium on Linux has
// no BarcodeDetector, so the qr-scanner decoder and its worker from /console/dist/ are what read the codes.
import { generateKeyPairSync } from 'node:crypto'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test'
import { issueLabels } from '@zonetrace/api'
import { parseDigitalLink, signedLabelUrl } from '@zonetrace/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOA_TAN, VICOSAP } from '../helpers/trace-fixtures.ts'
import {
  COOP_A,
  COOP_B,
  PASSWORD,
  startWorkspaceHarness,
  type WorkspaceHarness,
} from '../workspace/workspace-fixture.ts'
import { browserUnavailable, CHROMIUM, SHOTS_DIR, seriousViolations } from './browser.ts'
import { submitSignIn } from './console-session.ts'
import { writeLabelY4m } from './fake-camera.ts'

const skip = browserUnavailable()
// Test runs photograph into test-output; the README's own pictures come from the demo walk (readmeShot).
const SHOTS = SHOTS_DIR

interface QueuedEvent {
  id: string
  lotId: string
  bizStep: string
  time: string
}

let ws: WorkspaceHarness
let origin: string
let labels: string[]
let forged: string
let foreign: string
const browsers: Browser[] = []
let genuine: Browser
let forger: Browser

/** Chromium whose camera shows `y4m`, allowed without asking. */
async function launchWithCamera(y4m: string): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  })
  browsers.push(browser)
  return browser
}

beforeAll(async () => {
  if (skip) return
  ws = await startWorkspaceHarness()
  const batch = await issueLabels(ws.test.db, ws.app.labelKeys, VICOSAP, {
    lotId: COOP_A.lotId,
    count: 3,
    baseUrl: 'https://truyxuat.example.vn',
  })
  labels = batch.labels.map((l) => l.url)
  const other = await issueLabels(ws.test.db, ws.app.labelKeys, HOA_TAN, {
    lotId: COOP_B.lotId,
    count: 1,
    baseUrl: 'https://truyxuat.example.vn',
  })
  foreign = other.labels[0]!.url
  // The first label's item signed by a stranger's key under the platform's key id: it looks the same.
  const kid = /k=([^&]+)$/.exec(labels[0]!)![1]
  const { privateKey } = generateKeyPairSync('ed25519')
  forged = signedLabelUrl('https://truyxuat.example.vn', parseDigitalLink(labels[0]!), privateKey).replace(
    /k=[^&]+$/,
    `k=${kid}`,
  )
  const dir = await mkdtemp(join(tmpdir(), 'zt-camera-'))
  await writeLabelY4m(join(dir, 'genuine.y4m'), labels[0]!)
  await writeLabelY4m(join(dir, 'forged.y4m'), forged)
  await mkdir(SHOTS, { recursive: true })
  await ws.app.listen({ port: 0, host: '127.0.0.1' })
  origin = `http://127.0.0.1:${(ws.app.server.address() as { port: number }).port}`
  genuine = await launchWithCamera(join(dir, 'genuine.y4m'))
  forger = await launchWithCamera(join(dir, 'forged.y4m'))
}, 180_000)

afterAll(async () => {
  for (const b of browsers) await b.close()
  await ws?.close()
})

async function signedInScanPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 800 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    permissions: ['camera'],
  })
  const page = await context.newPage()
  await page.goto(`${origin}/console/login?next=%2Fworkspace%2Fscan`)
  await submitSignIn(page, { email: COOP_A.email, password: PASSWORD }, /\/workspace\/scan$/)
  // Controlled by the service worker from here on, so the offline walk has the page and keys in its cache.
  await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)')
  await page.reload()
  await page.waitForFunction('navigator.serviceWorker.controller !== null')
  return { context, page }
}

async function eventsOf(ids: string[]): Promise<number> {
  const rows = await ws.test.db.query<{ n: number }>(
    'select count(*)::int as n from lot_events where id = any($1::uuid[])',
    [ids],
  )
  return rows[0]!.n
}

async function receivingCount(): Promise<number> {
  const rows = await ws.test.db.query<{ n: number }>(
    `select count(*)::int as n from lot_events where lot_id = $1 and biz_step = 'receiving'`,
    [COOP_A.lotId],
  )
  return rows[0]!.n
}

describe.skipIf(skip)('scanning a label with the camera', () => {
  it('records a receiving event for the lot of a genuine label', async () => {
    const { context, page } = await signedInScanPage(genuine)
    const before = await receivingCount()
    await page.getByRole('button', { name: 'Mở máy ảnh' }).click()
    await expect
      .poll(() => page.locator('[data-status]').textContent(), { timeout: 20_000 })
      .toBe(`Đã ghi nhận “Nhận hàng” cho lô ${COOP_A.lotId}.`)
    expect(await page.locator('label-scan').getAttribute('data-decoder')).toBe('qr-scanner')
    expect(await receivingCount()).toBe(before + 1)
    expect(await page.locator('[data-recent] li').first().textContent()).toContain(COOP_A.lotId)
    await page.getByRole('button', { name: 'Tắt máy ảnh' }).click()
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(SHOTS, 'workspace-scan.png'), fullPage: true })
    await context.close()
  }, 60_000)

  it('refuses a forged label in the page and records nothing', async () => {
    const { context, page } = await signedInScanPage(forger)
    const before = await receivingCount()
    await page.getByRole('button', { name: 'Mở máy ảnh' }).click()
    await expect
      .poll(() => page.locator('[data-status]').textContent(), { timeout: 20_000 })
      .toContain('Chữ ký trên tem không đúng: tem giả.')
    expect(await page.locator('[data-pending]').textContent()).toBe('')
    expect(await receivingCount()).toBe(before)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(SHOTS, 'workspace-scan-forged.png'), fullPage: true })
    await context.close()
  }, 60_000)
})

describe.skipIf(skip)('a genuine label of another cooperative', () => {
  it('is verified, sent, refused by the server, and listed with the reason instead of waiting', async () => {
    const { context, page } = await signedInScanPage(genuine)
    await page.locator('#scan-code').fill(foreign)
    await page.getByRole('button', { name: 'Ghi nhận' }).click()
    await expect
      .poll(() => page.locator('[data-refused] li').first().textContent())
      .toBe(`Lô ${COOP_B.lotId} không thuộc hợp tác xã của bạn hoặc không còn tồn tại: không ghi nhận.`)
    expect(await page.locator('[data-pending]').textContent()).toBe('')
    expect(page.url()).toMatch(/\/workspace\/scan$/)
    await context.close()
  }, 60_000)
})

describe.skipIf(skip)('scanning without a network', () => {
  it('queues three scans, sends them once back online, and a replayed queue stores nothing twice', async () => {
    const { context, page } = await signedInScanPage(genuine)
    await context.setOffline(true)
    const pending = page.locator('[data-pending]')
    await page.getByRole('button', { name: 'Mở máy ảnh' }).click()
    await expect.poll(() => pending.textContent(), { timeout: 20_000 }).toBe('1 đang chờ gửi')
    await page.getByRole('button', { name: 'Tắt máy ảnh' }).click()
    for (const [i, url] of labels.slice(1).entries()) {
      await page.locator('#scan-code').fill(url)
      await page.getByRole('button', { name: 'Ghi nhận' }).click()
      await expect.poll(() => pending.textContent()).toBe(`${i + 2} đang chờ gửi`)
    }
    // The page itself still opens offline, from the service worker's copy, and says so.
    await page.reload()
    expect(await page.locator('.offline-notice').textContent()).toContain('Bạn đang ngoại tuyến')
    await expect.poll(() => pending.textContent()).toBe('3 đang chờ gửi')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(SHOTS, 'workspace-scan-offline.png'), fullPage: true })
    // The app's start page too: the worker's scope is /workspace, not /workspace/.
    await page.goto(`${origin}/workspace`)
    expect(await page.locator('.offline-notice').textContent()).toContain('Bạn đang ngoại tuyến')
    await page.goto(`${origin}/workspace/scan`)
    await expect.poll(() => pending.textContent()).toBe('3 đang chờ gửi')
    const queue = await page.evaluate<QueuedEvent[]>(`new Promise((resolve, reject) => {
      const open = indexedDB.open('zt-workspace')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const all = open.result.transaction('queue').objectStore('queue').getAll()
        all.onsuccess = () => resolve(all.result)
      }
    })`)
    const ids = queue.map((e) => e.id)
    expect(ids).toHaveLength(3)
    expect(await eventsOf(ids)).toBe(0)

    await context.setOffline(false)
    await expect.poll(() => pending.textContent(), { timeout: 20_000 }).toBe('')
    expect(await eventsOf(ids)).toBe(3)

    // The same queue sent twice more, as a phone would after losing the answers: still three events.
    const statuses = await page.evaluate<number[]>(`(async (events) => {
      const csrf = document.querySelector('input[name="_csrf"]').value
      const answers = []
      for (let round = 0; round < 2; round++) {
        for (const { lotId, id, bizStep, time } of events) {
          const res = await fetch('/api/v1/lots/' + lotId + '/events', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify({ id, bizStep, time }),
          })
          answers.push(res.status)
        }
      }
      return answers
    })(${JSON.stringify(queue)})`)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200])
    expect(await eventsOf(ids)).toBe(3)
    await context.close()
  }, 90_000)
})
