// A cooperative's lot walked on a 360×800 phone in Debian's Chromium: create a lot from its product and area,
// record a packing event, issue labels (the <label-issue> progress bar showing while the server signs),
// download the PDF sheet, and open the consumer page the lot links to. Every page passes axe-core with no
// serious or critical finding and has no sideways scroll; screenshots go to test-output/browser/workspace-lot*.png.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { emptyBatch, insertReadings, provisionGateway } from '@zonetrace/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COOP_A, PASSWORD } from '../workspace/workspace-fixture.ts'
import { browserUnavailable, SHOTS_DIR, seriousViolations } from './browser.ts'
import { openConsoleWalk, submitSignIn } from './console-session.ts'
import { checkPhonePage, startWorkspaceWalks, type WorkspaceWalks } from './workspace-walks.ts'

const skip = browserUnavailable()
// Test runs photograph into test-output; the README's own pictures come from the demo walk (readmeShot).
const SHOTS = SHOTS_DIR

let walks: WorkspaceWalks | undefined
let origin: string
let browser: Browser

beforeAll(async () => {
  if (skip) return
  walks = await startWorkspaceWalks(async (ws) => {
    // Two days of salinity and pH in the lot's area, so its page draws the consumer page's charts.
    await provisionGateway(ws.test.db, { id: 'gw-walk', zone: COOP_A.areaCode, sensors: ['salinity', 'ph'] })
    const b = emptyBatch()
    const start = Date.now() - 3 * 86_400_000
    for (let h = 0; h < 48; h++) {
      for (const [metric, value] of [
        ['salinity', 0.4 + (h % 5) / 10],
        ['ph', 6.6 + (h % 4) / 10],
      ] as const) {
        b.time.push(start + h * 3_600_000)
        b.sensorId.push('gw-walk-s1')
        b.metric.push(metric)
        b.value.push(value)
        b.quality.push(0)
      }
    }
    await insertReadings(ws.test.db, b)
  })
  ;({ origin, browser } = walks)
}, 180_000)

afterAll(async () => {
  await walks?.close()
})

describe.skipIf(skip)('the workspace lot walk on a phone', () => {
  it('creates a lot, records an event, issues labels, downloads the PDF and opens the consumer page', {
    timeout: 240_000,
  }, async () => {
    const { context, page } = await openConsoleWalk(browser, origin, 'phone')
    await page.goto(`${origin}/console/login?next=${encodeURIComponent('/workspace/lots')}`)
    await submitSignIn(page, { email: COOP_A.email, password: PASSWORD }, /\/workspace\/lots$/)
    await expect(page.locator('h1').textContent()).resolves.toBe('Lô hàng')
    await checkPhonePage(page, 'workspace-lots')

    await Promise.all([
      page.waitForURL(/\/workspace\/lots\/new$/),
      page.getByRole('link', { name: 'Tạo lô mới' }).click(),
    ])
    await page.getByLabel('Sản phẩm').selectOption(COOP_A.productId)
    await page.locator(`input[name=areaCodes][value="${COOP_A.areaCode}"]`).check()
    await page.getByLabel('Khối lượng').fill('850')
    const lotId = await page.locator('#lot-id').inputValue()
    expect(lotId).toMatch(/^L\d{6}-[A-Z0-9]{3}$/)
    await checkPhonePage(page, 'workspace-lot-new')
    await Promise.all([page.waitForURL(/created=1$/), page.getByRole('button', { name: 'Tạo lô' }).click()])
    await expect(page.locator('.notice').textContent()).resolves.toContain(`Đã tạo lô ${lotId}.`)

    await page.getByLabel('Bước').selectOption('packing')
    await page.getByLabel('Địa điểm').fill('Nhà sơ chế Ngọc Hồ')
    await Promise.all([
      page.waitForURL(/event=1$/),
      page.getByRole('button', { name: 'Ghi sự kiện' }).click(),
    ])
    await expect(page.locator('.ws-timeline li').first().textContent()).resolves.toContain('Đóng gói')
    expect(await page.locator('.ws-evidence svg.chart').count()).toBeGreaterThan(0)
    await checkPhonePage(page, 'workspace-lot')

    await Promise.all([
      page.waitForURL(/\/labels$/),
      page.getByRole('link', { name: 'In tem cho lô này' }).click(),
    ])
    await page.getByLabel('Số tem').fill('40')
    await page.getByLabel('Khổ in').selectOption('a4-2x4')
    // Held back a moment, as a slow connection would, so the bar can be seen and photographed.
    await page.route('**/labels', async (route) => {
      if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 1500))
      await route.continue()
    })
    await page.getByRole('button', { name: 'Tạo và ký tem' }).click()
    await expect(page.locator('label-issue progress').isVisible()).resolves.toBe(true)
    await expect(page.locator('.issue-progress').textContent()).resolves.toContain('Đang tạo và ký 40 tem')
    await page.screenshot({ path: join(SHOTS, 'workspace-lot-labels-progress.png') })
    await page.waitForURL(/issued=40$/)
    await expect(page.locator('.notice').textContent()).resolves.toContain('Đã tạo 40 tem.')
    await checkPhonePage(page, 'workspace-lot-labels')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải PDF' }).click(),
    ])
    const pdf = await readFile((await download.path())!)
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)

    await page.goto(`${origin}/workspace/lots/${lotId}`)
    const [consumer] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Xem trang người tiêu dùng' }).click(),
    ])
    await consumer.waitForLoadState('load')
    expect(new URL(consumer.url()).pathname).toMatch(new RegExp(`/10/${lotId}/21/`))
    await expect(consumer.locator('body').textContent()).resolves.toContain(lotId)
    expect(await seriousViolations(consumer)).toEqual([])
    await consumer.screenshot({ path: join(SHOTS, 'workspace-lot-consumer.png') })

    // The recall: its confirmation lists what it will reach; after it, the lots it reached.
    await page.goto(`${origin}/workspace/lots/${lotId}`)
    await Promise.all([page.waitForURL(/\/recall$/), page.getByRole('link', { name: 'Thu hồi lô…' }).click()])
    await expect(page.locator('main').textContent()).resolves.toContain('Thu hồi sẽ áp dụng cho 1 lô')
    await checkPhonePage(page, 'workspace-lot-recall')
    await page.getByLabel('Lý do thu hồi').fill('Phát hiện dư lượng vượt mức')
    await Promise.all([
      page.waitForURL(/done=1$/),
      page.getByRole('button', { name: 'Xác nhận thu hồi' }).click(),
    ])
    await expect(page.locator('.notice').textContent()).resolves.toContain('Đã thu hồi 1 lô.')
    await checkPhonePage(page, 'workspace-lot-recalled')
    await context.close()
  })
})
