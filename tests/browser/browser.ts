// Debian's Chromium driven by Playwright: never a downloaded browser (there is no network for one here),
// every request that leaves the test server refused and recorded, so a page that reaches a CDN fails.
import { existsSync } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, chromium, devices, type Page } from '@playwright/test'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Where the walks leave their screenshots for a reviewer (gitignored). */
export const SHOTS_DIR = join(import.meta.dirname, '..', '..', 'test-output', 'browser')

/**
 * Why the walks cannot run here, or undefined when they can. `.ci/run` sets BROWSER_TESTS=required, so on
 * CI a missing Chromium fails the run instead of skipping it.
 */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined
  const why = `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-core, or set CHROMIUM_PATH)`
  if (process.env.BROWSER_TESTS === 'required') throw new Error(`browser tests required but ${why}`)
  console.warn(`browser walks skipped: ${why}`)
  return why
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
}

export const PROFILES = {
  phone: devices['Pixel 7'],
  desktop: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } },
} as const
export type Profile = keyof typeof PROFILES

export interface Walk {
  context: BrowserContext
  page: Page
  /** URLs the page tried to reach on another host (refused). */
  foreign: string[]
}

export async function openWalk(
  browser: Browser,
  origin: string,
  profile: Profile,
  opts: { javaScript?: boolean; locale?: string } = {},
): Promise<Walk> {
  const context = await browser.newContext({
    ...PROFILES[profile],
    locale: opts.locale ?? 'vi-VN',
    javaScriptEnabled: opts.javaScript ?? true,
  })
  const foreign: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue()
    foreign.push(url)
    return route.abort('blockedbyclient')
  })
  return { context, page: await context.newPage(), foreign }
}

/** Bytes on the wire (compressed bodies plus headers) of everything the page loaded. */
export async function pageWeight(page: Page, load: () => Promise<unknown>): Promise<number> {
  const sizes: Promise<{ responseBodySize: number; responseHeadersSize: number }>[] = []
  const onFinished = (request: import('@playwright/test').Request) => sizes.push(request.sizes())
  page.on('requestfinished', onFinished)
  try {
    await load()
    await page.waitForLoadState('load')
  } finally {
    page.off('requestfinished', onFinished)
  }
  const all = await Promise.all(sizes)
  return all.reduce((sum, s) => sum + s.responseBodySize + s.responseHeadersSize, 0)
}

/** axe-core's serious and critical findings, each as "rule: target" lines for a readable failure. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`))
}

/** The whole page by default, at CSS pixels so a reviewer's screen shows it at phone size. */
export async function screenshot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<string> {
  await mkdir(SHOTS_DIR, { recursive: true })
  const path = join(SHOTS_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: opts.fullPage ?? true, scale: 'css' })
  return path
}

/**
 * The first screen, as the README shows it: written to test-output every run, and over the README's copy
 * in docs/screenshots when UPDATE_SCREENSHOTS=1 asks for it to be refreshed.
 */
export async function readmeShot(page: Page, name: string, readmeFile: string): Promise<void> {
  const path = await screenshot(page, name, { fullPage: false })
  if (!process.env.UPDATE_SCREENSHOTS) return
  const target = join(import.meta.dirname, '..', '..', 'docs', 'screenshots', readmeFile)
  await mkdir(join(target, '..'), { recursive: true })
  await copyFile(path, target)
}
