// What the UI benches share: a page throttled like a mid-range phone on Fast 3G, the compressed bytes of
// script and style a load fetched, and reading back what a probe (an init script) recorded in the page.
import type { BrowserContext, Page } from '@playwright/test'
import { percentile } from './bench-db.ts'

/** Chrome DevTools' "Fast 3G" preset. */
export const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
}

/** A page of `context` on a mid-range phone's CPU (4x slowdown) and Fast 3G, with `probe` run before its scripts. */
export async function throttled(context: BrowserContext, probe: string): Promise<Page> {
  await context.addInitScript(probe)
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', FAST_3G)
  return page
}

/** Compressed bytes of the scripts and stylesheets a load fetched. */
export function watchAssets(page: Page): () => Promise<number> {
  const sizes: Promise<number>[] = []
  page.on('requestfinished', (request) => {
    if (['script', 'stylesheet'].includes(request.resourceType()))
      sizes.push(request.sizes().then((s) => s.responseBodySize))
  })
  return async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0) / 1024
}

/** Polls what the probe recorded; the time itself was taken in the page, so polling adds nothing to it. */
export async function recorded(page: Page, expression: string, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await page.evaluate<number | undefined>(expression)
    if (typeof value === 'number') return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  )
