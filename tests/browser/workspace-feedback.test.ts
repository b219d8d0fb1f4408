// The workspace home and the feedback page on a 360×800 phone in Debian's Chromium: a cooperative signs in,
// sees its area's alert and reading, answers a comment and hides another with the plain forms (no script
// needed), and sees where its labels were scanned. Both pages pass axe-core with no serious or critical
// finding and have no sideways scroll; screenshots go to test-output/browser/workspace-home.png and
// workspace-feedback*.png (the whole page, and one phone screen of its top and of the scan regions).
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { addFeedback, provisionGateway } from '@zonetrace/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COOP_A, PASSWORD } from '../workspace/workspace-fixture.ts'
import { browserUnavailable, SHOTS_DIR } from './browser.ts'
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
    const db = ws.test.db
    await provisionGateway(db, { id: 'gw-ngocho', zone: COOP_A.areaCode, sensors: ['salinity', 'ph'] })
    await db.query(
      `insert into readings (time, sensor_id, metric, value) values
         (now() - interval '12 minutes', 'gw-ngocho-s1', 'salinity', 2.4), (now() - interval '3 hours', 'gw-ngocho-s1', 'ph', 7.1)`,
    )
    for (const [ago, rating, comment] of [
      [2, 5, 'Dừa sáp dẻo, thơm, đúng như mô tả. Sẽ mua lại!'],
      [9, 4, 'Ngon nhưng giao hơi chậm.'],
      [16, 3, null],
      [30, 5, '<script>alert(1)</script> quảng cáo spam'],
    ] as const) {
      const id = await addFeedback(db, {
        lotId: COOP_A.lotId,
        serial: `VS${ago}`,
        rating,
        comment,
        lang: 'vi',
      })
      await db.query(`update feedback set created_at = now() - $2::int * interval '1 day' where id = $1`, [
        id,
        ago,
      ])
    }
    await db.query(
      `insert into label_serials (serial, lot_id, kid, scan_count, clone_flag, clone_flagged_at) values
         ('VS2', $1, 'k1', 31, 'too_many_scans', now() - interval '1 day'), ('VS9', $1, 'k1', 2, null, null)`,
      [COOP_A.lotId],
    )
    await db.query(
      `insert into label_scans (serial, lot_id, lat, lon, region, verdict) values
         ('VS2', $1, 9.9, 106.3, 'VN-VL', 'authentic'), ('VS2', $1, 9.9, 106.3, 'VN-VL', 'authentic'),
         ('VS2', $1, 10.8, 106.7, 'VN-SG', 'authentic'), ('VS2', $1, 21.0, 105.8, 'VN-HN', 'authentic'),
         ('VS9', $1, null, null, null, 'authentic')`,
      [COOP_A.lotId],
    )
  })
  ;({ origin, browser } = walks)
}, 180_000)

afterAll(async () => {
  await walks?.close()
})

describe.skipIf(skip)('the workspace home and feedback on a phone', () => {
  it('shows the overview, answers and hides feedback with plain forms', { timeout: 180_000 }, async () => {
    const { context, page } = await openConsoleWalk(browser, origin, 'phone')
    await page.goto(`${origin}/console/login?next=${encodeURIComponent('/workspace')}`)
    await submitSignIn(page, { email: COOP_A.email, password: PASSWORD }, /\/workspace$/)
    await expect(page.locator('h1').textContent()).resolves.toBe('Tổng quan')
    await expect(page.locator('main').textContent()).resolves.toContain('12 phút trước')
    await checkPhonePage(page, 'workspace-home')

    await Promise.all([
      page.waitForURL(/\/workspace\/feedback$/),
      page.getByRole('link', { name: 'Xem ý kiến và lượt quét' }).click(),
    ])
    await checkPhonePage(page)
    const first = page.locator('li.hc-card').first()
    await first.getByLabel('Trả lời').fill('Cảm ơn anh chị đã ủng hộ HTX!')
    await Promise.all([
      page.waitForURL(/\/workspace\/feedback#fb-\d+$/),
      first.getByRole('button', { name: 'Lưu trả lời' }).click(),
    ])
    await expect(page.locator('li.hc-card').first().textContent()).resolves.toContain(
      'Hợp tác xã trả lời: Cảm ơn anh chị đã ủng hộ HTX!',
    )
    const spam = page.locator('li.hc-card', { hasText: 'quảng cáo spam' })
    await Promise.all([
      page.waitForURL(/#fb-\d+$/),
      spam.getByRole('button', { name: 'Ẩn ý kiến này' }).click(),
    ])
    await expect(spam.getByRole('button', { name: 'Hiện lại ý kiến này' }).count()).resolves.toBe(1)
    await checkPhonePage(page, 'workspace-feedback')
    // One phone screen each of the top and of the scan regions, to look at at their real size.
    await page.evaluate('window.scrollTo(0, 0)')
    await page.screenshot({ path: join(SHOTS, 'workspace-feedback-top.png') })
    await page.locator('#fb-regions-h').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SHOTS, 'workspace-feedback-regions.png') })
    await context.close()
  })
})
