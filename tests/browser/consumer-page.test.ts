import type { Browser, Page } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  browserUnavailable,
  launch,
  openWalk,
  PROFILES,
  type Profile,
  pageWeight,
  readmeShot,
  screenshot,
  seriousViolations,
  type Walk,
} from './browser.ts'
import { COPY_AFTER_SCANS, type DemoWorld, startDemoWorld } from './demo-world.ts'

const skip = browserUnavailable()
/** The budget for the page a shopper's phone downloads on 3G. */
const PAGE_BUDGET_BYTES = 30 * 1024

let world: DemoWorld
let browser: Browser
const states: Record<string, { path: string; reason: string; heading: RegExp }> = {}

/** The same link with one character of its signature changed, as a forger's edit would. */
function tampered(path: string): string {
  const url = new URL(path, 'http://x')
  const s = url.searchParams.get('s')!
  const i = Math.floor(s.length / 2)
  url.searchParams.set('s', `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`)
  return `${url.pathname}${url.search}`
}

function withKey(path: string, kid: string): string {
  const url = new URL(path, 'http://x')
  url.searchParams.set('k', kid)
  return `${url.pathname}${url.search}`
}

async function prepareStates(): Promise<void> {
  const authentic = await world.label()
  states.authentic = { path: authentic, reason: 'authentic', heading: /chính hãng/i }
  states.tampered = { path: tampered(await world.label()), reason: 'bad_signature', heading: /không hợp lệ/i }
  states['unknown-key'] = {
    path: withKey(await world.label(), 'kid-never-issued-0000'),
    reason: 'unknown_key',
    heading: /khóa|không xác minh/i,
  }
  // A lot of its own, so the recall does not reach the flagship lot the other walks use.
  const recalled = await world.label('DEMO-DSHT-01')
  const recall = await world.app.inject({
    method: 'POST',
    url: '/api/v1/lots/DEMO-DSHT-01/recall',
    headers: world.admin,
    payload: { reason: 'Phát hiện nấm mốc trong mẫu lưu (demo)' },
  })
  expect(recall.statusCode).toBe(200)
  states.recalled = { path: recalled, reason: 'recalled', heading: /thu hồi/i }
  // The pomelo's OCOP certificate lapsed: certified 36 months before mid-2025.
  await world.test.db.query(
    `update products set certified_on = '2022-06-30', certificate_expires_on = '2025-06-30'
       where id = (select product_id from lots where id = 'DEMO-BDX-01')`,
  )
  states.expired = { path: await world.label('DEMO-BDX-01'), reason: 'ocop_expired', heading: /hết hạn/i }
  const copy = await world.label()
  for (let i = 0; i < COPY_AFTER_SCANS + 1; i++) {
    await world.app.inject({ url: copy, headers: { accept: 'application/json' } })
  }
  states['suspected-copy'] = { path: copy, reason: 'suspected_copy', heading: /sao chép/i }
}

beforeAll(async () => {
  if (skip) return
  world = await startDemoWorld()
  browser = await launch()
  await prepareStates()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await world?.close()
})

async function verdictOf(page: Page): Promise<string | null> {
  return page.locator('.verdict').first().getAttribute('data-reason')
}

async function walk(profile: Profile, opts?: { javaScript?: boolean; locale?: string }): Promise<Walk> {
  return openWalk(browser, world.origin, profile, opts)
}

describe.skipIf(skip)('consumer page in a browser', () => {
  for (const profile of Object.keys(PROFILES) as Profile[]) {
    // Six page loads, each checked by axe and photographed: a minute or more on a busy two-core machine.
    it(`shows each verdict as its own state, accessible and light, on a ${profile}`, {
      timeout: 240_000,
    }, async () => {
      const w = await walk(profile)
      const weights: string[] = []
      try {
        for (const [name, state] of Object.entries(states)) {
          const bytes = await pageWeight(w.page, () => w.page.goto(`${world.origin}${state.path}`))
          expect(await verdictOf(w.page), name).toBe(state.reason)
          expect(await w.page.locator('.verdict h2').textContent(), name).toMatch(state.heading)
          // One verdict, never a green banner with a warning under it.
          expect(await w.page.locator('.verdict').count(), name).toBe(1)
          expect(await seriousViolations(w.page), name).toEqual([])
          expect(bytes, `${name}: ${bytes} bytes on the wire`).toBeLessThanOrEqual(PAGE_BUDGET_BYTES)
          weights.push(`${name} ${bytes} B`)
          await screenshot(w.page, `${profile}-${name}`)
          if (profile === 'phone' && name === 'authentic')
            await readmeShot(w.page, 'phone-authentic-first-screen', 'consumer-page-phone.png')
        }
        expect(w.foreign).toEqual([])
        console.info(`consumer page on the wire, ${profile}: ${weights.join(', ')}`)
      } finally {
        await w.context.close()
      }
    })
  }

  it('keeps the verdict through a feedback round trip, shows script as text, and a reload does not resend', async () => {
    const path = await world.label()
    const w = await walk('phone')
    const dialogs: string[] = []
    w.page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    try {
      await w.page.goto(`${world.origin}${path}`)
      const comment = '<script>alert("xss")</script><img src=x onerror=alert(2)> Ngon, giòn!'
      await w.page.locator('label[for="rating-4"]').click()
      await w.page.locator('#comment').fill(comment)
      await Promise.all([w.page.waitForURL(/feedback=sent/), w.page.getByRole('button').click()])
      expect(await verdictOf(w.page)).toBe('authentic')
      await expect.poll(() => w.page.locator('.thanks').textContent()).toMatch(/Cảm ơn/)
      await screenshot(w.page, 'phone-feedback-sent')
      await w.page.reload()
      expect(await verdictOf(w.page)).toBe('authentic')
      const serial = new URL(path, 'http://x').pathname.split('/').at(-1)
      const stored = await world.test.db.query<{ comment: string }>(
        'select comment from feedback where serial = $1',
        [serial],
      )
      expect(stored.map((r) => r.comment)).toEqual([comment])
      expect(dialogs).toEqual([])
      expect(w.foreign).toEqual([])
    } finally {
      await w.context.close()
    }
  })

  it('switches to English and back with the signature kept', async () => {
    // A fresh label: every view counts as a scan, and the verdict walks already viewed the others.
    const path = await world.label()
    const w = await walk('phone')
    try {
      await w.page.goto(`${world.origin}${path}`)
      await w.page.locator('header a.lang').click()
      await w.page.waitForURL(/lang=en/)
      expect(await w.page.locator('html').getAttribute('lang')).toBe('en')
      expect(await verdictOf(w.page)).toBe('authentic')
      expect(await w.page.locator('.verdict h2').textContent()).toMatch(/genuine|authentic/i)
      expect(await seriousViolations(w.page)).toEqual([])
      await screenshot(w.page, 'phone-authentic-en')
      const url = new URL(w.page.url())
      expect(url.searchParams.get('s')).toBeTruthy()
      expect(url.searchParams.get('k')).toBeTruthy()
      await w.page.locator('header a.lang').click()
      await w.page.waitForURL(/lang=vi/)
      expect(await w.page.locator('html').getAttribute('lang')).toBe('vi')
      expect(await verdictOf(w.page)).toBe('authentic')
    } finally {
      await w.context.close()
    }
  })

  it('works without JavaScript: verdict, language switch and feedback form', async () => {
    const path = await world.label()
    const w = await walk('phone', { javaScript: false })
    try {
      await w.page.goto(`${world.origin}${path}`)
      expect(await verdictOf(w.page)).toBe('authentic')
      await screenshot(w.page, 'phone-no-script')
      await w.page.locator('label[for="rating-5"]').click()
      await Promise.all([w.page.waitForURL(/feedback=sent/), w.page.getByRole('button').click()])
      expect(await verdictOf(w.page)).toBe('authentic')
      expect(await w.page.locator('.thanks').textContent()).toMatch(/Cảm ơn/)
      expect(w.foreign).toEqual([])
    } finally {
      await w.context.close()
    }
  })
})
