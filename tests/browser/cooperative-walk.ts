// The cooperative's whole walk on the running demo (issue 16), in the browser alone: the admin registers a
// new cooperative and its account; the cooperative, on a 360 px phone, draws its growing area on the map,
// registers a product (a wrong GTIN check digit refused with the reason first), creates a lot, issues its
// labels and downloads the PDF sheet; every code on the sheet's first page decodes with zbarimg; one of them
// opens the consumer page showing the lot; and the same printed label, shown to the phone's camera (Chromium's
// fake camera playing it), records a receiving event for the lot. Run from console-walks.test.ts, which owns
// the demo child process and its browser.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from '@playwright/test'
import { expect } from 'vitest'
import { decodeQrCodes, tool } from '../api/labels/print-tools.ts'
import { CHROMIUM, openWalk, readmeShot, screenshot, seriousViolations } from './browser.ts'
import { CONSOLE_SIZES, openConsoleWalk, submitSignIn } from './console-session.ts'
import { writeLabelY4m } from './fake-camera.ts'

export interface DemoWalkWorld {
  origin: string
  browser: Browser
  account(role: string): { email: string; password: string }
}

const COOP = { id: 'htx-dua-xanh', name: 'HTX Dừa Xanh Cầu Kè' }
const PERSON = { name: 'Chị Thảo', email: 'thao@htx-dua-xanh.example' }
const AREA = 'VN-VL-DX-001'
const LABELS = 8

async function checked(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), `${name}: ${page.url()}`).toEqual([])
  const wide = await page.evaluate<number>('document.documentElement.scrollWidth')
  expect(wide, `${name} scrolls sideways`).toBeLessThanOrEqual(CONSOLE_SIZES.phone.viewport.width)
  await screenshot(page, `cooperative-walk-${name}`)
}

/** The admin, at a desk: the cooperative first, then its account; the password is shown once. */
async function newCooperativeAccount(world: DemoWalkWorld): Promise<{ email: string; password: string }> {
  const { context, page } = await openConsoleWalk(world.browser, world.origin, 'desktop')
  await page.goto(`${world.origin}/console/admin/users`)
  await submitSignIn(page, world.account('admin'), /\/console\/admin\/users$/)
  await page.locator('#coop-id').fill(COOP.id)
  await page.locator('#coop-name').fill(COOP.name)
  await Promise.all([
    page.waitForLoadState('load'),
    page.getByRole('button', { name: 'Đăng ký hợp tác xã' }).click(),
  ])
  await expect(page.locator('.notice').textContent()).resolves.toContain(
    `Đã đăng ký hợp tác xã ${COOP.name}.`,
  )
  await page.locator('#displayName').fill(PERSON.name)
  await page.locator('#email').fill(PERSON.email)
  await page.locator('#role').selectOption('cooperative')
  await page.locator('#cooperativeId').selectOption(COOP.id)
  await Promise.all([
    page.waitForLoadState('load'),
    page.locator('form[action="/console/admin/users"] button[type=submit]').click(),
  ])
  const password = (await page.locator('code.secret').textContent())?.trim() ?? ''
  expect(password.length).toBeGreaterThanOrEqual(16)
  await context.close()
  return { email: PERSON.email, password }
}

async function drawArea(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/workspace/areas/new`)
  await page.getByLabel('Mã số vùng trồng').fill(AREA)
  await page.getByLabel('Tên vùng trồng').fill('Vườn dừa sáp ven sông Hậu')
  await page.getByLabel('Cây trồng hoặc loài nuôi').fill('Dừa sáp')
  await page.getByLabel('Diện tích (ha)').fill('1')
  await page.locator('#area-communeCode').selectOption({ index: 1 })
  const canvas = page.locator('.area-draw-canvas')
  await canvas.scrollIntoViewIfNeeded()
  for (const [x, y] of [
    [80, 80],
    [240, 80],
    [240, 200],
    [80, 200],
  ] as const)
    await canvas.tap({ position: { x, y } })
  const status = page.locator('.area-draw-status')
  await expect(status.textContent()).resolves.toContain('4 góc')
  // The stated hectares follow what was drawn, as a cooperative reads the map's figure off the screen.
  const drawn = /Diện tích vẽ: ([\d.,]+) ha/.exec((await status.textContent()) ?? '')?.[1] ?? ''
  const hectares = Number(drawn.replace(/\./g, '').replace(',', '.'))
  expect(hectares).toBeGreaterThan(0)
  await page.getByLabel('Diện tích (ha)').fill(String(Math.max(0.1, Math.round(hectares * 10) / 10)))
  await expect(status.textContent()).resolves.toContain('Ranh giới hợp lệ.')
  await page.locator('input[name=preset][value=none]').check()
  await checked(page, 'area-drawn')
  await Promise.all([
    page.waitForURL(/\/workspace\/areas\?saved=/),
    page.getByRole('button', { name: 'Lưu vùng trồng' }).click(),
  ])
  await expect(page.locator('.ws-card', { hasText: AREA }).count()).resolves.toBe(1)
}

/** A wrong check digit first: refused with the reason, by the page as it is typed and by the server. */
async function registerProduct(page: Page, origin: string): Promise<string> {
  await page.goto(`${origin}/workspace/products/new`)
  await page.getByLabel('Tên sản phẩm (tiếng Việt)').fill('Dừa sáp Cầu Kè')
  await page.getByLabel('Nhóm sản phẩm OCOP').selectOption('food')
  await page.locator('input[name=stars][value="4"]').check()
  const gtin = page.getByLabel('Mã GTIN (số dưới mã vạch)')
  await gtin.pressSequentially('8931234567893')
  const reason = 'Số kiểm tra sai: với 12 chữ số đầu, số cuối phải là 7, không phải 3.'
  await expect(page.locator('#product-gtin-error').textContent()).resolves.toBe(reason)
  const [refused] = await Promise.all([
    page.waitForResponse(
      (r) => r.url().endsWith('/workspace/products/new') && r.request().method() === 'POST',
    ),
    page.getByRole('button', { name: 'Lưu sản phẩm' }).click(),
  ])
  expect(refused.status()).toBe(400)
  await page.waitForLoadState('load')
  await expect(page.locator('#product-gtin-error').textContent()).resolves.toBe(reason)
  await checked(page, 'product-refused')
  await gtin.fill('')
  await gtin.pressSequentially('8931234567897')
  await Promise.all([
    page.waitForURL(/\/workspace\/products\?saved=/),
    page.getByRole('button', { name: 'Lưu sản phẩm' }).click(),
  ])
  // The product list answers with the id the product was saved under.
  const id = new URL(page.url()).searchParams.get('saved')
  expect(id).toBeTruthy()
  return id!
}

async function createLot(page: Page, origin: string, productId: string): Promise<string> {
  await page.goto(`${origin}/workspace/lots/new`)
  await page.getByLabel('Sản phẩm').selectOption(productId)
  await page.locator(`input[name=areaCodes][value="${AREA}"]`).check()
  await page.getByLabel('Khối lượng').fill('1200')
  const lotId = await page.locator('#lot-id').inputValue()
  await Promise.all([page.waitForURL(/created=1$/), page.getByRole('button', { name: 'Tạo lô' }).click()])
  return lotId
}

/** Issues the labels, downloads the PDF, and returns every code zbarimg finds on its first page. */
async function printLabels(page: Page, origin: string, lotId: string, dir: string): Promise<string[]> {
  await page.goto(`${origin}/workspace/lots/${encodeURIComponent(lotId)}/labels`)
  await page.getByLabel('Số tem').fill(String(LABELS))
  await page.getByLabel('Khổ in').selectOption('a4-2x4')
  await page.getByRole('button', { name: 'Tạo và ký tem' }).click()
  await page.waitForURL(new RegExp(`issued=${LABELS}$`))
  await checked(page, 'labels')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải PDF' }).click(),
  ])
  const pdf = join(dir, 'labels.pdf')
  await writeFile(pdf, await readFile((await download.path())!))
  await tool('pdftoppm', ['-r', '300', '-f', '1', '-l', '1', '-png', '-singlefile', pdf, join(dir, 'page')])
  return decodeQrCodes(join(dir, 'page.png'))
}

/** The phone's camera shows the printed label; scanning records receiving for the lot. */
async function scanReceiving(
  world: DemoWalkWorld,
  account: { email: string; password: string },
  label: string,
  lotId: string,
  dir: string,
): Promise<void> {
  const video = join(dir, 'label.y4m')
  await writeLabelY4m(video, label)
  const phone = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  })
  try {
    const { context, page } = await openWalk(phone, world.origin, 'phone')
    await page.setViewportSize(CONSOLE_SIZES.phone.viewport)
    await context.grantPermissions(['camera'], { origin: world.origin })
    await page.goto(`${world.origin}/console/login?next=${encodeURIComponent('/workspace/scan')}`)
    await submitSignIn(page, account, /\/workspace\/scan$/)
    await page.getByRole('button', { name: 'Mở máy ảnh' }).click()
    await expect
      .poll(() => page.locator('[data-status]').textContent(), { timeout: 30_000 })
      .toBe(`Đã ghi nhận “Nhận hàng” cho lô ${lotId}.`)
    await page.getByRole('button', { name: 'Tắt máy ảnh' }).click()
    await checked(page, 'scanned')
    await readmeShot(page, 'workspace-scan-phone', 'workspace-scan-phone.png')
    // The lot's own timeline has it, newest first.
    await page.goto(`${world.origin}/workspace/lots/${encodeURIComponent(lotId)}`)
    await expect(page.locator('.ws-timeline li').first().textContent()).resolves.toContain('Nhận hàng')
    await context.close()
  } finally {
    await phone.close()
  }
}

export async function cooperativeWalk(world: DemoWalkWorld): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'zt-coop-walk-'))
  try {
    const account = await newCooperativeAccount(world)
    const { context, page, foreign } = await openConsoleWalk(world.browser, world.origin, 'phone')
    await page.goto(`${world.origin}/console/login`)
    await submitSignIn(page, account, /\/workspace$/)
    await checked(page, 'home-empty')
    await drawArea(page, world.origin)
    const productId = await registerProduct(page, world.origin)
    const lotId = await createLot(page, world.origin, productId)
    await checked(page, 'lot')
    const codes = await printLabels(page, world.origin, lotId, dir)
    expect(codes).toHaveLength(LABELS)
    for (const code of codes) expect(code).toContain(`/10/${lotId}/21/`)

    // The consumer page of one printed label, on this demo's own address.
    const printed = new URL(codes[0]!)
    await page.goto(`${world.origin}${printed.pathname}${printed.search}`)
    await expect(page.locator('main').textContent()).resolves.toContain(lotId)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'cooperative-walk-consumer')

    await page.goto(`${world.origin}/workspace`)
    await expect(page.locator('main').textContent()).resolves.toContain(lotId)
    await readmeShot(page, 'workspace-home-phone', 'workspace-home-phone.png')
    await page.goto(`${world.origin}/workspace/lots/${encodeURIComponent(lotId)}`)
    await readmeShot(page, 'workspace-lot-phone', 'workspace-lot-phone.png')
    expect(foreign).toEqual([])
    await context.close()
    await scanReceiving(world, account, codes[0]!, lotId, dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
